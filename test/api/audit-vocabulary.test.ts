import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { DB } from '../../server/db/schema';
import { record } from '../../server/modules/audit';
import {
  AUDIT_ACTIONS,
  AUDIT_PURPOSES,
  knownPurpose,
} from '../../server/modules/audit/audit.vocabulary';
import {
  AGE_CORRECTION_REASONS,
  ERASURE_REASONS,
  STATUS_REASONS,
} from '../../server/modules/cases/cases.schemas';
import { REVOCATION_REASONS as CERTIFICATE_REVOCATION } from '../../server/modules/certificates/certificates.schemas';
import { REVOCATION_REASONS as CONSENT_REVOCATION } from '../../server/modules/consents/consents.schemas';
import { PACKAGE_CLOSED_REASONS } from '../../server/db/schema.partners';
import { REVIEW_OUTCOMES } from '../../server/modules/reviews/reviews.schemas';
import { REFERRAL_STATUSES } from '../../security/policy/referrals';

/** The columns' CHECKs (migration 0002): a catalogued code must be writable. */
const ACTION_CHECK = /^[a-z_]+(\.[a-z_]+){0,3}$/;
const PURPOSE_CHECK = /^[a-z_]{1,40}$/;

describe('the catalogue of audit codes', () => {
  it('holds each code once, each one the log can store', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(AUDIT_PURPOSES).size).toBe(AUDIT_PURPOSES.length);
    expect(AUDIT_ACTIONS.filter((code) => !ACTION_CHECK.test(code))).toEqual([]);
    expect(AUDIT_PURPOSES.filter((code) => !PURPOSE_CHECK.test(code))).toEqual([]);
  });

  it('holds every reason code a use case passes on as a purpose', () => {
    const purposes: readonly string[] = AUDIT_PURPOSES;
    const sources = [
      ...AGE_CORRECTION_REASONS,
      ...ERASURE_REASONS,
      ...STATUS_REASONS,
      ...CERTIFICATE_REVOCATION,
      ...CONSENT_REVOCATION,
      ...PACKAGE_CLOSED_REASONS,
      ...REVIEW_OUTCOMES,
      ...REFERRAL_STATUSES,
    ];
    expect(sources.filter((code) => !purposes.includes(code))).toEqual([]);
    expect(knownPurpose('document_verified')).toBe('document_verified');
    expect(knownPurpose(null)).toBeUndefined();
    expect(() => knownPurpose('curiosity')).toThrow('not in the catalogue');
  });

  it('is published in the OpenAPI document as enums', () => {
    const document = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../client/src/api/openapi.json'), 'utf8'),
    ) as { components: { schemas: Record<string, { enum?: unknown[] }> } };
    expect(document.components.schemas.AuditAction?.enum).toEqual([...AUDIT_ACTIONS]);
    expect(document.components.schemas.AuditPurpose?.enum).toEqual([...AUDIT_PURPOSES]);
  });

  it('is enforced by the compiler', () => {
    // Never called: type-checked only (npm run typecheck fails if a line stops being an error).
    const uncatalogued = (trx: Transaction<DB>) => {
      // @ts-expect-error an action that is not in AUDIT_ACTIONS
      record(trx, { action: 'case.peek', outcome: 'success' });
      // @ts-expect-error a purpose that is not in AUDIT_PURPOSES
      record(trx, { action: 'case.read', outcome: 'success', purpose: 'curiosity' });
    };
    expect(typeof uncatalogued).toBe('function');
  });
});
