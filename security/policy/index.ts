export type { PolicyActor } from './actor';
export {
  canAdministerAccounts,
  refuseAccountChange,
  roleFitsInstitution,
  type AccountChangeRefusal,
} from './users';
export { canHoldCases } from './cases';
