export type { PolicyActor } from './actor';
export {
  canAdministerAccounts,
  refuseAccountChange,
  roleFitsInstitution,
  type AccountChangeRefusal,
} from './users';
export {
  canHoldCases,
  canViewCase,
  caseAccess,
  type ActorTeam,
  type CaseAccess,
  type CaseOwnership,
} from './cases';
