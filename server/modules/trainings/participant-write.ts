import { randomUUID } from 'node:crypto';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { problems, type FieldError, refuseInvalid } from '../../http/problem';
import { record } from '../audit';
import { encryptIdentity, newParticipantKey, openParticipantKey } from './participant-crypto';
import { accountMatches, auditLink } from './participant-account';
import { revokeCertificatesOf } from './certified';
import { participantDetailOf } from './participant-read';
import type {
  NewParticipant,
  ParticipantChange,
  ParticipantDetail,
  ParticipantErasure,
} from './participant.schemas';
import * as repo from './participants.repository';
import type { Trx } from './programmes.repository';
import { eraseParticipant } from './retention';
import { participantErased, stale, type TrainingsDeps } from './trainings.service';
import { personalTextErrors } from '../../http/plain-text';
import { requireCoordinator } from '../auth';
import { ecuadorDate } from '../../http/ecuador-calendar';

/*
 * Recording and changing participants (coordinators), and erasing one on
 * request. Identity is sealed under the participant's own key; the response
 * carries what the coordinator sent (not audited as a read). Each change is
 * audited once, naming the participant, never their data. The work e-mail
 * links the participant to no staff account by itself (that is an explicit,
 * audited step: participant-account.ts), so nothing in these answers tells
 * whether an address is someone's login.
 */

type ParticipantAction = 'training.participant.create' | 'training.participant.update';

const audited = (trx: Trx, action: ParticipantAction, id: string) =>
  record(trx, { action, outcome: 'success', resourceType: 'training_participant', resourceId: id });

const erased = participantErased;

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
      keep_until: repo.initialKeepUntil(ecuadorDate(deps.clock()), deps.retentionYears),
      created_by: actor.id,
    });
    audited(trx, 'training.participant.create', id);
    const row = await repo.findParticipant(trx, id);
    return participantDetailOf(trx, deps, row!);
  });
}

/**
 * A partial change from the version read (409 stale_version otherwise). A
 * participant linked to a staff account whose work e-mail changes to one
 * that is not that account's login is unlinked (audited
 * training.participant.unlink): the link never outlives its reason.
 */
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
    if (userId !== null && workEmail !== undefined) {
      if (!(await accountMatches(trx, actor, userId, workEmail))) userId = null;
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
    if (row.user_id !== null && userId === null) {
      auditLink(trx, 'training.participant.unlink', id, row.user_id);
    }
    return participantDetailOf(trx, deps, (await repo.findParticipant(trx, id))!);
  });
}

/**
 * Erasure on request (the person's right to erasure, a record made in error
 * or twice), by a coordinator after a step-up: the identity is
 * crypto-shredded at once; the counts stay. On the person's request their
 * institution name goes too (in a small unit it points at them). A record
 * made in error or twice had no business holding a certificate: its valid
 * certificates are revoked in the same transaction, the erasure's reason
 * being the revocation's. Cannot be undone.
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
    if (input.reason !== 'person_request') {
      await revokeCertificatesOf(trx, id, actor.id, input.reason);
    }
    await eraseParticipant(trx, id, input.reason, {
      institution: input.reason === 'person_request',
    });
    return participantDetailOf(trx, deps, (await repo.findParticipant(trx, id))!);
  });
}
