import { ACTOR_ROLES } from '../../server/db/actor-transaction';
import {
  accountChangeNeedsStepUp,
  canAdministerAccounts,
  refuseAccountChange,
  roleFitsInstitution,
} from './users';

const actor = (role: (typeof ACTOR_ROLES)[number], id = 'a') => ({ id, role, institutionId: 'i' });

describe('account policy', () => {
  it.each(ACTOR_ROLES)('only admins administer accounts (%s)', (role) => {
    expect(canAdministerAccounts(actor(role))).toBe(role === 'admin');
  });

  it.each(ACTOR_ROLES)('%s fits the lead agency unless it is partner, and the reverse', (role) => {
    expect(roleFitsInstitution(role, { isLeadAgency: true })).toBe(role !== 'partner');
    expect(roleFitsInstitution(role, { isLeadAgency: false })).toBe(role === 'partner');
  });

  it('refuses an admin disabling or re-roling themself, allows it on others', () => {
    const admin = actor('admin', 'me');
    const self = { id: 'me', role: 'admin' as const };
    const other = { id: 'other', role: 'admin' as const };
    expect(refuseAccountChange(admin, self, { active: false })).toBe('cannot_disable_self');
    expect(refuseAccountChange(admin, self, { role: 'auditor' })).toBe('cannot_change_own_role');
    expect(refuseAccountChange(admin, self, { role: 'admin', active: true })).toBeNull();
    expect(refuseAccountChange(admin, other, { active: false, role: 'auditor' })).toBeNull();
  });
});

describe('accountChangeNeedsStepUp: what grants access asks for a fresh second factor', () => {
  it.each([
    [{ role: 'auditor' }, true],
    [{ institutionId: 'i2' }, true],
    [{ teamId: 't2' }, true],
    [{ teamId: null }, true],
    [{ teamAccess: true }, true],
    [{ teamAccess: false }, true],
    [{ active: true }, true],
    [{ resetPassword: true }, true],
    [{ resetSecondFactor: true }, true],
    [{ unlockSecondFactor: true }, true],
    [{ active: false }, false],
    [{}, false],
  ])('%j → %s', (change, expected) => {
    expect(accountChangeNeedsStepUp(change)).toBe(expected);
  });
});
