export { findInstitution, findLeadAgency, leadAgencyName } from './institutions.repository';
export { ensureDemoInstitutions, ensureLeadAgency } from './institutions.service';
export {
  CreateInstitution,
  Institution,
  InstitutionSector,
  INSTITUTION_SECTORS,
} from './institutions.schemas';
