import { Id, z } from '../../http/zod';
import { atLeastOneChange, ExecutingUnits, FreeText, PlanCode, Version } from './target-fields';

/** The plan: programs and their projects (what budget and targets hang off). */

const programFields = {
  code: PlanCode.openapi({ description: 'Unique among programs (409 code_taken)' }),
  name: FreeText(300, false),
  planObjective: FreeText(1000, true).openapi({
    description: 'The objective of the development plan the program aligns to',
  }),
};

export const NewProgram = z
  .object({ ...programFields, planObjective: programFields.planObjective.nullable().default(null) })
  .strict()
  .openapi('NewPlanProgram');
export type NewProgram = z.infer<typeof NewProgram>;

export const ProgramChange = z
  .object({
    version: Version,
    code: programFields.code.optional(),
    name: programFields.name.optional(),
    planObjective: programFields.planObjective.nullable().optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('PlanProgramChange', { description: 'Only the fields sent change' });
export type ProgramChange = z.infer<typeof ProgramChange>;

const projectFields = {
  code: PlanCode.openapi({ description: "Unique among its program's projects (409 code_taken)" }),
  name: FreeText(300, false),
  executingUnits: ExecutingUnits,
};

export const NewProject = z
  .object({ programId: Id, ...projectFields })
  .strict()
  .openapi('NewPlanProject');
export type NewProject = z.infer<typeof NewProject>;

export const ProjectChange = z
  .object({
    version: Version,
    code: projectFields.code.optional(),
    name: projectFields.name.optional(),
    executingUnits: projectFields.executingUnits.optional(),
  })
  .strict()
  .refine(...atLeastOneChange)
  .openapi('PlanProjectChange', {
    description: 'Only the fields sent change; a project stays in its program',
  });
export type ProjectChange = z.infer<typeof ProjectChange>;

const recorded = {
  createdBy: Id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
};

export const Project = z
  .object({
    id: Id,
    programId: Id,
    code: z.string(),
    name: z.string(),
    executingUnits: z.array(z.string()),
    ...recorded,
  })
  .openapi('PlanProject');
export type Project = z.infer<typeof Project>;

export const Program = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    planObjective: z.string().nullable(),
    ...recorded,
    projects: z.array(Project).openapi({ description: 'By code' }),
  })
  .openapi('PlanProgram');
export type Program = z.infer<typeof Program>;

export const ProgramList = z
  .object({
    items: z.array(Program).openapi({ description: 'Every program, by code, with its projects' }),
  })
  .openapi('PlanProgramList');
export type ProgramList = z.infer<typeof ProgramList>;

export const ProjectList = z
  .object({ items: z.array(Project).openapi({ description: 'By program code, then code' }) })
  .openapi('PlanProjectList');
export type ProjectList = z.infer<typeof ProjectList>;

export const ProjectQuery = z.object({ programId: Id.optional() }).strict();
export type ProjectQuery = z.infer<typeof ProjectQuery>;

export const IdParams = z.object({ id: Id }).strict();
export type IdParams = z.infer<typeof IdParams>;
