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
