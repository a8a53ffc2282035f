import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { fromDetail, type CaseFormValues } from '../form/case-form';
import { useFieldLabel } from '../form/useCaseForm';
import type { CaseDetail } from '../useCase';
import type { StaleReport } from './form-diff';
import { useValueText } from './useValueText';

/**
 * Someone saved this case while the person was editing: what changed, field by
 * field (as loaded → as it is now → what the person typed), and the way on.
 */
export function StaleChanges({
  base,
  report,
  onReload,
}: {
  base: CaseDetail;
  report: StaleReport & { fresh: CaseDetail };
  onReload: () => void;
}) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const text = useValueText();
  const before = fromDetail(base);
  const now = fromDetail(report.fresh);
  return (
    <section
      className="notice notice--warning case-stale"
      role="alert"
      aria-labelledby="stale-title"
    >
      <h2 id="stale-title" className="notice__title">
        {t('stale.title')}
      </h2>
      <p>{t('stale.explanation')}</p>
      {report.theirs.length === 0 ? (
        <p>{t('stale.onlyStatus')}</p>
      ) : (
        <table className="table">
          <caption>{t('stale.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stale.field')}</th>
              <th scope="col">{t('stale.before')}</th>
              <th scope="col">{t('stale.now')}</th>
              <th scope="col">{t('stale.yours')}</th>
            </tr>
          </thead>
          <tbody>
            {report.theirs.map((path) => (
              <tr key={path}>
                <th scope="row">{label(path)}</th>
                <td>{text(before, path)}</td>
                <td>{text(now, path)}</td>
                <td>
                  {report.conflicts.includes(path)
                    ? text(report.mine, path)
                    : t('stale.notChangedByYou')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{t('stale.keepNote')}</p>
      <div className="actions">
        <Button variant="primary" onPress={onReload}>
          {t('stale.reload')}
        </Button>
      </div>
    </section>
  );
}

/** After reloading: the fields where both wrote something different, to take the person's back. */
export function ConflictChoices({
  report,
  onTakeMine,
}: {
  report: StaleReport;
  onTakeMine: (path: string) => void;
}) {
  const { t } = useTranslation('cases');
  const label = useFieldLabel();
  const text = useValueText();
  const mine: CaseFormValues = report.mine;
  return (
    <section className="notice notice--info" aria-labelledby="reloaded-title">
      <h2 id="reloaded-title" className="notice__title">
        {t('stale.reloadedTitle')}
      </h2>
      <p>{t('stale.reloaded')}</p>
      {report.conflicts.length > 0 && (
        <>
          <p>{t('stale.conflicts')}</p>
          <ul className="case-conflicts">
            {report.conflicts.map((path) => (
              <li key={path}>
                <span>{t('stale.yourValue', { field: label(path), value: text(mine, path) })}</span>{' '}
                <Button variant="quiet" onPress={() => onTakeMine(path)}>
                  {t('stale.takeMine', { field: label(path) })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
