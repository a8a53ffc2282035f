import { randomUUID } from 'node:crypto';
import type { TestDatabase } from './database';
import { asSuperuser } from './superuser';

/** How a fixture case's consent to statistics stands (each a rule of the views in 0023). */
export type StatisticsConsent =
  | 'active'
  | 'none'
  | 'without_statistics'
  | 'revoked'
  | 'expired'
  | 'superseded'
  | 'guardian_pending'
  | 'guardian_approved'
  | 'minor_own';

export interface FactCase {
  identifiedOn: string;
  sex?: string;
  ageBand?: string;
  nationality?: string | null;
  province?: string | null;
  exploitationTypes?: string[];
  vulnerabilityGroups?: string[];
  traffickingStatus?: string;
  consent?: StatisticsConsent;
  referrals?: { institutionId: string; status: string; acknowledgedAfterDays?: number }[];
}

const lit = (value: string | null | undefined) =>
  value === null || value === undefined ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
const arr = (values: readonly string[] = []) => `ARRAY[${values.map(lit).join(',')}]::text[]`;

/**
 * Cases with attributes, consents and referrals written straight into the
 * tables (as a superuser, triggers off): fixtures for the statistics views,
 * whose rules these exercise one by one. Returns the case ids.
 */
export async function insertFactCases(
  database: Pick<TestDatabase, 'db' | 'urls'>,
  owner: { teamId: string; userId: string },
  cases: readonly FactCase[],
): Promise<string[]> {
  const statements: string[] = [];
  const ids: string[] = [];
  for (const c of cases) {
    const id = randomUUID();
    ids.push(id);
    const number = `TRT-2099-${String(Math.floor(Number(`0x${id.slice(0, 8)}`) % 1e7)).padStart(7, '0')}`;
    statements.push(`INSERT INTO cases (id, case_number, risk_level, team_id, identified_on, sex,
      age_band, nationality, province, trafficking_status, exploitation_types, vulnerability_groups,
      created_by) VALUES (${lit(id)}, ${lit(number)}, 'medium', ${lit(owner.teamId)},
      ${lit(c.identifiedOn)}, ${lit(c.sex ?? 'Female')}, ${lit(c.ageBand ?? '25-34')},
      ${lit(c.nationality === undefined ? 'EC' : c.nationality)}, ${lit(c.province ?? null)},
      ${lit(c.traffickingStatus ?? 'Actual')}, ${arr(c.exploitationTypes ?? ['SexualExploitation'])},
      ${arr(c.vulnerabilityGroups)}, ${lit(owner.userId)})`);
    const consent = c.consent ?? 'active';
    if (consent !== 'none') {
      const consentId = randomUUID();
      const givenBy = consent.startsWith('guardian') ? 'guardian' : 'person';
      const purposes =
        consent === 'without_statistics'
          ? ['service_referral']
          : ['service_referral', 'statistics'];
      const validUntil = consent === 'expired' ? `now() - interval '1 day'` : 'NULL';
      statements.push(`INSERT INTO consents (id, case_id, version, given_by, method, given_at,
        valid_until, purposes, scope, recorded_by) VALUES (${lit(consentId)}, ${lit(id)}, 1,
        ${lit(givenBy)}, 'written', now() - interval '30 days', ${validUntil}, ${arr(purposes)},
        '[]'::jsonb, ${lit(owner.userId)})`);
      const event = (kind: string) =>
        `INSERT INTO consent_events (consent_id, kind, reason, actor_id) VALUES
         (${lit(consentId)}, '${kind}', ${kind === 'revoked' ? "'person_withdrew'" : 'NULL'}, ${lit(owner.userId)})`;
      if (consent === 'revoked') statements.push(event('revoked'));
      if (consent === 'guardian_approved') statements.push(event('approved'));
      if (consent === 'superseded') {
        statements.push(`INSERT INTO consents (id, case_id, version, supersedes_id, given_by,
          method, given_at, purposes, scope, recorded_by) VALUES (${lit(randomUUID())}, ${lit(id)},
          2, ${lit(consentId)}, 'person', 'written', now() - interval '1 day',
          ARRAY['service_referral']::text[], '[]'::jsonb, ${lit(owner.userId)})`);
      }
    }
    for (const [i, r] of (c.referrals ?? []).entries()) {
      const referralId = randomUUID();
      const sentAt = `now() - interval '${60 - i} days'`;
      statements.push(`INSERT INTO referrals (id, case_id, institution_id, services, urgency,
        categories, acknowledge_by, status, created_by, created_at, sender_team_id, package_closed_at, package_closed_reason) VALUES (${lit(referralId)},
        ${lit(id)}, ${lit(r.institutionId)}, ARRAY['medical_care']::text[], 'routine',
        ARRAY['minimal']::text[], ${sentAt} + interval '3 days', ${lit(r.status)},
        ${lit(owner.userId)}, ${sentAt}, ${lit(owner.teamId)},
        ${['withdrawn', 'declined', 'expired'].includes(r.status) ? `now(), '${r.status}'` : 'NULL, NULL'})`);
      if (r.acknowledgedAfterDays !== undefined) {
        statements.push(`INSERT INTO referral_events (referral_id, from_status, to_status,
          actor_kind, created_at) VALUES (${lit(referralId)}, 'sent', 'acknowledged', 'system',
          ${sentAt} + interval '${r.acknowledgedAfterDays} days')`);
      }
    }
  }
  await asSuperuser(database, statements.join(';\n'));
  return ids;
}
