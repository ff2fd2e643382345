import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadToEnterFor, ON_BEHALF, splitLeadName } from '../../src/domain/on-behalf.js';
import type { Body, Person, RoleHolder } from '../../src/domain/partnership.js';
import { matchRole, typedRole } from '../../src/domain/role-match.js';
import { planRoleChanges, roleAssignments, type RoleAssignment } from '../../src/domain/role-setup.js';
import type { Role } from '../../src/domain/roles.js';
import type { StoredAction } from '../../src/domain/action-record.js';

const ROLES: Role[] = [
  { key: 'CSO', name: 'Community Safety Officer' },
  { key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' },
  { key: 'GM-PHH', name: 'General Manager Public Health and Housing' },
  { key: 'Public Health Team', name: 'Public Health Team' },
  { key: 'LO', name: 'Licensing Officer' },
];

describe('which role a person means', () => {
  it.each([
    ['CSO', 'CSO'],
    ['cso', 'CSO'],
    ['gm phh', 'GM-PHH'],
    ['Public Health Team', 'Public Health Team'],
    ['public health team', 'Public Health Team'],
    ['"Licensing Officer"', 'LO'],
    ['“community safety officer”', 'CSO'],
    ['Anti Social Behaviour Reduction Officer', 'ASBRO'],
    ['Reduction Officer', 'ASBRO'],
  ])('%s is %s', (typed, key) => {
    expect(matchRole(ROLES, typed)).toEqual({ kind: 'one', role: ROLES.find((r) => r.key === key) });
  });

  it('a word several roles share is ambiguous, with every one of them; an unknown or empty one is none', () => {
    expect(matchRole(ROLES, 'Officer')).toEqual({ kind: 'many', roles: [ROLES[0], ROLES[1], ROLES[4]] });
    expect(matchRole(ROLES, 'Public Health')).toEqual({ kind: 'many', roles: [ROLES[2], ROLES[3]] });
    expect(matchRole(ROLES, 'Mayor')).toEqual({ kind: 'none' });
    expect(matchRole(ROLES, '  ""  ')).toEqual({ kind: 'none' });
    expect(typedRole(' "Housing Manager": ')).toBe('Housing Manager');
  });

  it('never throws and never invents a role, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (typed) => {
        const found = matchRole(ROLES, typed);
        const named = found.kind === 'one' ? [found.role] : found.kind === 'many' ? found.roles : [];
        expect(named.every((r) => ROLES.includes(r))).toBe(true);
      }),
    );
  });
});

const person = (n: number, name = `Person ${n}`): Person => ({ tenantId: 't', aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, displayName: name });
const holder = (key: string, p: Person, d: Person | null = null): RoleHolder => ({ key, name: key, person: p, delegate: d });
const row = (key: string, h: Person | null, d: Person | null = null): RoleAssignment => ({ key, holder: h?.aadObjectId ?? '', delegate: d?.aadObjectId ?? '' });

describe('a set-up save', () => {
  const [a, b, c] = [person(1), person(2), person(3)];

  it('lists roles no one holds first, then by key', () => {
    expect(roleAssignments(ROLES, [holder('CSO', a)]).map((r) => r.role.key)).toEqual(['ASBRO', 'GM-PHH', 'LO', 'Public Health Team', 'CSO']);
  });

  it('writes only the roles changed on the card: a mapping, a delegate, an unmapping', () => {
    const body = { roles: [holder('CSO', a), holder('LO', b)] };
    const shown = [row('ASBRO', null), row('CSO', a), row('LO', b)];
    const plan = planRoleChanges(shown, [row('ASBRO', c), row('CSO', a, b), row('LO', null)], body);
    expect(plan).toEqual({
      changes: [
        { key: 'ASBRO', from: row('ASBRO', null), to: row('ASBRO', c) },
        { key: 'CSO', from: row('CSO', a), to: row('CSO', a, b) },
        { key: 'LO', from: row('LO', b), to: row('LO', null) },
      ],
      conflicts: [],
      problems: [],
    });
  });

  it('a role someone else changed since the card was made is a conflict only when this card changed it too', () => {
    const body = { roles: [holder('CSO', c), holder('LO', b)] };
    const shown = [row('CSO', a), row('LO', b)];
    expect(planRoleChanges(shown, [row('CSO', a), row('LO', a)], body).conflicts).toEqual([]);
    expect(planRoleChanges(shown, [row('CSO', b), row('LO', b)], body).conflicts).toEqual([{ key: 'CSO', now: row('CSO', c) }]);
  });

  it('refuses a delegate with no holder, and a holder as their own delegate', () => {
    const plan = planRoleChanges([row('CSO', a), row('LO', null)], [row('CSO', a, a), { key: 'LO', holder: '', delegate: b.aadObjectId }], { roles: [holder('CSO', a)] });
    expect(plan.problems).toEqual(['CSO: the holder cannot be their own delegate', 'LO: a delegate needs someone holding the role; pick its holder too, or clear the delegate']);
  });

  it('whatever is picked, an unchanged role is never written and every change starts from what the card showed', () => {
    const id = fc.constantFrom('', a.aadObjectId, b.aadObjectId, c.aadObjectId, a.aadObjectId.toUpperCase());
    const assignment = (key: string) => fc.record({ key: fc.constant(key), holder: id, delegate: id });
    const keys = ['CSO', 'LO', 'HO'];
    fc.assert(
      fc.property(fc.tuple(...keys.map(assignment)), fc.tuple(...keys.map(assignment)), (shown, picked) => {
        const plan = planRoleChanges(shown, picked, { roles: [] });
        for (const change of plan.changes) {
          const i = keys.indexOf(change.key);
          expect(change.from).toBe(shown[i]);
          expect(change.to).toBe(picked[i]);
        }
        const same = (x: string, y: string) => x.toLowerCase() === y.toLowerCase();
        const unchanged = keys.filter((_, i) => same(shown[i]!.holder, picked[i]!.holder) && same(shown[i]!.delegate, picked[i]!.delegate));
        expect(plan.changes.some((ch) => unchanged.includes(ch.key))).toBe(false);
      }),
    );
  });
});

