import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { useFormat } from '../../../ui/format';
import { Loading } from '../../../ui/Loading';
import { ProblemMessage } from '../../../ui/ProblemMessage';
import { useDirectory } from '../../directory/useDirectory';
import { useAttachments, useDownloadAttachment } from './useAttachments';

const TYPE_KEY = {
  'application/pdf': 'attachments.types.pdf',
  'image/png': 'attachments.types.png',
  'image/jpeg': 'attachments.types.jpeg',
} as const;

/** The files, oldest first, each downloadable (an audited read). */
export function AttachmentList({ caseId }: { caseId: string }) {
  const { t } = useTranslation('cases');
  const format = useFormat();
  const directory = useDirectory();
  const list = useAttachments(caseId);
  const download = useDownloadAttachment(caseId);
  const items = list.data?.items ?? [];
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? t('attachments.kib', { value: format.number(Math.max(1, Math.round(bytes / 1024))) })
      : t('attachments.mib', { value: format.number(Math.round(bytes / 104857.6) / 10) });

  if (list.isPending) return <Loading />;
  if (list.error) return <ProblemMessage error={list.error} />;
  if (items.length === 0) return <p>{t('attachments.none')}</p>;
  return (
    <>
      {download.error && <ProblemMessage error={download.error} />}
      <table className="table">
        <caption>{t('attachments.caption', { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('attachments.name')}</th>
            <th scope="col">{t('attachments.type')}</th>
            <th scope="col">{t('attachments.size')}</th>
            <th scope="col">{t('attachments.uploadedBy')}</th>
            <th scope="col">{t('attachments.uploadedAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('attachments.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" className="case-attachment__name">
                {item.filename}
              </th>
              <td>{t(TYPE_KEY[item.contentType])}</td>
              <td>{size(item.sizeBytes)}</td>
              <td>{directory.staffName(item.uploadedBy) ?? t('summary.someone')}</td>
              <td>{format.dateTime(item.createdAt)}</td>
              <td>
                <Button
                  variant="quiet"
                  onPress={() => download.mutate(item)}
                  isDisabled={download.isPending}
                  aria-label={t('attachments.downloadNamed', { name: item.filename })}
                >
                  {t('attachments.download')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
