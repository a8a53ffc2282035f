import { generateInitialPassword, type PasswordHasher } from '../../../security/passwords';
import { inActorTransaction, SYSTEM_ACTOR, type Store } from '../../db/actor-transaction';
import { record } from '../audit';
import { ensureLeadAgency } from '../institutions';
import type { InstitutionSector } from '../institutions';
import { countActiveAdmins, emailExists, insertUser } from './users.repository';
import { Email, type User } from './users.schemas';

export class FirstAdminError extends Error {
  constructor(readonly reason: 'admin_exists' | 'email_taken' | 'invalid_email') {
    super(reason);
    this.name = 'FirstAdminError';
  }
}

/**
 * The operator's way in on a fresh installation: an admin of the lead agency
 * with a one-time password that must be changed at first login. Only while no
 * active admin exists; later admins are created by admins.
 */
export async function createFirstAdmin(
  store: Store,
  hasher: PasswordHasher,
  input: { email: string; displayName: string },
  leadAgency: { name: string; sector: InstitutionSector },
): Promise<{ user: User; initialPassword: string }> {
  const email = Email.safeParse(input.email);
  if (!email.success) throw new FirstAdminError('invalid_email');
  const { institution } = await ensureLeadAgency(store, leadAgency);
  const initialPassword = generateInitialPassword();
  const passwordHash = await hasher.hash(initialPassword);
  const user = await inActorTransaction(store, SYSTEM_ACTOR, async (trx) => {
    if ((await countActiveAdmins(trx)) > 0) throw new FirstAdminError('admin_exists');
    if (await emailExists(trx, email.data)) throw new FirstAdminError('email_taken');
    const created = await insertUser(trx, {
      institutionId: institution.id,
      email: email.data,
      displayName: input.displayName,
      role: 'admin',
      passwordHash,
      teamId: null,
      teamAccess: false,
    });
    record(trx, {
      action: 'user.create',
      outcome: 'success',
      resourceType: 'user',
      resourceId: created.id,
    });
    return created;
  });
  return { user, initialPassword };
}
