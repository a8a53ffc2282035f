import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useFormat } from '../../ui/format';
import { useVocabulary } from '../../vocab/useVocabulary';
import { useVerifyChain } from './useAudit';

/**
 * Recomputes the whole chain on request and says plainly what it found:
 * intact, or the first event that is not what Amparo wrote and what to do.
 */
export function ChainVerification() {
  const { t } = useTranslation('audit');
  const { label } = useVocabulary();
  const format = useFormat();
  const verify = useVerifyChain();
  const result = verify.data;
  return (
    <section className="panel audit-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <div className="actions">
        <Button variant="primary" onPress={() => verify.mutate()} isDisabled={verify.isPending}>
          {verify.isPending ? t('verify.running') : t('verify.run')}
        </Button>
      </div>
      {verify.error && <ProblemMessage error={verify.error} />}
      <div aria-live="polite">
        {result?.ok === true && (
          <div className="notice notice--success audit-verify__result">
            <p className="audit-verify__headline">{t('verify.intact')}</p>
            <dl className="facts">
              <div className="facts__row">
                <dt>{t('verify.events')}</dt>
                <dd>{format.number(result.events)}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('verify.lastSeq')}</dt>
                <dd>{result.lastSeq}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('verify.unsealed')}</dt>
                <dd>{format.number(result.unsealed)}</dd>
              </div>
            </dl>
          </div>
        )}
        {result?.ok === false && (
          <div className="notice notice--error audit-verify__result">
            <p className="audit-verify__headline">{t('verify.broken')}</p>
            <dl className="facts">
              <div className="facts__row">
                <dt>{t('verify.problem')}</dt>
                <dd>{label('auditProblem', result.problem)}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('verify.firstBadSeq')}</dt>
                <dd>{result.firstBadSeq}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('verify.firstBadId')}</dt>
                <dd>{result.firstBadId ? <code>{result.firstBadId}</code> : '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>{t('verify.checked')}</dt>
                <dd>{format.number(result.events)}</dd>
              </div>
            </dl>
            <p>{t(`verify.meaning.${result.problem}`)}</p>
            <h3 className="audit-verify__todo-title">{t('verify.todoTitle')}</h3>
            <ol className="audit-verify__todo">
              <li>{t('verify.todo.preserve')}</li>
              <li>{t('verify.todo.report')}</li>
              <li>{t('verify.todo.script')}</li>
              <li>{t('verify.todo.anchor')}</li>
            </ol>
          </div>
        )}
      </div>
    </section>
  );
}
