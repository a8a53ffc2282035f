/**
 * Turns a batch of planned cases into rows, in one transaction, the way the
 * server writes them: identifying fields encrypted under a new data key per
 * case (encryptIdentity, newCaseKey), blind indexes (blindIndexesOf), a data
 * key per referral (newReferralKey), the package a partner would read
 * (snapshotPackage, sealed like createReferral does), outcomes and feedback
 * sealed with the referral's key. Multi-row INSERTs, under row-level
 * security: the system's context for cases, keys and history; the author's
 * own context where the policies require the author to be the actor
 * (consents and their events, referrals and what hangs off them).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { KeyEncryptionKeys } from '../../security/crypto';
import { setActorContext, SYSTEM_ACTOR, type DbActor } from '../../server/db/rls-context';
import type { DB } from '../../server/db/schema';
import { attributeColumns } from '../../server/modules/cases/case-columns';
import {
  encryptIdentity,
  IDENTITY_COLUMNS,
  newCaseKey,
} from '../../server/modules/cases/case-crypto';
import { blindIndexesOf } from '../../server/modules/cases/case-duplicates';
import type { CaseRow } from '../../server/modules/cases/cases.repository';
import { snapshotPackage } from '../../server/modules/referrals/disclosure-package';
import {
  eventAddress,
  newReferralKey,
  packageAddress,
  seal,
} from '../../server/modules/referrals/referral-crypto';
import type { PlannedCase } from './plan';
import type { DemoStaff, DemoWorld } from './world';

type Trx = Transaction<DB>;
type Row = Record<string, unknown>;

/** PostgreSQL's limit of bind parameters per statement is 65 535. */
const MAX_PARAMETERS = 60_000;

export interface WriteKeys {
  keyring: KeyEncryptionKeys;
  blindIndexKey: Buffer;
}

export interface BatchCounts {
  cases: number;
  consents: number;
  consentEvents: number;
  referrals: number;
  referralEvents: number;
  packages: number;
}

/** A batch's rows, encrypted and ready to insert. */
export interface PreparedBatch {
  world: DemoWorld;
  cases: Row[];
  caseKeys: Row[];
  blindIndexes: Row[];
  consents: Row[];
  consentEvents: Row[];
  referrals: Row[];
  referralKeys: Row[];
  referralConsents: Row[];
  packages: Row[];
  reopened: Row[];
  referralEvents: Row[];
}

/**
 * The rows of a batch (CPU only: encryption happens here, before any
 * transaction is open). `numbers` are the batch's case numbers (caseNumbers).
 */
