import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ExecutionFacts } from './ExecutionFacts';
import { ProgramDialog, ProjectDialog } from './PlanDialogs';
import type { BudgetExecution, BudgetSummary, Program } from './target-types';
import { TargetsNav, useYear } from './TargetsNav';
import { useBudgetSummary, usePrograms } from './useTargets';
import { useTargetFormat } from './useTargetWords';
import './targets.css';

type Editing =
  | { kind: 'newProgram' }
  | { kind: 'program'; program: Program }
  | { kind: 'newProject'; programId: string };

/**
 * The plan the targets hang off: programs (with the plan objective they
 * align to) and their projects (with the units that execute them), and the
 * year's budget execution of each: coded, accrued, % execution.
 */
export function PlanPage() {
  const { t } = useTranslation('targets');
  const [year, setYear] = useYear();
  const programs = usePrograms();
  const summary = useBudgetSummary(year);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const close = (message: string) => (ok: boolean) => {
    setEditing(null);
    setSaved(ok ? message : null);
  };

  return (
    <>
      <PageHeader
        title={t('plan.title')}
        actions={
          <Button variant="primary" onPress={() => setEditing({ kind: 'newProgram' })}>
            {t('plan.newProgram')}
          </Button>
        }
      />
      <TargetsNav year={year} onYear={setYear} />
      <p className="targets-lead">{t('plan.intro')}</p>
      {saved && (
        <Notice tone="success" live>
          {saved}
        </Notice>
      )}
      {(programs.isPending || summary.isPending) && <Loading />}
      {programs.isError && <ProblemMessage error={programs.error} />}
      {summary.isError && <ProblemMessage error={summary.error} />}
      {summary.data && programs.data && programs.data.length > 0 && (
        <section className="panel targets-section" aria-labelledby="budget-total">
          <h2 id="budget-total">{t('budget.totalTitle', { year })}</h2>
          <ExecutionFacts execution={summary.data.budget} />
        </section>
      )}
      {programs.data && programs.data.length === 0 && <p role="status">{t('plan.none')}</p>}
      {programs.data?.map((program) => (
        <ProgramSection
          key={program.id}
          program={program}
          year={year}
          summary={summary.data}
          onEdit={() => setEditing({ kind: 'program', program })}
          onAddProject={() => setEditing({ kind: 'newProject', programId: program.id })}
        />
      ))}
      {editing?.kind === 'newProgram' && (
        <ProgramDialog onClose={close(t('plan.programCreated'))} />
      )}
      {editing?.kind === 'program' && (
        <ProgramDialog program={editing.program} onClose={close(t('plan.programSaved'))} />
      )}
      {editing?.kind === 'newProject' && programs.data && (
        <ProjectDialog
          programs={programs.data}
          programId={editing.programId}
          onClose={close(t('plan.projectCreated'))}
        />
      )}
    </>
  );
}

function ProgramSection({
  program,
  year,
  summary,
  onEdit,
  onAddProject,
}: {
  program: Program;
  year: number;
  summary: BudgetSummary | undefined;
  onEdit: () => void;
  onAddProject: () => void;
}) {
  const { t } = useTranslation('targets');
  const format = useTargetFormat();
  const figures = summary?.programs.find((p) => p.id === program.id);
  const budgetOf = (projectId: string): BudgetExecution | undefined =>
    figures?.projects.find((p) => p.id === projectId)?.budget;
  const caption = t('plan.projectsCaption', { code: program.code, year });
  const id = `program-${program.id}`;
  return (
    <section className="panel targets-section" aria-labelledby={id}>
      <div className="targets-section__head">
        <h2 id={id}>{t('plan.codeName', { code: program.code, name: program.name })}</h2>
        <div className="actions">
          <Button onPress={onEdit} aria-label={t('plan.editProgramNamed', { code: program.code })}>
            {t('plan.edit')}
          </Button>
          <Button
            onPress={onAddProject}
            aria-label={t('plan.addProjectTo', { code: program.code })}
          >
            {t('plan.addProject')}
          </Button>
        </div>
      </div>
      <p>
        <span className="targets-label">{t('fields.planObjective')}:</span>{' '}
        {program.planObjective ?? t('figures.none')}
      </p>
      {program.projects.length === 0 ? (
        <p>{t('plan.noProjects')}</p>
      ) : (
        <div className="scroll-region" role="region" aria-label={caption} tabIndex={0}>
          <table className="table targets-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.code')}</th>
                <th scope="col">{t('plan.projectName')}</th>
                <th scope="col">{t('fields.executingUnits')}</th>
                <th scope="col" className="targets-num">
                  {t('budget.coded')}
                </th>
                <th scope="col" className="targets-num">
                  {t('budget.accrued')}
                </th>
                <th scope="col" className="targets-num">
                  {t('budget.execution')}
                </th>
              </tr>
            </thead>
            <tbody>
              {program.projects.map((project) => {
                const budget = budgetOf(project.id);
                return (
                  <tr key={project.id}>
                    <td>{project.code}</td>
                    <th scope="row">
                      <Link to={`/targets/plan/projects/${project.id}?year=${year}`}>
                        {project.name}
                      </Link>
                    </th>
                    <td>{project.executingUnits.join(', ')}</td>
                    <td className="targets-num targets-nowrap">
                      {budget ? format.money(budget.coded) : '…'}
                    </td>
                    <td className="targets-num targets-nowrap">
                      {budget ? format.money(budget.accrued) : '…'}
                    </td>
                    <td className="targets-num targets-nowrap">
                      {budget ? format.percentOrNone(budget.executionPercent) : '…'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            {figures && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('budget.programTotal')}
                  </th>
                  <td className="targets-num targets-nowrap">
                    {format.money(figures.budget.coded)}
                  </td>
                  <td className="targets-num targets-nowrap">
                    {format.money(figures.budget.accrued)}
                  </td>
                  <td className="targets-num targets-nowrap">
                    {format.percentOrNone(figures.budget.executionPercent)}
                  </td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}
