import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Tabs } from '../../ui/Tabs';
import { useSearchFilters } from '../../ui/useSearchFilters';
import { useVocabulary } from '../../vocab/useVocabulary';
import { CertificatesSection } from './CertificatesSection';
import { ConfirmDialog } from './ConfirmDialog';
import { ParticipantsSection, useRuleText } from './ParticipantsSection';
import { ScoresSection } from './ScoresSection';
import { SessionsSection } from './SessionsSection';
import { useTrainingFormat, useTrainingLabels } from './useTrainingText';
import { useDeleteProgramme, useProgramme, type ProgrammeDetail } from './useTrainings';
import './trainings.css';

const TABS = ['sessions', 'participants', 'scores', 'certificates'] as const;
type Tab = (typeof TABS)[number];

/**
 * A programme: what it is and its completion rule, then its parts in tabs
 * (the tab in the address, a code): sessions with their attendance sheets,
 * participants with their completion, the evaluation scores, certificates.
 */
export function ProgrammePage() {
  const { t } = useTranslation('trainings');
  const { id = '' } = useParams();
  const programme = useProgramme(id);
  const { search, setFilter } = useSearchFilters();
  const tab: Tab = TABS.find((x) => x === search.get('tab')) ?? 'sessions';

  return (
    <>
      <p className="training-back">
        <Link to="/trainings">{t('page.back')}</Link>
      </p>
      <PageHeader
        title={programme.data?.name ?? t('page.title')}
        actions={
          programme.data && (
            <Link className="button button--primary" to={`/trainings/${id}/edit`}>
              {t('page.edit')}
            </Link>
          )
        }
      />
      {programme.isPending && <Loading />}
      {programme.isError && <ProblemMessage error={programme.error} />}
      {programme.data && (
        <>
          <ProgrammeFacts programme={programme.data} />
          <Tabs
            label={t('page.parts')}
            selected={tab}
            onSelect={(next) => setFilter('tab', next === 'sessions' ? null : next)}
            items={[
              {
                id: 'sessions',
                label: t('tabs.sessions', { count: programme.data.sessionCount }),
                content: <SessionsSection programme={programme.data} />,
              },
              {
                id: 'participants',
                label: t('tabs.participants', { count: programme.data.enrolled }),
                content: <ParticipantsSection programme={programme.data} />,
              },
              {
                id: 'scores',
                label: t('tabs.scores'),
                content: <ScoresSection programme={programme.data} />,
              },
              {
                id: 'certificates',
                label: t('tabs.certificates'),
                content: <CertificatesSection programme={programme.data} />,
              },
            ]}
          />
        </>
      )}
    </>
  );
}

function ProgrammeFacts({ programme }: { programme: ProgrammeDetail }) {
  const { t } = useTranslation('trainings');
  const { label } = useVocabulary();
  const labels = useTrainingLabels();
  const format = useTrainingFormat();
  const rule = useRuleText(programme);
  const [deleting, setDeleting] = useState(false);
  return (
    <section className="panel training-facts" aria-labelledby="programme-facts-title">
      <h2 id="programme-facts-title">{t('page.facts')}</h2>
      <dl className="facts">
        <dt>{t('fields.topic')}</dt>
        <dd className="training-topic">{programme.topic}</dd>
        <dt>{t('fields.targetSectors')}</dt>
        <dd>{programme.targetSectors.map(labels.sector).join(', ')}</dd>
        <dt>{t('fields.partnerInstitution')}</dt>
        <dd>{programme.partnerInstitution ?? t('page.noPartner')}</dd>
        <dt>{t('fields.modality')}</dt>
        <dd>
          {labels.modality(programme.modality)}
          {programme.province && ` · ${label('province', programme.province)}`}
        </dd>
        <dt>{t('fields.period')}</dt>
        <dd>{format.period(programme.startsOn, programme.endsOn)}</dd>
        <dt>{t('fields.totalHours')}</dt>
        <dd>{format.hours(programme.totalHours)}</dd>
        <dt>{t('page.rule')}</dt>
        <dd>{rule}</dd>
        <dt>{t('page.progress')}</dt>
        <dd>
          {t('page.progressValue', {
            enrolled: format.count(programme.enrolled),
            completed: format.count(programme.completed),
          })}
        </dd>
      </dl>
      {programme.enrolled === 0 && programme.sessions.every((s) => !s.attendanceRecorded) && (
        <div className="actions training-facts__actions">
          <Button variant="quiet" onPress={() => setDeleting(true)}>
            {t('page.delete')}
          </Button>
        </div>
      )}
      {deleting && (
        <DeleteProgrammeDialog programme={programme} onClose={() => setDeleting(false)} />
      )}
    </section>
  );
}

function DeleteProgrammeDialog({
  programme,
  onClose,
}: {
  programme: ProgrammeDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation('trainings');
  const navigate = useNavigate();
  const remove = useDeleteProgramme(programme.id);
  return (
    <ConfirmDialog
      title={t('page.deleteTitle')}
      confirm={t('page.deleteConfirm')}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => void navigate('/trainings', { replace: true }),
        })
      }
      isPending={remove.isPending}
      error={remove.error}
      onCancel={onClose}
    >
      <p>{programme.name}</p>
      <p>{t('page.deleteExplain')}</p>
    </ConfirmDialog>
  );
}
