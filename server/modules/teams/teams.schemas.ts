import { Id, z } from '../../http/zod';

/** Teams of the lead agency; a name is institutional information (clear). */
export const CreateTeam = z
  .object({ name: z.string().trim().min(2).max(120) })
  .strict()
  .openapi('CreateTeam');
export type CreateTeam = z.infer<typeof CreateTeam>;

export const Team = z
  .object({ id: Id, name: z.string(), createdAt: z.iso.datetime() })
  .openapi('Team');
export type Team = z.infer<typeof Team>;
