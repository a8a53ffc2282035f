import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProgressPair } from '../../ui/charts';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { QuarterCell } from './QuarterCell';
import type { ManagementFigures, ProjectFigures, TargetFigures } from './target-types';
import { QUARTERS } from './target-vocabularies';
import { TargetsNav, useYear } from './TargetsNav';
import { useProgress } from './useTargets';
import { useMeasureWords, useTargetFormat } from './useTargetWords';
import './targets.css';

/**
 * The year's targets with their progress: a chart of % progress by target
 * (its table beside it), then every target by program and project with its
 * programmed and executed values, year to date and by quarter. Executed
 * values of computed measures are counted from the records when read.
 */
export function TargetsPage() {
  const { t } = useTranslation('targets');
  const [year, setYear] = useYear();
  const progress = useProgress(year);
  const figures = progress.data;
  const targets = figures?.programs.flatMap((p) => p.projects.flatMap((j) => j.targets)) ?? [];

  return (
    <>
      <PageHeader
        title={t('targets.title')}
        actions={
          <Link className="button button--primary" to={`/targets/new?year=${year}`}>
            {t('targets.create')}
          </Link>
        }
      />
      <TargetsNav year={year} onYear={setYear} />
      <p className="targets-lead">{t('targets.intro')}</p>
      {progress.isPending && <Loading />}
      {progress.isError && <ProblemMessage error={progress.error} />}
      {figures && figures.programs.length === 0 && (
        <Notice>
          <p>{t('targets.noPlan')}</p>
          <p>
            <Link to={`/targets/plan?year=${year}`}>{t('targets.toPlan')}</Link>
          </p>
        </Notice>
      )}
      {figures && figures.programs.length > 0 && targets.length === 0 && (
        <p role="status">{t('targets.none', { year })}</p>
      )}
      {figures && targets.length > 0 && (
        <>
          <ProgressOverview year={year} targets={targets} />
          <TargetTables figures={figures} />
        </>
      )}
    </>
  );
}

/** % progress of each target as bars, and the same figures in a table beside them. */
function ProgressOverview({ year, targets }: { year: number; targets: TargetFigures[] }) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const caption = t('progress.tableCaption', { year });
  return (
    <section className="panel targets-section" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progress.title', { year })}</h2>
      <ProgressPair
        rows={targets.map((target) => ({
          key: target.id,
          indicator: target.indicator,
          cell: <Link to={`/targets/${target.id}`}>{target.indicator}</Link>,
          progressPercent: target.progressPercent,
        }))}
        caption={caption}
        chart={{
          title: t('progress.chartTitle', { year }),
          description: t('progress.chartDescription'),
          series: t('progress.series'),
          axis: t('progress.axis'),
          reference: t('progress.reference'),
        }}
        columns={{ indicator: t('fields.indicator'), progress: t('fields.progress') }}
        format={format}
      />
    </section>
  );
}

function TargetTables({ figures }: { figures: ManagementFigures }) {
  const { t } = useTranslation('targets');
  return (
    <section className="targets-section" aria-labelledby="targets-list-title">
      <h2 id="targets-list-title">{t('list.title', { year: figures.year })}</h2>
      {figures.programs.map((program) => (
        <section
          key={program.id}
          className="targets-program"
          aria-labelledby={`program-${program.id}`}
        >
          <h3 id={`program-${program.id}`}>
            {t('plan.codeName', { code: program.code, name: program.name })}
          </h3>
          {program.projects.every((project) => project.targets.length === 0) && (
            <p className="field__description">{t('list.programWithout')}</p>
          )}
          {program.projects
            .filter((project) => project.targets.length > 0)
            .map((project) => (
              <ProjectTargets key={project.id} project={project} />
            ))}
        </section>
      ))}
    </section>
  );
}

/** One project's targets: year to date and each quarter (executed within it). */
function ProjectTargets({ project }: { project: ProjectFigures }) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const measure = useMeasureWords();
  const caption = t('list.caption', { code: project.code, name: project.name });
  return (
    <div className="scroll-region" role="region" aria-label={caption} tabIndex={0}>
      <table className="table targets-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.target')}</th>
            <th scope="col">{t('fields.measure')}</th>
            <th scope="col" className="targets-num">
              {t('fields.programmed')}
            </th>
            <th scope="col" className="targets-num">
              {t('fields.executed')}
            </th>
            <th scope="col" className="targets-num">
              {t('fields.progress')}
            </th>
            {QUARTERS.map((q) => (
              <th scope="col" className="targets-num" key={q}>
                <abbr title={t('quarters.long', { quarter: q })}>
                  {t('quarters.short', { quarter: q })}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {project.targets.map((target) => (
            <tr key={target.id}>
              <th scope="row">
                <Link to={`/targets/${target.id}`}>{target.description}</Link>
                <span className="targets-sub">{target.indicator}</span>
              </th>
              <td>{measure.kind(target.measure)}</td>
              <td className="targets-num targets-nowrap">
                {format.withUnit(target.programmed, target.unitOfMeasure)}
              </td>
              <td className="targets-num targets-nowrap">
                {format.withUnit(target.executed, target.unitOfMeasure)}
              </td>
              <td className="targets-num targets-nowrap">
                {format.percentOrNone(target.progressPercent)}
              </td>
              {QUARTERS.map((q) => (
                <td className="targets-num targets-nowrap" key={q}>
                  <QuarterCell figures={target.quarters.find((f) => f.quarter === q)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
