import { randomUUID } from 'node:crypto';
import { inActorTransaction, type StaffActor } from '../../db/actor-transaction';
import { violatedUniqueConstraint } from '../../db/errors';
import { ProblemError, problems, type FieldError } from '../../http/problem';
import { record } from '../audit';
import { leadAgencyName } from '../institutions';
import { participantKey, participantName, sealCertificate } from './certificate-crypto';
import * as repo from './training-certificates.repository';
import type { IssueCertificates, TrainingCertificateList } from './training-certificates.schemas';
import { toCertificate, type TrainingCertificatesDeps } from './training-certificates.service';
import { newVerificationCode, verificationCodeDigest } from './verification-code';
import { requireCoordinator } from '../auth';

/**
 * Issues certificates of a programme: to the participants named, or to all
 * who completed it and hold none. Only those the completion view says
 * completed (never a typed flag); all or nothing. What each certificate
 * says is frozen now: the participant's name as their record holds it
 * (sealed under their key), the programme's name, hours and dates, and the
 * issuing institutions (the lead agency, then the partner institution).
 * One audit event per certificate. The programme is held meanwhile, so no
 * correction to attendance, scores or the rule slips in between the check
 * and the insert (and 0026's trigger checks completion again on insert).
 */
export function issueCertificates(
  deps: TrainingCertificatesDeps,
  actor: StaffActor,
  programmeId: string,
  input: IssueCertificates,
): Promise<TrainingCertificateList> {
  requireCoordinator(actor);
  return inActorTransaction(deps.store, actor, async (trx) => {
    const programme = await repo.programmeOf(trx, programmeId, true);
    if (!programme) throw problems.notFound();
    const candidates = await repo.candidatesOf(trx, programmeId);
    const chosen = input.participantIds
      ? named(candidates, input.participantIds)
      : allCompleted(candidates);
    const lead = await leadAgencyName(trx);
    if (!lead) throw new Error('no lead agency: start-up seeds it');
    const issuing = [
      lead,
      ...(programme.partner_institution ? [programme.partner_institution] : []),
    ];

    const rows = chosen.map((candidate) => {
      const dataKey = participantKey(deps.keyring, candidate);
      if (!dataKey) throw new Error('an erased participant was chosen');
      const id = randomUUID();
      const code = newVerificationCode();
      const holderName = participantName(
        dataKey,
        candidate.participant_id,
        candidate.full_name_enc,
      );
      return {
        id,
        programme_id: programmeId,
        participant_id: candidate.participant_id,
        code_digest: verificationCodeDigest(code),
        ...sealCertificate(dataKey, id, { holderName, code }),
        programme_name: programme.name,
        total_hours: programme.total_hours,
        starts_on: programme.starts_on,
        ends_on: programme.ends_on,
        issuing_institutions: issuing,
        issued_by: actor.id,
      };
    });
    try {
      await repo.insertCertificates(trx, rows);
    } catch (error) {
      // Another coordinator issued one of them meanwhile.
      if (violatedUniqueConstraint(error) === 'training_certificates_one_valid') {
        throw alreadyCertified([]);
      }
      throw error;
    }
    for (const row of rows) {
      record(trx, {
        action: 'training_certificate.issue',
        outcome: 'success',
        resourceType: 'training_certificate',
        resourceId: row.id,
      });
    }
    const issued = await repo.certificatesOfProgramme(trx, programmeId);
    const ids = new Set<string>(rows.map((row) => row.id));
    return {
      items: issued.filter((row) => ids.has(row.id)).map((row) => toCertificate(deps, row)),
    };
  });
}

const erased = (candidate: repo.Candidate) => candidate.key_wrapped === null;

function named(candidates: repo.Candidate[], ids: string[]): repo.Candidate[] {
  const byId = new Map(candidates.map((candidate) => [candidate.participant_id, candidate]));
  const notCompleted: FieldError[] = [];
  const certified: FieldError[] = [];
  ids.forEach((id, index) => {
    const path = `body.participantIds.${index}`;
    const candidate = byId.get(id);
    if (!candidate || !candidate.completed || erased(candidate)) {
      notCompleted.push({
        path,
        code: 'not_completed',
        message: candidate
          ? erased(candidate)
            ? "The participant's data has been erased"
            : 'The participant has not completed the programme by its rule'
          : 'Not a participant of the programme',
      });
    } else if (candidate.holds_valid) {
      certified.push({
        path,
        code: 'already_certified',
        message: 'The participant holds a valid certificate of the programme',
      });
    }
  });
  if (notCompleted.length > 0) {
    throw new ProblemError(
      409,
      'not_completed',
      'Not every participant named completed the programme',
      'Certificates are issued only to participants who completed the programme by its rule.',
      notCompleted,
    );
  }
  if (certified.length > 0) throw alreadyCertified(certified);
  return ids.map((id) => byId.get(id)).filter((c): c is repo.Candidate => c !== undefined);
}

function allCompleted(candidates: repo.Candidate[]): repo.Candidate[] {
  const chosen = candidates.filter((c) => c.completed && !c.holds_valid && !erased(c));
  if (chosen.length === 0) {
    throw problems.conflict(
      'nothing_to_issue',
      'Nobody to certify',
      'No participant completed the programme without holding a valid certificate of it.',
    );
  }
  return chosen;
}

const alreadyCertified = (errors: FieldError[]) =>
  new ProblemError(
    409,
    'already_certified',
    'Already certified',
    'A participant holds a valid certificate of the programme: revoke it first to issue another.',
    errors.length > 0 ? errors : undefined,
  );
