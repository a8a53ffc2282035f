/**
 * Codes from the Human Trafficking Case Data Standard (HTCDS) v2.0, kept in
 * English (labels are translated in the client), plus ForcedCriminality,
 * which UNODC's GLOTIP reports and HTCDS lacks (PRODUCT.md).
 */
export const CASE_STATUSES = [
  'intake',
  'active',
  'follow_up',
  'closed',
  'closed_referred',
] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
/** HTCDS prs_Gender. */
export const GENDERS = ['Female', 'Male', 'Transgender', 'NonBinary', 'Other', 'Unknown'] as const;
export const TRAFFICKING_STATUSES = ['Possible', 'Actual', 'NotAVictim'] as const;
export const STATUS_DETERMINERS = [
  'LawEnforcement',
  'Prosecutor',
  'Judge',
  'SocialServices',
  'NGO',
  'InternationalOrganization',
  'Other',
] as const;
export const MIGRANT_STATUSES = [
  'National',
  'RegularMigrant',
  'IrregularMigrant',
  'Refugee',
  'AsylumSeeker',
  'Unknown',
] as const;
export const EXPLOITATION_TYPES = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'ForcedCriminality',
  'Other',
] as const;
export const CONTROL_METHODS = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'Other',
] as const;
export const RECRUITMENT_METHODS = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
] as const;
export const VULNERABILITY_GROUPS = [
  'migrant',
  'woman',
  'child_adolescent',
  'lgbti',
  'indigenous',
  'disability',
] as const;
export const AGE_BANDS = ['0-11', '12-17', '18-24', '25-34', '35-49', '50+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The band an age falls in; statistics and list views use the band only. */
export function ageBand(age: number | undefined): AgeBand {
  if (age === undefined) return 'unknown';
  if (age < 12) return '0-11';
  if (age < 18) return '12-17';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  return '50+';
}

/** A person identified as a child or adolescent (under 18). An unknown age is not presumed a minor. */
export function isMinorBand(band: string): boolean {
  return band === '0-11' || band === '12-17';
}
