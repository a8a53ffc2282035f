import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollRegion } from '../../ui/charts';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Select } from '../../ui/Select';
import { useSearchFilters } from '../../ui/useSearchFilters';
import { useVocabulary } from '../../vocab/useVocabulary';
import { yearChoices, yearOf } from './ProgrammeListPage';
import { useTrainingFormat, useTrainingLabels } from './useTrainingText';
import { useAggregates, type Aggregates } from './useTrainings';
import './trainings.css';

/**
 * The year's figures for the coordinator's reports, as the server counts
 * them (counts only, never a name): people trained by sector, institution,
 * province and programme, the completion rate and the average knowledge
 * gain. A programme counts in the year its end date falls in.
 */
export function AggregatesPage() {
  const { t } = useTranslation('trainings');
  const { search, setFilter } = useSearchFilters();
  const years = yearChoices();
  const year = yearOf(search.get('year'), years) ?? new Date().getFullYear();
  const aggregates = useAggregates(year);

  return (
    <>
      <p className="training-back">
        <Link to="/trainings">{t('page.back')}</Link>
      </p>
      <PageHeader title={t('summary.title')} />
      <p className="training-lead">{t('summary.intro')}</p>
      <div className="training-filters" role="search" aria-label={t('summary.filters')}>
        <Select
          label={t('list.year')}
          options={years.map((y) => ({ id: String(y), label: String(y) }))}
          value={String(year)}
          onChange={(value) => setFilter('year', value)}
        />
      </div>
      {aggregates.isPending && <Loading />}
      {aggregates.isError && <ProblemMessage error={aggregates.error} />}
      {aggregates.data && <Figures year={year} data={aggregates.data} />}
    </>
  );
}

function Figures({ year, data }: { year: number; data: Aggregates }) {
  const { t } = useTranslation('trainings');
  const { label } = useVocabulary();
  const labels = useTrainingLabels();
  const format = useTrainingFormat();
  if (data.programmes === 0) return <p role="status">{t('summary.none', { year })}</p>;
  const most = Math.max(1, ...data.bySector.map((row) => row.peopleTrained));
  const gainText = (gain: Aggregates['knowledgeGain']) =>
    gain.mean === null
      ? t('summary.noGain')
      : t('summary.gainValue', { gain: format.gain(gain.mean), count: gain.n });

  return (
    <>
      <section className="panel" aria-labelledby="summary-totals">
        <h2 id="summary-totals">{t('summary.totals', { year })}</h2>
        <dl className="summary-figures">
          <Figure label={t('summary.peopleTrained')} value={format.count(data.peopleTrained)} />
          <Figure
            label={t('summary.completionRate')}
            value={format.percent(data.completionPercent)}
            note={t('summary.completionOf', {
              completed: format.count(data.peopleTrained),
              enrolled: format.count(data.peopleEnrolled),
            })}
          />
          <Figure
            label={t('summary.knowledgeGain')}
            value={format.gain(data.knowledgeGain.mean)}
            note={gainText(data.knowledgeGain)}
          />
          <Figure label={t('summary.programmes')} value={format.count(data.programmes)} />
          <Figure label={t('summary.hours')} value={format.hours(data.hoursDelivered)} />
        </dl>
        <p className="field__description">{t('summary.definitions')}</p>
      </section>

      <div className="summary-grid">
        <CountTable
          id="by-sector"
          title={t('summary.bySector')}
          header={t('participants.sector')}
          rows={data.bySector.map((row) => ({
            key: row.sector,
            name: labels.sector(row.sector),
            count: row.peopleTrained,
            bar: row.peopleTrained / most,
          }))}
        />
        <CountTable
          id="by-province"
          title={t('summary.byProvince')}
          header={t('participants.province')}
          rows={data.byProvince.map((row) => ({
            key: row.province ?? 'none',
            name: row.province ? label('province', row.province) : t('summary.noProvince'),
            count: row.peopleTrained,
          }))}
        />
        <CountTable
          id="by-institution"
          title={t('summary.byInstitution')}
          header={t('participants.institution')}
          rows={data.byInstitution.map((row) => ({
            key: row.institutionName ?? 'none',
            name: row.institutionName ?? t('summary.noInstitution'),
            count: row.peopleTrained,
          }))}
        />
      </div>

      <section className="training-section" aria-labelledby="by-programme">
        <h2 id="by-programme">{t('summary.byProgramme')}</h2>
        <ScrollRegion label={t('summary.byProgramme')}>
          <table className="table">
            <caption className="visually-hidden">{t('summary.byProgramme')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.period')}</th>
                <th scope="col" className="training-num">
                  {t('fields.totalHours')}
                </th>
                <th scope="col" className="training-num">
                  {t('list.enrolled')}
                </th>
                <th scope="col" className="training-num">
                  {t('list.completed')}
                </th>
                <th scope="col" className="training-num">
                  {t('summary.completionRate')}
                </th>
                <th scope="col" className="training-num">
                  {t('summary.knowledgeGain')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byProgramme.map((row) => (
                <tr key={row.programmeId}>
                  <th scope="row">
                    <Link to={`/trainings/${row.programmeId}`}>{row.name}</Link>
                  </th>
                  <td className="training-nowrap">{format.period(row.startsOn, row.endsOn)}</td>
                  <td className="training-num">{format.hours(row.totalHours)}</td>
                  <td className="training-num">{format.count(row.enrolments)}</td>
                  <td className="training-num">{format.count(row.completedEnrolments)}</td>
                  <td className="training-num">{format.percent(row.completionPercent)}</td>
                  <td className="training-num">
                    {format.gain(row.knowledgeGain.mean)}
                    <span className="training-subtle">
                      {t('summary.withBoth', { count: row.knowledgeGain.n })}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <div className="summary-figure">
      <dt>{label}</dt>
      <dd>
        <span className="summary-figure__value">{value}</span>
        {note && <span className="training-subtle">{note}</span>}
      </dd>
    </div>
  );
}

/** People trained by one dimension; a bar beside each count when `bar` is given (the table has the figures). */
function CountTable({
  id,
  title,
  header,
  rows,
}: {
  id: string;
  title: string;
  header: string;
  rows: { key: string; name: string; count: number; bar?: number }[];
}) {
  const { t } = useTranslation('trainings');
  const format = useTrainingFormat();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('summary.nobodyTrained')}</p>
      ) : (
        <table className="table summary-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{header}</th>
              <th scope="col" className="training-num">
                {t('summary.peopleTrained')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                <td className="training-num">
                  <span className="summary-count">
                    {row.bar !== undefined && (
                      <span className="summary-track" aria-hidden="true">
                        <span
                          className="summary-bar"
                          style={{ inlineSize: `${Math.round(row.bar * 100)}%` }}
                        />
                      </span>
                    )}
                    {format.count(row.count)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