export function prepareBatch(
  keys: WriteKeys,
  world: DemoWorld,
  plans: readonly PlannedCase[],
  numbers: readonly string[],
): PreparedBatch {
  const cases: Row[] = [];
  const caseKeys: Row[] = [];
  const blindIndexes: Row[] = [];
  const consents: Row[] = [];
  const consentEvents: Row[] = [];
  const referrals: Row[] = [];
  const referralKeys: Row[] = [];
  const referralConsents: Row[] = [];
  const packages: Row[] = [];
  const reopened: Row[] = [];
  const referralEvents: Row[] = [];

  for (const [i, plan] of plans.entries()) {
    const id = randomUUID();
    const caseworker = world.caseworkers[plan.caseworker]!;
    const { dataKey, wrapped } = newCaseKey(keys.keyring, id);
    const row: NewCaseRow & { identified_on: string } = {
      id,
      case_number: `TRT-${plan.identifiedOn.slice(0, 4)}-${numbers[i]!.padStart(6, '0')}`,
      status: plan.status,
      risk_level: plan.riskLevel,
      team_id: world.teamId,
      assigned_to: caseworker.id,
      identified_on: plan.identifiedOn,
      ...attributeColumns(plan.attributes),
      ...NO_IDENTITY,
      ...encryptIdentity(dataKey, id, plan.identity),
      created_by: caseworker.id,
      created_at: plan.identifiedAt,
      updated_at: lastChange(plan),
    };
    cases.push(row);
    caseKeys.push({ case_id: id, kek_version: wrapped.kekVersion, wrapped_key: wrapped.wrapped });
    for (const entry of blindIndexesOf(keys.blindIndexKey, plan.identity)) {
      blindIndexes.push({
        case_id: id,
        team_id: world.teamId,
        field: entry.field,
        value: entry.value,
      });
    }

    const consentIds: string[] = [];
    for (const consent of plan.consents) {
      const consentId = randomUUID();
      consents.push({
        id: consentId,
        case_id: id,
        version: consent.version,
        supersedes_id: consent.version > 1 ? (consentIds[consent.version - 2] ?? null) : null,
        given_by: consent.givenBy,
        method: consent.method,
        given_at: consent.givenAt,
        valid_until: consent.validUntil,
        purposes: consent.purposes,
        scope: JSON.stringify(consent.scope),
        recorded_by: world.caseworkers[consent.recorder]!.id,
        created_at: consent.givenAt,
      });
      consentIds.push(consentId);
      if (consent.approval) {
        consentEvents.push({
          consent_id: consentId,
          kind: 'approved',
          reason: null,
          actor_id: world.supervisors[consent.approval.supervisor]!.id,
          created_at: consent.approval.at,
        });
      }
      if (consent.revocation) {
        consentEvents.push({
          consent_id: consentId,
          kind: 'revoked',
          reason: consent.revocation.reason,
          actor_id: world.caseworkers[consent.revocation.by]!.id,
          created_at: consent.revocation.at,
        });
      }
    }

    for (const referral of plan.referrals) {
      const referralId = randomUUID();
      const institution = world.institutions[referral.institution]!;
      const key = newReferralKey(keys.keyring, referralId);
      // A package is written while its referral is `sent` (the policy says so): a
      // referral whose package is still open is inserted as sent, then moved on.
      const packageOpen = referral.packageClosed === null;
      const movedOn = packageOpen && referral.status !== 'sent';
      referrals.push({
        id: referralId,
        case_id: id,
        institution_id: institution.id,
        services: referral.services,
        urgency: referral.urgency,
        categories: referral.categories,
        acknowledge_by: referral.acknowledgeBy,
        status: movedOn ? 'sent' : referral.status,
        decline_reason: referral.declineReason,
        opened_at: movedOn ? null : referral.openedAt,
        package_closed_at: referral.packageClosed?.at ?? null,
        package_closed_reason: referral.packageClosed?.reason ?? null,
        // What the trigger sets (referrals_sender_team, 0016); given too for a bulk load.
        sender_team_id: world.teamId,
        created_by: caseworker.id,
        created_at: referral.createdAt,
        updated_at: movedOn ? referral.createdAt : referral.updatedAt,
      });
      referralKeys.push({
        referral_id: referralId,
        case_id: id,
        kek_version: key.wrapped.kekVersion,
        wrapped_key: key.wrapped.wrapped,
      });
      referralConsents.push({ referral_id: referralId, consent_id: consentIds[referral.consent]! });
      if (packageOpen) {
        const content = snapshotPackage(
          asCaseRow(row, plan),
          dataKey,
          { services: referral.services, urgency: referral.urgency },
          referral.categories,
        );
        packages.push({
          referral_id: referralId,
          content_enc: seal(key.dataKey, packageAddress(referralId), JSON.stringify(content)),
          created_at: referral.createdAt,
        });
      }
      if (movedOn) {
        reopened.push({
          id: referralId,
          status: referral.status,
          opened_at: referral.openedAt,
          updated_at: referral.updatedAt,
        });
      }
      for (const event of referral.events) {
        const eventId = randomUUID();
        referralEvents.push({
          id: eventId,
          referral_id: referralId,
          from_status: event.from,
          to_status: event.to,
          actor_kind: event.actor === 'system' ? 'system' : 'user',
          actor_id:
            event.actor === 'sender'
              ? caseworker.id
              : event.actor === 'recipient'
                ? institution.partner.id
                : null,
          reason: event.reason,
          outcome_enc: event.outcome
            ? seal(key.dataKey, eventAddress(eventId, 'outcome'), event.outcome)
            : null,
          feedback_enc: event.feedback
            ? seal(key.dataKey, eventAddress(eventId, 'feedback'), event.feedback)
            : null,
          created_at: event.at,
        });
      }
    }
  }

  return {
    world,
    cases,
    caseKeys,
    blindIndexes,
    consents,
    consentEvents,
    referrals,
    referralKeys,
    referralConsents,
    packages,
    reopened,
    referralEvents,
  };
}