describe('an update entered for a lead', () => {
  const taylor = person(8, 'Taylor Quinn');
  const priya = person(3, 'Priya Shah');
  const alex = person(2, 'Alex Hale');
  const body = { id: 'p', name: 'Purbeck PCG', tenantId: 't', chairs: [], coordinators: [alex], roles: [holder('TO-ET', taylor, priya), holder('CSO', alex)] } as unknown as Body;
  const action = { ref: '2.3', plan: { lead: 'TO-ET', support: [] } } as unknown as StoredAction;

  it('reads the action and what follows "for"', () => {
    expect(ON_BEHALF.exec('update 2.3 for <at>Taylor Quinn</at> done')?.slice(1)).toEqual(['2.3', '<at>Taylor Quinn</at> done']);
    expect(ON_BEHALF.exec('2.3 for Taylor done')?.slice(1)).toEqual(['2.3', 'Taylor done']);
    expect(ON_BEHALF.exec('update 2.3 done for now')).toBeNull();
    // A plan's own numbering, as the typed update reads it.
    expect(ON_BEHALF.exec('update DAB 1 for <at>Taylor Quinn</at> amber - venue')?.slice(1)).toEqual(['DAB 1', '<at>Taylor Quinn</at> amber - venue']);
    expect(ON_BEHALF.exec('R1 for Taylor done')?.slice(1)).toEqual(['R1', 'Taylor done']);
    expect(ON_BEHALF.exec('thanks for the reminder')).toBeNull();
    expect(ON_BEHALF.exec('update R1 done for now')).toBeNull();
  });

  it('splits a mention, a quoted name, a reporter’s name or first name, and a stranger’s capitalised name from the update', () => {
    const reporters = [taylor, priya];
    expect(splitLeadName('<at>Taylor Quinn</at> done: booked', reporters)).toEqual({ name: 'Taylor Quinn', update: 'done: booked' });
    expect(splitLeadName('"Taylor Quinn" amber - off sick', reporters)).toEqual({ name: 'Taylor Quinn', update: 'amber - off sick' });
    expect(splitLeadName('taylor quinn: done', reporters)).toEqual({ name: 'taylor quinn', update: 'done' });
    expect(splitLeadName('Priya done', reporters)).toEqual({ name: 'Priya', update: 'done' });
    expect(splitLeadName('Sam Reed Green on track', reporters)).toEqual({ name: 'Sam Reed Green', update: 'on track' });
  });

  it('finds the lead or their delegate by Entra id, full name or a first name only one has; anyone else is refused with who reports', () => {
    expect(leadToEnterFor(body, action, { aadObjectId: null, name: 'taylor quinn' })).toBe(taylor);
    expect(leadToEnterFor(body, action, { aadObjectId: priya.aadObjectId.toUpperCase(), name: 'whoever' })).toBe(priya);
    expect(leadToEnterFor(body, action, { aadObjectId: null, name: 'Priya' })).toBe(priya);
    expect(() => leadToEnterFor(body, action, { aadObjectId: null, name: 'Alex Hale' })).toThrow('Alex Hale does not report on action 2.3: its lead (TO-ET: Taylor Quinn, delegate Priya Shah), a chair (none set) do. Record it for Taylor Quinn or Priya Shah.');
  });
});
