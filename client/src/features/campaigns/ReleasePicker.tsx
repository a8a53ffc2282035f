import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { MAX_LINKED_RELEASES } from './campaign-vocabularies';
import { useCampaignFormat } from './useCampaignText';
import { usePublishedReleases, type Release } from './useCampaigns';

const newestFirst = (a: Release, b: Release) =>
  b.period.year - a.period.year ||
  (b.period.quarter ?? 0) - (a.period.quarter ?? 0) ||
  (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');

/**
 * The published statistics releases that justify the campaign: chosen one at
 * a time from the observatory's list, and listed with their table, period
 * and publication date. Drafts and discarded releases are never offered (the
 * public list has published ones only).
 */
export function ReleasePicker({
  id,
  value,
  onChange,
  error,
  isDisabled,
}: {
  id: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  isDisabled: boolean;
}) {
  const { t } = useTranslation('campaigns');
  const format = useCampaignFormat();
  const releases = usePublishedReleases();
  const all = [...(releases.data ?? [])].sort(newestFirst);
  const chosen = value.map((releaseId) => ({
    id: releaseId,
    release: all.find((r) => r.id === releaseId),
  }));
  const offered = all.filter((r) => !value.includes(r.id));
  const full = value.length >= MAX_LINKED_RELEASES;

  return (
    <div className="release-picker" id={id} tabIndex={-1}>
      <p className="field__description">{t('form.releasesHelp')}</p>
      {releases.isPending && <Loading />}
      {releases.isError && <ProblemMessage error={releases.error} />}
      {releases.isSuccess && all.length === 0 && (
        <p className="field__description">{t('form.noPublishedReleases')}</p>
      )}
      {offered.length > 0 && (
        <Select
          label={t('form.addRelease')}
          placeholder={t('form.addReleasePlaceholder')}
          options={offered.map((r) => ({
            id: r.id,
            label: format.releaseTitle({ tableId: r.table.id, period: r.period }),
          }))}
          value={null}
          onChange={(releaseId) => {
            if (releaseId && !value.includes(releaseId)) onChange([...value, releaseId]);
          }}
          isDisabled={isDisabled || full}
          description={full ? t('form.releasesFull', { count: MAX_LINKED_RELEASES }) : undefined}
        />
      )}
      <h3 className="release-picker__title" id={`${id}-chosen`}>
        {t('form.chosenReleases', { count: chosen.length })}
      </h3>
      {chosen.length === 0 ? (
        <p className="field__description">{t('form.noReleasesChosen')}</p>
      ) : (
        <ul className="release-picker__list" aria-labelledby={`${id}-chosen`}>
          {chosen.map(({ id: releaseId, release }) => (
            <li key={releaseId} className="release-picker__item">
              <div>
                <p className="release-picker__name">
                  {release
                    ? format.releaseTitle({ tableId: release.table.id, period: release.period })
                    : t('form.releaseUnavailable')}
                </p>
                {release?.publishedAt && (
                  <p className="field__description">
                    {t('release.publishedOn', { date: format.date(release.publishedAt) })}
                  </p>
                )}
              </div>
              <Button
                variant="quiet"
                isDisabled={isDisabled}
                onPress={() => onChange(value.filter((x) => x !== releaseId))}
                aria-label={
                  release
                    ? t('form.removeReleaseNamed', {
                        name: format.releaseTitle({
                          tableId: release.table.id,
                          period: release.period,
                        }),
                      })
                    : t('form.removeRelease')
                }
              >
                {t('form.removeRelease')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
