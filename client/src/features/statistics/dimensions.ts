/**
 * The vocabulary (vocab/locales) that labels each dimension's values of the
 * statistics catalogue. Kept free of imports: test/client/vocabularies.test.ts
 * reads it beside the server's catalogue to prove every value has a label.
 */
export const DIMENSION_VOCABULARY = {
  quarter: 'quarter',
  exploitation_group: 'exploitationGroup',
  sex: 'sexGroup',
  age_group: 'ageGroup',
  nationality_group: 'nationalityGroup',
  province: 'province',
  vulnerability_group: 'vulnerabilityGroup',
  sector: 'sector',
  outcome: 'referralOutcome',
  acknowledgement: 'acknowledgementBand',
} as const;
