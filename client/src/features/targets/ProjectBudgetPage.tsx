import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { BudgetEntryDialog, VoidEntryDialog } from './BudgetDialogs';
import { ExecutionFacts } from './ExecutionFacts';
import { ProjectDialog } from './PlanDialogs';
import type { BudgetEntry, Program, Project, ProjectBudget } from './target-types';
import { useYear } from './TargetsNav';
import { usePrograms, useProjectBudget } from './useTargets';
import { useTargetFormat } from './useTargetWords';
import './targets.css';

/** A project of the plan and its budget for a year: execution, by quarter, and every dated entry. */
export function ProjectBudgetPage() {
  const { t } = useTranslation('targets');
  const { id = '' } = useParams();
  const [year] = useYear();
  const programs = usePrograms();
  const budget = useProjectBudget(id, year);
  const program = programs.data?.find((p) => p.projects.some((j) => j.id === id));
  const project = program?.projects.find((j) => j.id === id);
  return (
    <>
      <p className="targets-back">
        <Link to={`/targets/plan?year=${year}`}>{t('budget.back', { year })}</Link>
      </p>
      {project && program ? (
        <ProjectView
          program={program}
          project={project}
          programs={programs.data ?? []}
          year={year}
          budget={budget.data}
        />
      ) : (
        <PageHeader title={t('budget.projectTitle')} />
      )}
      {(programs.isPending || budget.isPending) && <Loading />}
      {programs.isError && <ProblemMessage error={programs.error} />}
      {budget.isError && <ProblemMessage error={budget.error} />}
      {programs.data && !project && (
        <Notice tone="error">
          <p>{t('problems.not_found')}</p>
        </Notice>
      )}
    </>
  );
}

function ProjectView({
  program,
  project,
  programs,
  year,
  budget,
}: {
  program: Program;
  project: Project;
  programs: Program[];
  year: number;
  budget: ProjectBudget | undefined;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const [dialog, setDialog] = useState<'entry' | 'project' | BudgetEntry | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const close = (message: string) => (ok: boolean) => {
    setDialog(null);
    setSaved(ok ? message : null);
  };
  const entriesCaption = t('budget.entriesCaption', { year });
  const quartersCaption = t('budget.quartersCaption', { year });
  return (
    <>
      <PageHeader
        title={t('plan.codeName', { code: project.code, name: project.name })}
        actions={
          <>
            <Button onPress={() => setDialog('project')}>{t('plan.editProject')}</Button>
            <Link
              className="button button--secondary"
              to={`/targets/new?year=${year}&projectId=${project.id}`}
            >
              {t('budget.addTarget')}
            </Link>
          </>
        }
      />
      {saved && (
        <Notice tone="success" live>
          {saved}
        </Notice>
      )}
      <section className="panel targets-section" aria-labelledby="project-facts">
        <h2 id="project-facts">{t('budget.project')}</h2>
        <dl className="facts">
          <dt>{t('plan.program')}</dt>
          <dd>{t('plan.codeName', { code: program.code, name: program.name })}</dd>
          <dt>{t('fields.planObjective')}</dt>
          <dd>{program.planObjective ?? t('figures.none')}</dd>
          <dt>{t('fields.executingUnits')}</dt>
          <dd>{project.executingUnits.join(', ')}</dd>
        </dl>
      </section>
      {budget && (
        <>
          <section className="panel targets-section" aria-labelledby="execution-title">
            <h2 id="execution-title">{t('budget.executionTitle', { year })}</h2>
            <ExecutionFacts execution={budget.execution} />
            {budget.overAccrued && (
              <Notice tone="warning">
                <p>{t('budget.overAccrued')}</p>
              </Notice>
            )}
            <div className="scroll-region" role="region" aria-label={quartersCaption} tabIndex={0}>
              <table className="table targets-table">
                <caption>{quartersCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('quarters.quarter')}</th>
                    <th scope="col" className="targets-num">
                      {t('budget.codedAtEnd')}
                    </th>
                    <th scope="col" className="targets-num">
                      {t('budget.accruedInQuarter')}
                    </th>
                    <th scope="col" className="targets-num">
                      {t('budget.accruedToDate')}
                    </th>
                    <th scope="col" className="targets-num">
                      {t('budget.execution')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {budget.quarters.map((q) => (
                    <tr key={q.quarter}>
                      <th scope="row">{t('quarters.long', { quarter: q.quarter })}</th>
                      <td className="targets-num targets-nowrap">{format.money(q.coded)}</td>
                      <td className="targets-num targets-nowrap">{format.money(q.accrued)}</td>
                      <td className="targets-num targets-nowrap">
                        {format.money(q.accruedToDate)}
                      </td>
                      <td className="targets-num targets-nowrap">
                        {format.percentOrNone(q.executionPercent)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="panel targets-section" aria-labelledby="entries-title">
            <div className="targets-section__head">
              <h2 id="entries-title">{t('budget.entriesTitle')}</h2>
              <Button variant="primary" onPress={() => setDialog('entry')}>
                {t('budget.addEntry')}
              </Button>
            </div>
            <p className="field__description">{t('budget.entriesExplain')}</p>
            {budget.entries.length === 0 ? (
              <p>{t('budget.noEntries', { year })}</p>
            ) : (
              <div className="scroll-region" role="region" aria-label={entriesCaption} tabIndex={0}>
                <table className="table targets-table">
                  <caption>{entriesCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('budget.date')}</th>
                      <th scope="col">{t('budget.kind')}</th>
                      <th scope="col" className="targets-num">
                        {t('budget.amount')}
                      </th>
                      <th scope="col">{t('budget.note')}</th>
                      <th scope="col">{t('budget.recorded')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('budget.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {budget.entries.map((entry) => (
                      <tr key={entry.id} className={entry.voided ? 'targets-voided' : undefined}>
                        <th scope="row" className="targets-nowrap">
                          {format.date(entry.date)}
                        </th>
                        <td>{t(`budget.kinds.${entry.kind}`)}</td>
                        <td className="targets-num targets-nowrap">
                          {entry.voided ? (
                            <s>{format.money(entry.amount)}</s>
                          ) : (
                            format.money(entry.amount)
                          )}
                        </td>
                        <td>
                          {entry.note ?? t('figures.none')}
                          {entry.voided && (
                            <span className="targets-sub">
                              {t('budget.voidedOn', {
                                date: format.dateTime(entry.voided.at),
                                who: format.who(entry.voided.by),
                                reason: t(`budget.voidReasons.${entry.voided.reason}`),
                              })}
                            </span>
                          )}
                        </td>
                        <td>
                          {t('budget.recordedByOn', {
                            who: format.who(entry.recordedBy),
                            date: format.dateTime(entry.recordedAt),
                          })}
                        </td>
                        <td>
                          {!entry.voided && (
                            <Button
                              variant="quiet"
                              onPress={() => setDialog(entry)}
                              aria-label={t('budget.voidNamed', {
                                kind: t(`budget.kinds.${entry.kind}`),
                                amount: format.money(entry.amount),
                                date: format.date(entry.date),
                              })}
                            >
                              {t('budget.void')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
      {dialog === 'entry' && (
        <BudgetEntryDialog project={project} year={year} onClose={close(t('budget.entryAdded'))} />
      )}
      {dialog === 'project' && (
        <ProjectDialog
          programs={programs}
          project={project}
          onClose={close(t('plan.projectSaved'))}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <VoidEntryDialog entry={dialog} onClose={close(t('budget.entryVoided'))} />
      )}
    </>
  );
}
