import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { EditorForm, StaleVersionNotice } from '../../ui/form/forms';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemMessage } from '../../ui/ProblemMessage';
import {
  emptyTargetForm,
  TARGET_FIELDS,
  TargetForm,
  targetFormOf,
  toNewTarget,
  toTargetChange,
  type TargetFormValues,
} from './target-form';
import type { Program, Target } from './target-types';
import { TargetFields } from './TargetFields';
import { useTargetFormErrors } from './useTargetFormErrors';
import { useCreateTarget, usePrograms, useTarget, useUpdateTarget } from './useTargets';
import { useTargetFormat } from './useTargetWords';
import './targets.css';

/** The name of each field for the error summary (ids: paths with dashes). */
function useFieldLabels(): Record<string, string> {
  const { t } = useTranslation('targets');
  return {
    projectId: t('fields.project'),
    year: t('fields.year'),
    description: t('fields.description'),
    indicator: t('fields.indicator'),
    unitOfMeasure: t('fields.unitOfMeasure'),
    kind: t('fields.measure'),
    measure: t('fields.measure'),
    filters: t('fields.measure'),
    programmed: t('fields.programmed'),
    programmedByQuarter: t('fields.programmedByQuarter'),
    'programmedByQuarter-0': t('quarters.long', { quarter: 1 }),
    'programmedByQuarter-1': t('quarters.long', { quarter: 2 }),
    'programmedByQuarter-2': t('quarters.long', { quarter: 3 }),
    'programmedByQuarter-3': t('quarters.long', { quarter: 4 }),
    executingUnits: t('fields.executingUnits'),
    planObjective: t('fields.planObjective'),
    resultsDescription: t('fields.resultsDescription'),
  };
}

/** A new target, for the year (and project) in the address; saved, it opens its page. */
export function NewTargetPage() {
  const { t } = useTranslation('targets');
  const [search] = useSearchParams();
  const programs = usePrograms();
  const asked = Number(search.get('year'));
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getFullYear();
  return (
    <>
      <p className="targets-back">
        <Link to={`/targets?year=${year}`}>{t('target.back', { year })}</Link>
      </p>
      <PageHeader title={t('editor.newTitle')} />
      {programs.isPending && <Loading />}
      {programs.isError && <ProblemMessage error={programs.error} />}
      {programs.data && programs.data.every((p) => p.projects.length === 0) && (
        <Notice>
          <p>{t('editor.noProjects')}</p>
          <p>
            <Link to={`/targets/plan?year=${year}`}>{t('targets.toPlan')}</Link>
          </p>
        </Notice>
      )}
      {programs.data && programs.data.some((p) => p.projects.length > 0) && (
        <NewTargetForm
          programs={programs.data}
          year={year}
          projectId={search.get('projectId') ?? ''}
        />
      )}
    </>
  );
}

function NewTargetForm({
  programs,
  year,
  projectId,
}: {
  programs: Program[];
  year: number;
  projectId: string;
}) {
  const { t } = useTranslation('targets');
  const navigate = useNavigate();
  const create = useCreateTarget();
  const known = programs.some((p) => p.projects.some((j) => j.id === projectId));
  const form = useForm<TargetFormValues>({
    resolver: zodResolver(TargetForm),
    defaultValues: emptyTargetForm(year, known ? projectId : ''),
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(TARGET_FIELDS, form, useFieldLabels());
  const submit = form.handleSubmit((values) => {
    errors.clear();
    create.mutate(toNewTarget(values), {
      onSuccess: (target) => void navigate(`/targets/${target.id}`),
      onError: errors.reject,
    });
  });
  return (
    <EditorForm
      className="stack targets-form"
      onSubmit={submit}
      errors={errors}
      error={create.error}
      isPending={create.isPending}
      submitLabel={create.isPending ? t('form.saving') : t('editor.create')}
      cancel={{ to: `/targets?year=${year}`, label: t('form.cancel') }}
    >
      <p className="field__description">{t('form.requiredNote')}</p>
      <TargetFields
        form={form}
        translateError={errors.translateError}
        programs={programs}
        isNew
        isDisabled={create.isPending}
      />
    </EditorForm>
  );
}

/** A change of a target, from the version read (project and year stay). */
export function EditTargetPage() {
  const { t } = useTranslation('targets');
  const { id = '' } = useParams();
  const target = useTarget(id);
  const programs = usePrograms();
  return (
    <>
      {target.data && (
        <p className="targets-back">
          <Link to={`/targets/${target.data.id}`}>{t('editor.backToTarget')}</Link>
        </p>
      )}
      <PageHeader title={t('editor.editTitle')} />
      {(target.isPending || programs.isPending) && <Loading />}
      {target.isError && <ProblemMessage error={target.error} />}
      {target.data && programs.data && (
        <EditTargetForm loaded={target.data} programs={programs.data} />
      )}
    </>
  );
}

function EditTargetForm({ loaded, programs }: { loaded: Target; programs: Program[] }) {
  const { t } = useTranslation('targets');
  const navigate = useNavigate();
  const format = useTargetFormat();
  const update = useUpdateTarget(loaded.id);
  const [nothing, setNothing] = useState(false);
  const form = useForm<TargetFormValues>({
    resolver: zodResolver(TargetForm),
    defaultValues: targetFormOf(loaded, format.decimal),
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(TARGET_FIELDS, form, useFieldLabels());
  const stale = isProblem(update.error, 'stale_version');
  const project = programs.flatMap((p) => p.projects).find((j) => j.id === loaded.projectId);
  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    const change = toTargetChange(loaded, values);
    if (!change) {
      setNothing(true);
      return;
    }
    update.mutate(change, {
      onSuccess: (target) => void navigate(`/targets/${target.id}`),
      onError: errors.reject,
    });
  });
  return (
    <EditorForm
      className="stack targets-form"
      onSubmit={submit}
      errors={errors}
      error={update.error}
      isPending={update.isPending}
      stale={
        stale && (
          <StaleVersionNotice title={t('editor.staleTitle')} explain={t('editor.staleExplain')}>
            <p>
              <Link to={`/targets/${loaded.id}`}>{t('editor.seeCurrent')}</Link>
            </p>
          </StaleVersionNotice>
        )
      }
      nothing={nothing && t('editor.nothing')}
      submitLabel={update.isPending ? t('form.saving') : t('editor.save')}
      cancel={{ to: `/targets/${loaded.id}`, label: t('form.cancel') }}
    >
      <p className="field__description">
        {t('editor.belongsTo', {
          project: project ? t('plan.codeName', { code: project.code, name: project.name }) : '',
          year: loaded.year,
        })}
      </p>
      <p className="field__description">{t('form.requiredNote')}</p>
      <TargetFields
        form={form}
        translateError={errors.translateError}
        programs={programs}
        isNew={false}
        isDisabled={update.isPending}
      />
    </EditorForm>
  );
}
