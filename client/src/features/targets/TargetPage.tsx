import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/form/forms';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { BarChart, ScrollRegion } from '../../ui/charts';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ManualValueDialog } from './ManualValueDialog';
import { MeasureFacts } from './MeasureFacts';
import type { Program, TargetDetail } from './target-types';
import { QUARTERS } from './target-vocabularies';
import { useDeleteTarget, usePrograms, useTarget } from './useTargets';
import { useTargetFormat, useTargetProblems } from './useTargetWords';
import './targets.css';

/** One target: what it is, how it is measured, its progress by quarter and, if manual, its values. */
export function TargetPage() {
  const { t } = useTranslation('targets');
  const { id = '' } = useParams();
  const target = useTarget(id);
  const programs = usePrograms();
  return (
    <>
      {target.data ? (
        <>
          <p className="targets-back">
            <Link to={`/targets?year=${target.data.year}`}>
              {t('target.back', { year: target.data.year })}
            </Link>
          </p>
          <TargetView target={target.data} programs={programs.data ?? []} />
        </>
      ) : (
        <PageHeader title={t('target.title')} />
      )}
      {target.isPending && <Loading />}
      {target.isError && <ProblemMessage error={target.error} />}
    </>
  );
}

function TargetView({ target, programs }: { target: TargetDetail; programs: Program[] }) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const program = programs.find((p) => p.projects.some((j) => j.id === target.projectId));
  const project = program?.projects.find((j) => j.id === target.projectId);
  const manual = target.measure.kind === 'manual';
  const quarters = QUARTERS.map((q) => target.progress.quarters.find((f) => f.quarter === q));
  const programmedByQuarter = target.programmedByQuarter !== null;
  const caption = t('target.quartersCaption', { year: target.year });

  return (
    <>
      <PageHeader
        title={target.description}
        actions={
          <>
            <Link className="button button--secondary" to={`/targets/${target.id}/edit`}>
              {t('target.edit')}
            </Link>
            <Button variant="danger" onPress={() => setDeleting(true)}>
              {t('target.delete')}
            </Button>
          </>
        }
      />
      <section className="panel targets-section" aria-labelledby="target-facts">
        <h2 id="target-facts">{t('target.facts')}</h2>
        <dl className="facts">
          <dt>{t('fields.year')}</dt>
          <dd>{target.year}</dd>
          <dt>{t('fields.project')}</dt>
          <dd>
            {project ? (
              <Link to={`/targets/plan/projects/${project.id}?year=${target.year}`}>
                {t('plan.codeName', { code: project.code, name: project.name })}
              </Link>
            ) : (
              t('figures.none')
            )}
          </dd>
          <dt>{t('fields.indicator')}</dt>
          <dd>{target.indicator}</dd>
          <dt>{t('fields.unitOfMeasure')}</dt>
          <dd>{target.unitOfMeasure}</dd>
          <dt>{t('fields.measure')}</dt>
          <dd>
            <MeasureFacts measure={target.measure} />
          </dd>
          <dt>{t('fields.executingUnits')}</dt>
          <dd>{target.executingUnits.join(', ')}</dd>
          <dt>{t('fields.planObjective')}</dt>
          <dd>
            {target.planObjective ??
              (program?.planObjective
                ? t('target.programObjective', { objective: program.planObjective })
                : t('figures.none'))}
          </dd>
          <dt>{t('fields.resultsDescription')}</dt>
          <dd className="targets-pre">{target.resultsDescription ?? t('figures.none')}</dd>
        </dl>
      </section>

      <section className="panel targets-section" aria-labelledby="target-progress">
        <h2 id="target-progress">{t('target.progress', { year: target.year })}</h2>
        <dl className="facts targets-totals">
          <dt>{t('fields.programmed')}</dt>
          <dd>{format.withUnit(target.programmed, target.unitOfMeasure)}</dd>
          <dt>{t('fields.executed')}</dt>
          <dd>{format.withUnit(target.progress.executed, target.unitOfMeasure)}</dd>
          <dt>{t('fields.progress')}</dt>
          <dd>{format.percentOrNone(target.progress.progressPercent)}</dd>
        </dl>
        {!manual && <p className="field__description">{t('target.computedNote')}</p>}
        <div className="targets-quarterly">
          <BarChart
            title={t('target.chartTitle', { year: target.year })}
            description={t('target.chartDescription')}
            categories={QUARTERS.map((q) => t('quarters.short', { quarter: q }))}
            series={[
              ...(programmedByQuarter
                ? [
                    {
                      id: 'programmed',
                      label: t('fields.programmed'),
                      values: quarters.map((f) =>
                        f?.programmed == null ? null : Number(f.programmed),
                      ),
                    },
                  ]
                : []),
              {
                id: 'executed',
                label: t('fields.executed'),
                values: quarters.map((f) => (f ? Number(f.executed) : null)),
              },
            ]}
            valueLabel={target.unitOfMeasure}
            formatValue={(value) => format.value(value)}
          />
          <ScrollRegion label={caption}>
            <table className="table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('quarters.quarter')}</th>
                  <th scope="col" className="targets-num">
                    {t('fields.programmed')}
                  </th>
                  <th scope="col" className="targets-num">
                    {t('fields.executed')}
                  </th>
                  <th scope="col" className="targets-num">
                    {t('fields.progress')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {QUARTERS.map((q, i) => {
                  const f = quarters[i];
                  return (
                    <tr key={q}>
                      <th scope="row">{t('quarters.long', { quarter: q })}</th>
                      <td className="targets-num">
                        {f?.programmed == null ? t('figures.none') : format.value(f.programmed)}
                      </td>
                      <td className="targets-num">
                        {f ? format.value(f.executed) : t('figures.none')}
                      </td>
                      <td className="targets-num">
                        {f ? format.percentOrNone(f.progressPercent) : t('figures.none')}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
        {target.measure.kind === 'people_trained' ||
        target.measure.kind === 'people_certified' ||
        target.measure.kind === 'cases_attended' ? (
          <p className="field__description">{t('target.distinctNote')}</p>
        ) : null}
      </section>

      {manual && (
        <section className="panel targets-section" aria-labelledby="manual-values">
          <h2 id="manual-values">{t('manual.title')}</h2>
          <p className="field__description">{t('manual.explain')}</p>
          {recorded && (
            <Notice tone="success" live>
              {t('manual.recorded')}
            </Notice>
          )}
          <div className="actions">
            <Button variant="primary" onPress={() => setRecording(true)}>
              {t('manual.record')}
            </Button>
          </div>
          {target.manualValues.length === 0 ? (
            <p>{t('manual.none')}</p>
          ) : (
            <div
              className="scroll-region"
              role="region"
              aria-label={t('manual.caption')}
              tabIndex={0}
            >
              <table className="table">
                <caption>{t('manual.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('quarters.quarter')}</th>
                    <th scope="col" className="targets-num">
                      {t('manual.value')}
                    </th>
                    <th scope="col">{t('manual.note')}</th>
                    <th scope="col">{t('manual.recordedBy')}</th>
                    <th scope="col">{t('manual.recordedAt')}</th>
                    <th scope="col">{t('manual.counts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...target.manualValues].reverse().map((value) => (
                    <tr key={value.id} className={value.current ? undefined : 'targets-superseded'}>
                      <th scope="row">{t('quarters.long', { quarter: value.quarter })}</th>
                      <td className="targets-num">
                        {format.withUnit(value.value, target.unitOfMeasure)}
                      </td>
                      <td>{value.note ?? t('figures.none')}</td>
                      <td>{format.who(value.recordedBy)}</td>
                      <td className="targets-nowrap">{format.dateTime(value.recordedAt)}</td>
                      <td>{value.current ? t('manual.current') : t('manual.superseded')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {recording && (
        <ManualValueDialog
          target={target}
          onClose={(saved) => {
            setRecording(false);
            setRecorded(saved);
          }}
        />
      )}
      {deleting && <DeleteTargetDialog target={target} onClose={() => setDeleting(false)} />}
    </>
  );
}

function DeleteTargetDialog({ target, onClose }: { target: TargetDetail; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const navigate = useNavigate();
  const remove = useDeleteTarget(target.id);
  const problems = useTargetProblems();
  return (
    <ConfirmDialog
      title={t('target.deleteTitle')}
      confirm={t('target.deleteConfirm')}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => void navigate(`/targets?year=${target.year}`),
        })
      }
      isPending={remove.isPending}
      error={remove.error}
      problems={problems}
      cancelLabel={t('form.cancel')}
      onCancel={onClose}
    >
      <p>{t('target.deleteExplain')}</p>
    </ConfirmDialog>
  );
}
