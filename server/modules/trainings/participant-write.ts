import { randomUUID } from 'node:crypto';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { asSystemWithin } from '../../db/rls-context';
import { problems, type FieldError } from '../../http/problem';
import { record } from '../audit';
import { dayIn } from '../campaigns/campaign-dates';
import { encryptIdentity, newParticipantKey, openParticipantKey } from './participant-crypto';
import { identityOf } from './participant-identity';
import { participantDetailOf } from './participant-read';
import type {
  NewParticipant,
  ParticipantChange,
  ParticipantDetail,
  ParticipantErasure,
} from './participant.schemas';
import { personalTextErrors } from './programme-write';
import * as repo from './participants.repository';
import type { Trx } from './programmes.repository';
import { eraseParticipant } from './retention';
import {
  conflictOn,
  refuseInvalid,
  requireCoordinator,
  stale,
  type TrainingsDeps,
} from './trainings.service';

/*
 * Recording and changing participants (coordinators), and erasing one on
 * request. Identity is sealed under the participant's own key; the response
 * carries what the coordinator sent (not audited as a read). Each change is
 * audited once, naming the participant, never their data.
 */

type ParticipantAction = 'training.participant.create' | 'training.participant.update';

const audited = (trx: Trx, action: ParticipantAction, id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'training_participant', resourceId: id });

const erased = () =>
  problems.conflict(
    'participant_erased',
    'This participant has been erased',
    'Their identity is gone for good; record them again if they take part again.',
  );

/**
 * The staff account to link to the participant: the one whose login e-mail
 * is their work e-mail, unless another participant is already linked to it
 * (the same person recorded twice: 409 account_already_linked).
 */
async function accountToLink(
  trx: Trx,
  actor: StaffActor,
  participantId: string,
  workEmail: string | null,
): Promise<string | null> {
  if (workEmail === null) return null;
  // Coordinators do not read staff accounts: the look-up runs as the system
  // and only yields an id.
  const userId = await asSystemWithin(trx, actor, () => repo.accountWithEmail(trx, workEmail));
  if (userId === undefined) return null;
  if (await repo.accountTaken(trx, userId, participantId)) {
    throw conflictOn(
      'account_already_linked',
      'Another participant has this work e-mail',
      'The person is recorded already: enrol that participant instead.',
      [{ path: 'body.workEmail', code: 'account_already_linked', message: 'Recorded already' }],
    );
  }
  return userId;
}

function textErrors(input: { institutionName?: string; position?: string | null }): FieldError[] {
  // The position is encrypted, but it is a job title: a contact has no place there either.
  return personalTextErrors({ institutionName: input.institutionName, position: input.position });
}

export function createParticipant(
  deps: TrainingsDeps,
  actor: StaffActor,
  input: NewParticipant,
): Promise<ParticipantDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    refuseInvalid(textErrors(input));
    const id = randomUUID();
    const { dataKey, wrapped } = newParticipantKey(deps.keyring, id);
    await repo.insertParticipant(trx, {
      id,
      institution_name: input.institutionName,
      sector: input.sector,
      province: input.province,
      ...encryptIdentity(dataKey, id, input),
      key_kek_version: wrapped.kekVersion,
      key_wrapped: wrapped.wrapped,
      user_id: await accountToLink(trx, actor, id, input.workEmail),
      keep_until: repo.initialKeepUntil(dayIn(deps.clock()), deps.retentionYears),
      created_by: actor.id,
    });
    audited(trx, 'training.participant.create', id);
    const row = await repo.findParticipant(trx, id);
    return participantDetailOf(trx, deps, row!);
  });
}

/** A partial change from the version read (409 stale_version otherwise). */
export function updateParticipant(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  change: ParticipantChange,
): Promise<ParticipantDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findParticipant(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.version !== change.version) throw stale('participant');
    if (row.erased_at !== null || row.key_wrapped === null || row.key_kek_version === null) {
      throw erased();
    }
    refuseInvalid(textErrors(change));
    const dataKey = openParticipantKey(deps.keyring, id, {
      kekVersion: row.key_kek_version,
      wrapped: Buffer.from(row.key_wrapped),
    });
    const { fullName, workEmail, position } = change;
    let userId = row.user_id;
    if (workEmail !== undefined && workEmail !== identityOf(deps.keyring, row)?.workEmail) {
      userId = await accountToLink(trx, actor, id, workEmail);
    }
    const changed = await repo.updateAtVersionOf(trx, id, change.version, {
      ...encryptIdentity(dataKey, id, { fullName, workEmail, position }),
      ...(change.institutionName !== undefined ? { institution_name: change.institutionName } : {}),
      ...(change.sector !== undefined ? { sector: change.sector } : {}),
      ...(change.province !== undefined ? { province: change.province } : {}),
      user_id: userId,
    });
    if (!changed) throw stale('participant');
    audited(trx, 'training.participant.update', id);
    return participantDetailOf(trx, deps, (await repo.findParticipant(trx, id))!);
  });
}

/**
 * Erasure on request (the person's right to erasure, a record made in error
 * or twice), by a coordinator after a step-up: the identity is
 * crypto-shredded at once; the counts stay. Cannot be undone.
 */
export function eraseParticipantOnRequest(
  deps: TrainingsDeps,
  actor: StaffActor,
  id: string,
  input: ParticipantErasure,
): Promise<ParticipantDetail> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const row = await repo.findParticipant(trx, id, true);
    if (!row) throw problems.notFound();
    if (row.erased_at !== null) throw erased();
    await eraseParticipant(trx, id, input.reason);
    return participantDetailOf(trx, deps, (await repo.findParticipant(trx, id))!);
  });
}
