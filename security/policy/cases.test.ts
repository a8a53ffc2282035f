import { CASE_ACTIONS, caseAccess, canViewCase, mayActOnCase } from './cases';

const kase = { teamId: 'A', assignedTo: 'ana' };
const team = (teamId: string | null, teamAccess = false, breakGlass = false) => ({
  teamId,
  teamAccess,
  breakGlass,
});

describe('canViewCase (the same rule as row-level security)', () => {
  it.each([
    ['the assignee', { id: 'ana', role: 'caseworker' as const }, team('A'), true],
    [
      'a teammate without team access',
      { id: 'andres', role: 'caseworker' as const },
      team('A'),
      false,
    ],
    [
      'a teammate with team access',
      { id: 'alba', role: 'caseworker' as const },
      team('A', true),
      true,
    ],
    ['the team supervisor', { id: 'sara', role: 'supervisor' as const }, team('A'), true],
    [
      'a caseworker of another team',
      { id: 'bruno', role: 'caseworker' as const },
      team('B', true),
      false,
    ],
    ['a supervisor of another team', { id: 'sol', role: 'supervisor' as const }, team('B'), false],
    [
      'an outsider with break-glass',
      { id: 'bruno', role: 'caseworker' as const },
      team('B', false, true),
      true,
    ],
    ['an admin', { id: 'root', role: 'admin' as const }, team('A', true), false],
    ['a partner', { id: 'p', role: 'partner' as const }, team(null, false, true), false],
    ['an auditor', { id: 'dpo', role: 'auditor' as const }, team('A'), false],
    ['a coordinator', { id: 'c', role: 'coordinator' as const }, team('A'), false],
  ])('%s → %s', (_who, actor, actorTeam, expected) => {
    expect(canViewCase(actor, actorTeam, kase)).toBe(expected);
  });

  it('says when a case is reached only through break-glass', () => {
    const outsider = { id: 'bruno', role: 'caseworker' as const };
    expect(caseAccess(outsider, team('B', false, true), kase)).toBe('break_glass');
    expect(caseAccess({ id: 'ana', role: 'caseworker' }, team('A', false, true), kase)).toBe('own');
  });
});

describe('mayActOnCase: break-glass reads, it does not own', () => {
  const byAccess = (access: 'own' | 'break_glass' | 'none') =>
    CASE_ACTIONS.filter((action) => mayActOnCase(access, action));

  it('lets the case’s own people do everything', () => {
    expect(byAccess('own')).toEqual([...CASE_ACTIONS]);
  });

  it('lets a break-glass reader read and add a note, nothing else', () => {
    expect(byAccess('break_glass')).toEqual(['read', 'add_note']);
  });

  it('lets nobody else do anything', () => {
    expect(byAccess('none')).toEqual([]);
  });
});
