import { Id, z } from '../../http/zod';

/** No parameters: the whole directory (a few hundred people at most). */
export const DirectoryQuery = z.object({}).strict();

/** A team of the lead agency: institutional information. */
export const DirectoryTeam = z.object({ id: Id, name: z.string() }).openapi('DirectoryTeam');

/** An active caseworker or supervisor of the lead agency: a name for an id, never an email. */
export const StaffMember = z
  .object({
    id: Id,
    displayName: z.string(),
    role: z.enum(['caseworker', 'supervisor']),
    teamId: Id.nullable(),
    /** May be the `assignedTo` of POST /cases/{id}/assign: a caseworker in a team. */
    assignable: z.boolean(),
  })
  .openapi('StaffMember');
export type StaffMember = z.infer<typeof StaffMember>;

export const Directory = z
  .object({ teams: z.array(DirectoryTeam), staff: z.array(StaffMember) })
  .openapi('Directory');
export type Directory = z.infer<typeof Directory>;
