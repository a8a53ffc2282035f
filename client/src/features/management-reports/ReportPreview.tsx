import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ScrollRegion } from '../../ui/charts';
import { ProgressPair } from '../../ui/charts';
import { useVocabulary } from '../../vocab/useVocabulary';
import type { ReportDetail, ReportSignature, ReportTarget, Snapshot } from './report-types';
import { useReportWords } from './useReportWords';

/**
 * The report's content in the order the PDF prints it: program → project →
 * budget execution → targets, then trainings, campaigns, the published
 * statistics, the coordinator's texts and the signatures. A draft's figures
 * are those of the records now; an approved report's, as frozen.
 */
export function ReportPreview({ report }: { report: ReportDetail }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const snapshot = report.snapshot;
  return (
    <section className="panel reports-section report-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <div className="report-preview__head">
        <p className="report-preview__institution">{snapshot.institution.name}</p>
        <p className="report-preview__name">
          {t('preview.name', { period: words.period(snapshot.period) })}
        </p>
        <p
          className={
            snapshot.status === 'approved' ? 'report-preview__approved' : 'report-preview__draft'
          }
        >
          {snapshot.status === 'approved'
            ? t('preview.approvedMark', { date: words.dateTime(snapshot.figuresAsOf) })
            : t('preview.draftMark', { date: words.dateTime(snapshot.figuresAsOf) })}
        </p>
      </div>
      <BudgetSection snapshot={snapshot} />
      <TargetsSection snapshot={snapshot} />
      <TrainingsSection snapshot={snapshot} />
      <CampaignsSection snapshot={snapshot} />
      <ReleasesSection snapshot={snapshot} />
      <TextSection id="conclusions" title={t('texts.conclusions')} text={snapshot.conclusions} />
      <TextSection
        id="recommendations"
        title={t('texts.recommendations')}
        text={snapshot.recommendations}
      />
      <TextSection id="challenges" title={t('texts.challenges')} text={snapshot.challenges} />
      <SignaturesSection snapshot={snapshot} />
    </section>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-part" aria-labelledby={`part-${id}`}>
      <h3 id={`part-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

const codeName = (code: string | null, name: string) => (code ? `${code} · ${name}` : name);

function BudgetSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const caption = t('preview.budgetCaption');
  const cells = (b: Snapshot['budget']) => (
    <>
      <td className="targets-num targets-nowrap">{words.money(b.coded)}</td>
      <td className="targets-num targets-nowrap">{words.money(b.accrued)}</td>
      <td className="targets-num targets-nowrap">{words.percentOrNone(b.executionPercent)}</td>
    </>
  );
  return (
    <Part id="budget" title={t('preview.budget')}>
      {snapshot.programs.length === 0 ? (
        <p>{t('preview.noPrograms')}</p>
      ) : (
        <ScrollRegion label={caption}>
          <table className="table report-budget">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.programProject')}</th>
                <th scope="col" className="targets-num">
                  {t('preview.coded')}
                </th>
                <th scope="col" className="targets-num">
                  {t('preview.accrued')}
                </th>
                <th scope="col" className="targets-num">
                  {t('preview.execution')}
                </th>
              </tr>
            </thead>
            {snapshot.programs.map((program, i) => (
              <tbody key={`${program.code ?? ''}-${i}`}>
                <tr className="report-budget__program">
                  <th scope="row">{codeName(program.code, program.name)}</th>
                  {cells(program.budget)}
                </tr>
                {program.projects.map((project, j) => (
                  <tr key={`${project.code ?? ''}-${j}`}>
                    <th scope="row" className="report-budget__project">
                      {codeName(project.code, project.name)}
                    </th>
                    {cells(project.budget)}
                  </tr>
                ))}
              </tbody>
            ))}
            <tfoot>
              <tr>
                <th scope="row">{t('preview.total')}</th>
                {cells(snapshot.budget)}
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      )}
    </Part>
  );
}

function TargetsSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const targets = snapshot.programs.flatMap((p) => p.projects.flatMap((j) => j.targets));
  const caption = t('preview.progressCaption');
  return (
    <Part id="targets" title={t('preview.targets')}>
      {targets.length === 0 ? (
        <p>{t('preview.noTargets')}</p>
      ) : (
        <>
          <ProgressPair
            rows={targets.map((target, i) => ({
              key: i,
              indicator: target.indicator,
              progressPercent: target.progressPercent,
            }))}
            caption={caption}
            chart={{
              title: t('preview.progressChart'),
              description: t('preview.progressChartDescription'),
              series: t('preview.progress'),
              axis: t('preview.progress'),
              reference: t('preview.reference'),
            }}
            columns={{ indicator: t('preview.indicator'), progress: t('preview.progress') }}
            format={words}
          />
          {snapshot.programs.map((program, i) =>
            program.projects
              .filter((project) => project.targets.length > 0)
              .map((project, j) => (
                <section
                  key={`${i}-${j}`}
                  className="report-project"
                  aria-labelledby={`report-project-${i}-${j}`}
                >
                  <h4 id={`report-project-${i}-${j}`}>
                    {codeName(program.code, program.name)} / {codeName(project.code, project.name)}
                  </h4>
                  {project.targets.map((target, k) => (
                    <TargetCard key={k} target={target} id={`report-target-${i}-${j}-${k}`} />
                  ))}
                </section>
              )),
          )}
        </>
      )}
    </Part>
  );
}

function TargetCard({ target, id }: { target: ReportTarget; id: string }) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  const value = (v: string | null) =>
    v === null ? words.value(v) : `${words.value(v)} ${target.unit}`;
  return (
    <article className="report-target" aria-labelledby={id}>
      <h5 id={id}>{target.description}</h5>
      <dl className="facts">
        <dt>{t('preview.indicator')}</dt>
        <dd>{target.indicator}</dd>
        <dt>{t('preview.unit')}</dt>
        <dd>{target.unit}</dd>
        <dt>{t('preview.programmed')}</dt>
        <dd className="targets-num-inline">{value(target.programmed)}</dd>
        <dt>{t('preview.executed')}</dt>
        <dd className="targets-num-inline">
          {value(target.executed)}{' '}
          <span className="targets-sub-inline">
            ({target.source === 'manual' ? t('preview.sourceManual') : t('preview.sourceComputed')})
          </span>
        </dd>
        <dt>{t('preview.progress')}</dt>
        <dd>{words.percentOrNone(target.progressPercent)}</dd>
        {target.quarters.length > 0 && (
          <>
            <dt>{t('preview.byQuarter')}</dt>
            <dd>
              {target.quarters
                .map((q) =>
                  t('preview.quarterValue', { quarter: q.quarter, value: words.value(q.executed) }),
                )
                .join(' · ')}
            </dd>
          </>
        )}
        <dt>{t('preview.executingUnits')}</dt>
        <dd>{target.executingUnits.join(', ')}</dd>
        <dt>{t('preview.results')}</dt>
        <dd className="targets-pre">{target.results ?? t('preview.none')}</dd>
        <dt>{t('preview.planAlignment')}</dt>
        <dd>{target.planAlignment ?? t('preview.none')}</dd>
      </dl>
    </article>
  );
}

function TrainingsSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const { t: targetWords } = useTranslation('targets');
  const words = useReportWords();
  const trainings = snapshot.trainings;
  const caption = t('preview.bySectorCaption');
  const sectorLabel = (code: string) =>
    targetWords(`trainingSector.${code as 'other'}`, { defaultValue: code });
  return (
    <Part id="trainings" title={t('preview.trainings')}>
      <dl className="facts report-counts">
        <dt>{t('preview.programmes')}</dt>
        <dd>{words.value(trainings.programmes)}</dd>
        <dt>{t('preview.sessions')}</dt>
        <dd>{words.value(trainings.sessions)}</dd>
        <dt>{t('preview.hours')}</dt>
        <dd>{words.value(trainings.hoursDelivered)}</dd>
        <dt>{t('preview.enrolled')}</dt>
        <dd>{words.value(trainings.enrolled)}</dd>
        <dt>{t('preview.trained')}</dt>
        <dd>{words.value(trainings.trained)}</dd>
        <dt>{t('preview.certified')}</dt>
        <dd>{words.value(trainings.certified)}</dd>
        <dt>{t('preview.completion')}</dt>
        <dd>{words.percentOrNone(trainings.completionPercent)}</dd>
        <dt>{t('preview.knowledgeGain')}</dt>
        <dd>
          {trainings.averageKnowledgeGain === null
            ? t('preview.none')
            : t('preview.points', { value: words.value(trainings.averageKnowledgeGain) })}
        </dd>
      </dl>
      {trainings.bySector.length > 0 && (
        <ScrollRegion label={caption}>
          <table className="table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('preview.sector')}</th>
                <th scope="col" className="targets-num">
                  {t('preview.enrolled')}
                </th>
                <th scope="col" className="targets-num">
                  {t('preview.trained')}
                </th>
                <th scope="col" className="targets-num">
                  {t('preview.completion')}
                </th>
              </tr>
            </thead>
            <tbody>
              {trainings.bySector.map((row) => (
                <tr key={row.sector}>
                  <th scope="row">{sectorLabel(row.sector)}</th>
                  <td className="targets-num">{words.value(row.enrolled)}</td>
                  <td className="targets-num">{words.value(row.trained)}</td>
                  <td className="targets-num">{words.percentOrNone(row.completionPercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Part>
  );
}

function CampaignsSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const { label } = useVocabulary();
  const words = useReportWords();
  const campaigns = snapshot.campaigns;
  const byGroup = t('preview.byGroupCaption');
  const byProvince = t('preview.byProvinceCaption');
  return (
    <Part id="campaigns" title={t('preview.campaigns')}>
      <dl className="facts report-counts">
        <dt>{t('preview.campaignCount')}</dt>
        <dd>{words.value(campaigns.campaigns)}</dd>
        <dt>{t('preview.activities')}</dt>
        <dd>{words.value(campaigns.activities)}</dd>
        <dt>{t('preview.reached')}</dt>
        <dd>{words.value(campaigns.peopleReached)}</dd>
      </dl>
      <div className="report-tables">
        <ReachTable
          caption={byGroup}
          heading={t('preview.group')}
          rows={campaigns.byGroup.map((row) => ({
            key: row.group,
            name: label('vulnerabilityGroup', row.group),
            reached: row.reached,
          }))}
        />
        <ReachTable
          caption={byProvince}
          heading={t('preview.province')}
          rows={campaigns.byProvince.map((row) => ({
            key: row.province,
            name: label('province', row.province),
            reached: row.reached,
          }))}
        />
      </div>
    </Part>
  );
}

/** The people a campaign reached, by one breakdown (nothing when there is none). */
function ReachTable({
  caption,
  heading,
  rows,
}: {
  caption: string;
  heading: string;
  rows: { key: string; name: string; reached: number }[];
}) {
  const { t } = useTranslation('managementReports');
  const words = useReportWords();
  if (rows.length === 0) return null;
  return (
    <ScrollRegion label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="targets-num">
              {t('preview.reached')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="targets-num">{words.value(row.reached)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ReleasesSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const { label } = useVocabulary();
  const words = useReportWords();
  return (
    <Part id="releases" title={t('preview.releases')}>
      {snapshot.releases.length === 0 ? (
        <p>{t('preview.noReleases')}</p>
      ) : (
        <ul>
          {snapshot.releases.map((release) => (
            <li key={release.id}>
              <Link to={`/observatorio/${release.id}`}>
                {label('statisticsTable', release.tableId)} · {words.period(release.period)}
              </Link>{' '}
              <span className="targets-sub-inline">
                {t('preview.publishedOn', { date: words.date(release.publishedOn) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Part>
  );
}

function TextSection({ id, title, text }: { id: string; title: string; text: string }) {
  const { t } = useTranslation('managementReports');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <Part id={id} title={title}>
      {paragraphs.length === 0 ? (
        <p className="report-empty">{t('preview.notWritten')}</p>
      ) : (
        paragraphs.map((p, i) => (
          <p key={i} className="targets-pre">
            {p}
          </p>
        ))
      )}
    </Part>
  );
}

function SignaturesSection({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation('managementReports');
  const { label } = useVocabulary();
  const words = useReportWords();
  const caption = t('preview.signaturesCaption');
  const rows: [string, ReportSignature | null][] = [
    [t('preview.prepared'), snapshot.preparedBy],
    [t('preview.reviewed'), snapshot.reviewedBy],
    [t('preview.approved'), snapshot.approvedBy],
  ];
  return (
    <Part id="signatures" title={t('preview.signatures')}>
      <ScrollRegion label={caption}>
        <table className="table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('preview.step')}</th>
              <th scope="col">{t('preview.signerName')}</th>
              <th scope="col">{t('preview.signerRole')}</th>
              <th scope="col">{t('preview.signedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([step, signature]) => (
              <tr key={step}>
                <th scope="row">{step}</th>
                <td>{signature?.name ?? t('preview.pending')}</td>
                <td>{signature ? label('role', signature.role) : t('preview.none')}</td>
                <td>{signature ? words.date(signature.on) : t('preview.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Part>
  );
}