/** Writes a prepared batch in the caller's transaction (its RLS context is left as the system's). */
export async function writeBatch(trx: Trx, batch: PreparedBatch): Promise<BatchCounts> {
  const { world, cases, caseKeys, blindIndexes, consents, consentEvents, referrals } = batch;
  const { referralKeys, referralConsents, packages, reopened, referralEvents } = batch;
  await insertRows(trx, 'cases', cases);
  await insertRows(trx, 'case_keys', caseKeys);
  await insertRows(trx, 'case_blind_indexes', blindIndexes);
  const staff = [...world.caseworkers, ...world.supervisors];
  // Consents and their events: the policies want the recorder (approver,
  // revoker) to be the actor, and the case to be its own — which the system's
  // context grants without the per-row cost of a caseworker's checks.
  await asEachAuthor(trx, staff, consents, 'recorded_by', 'system', (rows) =>
    insertRows(trx, 'consents', rows),
  );
  await asEachAuthor(trx, staff, consentEvents, 'actor_id', 'system', (rows) =>
    insertRows(trx, 'consent_events', rows),
  );
  const createdBy = new Map(referrals.map((r) => [r.id as string, r.created_by as string]));
  const byReferralAuthor = (rows: Row[]) =>
    rows.map((r) => ({ ...r, created_by: createdBy.get(r.referral_id as string) }));
  // Referrals and what hangs off them may only be written by the case's own
  // caseworker or supervisor (the policies name the role): the sender's context.
  await asEachAuthor(trx, staff, referrals, 'created_by', 'own', (rows) =>
    insertRows(trx, 'referrals', rows),
  );
  await asEachAuthor(trx, staff, byReferralAuthor(referralKeys), 'created_by', 'own', (rows) =>
    insertRows(trx, 'referral_keys', withoutAuthor(rows)),
  );
  await asEachAuthor(trx, staff, byReferralAuthor(referralConsents), 'created_by', 'own', (rows) =>
    insertRows(trx, 'referral_consents', withoutAuthor(rows)),
  );
  await asEachAuthor(trx, staff, byReferralAuthor(packages), 'created_by', 'own', (rows) =>
    insertRows(trx, 'referral_packages', withoutAuthor(rows)),
  );
  await setActorContext(trx, SYSTEM_ACTOR);
  await moveOn(trx, reopened);
  await insertRows(trx, 'referral_events', referralEvents);
  await forgetNotifications(
    trx,
    referrals.map((r) => r.id as string),
    consents.map((c) => c.id as string),
  );
  return {
    cases: cases.length,
    consents: consents.length,
    consentEvents: consentEvents.length,
    referrals: referrals.length,
    referralEvents: referralEvents.length,
    packages: packages.length,
  };
}

/**
 * Case numbers from the same sequence intake uses. A sequence is not
 * transactional: they may be taken before the batch's transaction (a failed
 * batch leaves a gap, as a failed intake does).
 */
export async function caseNumbers(db: Kysely<DB>, count: number): Promise<string[]> {
  const { rows } = await sql<{ n: string }>`
    select nextval('case_number_seq')::text as n from generate_series(1, ${count})`.execute(db);
  return rows.map((r) => r.n);
}

function lastChange(plan: PlannedCase): Date {
  let last = plan.identifiedAt.getTime();
  for (const c of plan.consents) last = Math.max(last, c.givenAt.getTime());
  return new Date(last);
}

