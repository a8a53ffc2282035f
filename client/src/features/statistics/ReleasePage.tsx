import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { useFormat } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { DecisionDialog } from './DecisionDialog';
import { ReleaseParameters } from './ReleaseParameters';
import { ReleaseTable } from './ReleaseTable';
import { useRelease, type Decision } from './useStatistics';
import { useStatisticsWords } from './useStatisticsWords';
import './statistics.css';

const STATE_TONE = { draft: 'warning', published: 'ok', discarded: 'error' } as const;

/**
 * One frozen release: its figures, margins and parameters; for a draft, the
 * decision — publish (public for good) or discard (never public, its ε
 * stays spent), each confirmed in words.
 */
export function ReleasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('statistics');
  const words = useStatisticsWords();
  const format = useFormat();
  const release = useRelease(id);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [decided, setDecided] = useState<Decision | null>(null);

  if (release.isPending) return <Loading />;
  if (release.error) {
    return (
      <>
        <PageHeader title={t('release.notFoundTitle')} />
        <ProblemMessage error={release.error} />
        <p>
          <Link to="/statistics">{t('release.backToDashboard')}</Link>
        </p>
      </>
    );
  }
  const r = release.data;
  return (
    <>
      <PageHeader
        title={words.table(r.table.id)}
        actions={
          <Link className="button button--secondary" to="/statistics">
            {t('release.backToDashboard')}
          </Link>
        }
      />
      <p className="release-heading">
        <span>{t('release.periodLine', { period: words.period(r.period) })}</span>
        <span className={`badge badge--${STATE_TONE[r.state]}`}>{words.state(r.state)}</span>
      </p>

      {decided && (
        <Notice tone="success" live>
          <p>{t(`decision.${decided}.done`)}</p>
        </Notice>
      )}
      {r.state === 'draft' && (
        <section className="panel decision" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('release.draftTitle')}</h2>
          <p>{t('release.draftExplain', { epsilon: words.epsilon(r.parameters.epsilon) })}</p>
          <div className="actions">
            <Button variant="primary" onPress={() => setDeciding('publish')}>
              {t('decision.publish.action')}
            </Button>
            <Button variant="danger" onPress={() => setDeciding('discard')}>
              {t('decision.discard.action')}
            </Button>
          </div>
        </section>
      )}
      {r.state === 'published' && r.publishedAt && (
        <p className="release-status">
          {t('release.publishedExplain', { date: format.dateTime(r.publishedAt) })}{' '}
          <Link to={`/observatorio/${r.id}`}>{t('release.inObservatory')}</Link>
        </p>
      )}
      {r.state === 'discarded' && (
        <p className="release-status">
          {t('release.discardedExplain', { epsilon: words.epsilon(r.parameters.epsilon) })}
        </p>
      )}

      <section className="panel" aria-labelledby="figures-title">
        <h2 id="figures-title">{t('release.figuresTitle')}</h2>
        <ReleaseTable release={r} />
        <p className="noise-warning">{t('noiseWarningTable')}</p>
      </section>
      <section className="panel" aria-labelledby="parameters-title">
        <h2 id="parameters-title">{t('release.parametersTitle')}</h2>
        <ReleaseParameters release={r} />
      </section>

      {deciding && (
        <DecisionDialog
          release={r}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onDone={(decision) => {
            setDeciding(null);
            setDecided(decision);
          }}
        />
      )}
    </>
  );
}
