import type { Covers } from '../../../api/covers';
import type { components } from '../../../api/schema';

type Attributes = components['schemas']['CaseAttributes'];
type Summary = components['schemas']['CaseSummary'];
export type CaseStatus = Summary['status'];
export type RiskLevel = Summary['riskLevel'];
export type StatusReason = NonNullable<components['schemas']['UpdateCase']['statusReason']>;

/** The API's codes (HTCDS v2.0 where it applies), in the order the forms offer them. */
export const CASE_STATUSES = [
  'intake',
  'active',
  'follow_up',
  'closed',
  'closed_referred',
] as const satisfies readonly CaseStatus[];
export const RISK_LEVELS = [
  'low',
  'medium',
  'high',
  'critical',
] as const satisfies readonly RiskLevel[];
export const GENDERS = [
  'Female',
  'Male',
  'Transgender',
  'NonBinary',
  'Other',
  'Unknown',
] as const satisfies readonly Attributes['sex'][];
export const TRAFFICKING_STATUSES = [
  'Possible',
  'Actual',
  'NotAVictim',
] as const satisfies readonly Attributes['traffickingStatus'][];
export const STATUS_DETERMINERS = [
  'LawEnforcement',
  'Prosecutor',
  'Judge',
  'SocialServices',
  'NGO',
  'InternationalOrganization',
  'Other',
] as const satisfies readonly NonNullable<Attributes['statusDeterminedBy']>[];
export const MIGRANT_STATUSES = [
  'National',
  'RegularMigrant',
  'IrregularMigrant',
  'Refugee',
  'AsylumSeeker',
  'Unknown',
] as const satisfies readonly NonNullable<Attributes['migrantStatus']>[];
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
] as const satisfies readonly Attributes['exploitationTypes'][number][];
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
] as const satisfies readonly Attributes['recruitmentMethods'][number][];
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
] as const satisfies readonly Attributes['controlMethods'][number][];
export const VULNERABILITY_GROUPS = [
  'migrant',
  'woman',
  'child_adolescent',
  'lgbti',
  'indigenous',
  'disability',
] as const satisfies readonly Attributes['vulnerabilityGroups'][number][];
export const STATUS_REASONS = [
  'assessment_done',
  'services_in_progress',
  'services_completed',
  'referred_elsewhere',
  'lost_contact',
  'declined_services',
  'relocated',
  'reopened',
  'other',
] as const satisfies readonly StatusReason[];

/** Where a case may go from each status: the server's rule (server/modules/cases/case-changes.ts). */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  intake: ['active', 'closed', 'closed_referred'],
  active: ['follow_up', 'closed', 'closed_referred'],
  follow_up: ['active', 'closed', 'closed_referred'],
  closed: ['active'],
  closed_referred: ['active'],
};

/** ISO 3166-1 alpha-2 codes; names come from the browser (Intl.DisplayNames) in the interface language. */
export const COUNTRIES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

/** Languages a person in the programme most often speaks (BCP 47); named by the browser. */
export const LANGUAGES = [
  'es',
  'en',
  'pt',
  'fr',
  'ht',
  'qu',
  'ay',
  'gn',
  'arn',
  'zh',
  'ar',
  'ru',
  'uk',
  'hi',
  'bn',
  'tl',
] as const;

/**
 * Compile-time proof that each list above offers every code the API accepts
 * (the generated types come from the server's schemas): a code added on the
 * server and forgotten here fails `npm run typecheck`.
 */
export const LISTS_ARE_COMPLETE: [
  Covers<CaseStatus, typeof CASE_STATUSES>,
  Covers<RiskLevel, typeof RISK_LEVELS>,
  Covers<Attributes['sex'], typeof GENDERS>,
  Covers<Attributes['traffickingStatus'], typeof TRAFFICKING_STATUSES>,
  Covers<NonNullable<Attributes['statusDeterminedBy']>, typeof STATUS_DETERMINERS>,
  Covers<NonNullable<Attributes['migrantStatus']>, typeof MIGRANT_STATUSES>,
  Covers<Attributes['exploitationTypes'][number], typeof EXPLOITATION_TYPES>,
  Covers<Attributes['recruitmentMethods'][number], typeof RECRUITMENT_METHODS>,
  Covers<Attributes['controlMethods'][number], typeof CONTROL_METHODS>,
  Covers<Attributes['vulnerabilityGroups'][number], typeof VULNERABILITY_GROUPS>,
  Covers<StatusReason, typeof STATUS_REASONS>,
] = [true, true, true, true, true, true, true, true, true, true, true];