/** Every identifying column, empty: each case row carries them all (one column list per INSERT). */
const NO_IDENTITY = Object.fromEntries(IDENTITY_COLUMNS.map((c) => [c, null])) as Record<
  (typeof IDENTITY_COLUMNS)[number],
  null
>;

type NewCaseRow = Omit<
  CaseRow,
  | 'version'
  | 'identified_on'
  | 'identified_on_text'
  | 'erased_at'
  | 'age_correction_to'
  | 'age_correction_reason'
  | 'age_correction_by'
  | 'age_correction_at'
>;

/** The case as `snapshotPackage` reads it (a row just written, never re-read). */
function asCaseRow(row: NewCaseRow, plan: PlannedCase): CaseRow {
  return {
    ...row,
    version: 1,
    identified_on: new Date(`${plan.identifiedOn}T00:00:00Z`),
    identified_on_text: plan.identifiedOn,
    erased_at: null,
    age_correction_to: null,
    age_correction_reason: null,
    age_correction_by: null,
    age_correction_at: null,
  };
}

/**
 * Runs `insert` once per author, as that author: with their own role
 * (`own`), or as the system acting in their name (`system`: the row's
 * author column must still be the actor).
 */
async function asEachAuthor(
  trx: Trx,
  staff: readonly DemoStaff[],
  rows: readonly Row[],
  authorColumn: string,
  as: 'own' | 'system',
  insert: (rows: Row[]) => Promise<void>,
): Promise<void> {
  const byAuthor = new Map<string, Row[]>();
  for (const row of rows) {
    const author = row[authorColumn] as string;
    const group = byAuthor.get(author) ?? [];
    group.push(row);
    byAuthor.set(author, group);
  }
  for (const [author, group] of byAuthor) {
    const member = staff.find((s) => s.id === author);
    if (!member) throw new Error('a demo row authored by someone outside the demo team');
    const actor: DbActor =
      as === 'own'
        ? { id: member.id, role: member.role, institutionId: member.institutionId }
        : { ...SYSTEM_ACTOR, id: member.id };
    await setActorContext(trx, actor);
    await insert(group);
  }
}

function withoutAuthor(rows: Row[]): Row[] {
  return rows.map(({ created_by: _author, ...rest }) => rest);
}

/** Referrals inserted as sent for their package, moved to where their history ends. */
async function moveOn(trx: Trx, rows: readonly Row[]): Promise<void> {
  for (const chunk of chunks(rows, Math.floor(MAX_PARAMETERS / 4))) {
    const values = chunk.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.status}::text, ${r.opened_at}::timestamptz, ${r.updated_at}::timestamptz)`,
    );
    await sql`
      update referrals r
      set status = v.status, opened_at = v.opened_at, updated_at = v.updated_at
      from (values ${sql.join(values)}) as v (id, status, opened_at, updated_at)
      where r.id = v.id`.execute(trx);
  }
}

/**
 * Notifications go to active accounts only, and the demo accounts are
 * disabled; but an installation may have activated a demo partner's account.
 * History seeded for a demonstration is not news: whatever the triggers wrote
 * for these referrals and consents is removed in the same transaction (and
 * with it any e-mail it would have queued).
 */
async function forgetNotifications(trx: Trx, referralIds: string[], consentIds: string[]) {
  const ids = [...referralIds, ...consentIds];
  if (ids.length === 0) return;
  await sql`delete from notifications where resource_id = any(${ids}::uuid[])`.execute(trx);
  if (referralIds.length === 0) return;
  await sql`delete from mail_outbox where referral_id = any(${referralIds}::uuid[])`.execute(trx);
}

/** Multi-row INSERTs of rows sharing their columns, as many rows per statement as parameters allow. */
async function insertRows(trx: Trx, table: string, rows: readonly Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values `;
  for (const chunk of chunks(rows, perStatement)) {
    const values = chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c] ?? null))})`);
    await sql`${head}${sql.join(values)}`.execute(trx);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
