import { refuseAccountChange, roleFitsInstitution } from '../../../security/policy';
import { generateInitialPassword, type PasswordHasher } from '../../../security/passwords';
import { inActorTransaction, type StaffActor, type Store } from '../../db/actor-transaction';
import { withAuditedRefusals } from '../../db/audited-record';
import { outsideRequestTransaction } from '../../db/request-transaction';
import { toPage } from '../../http/pagination';
import { problems } from '../../http/problem';
import { record, type AuditAction, type AuditEntry } from '../audit';
import {
  emailExists,
  findActiveInstitution,
  findUserById,
  insertUser,
  listUsers,
  teamExists,
  updateUser,
  type UserChange,
} from './users.repository';
import type { CreateUser, UpdateUser, User, UserListQuery, UserSearch } from './users.schemas';

export interface UsersDeps {
  store: Store;
  hasher: PasswordHasher;
  /** Deletes a user's session rows (their next request is refused anyway). */
  endSessions(userId: string): Promise<void>;
}

export async function createUser(
  deps: UsersDeps,
  actor: StaffActor,
  input: CreateUser,
): Promise<User & { initialPassword: string }> {
  const initialPassword = generateInitialPassword();
  const passwordHash = await outsideRequestTransaction(() => deps.hasher.hash(initialPassword));
  const user = await inActorTransaction(deps.store, actor, async (trx) => {
    await assertInstitutionFits(trx, input.institutionId, input.role);
    await assertTeamFits(trx, input.teamId, input.role);
    if (await emailExists(trx, input.email)) throw emailTaken();
    const created = await insertUser(trx, { ...input, passwordHash });
    record(trx, { ...userResource(created.id), action: 'user.create', outcome: 'success' });
    return created;
  });
  return { ...user, initialPassword };
}

export function getUser(deps: UsersDeps, actor: StaffActor, id: string): Promise<User> {
  return inActorTransaction(deps.store, actor, async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw problems.notFound();
    return user;
  });
}

/** A page of accounts by email; the search's term is a filter like the others. Not audited, as the list. */
export async function findUsers(
  deps: UsersDeps,
  actor: StaffActor,
  query: UserListQuery | UserSearch,
) {
  const rows = await inActorTransaction(deps.store, actor, (trx) =>
    listUsers(trx, { ...query, after: query.cursor, limit: query.limit + 1 }),
  );
  return toPage(rows, query.limit, ({ id }) => ({ id }));
}

/**
 * One PATCH, one transaction, one audit event per kind of change. Anything
 * that changes what the account may do (role, institution, status,
 * credentials) ends its sessions: they are refused from the next request.
 */
export async function changeUser(
  deps: UsersDeps,
  actor: StaffActor,
  id: string,
  input: UpdateUser,
): Promise<User & { initialPassword?: string }> {
  const initialPassword = input.resetPassword ? generateInitialPassword() : undefined;
  const passwordHash = initialPassword
    ? await outsideRequestTransaction(() => deps.hasher.hash(initialPassword))
    : undefined;
  const resource = {
    type: 'user',
    id,
    exists: async (trx: Parameters<typeof findUserById>[0]) =>
      (await findUserById(trx, id)) !== undefined,
  };
  const change = () =>
    inActorTransaction(deps.store, actor, async (trx) => {
      const current = await findUserById(trx, id);
      if (!current) throw problems.notFound();
      const refusal = refuseAccountChange(actor, current, input);
      if (refusal) {
        throw problems.conflict(refusal, 'Not allowed on your own account').asRefusal(refusal);
      }
      const role = input.role ?? current.role;
      const institutionId = input.institutionId ?? current.institutionId;
      if (input.role !== undefined || input.institutionId !== undefined) {
        await assertInstitutionFits(trx, institutionId, role);
      }
      if (input.role !== undefined || input.teamId !== undefined) {
        await assertTeamFits(trx, input.teamId === undefined ? current.teamId : input.teamId, role);
      }
      const events = auditEvents(current, input);
      const userChange: UserChange = {
        displayName: input.displayName,
        institutionId: input.institutionId,
        role: input.role,
        active: input.active,
        teamId: input.teamId,
        teamAccess: input.teamAccess,
        passwordHash,
        removeSecondFactor: input.resetSecondFactor,
        unlockSecondFactor: input.unlockSecondFactor,
        endSessions: events.some((event) => event.endsSessions),
      };
      const updated = await updateUser(trx, id, userChange);
      for (const event of events)
        record(trx, { ...userResource(id), action: event.action, outcome: 'success' });
      return { user: updated, endSessions: userChange.endSessions };
    });
  const { user, endSessions } = await withAuditedRefusals(deps.store, actor, resource, change);
  if (endSessions) await deps.endSessions(id);
  return initialPassword ? { ...user, initialPassword } : user;
}

function auditEvents(current: User, input: UpdateUser) {
  const events: { action: AuditAction; endsSessions: boolean }[] = [];
  const changed = <K extends keyof User>(key: K, value: User[K] | undefined) =>
    value !== undefined && value !== current[key];
  if (changed('displayName', input.displayName))
    events.push({ action: 'user.update', endsSessions: false });
  if (changed('role', input.role)) events.push({ action: 'user.role_change', endsSessions: true });
  if (changed('institutionId', input.institutionId)) {
    events.push({ action: 'user.institution_change', endsSessions: true });
  }
  if (changed('active', input.active)) {
    events.push({
      action: input.active ? 'user.enable' : 'user.disable',
      endsSessions: !input.active,
    });
  }
  if (changed('teamId', input.teamId) || changed('teamAccess', input.teamAccess)) {
    events.push({ action: 'user.team_change', endsSessions: true });
  }
  if (input.resetPassword) events.push({ action: 'user.password_reset', endsSessions: true });
  if (input.resetSecondFactor) events.push({ action: 'user.mfa_reset', endsSessions: true });
  if (input.unlockSecondFactor) events.push({ action: 'user.mfa_unlock', endsSessions: false });
  return events;
}

async function assertInstitutionFits(
  trx: Parameters<typeof findActiveInstitution>[0],
  institutionId: string,
  role: User['role'],
): Promise<void> {
  const institution = await findActiveInstitution(trx, institutionId);
  if (!institution) {
    throw fieldError('institutionId', 'unknown_institution', 'No active institution with this id');
  }
  if (!roleFitsInstitution(role, institution)) {
    throw fieldError(
      'role',
      'role_institution_mismatch',
      'Partners belong to partner institutions; every other role to the lead agency',
    );
  }
}

/** Teams are for the case roles: caseworkers and supervisors. */
async function assertTeamFits(
  trx: Parameters<typeof teamExists>[0],
  teamId: string | null,
  role: User['role'],
): Promise<void> {
  if (teamId === null) return;
  if (role !== 'caseworker' && role !== 'supervisor') {
    throw fieldError(
      'teamId',
      'team_for_case_roles_only',
      'Only caseworkers and supervisors have a team',
    );
  }
  if (!(await teamExists(trx, teamId)))
    throw fieldError('teamId', 'unknown_team', 'No team with this id');
}

const emailTaken = () => problems.conflict('email_taken', 'An account with this email exists');
const fieldError = (field: string, code: string, message: string) =>
  problems.validation([{ path: `body.${field}`, code, message }]);
const userResource = (id: string): Pick<AuditEntry, 'resourceType' | 'resourceId'> => ({
  resourceType: 'user',
  resourceId: id,
});
