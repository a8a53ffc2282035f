import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import { asSystemWithin } from '../../db/rls-context';
import { problems } from '../../http/problem';
import { record } from '../audit';
import { identityOf } from './participant-identity';
import { participantDetailOf } from './participant-read';
import type { ParticipantAccountLink, ParticipantDetail } from './participant.schemas';
import * as repo from './participants.repository';
import type { Trx } from './programmes.repository';
import { conflictOn, participantErased, type TrainingsDeps } from './trainings.service';
import { requireCoordinator } from '../auth';

/*
 * Linking a participant to the person's own staff account, so that they read
 * their own record (GET /trainings/me) and certificates: never automatic
 * (a typed e-mail must not hand a training record to whoever owns that
 * address), but an explicit step by a coordinator, who chooses the account
 * by its id. It is allowed only when that account's login e-mail is the
 * participant's work e-mail (compared ignoring case, after decrypting); a
 * refusal never says what either address is. Audited naming both the
 * participant and the account (same request id).
 */

type LinkAction = 'training.participant.link' | 'training.participant.unlink';

export function auditLink(trx: Trx, action: LinkAction, participantId: string, userId: string) {
  record(trx, {
    action,
    outcome: 'success',
    resourceType: 'training_participant',
    resourceId: participantId,
  });
  record(trx, { action, outcome: 'success', resourceType: 'user', resourceId: userId });
}

/**
 * Whether the account's login e-mail is this work e-mail. Coordinators do
 * not read staff accounts: the login e-mail is read as the system, compared
 * here and never returned.
 */
export async function accountMatches(
  trx: Trx,
  actor: StaffActor,
  userId: string,
  workEmail: string | null,
): Promise<boolean> {
  if (workEmail === null) return false;
  const login = await asSystemWithin(trx, actor, () => repo.loginEmailOf(trx, userId));
  return login !== undefined && login.toLowerCase() === workEmail.toLowerCase();
}

const mismatch = () =>
  conflictOn(
    'account_email_mismatch',
    "The account does not match the participant's work e-mail",
    'A participant is linked only to the account whose login e-mail is their work e-mail.',
    [{ path: 'body.userId', code: 'account_email_mismatch', message: 'Not this account' }],
  );

const alreadyLinked = () =>
  conflictOn(
    'account_already_linked',
    'Another participant is linked to this account',
    'Unlink that participant first if this one is the same person.',
    [{ path: 'body.userId', code: 'account_already_linked', message: 'Linked elsewhere' }],
  );

/**
 * PUT …/participants/{id}/account: links the participant to the account
 * (replacing a previous link). Linking to the account it is linked to
 * already changes nothing and is not audited again.
 */
export async function linkAccount(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  input: ParticipantAccountLink,
): Promise<ParticipantDetail> {
  requireCoordinator(actor);
  try {
    return await inActorTransaction(deps.store, actor, async (trx) => {
      const row = await repo.findParticipant(trx, id, true);
      if (!row) throw problems.notFound();
      if (row.erased_at !== null) throw participantErased();
      const workEmail = identityOf(deps.keyring, row)?.workEmail ?? null;
      // An unknown account answers as a mismatch: the refusal tells nothing about accounts.
      if (!(await accountMatches(trx, actor, input.userId, workEmail))) throw mismatch();
      if (row.user_id !== input.userId) {
        if (await repo.accountTaken(trx, input.userId, id)) throw alreadyLinked();
        await repo.setAccount(trx, id, input.userId);
        if (row.user_id !== null) auditLink(trx, 'training.participant.unlink', id, row.user_id);
        auditLink(trx, 'training.participant.link', id, input.userId);
      }
      return participantDetailOf(trx, deps, (await repo.findParticipant(trx, id))!);
    });
  } catch (error) {
    // Another coordinator linked another participant to it meanwhile.
    if (violatedUniqueConstraint(error) === 'training_participants_user') throw alreadyLinked();
    throw error;
  }
}

/** DELETE …/participants/{id}/account: unlinks it (204 whether or not it was linked). */
export function unlinkAccount(deps: TrainingsDeps, actor: StaffActor, id: string): Promise<void> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findParticipant(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.user_id === null) return;
    await repo.setAccount(trx, id, null);
    auditLink(trx, 'training.participant.unlink', id, row.user_id);
  });
}
