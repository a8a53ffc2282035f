import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ECUADOR_TIME_ZONE } from '../../http/ecuador-calendar';

export type Trx = Transaction<DB>;

/*
 * The module's SQL. Dates are read as text (`YYYY-MM-DD`), hours as the
 * numeric's exact text; the day of issue is Ecuador's. Row-level security
 * (0026) decides which certificates a reader sees: coordinators and the
 * system all, the holder their own, an anonymous verification only the row
 * whose code digest it set (lookUpByDigest).
 */

function selectCertificates(trx: Trx) {
  return trx
    .selectFrom('training_certificates as c')
    .leftJoin('training_participants as p', 'p.id', 'c.participant_id')
    .select([
      'c.id',
      'c.programme_id',
      'c.participant_id',
      'c.code_enc',
      'c.holder_name_enc',
      'c.programme_name',
      'c.issuing_institutions',
      'c.issued_at',
      'c.issued_by',
      'c.revoked_at',
      'c.revoked_by',
      'c.revocation_reason',
      'p.key_kek_version',
      'p.key_wrapped',
      sql<string>`c.total_hours::text`.as('total_hours'),
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      sql<string>`to_char(c.issued_at AT TIME ZONE ${ECUADOR_TIME_ZONE}, 'YYYY-MM-DD')`.as(
        'issued_on',
      ),
      sql<string | null>`to_char(c.revoked_at AT TIME ZONE ${ECUADOR_TIME_ZONE}, 'YYYY-MM-DD')`.as(
        'revoked_on',
      ),
    ]);
}
export type CertificateRow = Awaited<ReturnType<typeof findCertificate>> & object;

/** One certificate with its participant's wrapped key; `lock` holds it until the end. */
export function findCertificate(trx: Trx, id: string, lock = false) {
  const query = selectCertificates(trx).where('c.id', '=', id);
  return (lock ? query.forUpdate('c') : query).executeTakeFirst();
}

/** A programme's certificates, in the order they were issued (bounded by its participants). */
export function certificatesOfProgramme(trx: Trx, programmeId: string) {
  return selectCertificates(trx)
    .where('c.programme_id', '=', programmeId)
    .orderBy('c.issued_at')
    .orderBy('c.id')
    .execute();
}

/** The certificates of the participant linked to this account (the person's own). */
export function certificatesOfUser(trx: Trx, userId: string) {
  return selectCertificates(trx)
    .where('p.user_id', '=', userId)
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id')
    .execute();
}

/** Whether the certificate's participant is linked to this account. */
export async function isHolder(trx: Trx, certificateId: string, userId: string) {
  const row = await trx
    .selectFrom('training_certificates as c')
    .innerJoin('training_participants as p', 'p.id', 'c.participant_id')
    .select('c.id')
    .where('c.id', '=', certificateId)
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function certificateExists(trx: Trx, id: string) {
  return trx
    .selectFrom('training_certificates')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

/**
 * The certificate whose code has this digest, read by an anonymous request:
 * the digest is set LOCAL to the transaction first, and row-level security
 * shows that one row (or none) — never a list.
 */
export async function lookUpByDigest(trx: Trx, digest: Buffer) {
  await sql`select set_config('app.certificate_lookup', ${digest.toString('hex')}, true)`.execute(
    trx,
  );
  return trx
    .selectFrom('training_certificates as c')
    .select([
      'c.id',
      'c.participant_id',
      'c.holder_name_enc',
      'c.code_enc',
      'c.programme_name',
      'c.issuing_institutions',
      'c.revoked_at',
      sql<string>`c.total_hours::text`.as('total_hours'),
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
      sql<string>`to_char(c.issued_at AT TIME ZONE ${ECUADOR_TIME_ZONE}, 'YYYY-MM-DD')`.as(
        'issued_on',
      ),
      sql<string | null>`to_char(c.revoked_at AT TIME ZONE ${ECUADOR_TIME_ZONE}, 'YYYY-MM-DD')`.as(
        'revoked_on',
      ),
    ])
    .where('c.code_digest', '=', digest)
    .executeTakeFirst();
}

/**
 * Counts a lookup of the certificate today (in Ecuador), as the anonymous
 * verification (0026's policies admit only the certificate it looked up).
 * True when it is the first lookup of the certificate today.
 */
export async function countLookup(trx: Trx, certificateId: string): Promise<boolean> {
  const { rows } = await sql<{ first: boolean }>`
    insert into training_certificate_verifications as v (certificate_id, day)
    values (${certificateId}, (now() at time zone ${ECUADOR_TIME_ZONE})::date)
    on conflict (certificate_id, day) do update set lookups = v.lookups + 1
    returning v.lookups = 1 as first`.execute(trx);
  return rows[0]?.first === true;
}

/** A participant's wrapped data key (null columns once erased). */
export function participantKeyOf(trx: Trx, participantId: string) {
  return trx
    .selectFrom('training_participants')
    .select(['id as participant_id', 'key_kek_version', 'key_wrapped'])
    .where('id', '=', participantId)
    .executeTakeFirst();
}

/**
 * What a certificate of the programme will say, and who issues it. `lock`
 * holds the programme (FOR UPDATE) until the transaction ends: issuing then
 * waits for, and is waited for by, the changes to attendance, scores,
 * sessions and the rule, which hold it too.
 */
export function programmeOf(trx: Trx, programmeId: string, lock = false) {
  const query = trx
    .selectFrom('training_programmes')
    .select([
      'id',
      'name',
      'partner_institution',
      sql<string>`total_hours::text`.as('total_hours'),
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
    ])
    .where('id', '=', programmeId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * The programme's enrolled participants as the completion view judges them,
 * with what issuing needs: their key and name ciphertext, and whether they
 * hold a valid certificate of it already.
 */
export function candidatesOf(trx: Trx, programmeId: string) {
  return trx
    .selectFrom('training_completions as k')
    .innerJoin('training_participants as p', 'p.id', 'k.participant_id')
    .select([
      'k.participant_id',
      'k.completed',
      'p.key_kek_version',
      'p.key_wrapped',
      'p.full_name_enc',
      sql<boolean>`exists (select 1 from training_certificates c
                           where c.programme_id = k.programme_id
                             and c.participant_id = k.participant_id
                             and c.revoked_at is null)`.as('holds_valid'),
    ])
    .where('k.programme_id', '=', programmeId)
    .orderBy('k.participant_id')
    .execute();
}
export type Candidate = Awaited<ReturnType<typeof candidatesOf>>[number];

export interface NewCertificateRow {
  id: string;
  programme_id: string;
  participant_id: string;
  code_digest: Buffer;
  code_enc: Buffer;
  holder_name_enc: Buffer;
  programme_name: string;
  total_hours: string;
  starts_on: string;
  ends_on: string;
  issuing_institutions: string[];
  issued_by: string;
}

export async function insertCertificates(trx: Trx, rows: NewCertificateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('training_certificates').values(rows).execute();
}

export async function revoke(trx: Trx, id: string, by: string, reason: string): Promise<boolean> {
  const result = await trx
    .updateTable('training_certificates')
    .set({ revoked_at: sql<Date>`now()`, revoked_by: by, revocation_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
