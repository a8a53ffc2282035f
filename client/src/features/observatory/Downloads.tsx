import { useTranslation } from 'react-i18next';
import { downloadUrls } from './usePublicStatistics';

/** A release's open data: CSV (one row per cell, then totals and parameters) and the JSON the API serves. */
export function Downloads({
  id,
  tableId,
  context,
}: {
  id: string;
  tableId: string;
  /** Which release, for screen readers where several are listed. */
  context?: string;
}) {
  const { t } = useTranslation('observatory');
  const urls = downloadUrls(id);
  const hidden = context ? <span className="visually-hidden"> — {context}</span> : null;
  return (
    <ul className="downloads">
      <li>
        <a href={urls.csv} download>
          {t('downloads.csv')}
          {hidden}
        </a>
      </li>
      <li>
        <a href={urls.json} download={`amparo-${tableId}-${id}.json`}>
          {t('downloads.json')}
          {hidden}
        </a>
      </li>
    </ul>
  );
}
