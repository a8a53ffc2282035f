import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../ui/LoadMore';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { ALL, useSearchFilters } from '../../ui/useSearchFilters';
import { ScrollRegion } from '../../ui/charts';
import { SECTORS } from './training-vocabularies';
import { useTrainingFormat, useTrainingLabels } from './useTrainingText';
import { useProgrammeList, type Programme } from './useTrainings';
import './trainings.css';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((item) => item === value);

/** The years a list can be filtered by: from the next one back to ten years ago. */
export function yearChoices(now = new Date()): number[] {
  const next = now.getFullYear() + 1;
  return Array.from({ length: 12 }, (_, i) => next - i);
}

export const yearOf = (text: string | null, choices: readonly number[]): number | undefined =>
  choices.find((year) => String(year) === text);

/**
 * Training programmes, latest start first, filtered by year and sector (codes
 * in the address, so a filtered list survives a reload).
 */
export function ProgrammeListPage() {
  const { t } = useTranslation('trainings');
  const labels = useTrainingLabels();
  const format = useTrainingFormat();
  const { search, setFilter } = useSearchFilters();
  const years = yearChoices();
  const year = yearOf(search.get('year'), years);
  const sector = oneOf(SECTORS, search.get('sector'));
  const filtered = year !== undefined || sector !== undefined;
  const list = useProgrammeList({ year, sector });
  const items: Programme[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  const caption = t('list.caption', { count: items.length });

  return (
    <>
      <PageHeader
        title={t('list.title')}
        actions={
          <>
            <Link
              className="button button--secondary"
              to={`/trainings/summary?year=${year ?? new Date().getFullYear()}`}
            >
              {t('list.summary')}
            </Link>
            <Link className="button button--primary" to="/trainings/new">
              {t('list.create')}
            </Link>
          </>
        }
      />
      <p className="training-lead">{t('list.intro')}</p>
      <div className="training-filters" role="search" aria-label={t('list.filters')}>
        <Select
          label={t('list.year')}
          options={[
            { id: ALL, label: t('list.allYears') },
            ...years.map((y) => ({ id: String(y), label: String(y) })),
          ]}
          value={year === undefined ? ALL : String(year)}
          onChange={(value) => setFilter('year', value)}
        />
        <Select
          label={t('list.sector')}
          options={[{ id: ALL, label: t('list.allSectors') }, ...labels.sectorOptions(SECTORS)]}
          value={sector ?? ALL}
          onChange={(value) => setFilter('sector', value)}
        />
      </div>
      {list.isError && <ProblemMessage error={list.error} />}
      {list.isPending && <Loading />}
      {list.isSuccess && items.length === 0 && (
        <p role="status">{filtered ? t('list.noneFiltered') : t('list.none')}</p>
      )}
      {items.length > 0 && (
        <ScrollRegion label={caption}>
          <table className="table training-list-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.period')}</th>
                <th scope="col">{t('fields.targetSectors')}</th>
                <th scope="col">{t('fields.modality')}</th>
                <th scope="col" className="training-num">
                  {t('list.sessions')}
                </th>
                <th scope="col" className="training-num">
                  {t('list.enrolled')}
                </th>
                <th scope="col" className="training-num">
                  {t('list.completed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((programme) => (
                <tr key={programme.id}>
                  <th scope="row">
                    <Link to={`/trainings/${programme.id}`}>{programme.name}</Link>
                    {programme.partnerInstitution && (
                      <span className="training-subtle">{programme.partnerInstitution}</span>
                    )}
                  </th>
                  <td className="training-nowrap">
                    {format.period(programme.startsOn, programme.endsOn)}
                  </td>
                  <td>{programme.targetSectors.map(labels.sector).join(', ')}</td>
                  <td>{labels.modality(programme.modality)}</td>
                  <td className="training-num">
                    {format.count(programme.sessionCount)}
                    <span className="training-subtle">
                      {format.hours(programme.scheduledHours)}
                    </span>
                  </td>
                  <td className="training-num">{format.count(programme.enrolled)}</td>
                  <td className="training-num">{format.count(programme.completed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <LoadMore
        hasMore={list.hasNextPage}
        isLoading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
