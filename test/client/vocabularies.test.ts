import fs from 'node:fs';
import path from 'node:path';
import { DIMENSION_VOCABULARY } from '../../client/src/features/statistics/dimensions';
import { DIMENSIONS } from '../../server/modules/statistics/catalogue';

/**
 * Codes are never shown raw: every value of every enumeration the API can send
 * to the case-work screens has a label in the vocabulary table the client
 * uses for it, in Spanish and English. The enumerations are read from the
 * committed OpenAPI document, so a new code on the server fails here until it
 * is labelled.
 */
const root = path.resolve(__dirname, '../..');
const document = JSON.parse(
  fs.readFileSync(path.join(root, 'client/src/api/openapi.json'), 'utf8'),
) as { components: { schemas: Record<string, unknown> } };
const vocab = (language: string) =>
  JSON.parse(
    fs.readFileSync(path.join(root, `client/src/vocab/locales/${language}.json`), 'utf8'),
  ) as Record<string, Record<string, string>>;

/** schema name → property → vocabulary table. */
const LABELLED: Record<string, Record<string, string>> = {
  CaseSummary: { status: 'caseStatus', riskLevel: 'riskLevel', sex: 'gender', ageBand: 'ageBand' },
  CaseAttributes: {
    traffickingStatus: 'traffickingStatus',
    statusDeterminedBy: 'statusDeterminer',
    migrantStatus: 'migrantStatus',
    exploitationTypes: 'exploitationType',
    controlMethods: 'controlMethod',
    recruitmentMethods: 'recruitmentMethod',
    vulnerabilityGroups: 'vulnerabilityGroup',
  },
  UpdateCase: { statusReason: 'statusReason' },
  EraseCase: { reason: 'erasureReason' },
  RequestAgeCorrection: { reason: 'ageCorrectionReason' },
  Consent: { givenBy: 'consentGiver', method: 'consentMethod', status: 'consentStatus' },
  RevokeConsent: { reason: 'revocationReason' },
  Referral: {
    services: 'referralService',
    urgency: 'urgency',
    categories: 'dataCategory',
    status: 'referralStatus',
    packageClosedReason: 'packageClosedReason',
  },
  ConsentScope: { sectors: 'sector', categories: 'dataCategory' },
  Institution: { sector: 'sector' },
  AcknowledgeReview: { outcome: 'reviewOutcome' },
  Notification: { kind: 'notificationKind' },
  AuditEvent: { action: 'auditAction', purpose: 'auditPurpose', outcome: 'auditOutcome' },
  User: { role: 'role' },
  InstitutionCertificate: { status: 'certificateStatus' },
  RevokeCertificate: { reason: 'certificateRevocationReason' },
  Campaign: {
    targetTerritories: 'province',
    targetGroups: 'vulnerabilityGroup',
    channels: 'campaignChannel',
    status: 'campaignStatus',
  },
  CampaignReachCount: { group: 'vulnerabilityGroup' },
  CampaignLinkedRelease: { tableId: 'statisticsTable' },
  StatisticsTable: { id: 'statisticsTable' },
  StatisticsRelease: { state: 'releaseState' },
};

type Schema = {
  enum?: unknown[];
  items?: Schema;
  $ref?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
};

function resolve(schema: Schema): Schema {
  if (schema.$ref)
    return resolve(document.components.schemas[schema.$ref.split('/').pop() ?? ''] as Schema);
  return schema;
}

function enumOf(schema: Schema): string[] {
  const s = resolve(schema);
  if (s.enum) return s.enum.filter((v): v is string => typeof v === 'string');
  if (s.items) return enumOf(s.items);
  return [];
}

function propertiesOf(name: string): Record<string, Schema> {
  const s = document.components.schemas[name] as Schema;
  const parts = [s, ...(s.allOf ?? []).map(resolve)];
  return Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, Schema>;
}

describe('vocabulary labels', () => {
  const cases = Object.entries(LABELLED).flatMap(([schema, props]) =>
    Object.entries(props).map(([prop, table]) => [schema, prop, table] as const),
  );

  it.each(cases)('%s.%s: every code has a label in vocab.%s', (schema, prop, table) => {
    const codes = enumOf(propertiesOf(schema)[prop] ?? {});
    expect(codes.length).toBeGreaterThan(0);
    for (const language of ['es', 'en']) {
      const labels = vocab(language)[table] ?? {};
      expect(codes.filter((code) => !labels[code])).toEqual([]);
    }
  });

  it('statistics: every table has a name and a description, every dimension and each of its values a label', () => {
    const tables = enumOf(document.components.schemas.StatisticsTableId as Schema);
    const dimensions = enumOf(document.components.schemas.StatisticsDimension as Schema);
    expect(tables.length).toBeGreaterThan(0);
    expect([...dimensions].sort()).toEqual(Object.keys(DIMENSIONS).sort());
    for (const language of ['es', 'en']) {
      const labels = vocab(language);
      for (const table of ['statisticsTable', 'statisticsTableDescription'])
        expect(tables.filter((id) => !labels[table]?.[id])).toEqual([]);
      expect(dimensions.filter((id) => !labels.statisticsDimension?.[id])).toEqual([]);
      for (const [dimension, { values }] of Object.entries(DIMENSIONS)) {
        const table = DIMENSION_VOCABULARY[dimension as keyof typeof DIMENSIONS];
        expect({ dimension, unlabelled: values.filter((v) => !labels[table]?.[v]) }).toEqual({
          dimension,
          unlabelled: [],
        });
      }
    }
  });

  it('roles, and every reason a referral can move with, are labelled', () => {
    const roles = enumOf(document.components.schemas.UserRole as Schema);
    expect(roles.filter((r) => !vocab('es').role?.[r] || !vocab('en').role?.[r])).toEqual([]);
    const reasons = enumOf(propertiesOf('ReferralTransition').reason ?? {});
    for (const language of ['es', 'en']) {
      const { declineReason = {}, withdrawalReason = {} } = vocab(language);
      expect(reasons.filter((r) => !declineReason[r] && !withdrawalReason[r])).toEqual([]);
    }
  });
});
