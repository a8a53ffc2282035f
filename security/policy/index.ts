export type { PolicyActor } from './actor';
export {
  canAdministerAccounts,
  refuseAccountChange,
  roleFitsInstitution,
  type AccountChangeRefusal,
} from './users';
export { canHoldCases, canViewCase, type ActorTeam, type CaseOwnership } from './cases';
