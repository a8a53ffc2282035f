import type { CaseAttributes } from './cases.schemas';
import { ageBand } from './cases.vocabularies';

/** The clear, non-identifying columns of a case from its attributes. */
export function attributeColumns(a: CaseAttributes) {
  return {
    sex: a.sex,
    age_at_identification: a.ageAtIdentification ?? null,
    age_band: ageBand(a.ageAtIdentification),
    nationality: a.nationality ?? null,
    migrant_status: a.migrantStatus ?? null,
    province: a.province ?? null,
    canton: a.canton ?? null,
    trafficking_status: a.traffickingStatus,
    status_determined_by: a.statusDeterminedBy ?? null,
    exploitation_types: a.exploitationTypes,
    recruitment_methods: a.recruitmentMethods,
    control_methods: a.controlMethods,
    vulnerability_groups: a.vulnerabilityGroups,
    identifying_agency_id: a.identifyingAgencyId ?? null,
    language: a.language ?? null,
  };
}

/** Whole years from a date of birth to a date (both YYYY-MM-DD), or undefined for a birth after it. */
function yearsBetween(birth: string, on: string): number | undefined {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const years = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return years >= 0 && years <= 120 ? years : undefined;
}

/**
 * The age at identification a case records: the one given, or the one its
 * date of birth gives at the date of identification — the younger of the two
 * when both are known, so that a child known only by a date of birth is
 * treated as a child (a minor's own consent is not valid; statistics count
 * them as children). Lifting minority is never done here: see liftsMinority.
 */
export function ageAtIdentification(
  givenAge: number | undefined,
  dateOfBirth: string | undefined,
  identifiedOn: string,
): number | undefined {
  const fromBirth = dateOfBirth ? yearsBetween(dateOfBirth, identifiedOn) : undefined;
  if (fromBirth === undefined) return givenAge;
  return givenAge === undefined ? fromBirth : Math.min(givenAge, fromBirth);
}
