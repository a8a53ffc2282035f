/**
 * After a run: is everything the API acknowledged in the database, with its
 * audit event, and is nothing half done? Read as the superuser (through
 * row-level security), in plain SQL so that each invariant reads as what it
 * checks. Every query returns the offending rows: an empty list is a pass.
 */
import pg from 'pg';
import { SCHEMA } from '../../../server/db/provision';
import type { Acknowledged } from './workload';

export interface DurabilityReport {
  /** Acknowledged writes not found (or not in the acknowledged state), by kind. */
  lost: Record<string, string[]>;
  /** Rows breaking an invariant of a complete write, by invariant. */
  halfDone: Record<string, string[]>;
  /** How many of each the database holds (acknowledged or not: a lost answer may have committed). */
  counts: Record<string, number>;
  /** Sign-ins the audit log records as completed (≥ the acknowledged ones plus the first sign-ins). */
  auditedLogins: number;
}

const HALF_DONE = {
  // An intake writes the case, its wrapped key and its audit event together.
  'case without its key': `select c.id::text as id from cases c
     where not exists (select 1 from case_keys k where k.case_id = c.id)`,
  'case without its case.create event': `select c.id::text as id from cases c where not exists (
     select 1 from audit_events a where a.action = 'case.create' and a.outcome = 'success'
       and a.resource_id = c.id::text)`,
  // Notes and consents: one audit event on the case per row, in the same transaction.
  'notes and note events differ': `select c.id::text as id from cases c
     where (select count(*) from case_notes n where n.case_id = c.id)
        <> (select count(*) from audit_events a where a.action = 'case.note.create'
              and a.outcome = 'success' and a.resource_id = c.id::text)`,
  'consents and consent events differ': `select c.id::text as id from cases c
     where (select count(*) from consents k where k.case_id = c.id)
        <> (select count(*) from audit_events a where a.action = 'consent.create'
              and a.outcome = 'success' and a.resource_id = c.id::text)`,
  'referrals and referral events differ': `select c.id::text as id from cases c
     where (select count(*) from referrals r where r.case_id = c.id)
        <> (select count(*) from audit_events a where a.action = 'referral.create'
              and a.outcome = 'success' and a.resource_id = c.id::text)`,
  // A referral: its key, the consent it went under, its first history entry, its disclosure.
  'referral without its key, consent, history or disclosure': `select r.id::text as id from referrals r
     where not exists (select 1 from referral_keys k where k.referral_id = r.id)
        or not exists (select 1 from referral_consents k where k.referral_id = r.id)
        or not exists (select 1 from referral_events e where e.referral_id = r.id
                         and e.from_status is null and e.to_status = 'sent')
        or not exists (select 1 from audit_events a where a.action = 'referral.disclose'
                         and a.outcome = 'success' and a.resource_id = r.id::text)`,
  // A withdrawal: the status, its history entry and its audit event.
  'withdrawal without its history entry or event': `select r.id::text as id from referrals r
     where r.status = 'withdrawn' and (
       not exists (select 1 from referral_events e where e.referral_id = r.id
                     and e.to_status = 'withdrawn')
       or not exists (select 1 from audit_events a where a.action = 'referral.transition'
                        and a.purpose = 'withdrawn' and a.outcome = 'success'
                        and a.resource_id = r.id::text))`,
  'withdrawal history without the status': `select e.referral_id::text as id from referral_events e
     join referrals r on r.id = e.referral_id
     where e.to_status = 'withdrawn' and r.status <> 'withdrawn'`,
} as const;

export async function checkDurability(
  databaseUrl: string,
  acknowledged: Acknowledged,
): Promise<DurabilityReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`set search_path = ${SCHEMA}`);
    const ids = async (query: string, values: unknown[] = []) =>
      (await client.query<{ id: string }>(query, values)).rows.map((row) => row.id);
    const absent = (table: string, list: string[], extra = '') =>
      ids(
        `select id::text as id from unnest($1::uuid[]) as wanted(id)
         where not exists (select 1 from ${table} t where t.id = wanted.id ${extra})`,
        [list],
      );

    const lost: Record<string, string[]> = {
      cases: await absent('cases', acknowledged.cases),
      notes: await absent(
        'case_notes',
        acknowledged.notes.map((n) => n.id),
      ),
      consents: await absent(
        'consents',
        acknowledged.consents.map((c) => c.id),
      ),
      referrals: await absent(
        'referrals',
        acknowledged.referrals.map((r) => r.id),
      ),
      withdrawals: await absent(
        'referrals',
        acknowledged.withdrawals,
        `and t.status = 'withdrawn'`,
      ),
    };
    const halfDone: Record<string, string[]> = {};
    for (const [invariant, query] of Object.entries(HALF_DONE)) {
      halfDone[invariant] = await ids(query);
    }
    const count = async (query: string) =>
      Number((await client.query<{ n: string }>(query)).rows[0]?.n ?? 0);
    const counts = {
      cases: await count('select count(*) as n from cases'),
      notes: await count('select count(*) as n from case_notes'),
      consents: await count('select count(*) as n from consents'),
      referrals: await count('select count(*) as n from referrals'),
      withdrawn: await count(`select count(*) as n from referrals where status = 'withdrawn'`),
      auditEvents: await count('select count(*) as n from audit_events'),
    };
    const auditedLogins = await count(
      `select count(*) as n from audit_events where action = 'auth.login' and outcome = 'success'`,
    );
    return { lost, halfDone, counts, auditedLogins };
  } finally {
    await client.end();
  }
}
