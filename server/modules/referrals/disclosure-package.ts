import type { DataCategory } from '../../../security/policy';
import { decryptIdentity, identityColumnsOf, toAttributes, type CaseRow } from '../cases';

type Section = Record<string, unknown>;

/**
 * The snapshot a partner receives: exactly the chosen categories, taken from
 * the case at sending time. `minimal` = case number, age band, sex, language,
 * urgency and the services asked for.
 */
export function snapshotPackage(
  kase: CaseRow,
  dataKey: Buffer,
  referral: { services: readonly string[]; urgency: string },
  categories: readonly DataCategory[],
): Record<string, Section> {
  const identity = decryptIdentity(dataKey, kase.id, identityColumnsOf(kase));
  const attributes = toAttributes(kase);
  const sections: Record<DataCategory, () => Section> = {
    minimal: () => ({
      caseNumber: kase.case_number,
      ageBand: kase.age_band,
      sex: attributes.sex,
      language: attributes.language,
      urgency: referral.urgency,
      services: referral.services,
    }),
    identity: () => ({
      fullName: identity.fullName,
      aliases: identity.aliases,
      dateOfBirth: identity.dateOfBirth,
      documentType: identity.documentType,
      documentNumber: identity.documentNumber,
      nationality: attributes.nationality,
    }),
    contact: () => ({
      phone: identity.phone,
      email: identity.email,
      address: identity.address,
      emergencyContact: identity.emergencyContact,
    }),
    situation: () => ({
      narrative: identity.narrative,
      traffickingStatus: attributes.traffickingStatus,
      exploitationTypes: attributes.exploitationTypes,
      recruitmentMethods: attributes.recruitmentMethods,
      controlMethods: attributes.controlMethods,
      vulnerabilityGroups: attributes.vulnerabilityGroups,
      migrantStatus: attributes.migrantStatus,
      province: attributes.province,
      canton: attributes.canton,
    }),
    health: () => ({ healthNotes: identity.healthNotes }),
    legal: () => ({ legalNotes: identity.legalNotes }),
    education: () => ({ educationNotes: identity.educationNotes }),
  };
  const content: Record<string, Section> = {};
  for (const category of categories) content[category] = withoutEmpty(sections[category]());
  return content;
}

function withoutEmpty(section: Section): Section {
  return Object.fromEntries(Object.entries(section).filter(([, value]) => value !== undefined));
}
