import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DialogForm } from '../../ui/form/forms';
import { FormSelect, FormTextField } from '../../ui/form/fields';
import { z } from '../../ui/form/zod';
import { FieldAnchor } from '../campaigns/FieldAnchor';
import { linesOf } from './target-form';
import type { Program, Project } from './target-types';
import { MAX_EXECUTING_UNITS } from './target-vocabularies';
import { useTargetFormErrors } from './useTargetFormErrors';
import {
  useCreateProgram,
  useCreateProject,
  useUpdateProgram,
  useUpdateProject,
} from './useTargets';

const Code = z
  .string()
  .trim()
  .min(1, 'required')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/, 'plan_code');
const Name = z.string().trim().min(1, 'required').max(300, 'too_long');

const ProgramForm = z.object({
  code: Code,
  name: Name,
  planObjective: z.string().trim().max(1000, 'too_long'),
});
type ProgramFormValues = z.infer<typeof ProgramForm>;

const ProjectForm = z.object({
  programId: z.string({ message: 'required' }).min(1, 'required'),
  code: Code,
  name: Name,
  executingUnits: z.string().superRefine((text, ctx) => {
    const units = linesOf(text);
    if (units.length === 0) ctx.addIssue({ code: 'custom', message: 'required' });
    else if (units.length > MAX_EXECUTING_UNITS)
      ctx.addIssue({ code: 'custom', message: 'too_many_units' });
    else if (units.some((u) => u.length > 200))
      ctx.addIssue({ code: 'custom', message: 'unit_too_long' });
    else if (new Set(units).size < units.length)
      ctx.addIssue({ code: 'custom', message: 'unit_twice' });
  }),
});
type ProjectFormValues = z.infer<typeof ProjectForm>;

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

/** A program of the plan, new or changed (from the version read). */
export function ProgramDialog({
  program,
  onClose,
}: {
  program?: Program;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('targets');
  const create = useCreateProgram();
  const update = useUpdateProgram(program?.id ?? '');
  const mutation = program ? update : create;
  const [nothing, setNothing] = useState(false);
  const form = useForm<ProgramFormValues>({
    resolver: zodResolver(ProgramForm),
    defaultValues: {
      code: program?.code ?? '',
      name: program?.name ?? '',
      planObjective: program?.planObjective ?? '',
    },
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(['code', 'name', 'planObjective'], form, {
    code: t('plan.code'),
    name: t('plan.programName'),
    planObjective: t('fields.planObjective'),
  });
  const bound = {
    control: form.control,
    translateError: errors.translateError,
    isDisabled: mutation.isPending,
  };
  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    const done = { onSuccess: () => onClose(true), onError: errors.reject };
    const next = {
      code: values.code.trim(),
      name: values.name.trim(),
      planObjective: optional(values.planObjective),
    };
    if (!program) {
      create.mutate(next, done);
      return;
    }
    const change = {
      version: program.version,
      ...(next.code !== program.code ? { code: next.code } : {}),
      ...(next.name !== program.name ? { name: next.name } : {}),
      ...(next.planObjective !== program.planObjective
        ? { planObjective: next.planObjective }
        : {}),
    };
    if (Object.keys(change).length === 1) {
      setNothing(true);
      return;
    }
    update.mutate(change, done);
  });
  return (
    <DialogForm
      title={program ? t('plan.editProgram') : t('plan.newProgram')}
      isPending={mutation.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={mutation.error}
      nothing={nothing && t('editor.nothing')}
      submitLabel={
        mutation.isPending ? t('form.saving') : program ? t('form.save') : t('plan.createProgram')
      }
      cancelLabel={t('form.cancel')}
    >
      <FormTextField
        {...bound}
        name="code"
        label={t('plan.code')}
        description={t('plan.codeHelp')}
        maxLength={30}
        isRequired
      />
      <FormTextField
        {...bound}
        name="name"
        label={t('plan.programName')}
        maxLength={300}
        isRequired
      />
      <FormTextField
        {...bound}
        name="planObjective"
        label={t('fields.planObjective')}
        description={t('plan.objectiveHelp')}
        multiline
        rows={3}
        maxLength={1000}
      />
    </DialogForm>
  );
}

/** A project of a program, new (in the program given) or changed (it stays in its program). */
export function ProjectDialog({
  programs,
  programId,
  project,
  onClose,
}: {
  programs: Program[];
  programId?: string;
  project?: Project;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation('targets');
  const create = useCreateProject();
  const update = useUpdateProject(project?.id ?? '');
  const mutation = project ? update : create;
  const [nothing, setNothing] = useState(false);
  const form = useForm<ProjectFormValues>({
    resolver: zodResolver(ProjectForm),
    defaultValues: {
      programId: project?.programId ?? programId ?? '',
      code: project?.code ?? '',
      name: project?.name ?? '',
      executingUnits: project?.executingUnits.join('\n') ?? '',
    },
    shouldFocusError: false,
  });
  const errors = useTargetFormErrors(['programId', 'code', 'name', 'executingUnits'], form, {
    programId: t('plan.program'),
    code: t('plan.code'),
    name: t('plan.projectName'),
    executingUnits: t('fields.executingUnits'),
  });
  const bound = {
    control: form.control,
    translateError: errors.translateError,
    isDisabled: mutation.isPending,
  };
  const submit = form.handleSubmit((values) => {
    errors.clear();
    setNothing(false);
    const done = { onSuccess: () => onClose(true), onError: errors.reject };
    const units = linesOf(values.executingUnits);
    if (!project) {
      create.mutate(
        {
          programId: values.programId,
          code: values.code.trim(),
          name: values.name.trim(),
          executingUnits: units,
        },
        done,
      );
      return;
    }
    const sameUnits =
      units.length === project.executingUnits.length &&
      units.every((u, i) => u === project.executingUnits[i]);
    const change = {
      version: project.version,
      ...(values.code.trim() !== project.code ? { code: values.code.trim() } : {}),
      ...(values.name.trim() !== project.name ? { name: values.name.trim() } : {}),
      ...(sameUnits ? {} : { executingUnits: units }),
    };
    if (Object.keys(change).length === 1) {
      setNothing(true);
      return;
    }
    update.mutate(change, done);
  });
  return (
    <DialogForm
      title={project ? t('plan.editProject') : t('plan.newProject')}
      isPending={mutation.isPending}
      onClose={() => onClose(false)}
      onSubmit={submit}
      errors={errors}
      error={mutation.error}
      nothing={nothing && t('editor.nothing')}
      submitLabel={
        mutation.isPending ? t('form.saving') : project ? t('form.save') : t('plan.createProject')
      }
      cancelLabel={t('form.cancel')}
    >
      {!project && (
        <FieldAnchor name="programId">
          <FormSelect
            {...bound}
            name="programId"
            label={t('plan.program')}
            options={programs.map((p) => ({
              id: p.id,
              label: t('plan.codeName', { code: p.code, name: p.name }),
            }))}
            isRequired
          />
        </FieldAnchor>
      )}
      <FormTextField
        {...bound}
        name="code"
        label={t('plan.code')}
        description={t('plan.codeHelp')}
        maxLength={30}
        isRequired
      />
      <FormTextField
        {...bound}
        name="name"
        label={t('plan.projectName')}
        maxLength={300}
        isRequired
      />
      <FormTextField
        {...bound}
        name="executingUnits"
        label={t('fields.executingUnits')}
        description={t('form.unitsHelp')}
        multiline
        rows={3}
        isRequired
      />
    </DialogForm>
  );
}
