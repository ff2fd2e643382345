import type { Body, RoleHolder } from './partnership.js';
import type { Role } from './roles.js';

/**
 * The set-up card's roles: who holds each role of the current plan, by Entra
 * object id ('' for no one). The card carries what it showed; the save
 * compares what the person picked with that, and what the store holds now
 * with it too.
 */
export type RoleAssignment = { key: string; holder: string; delegate: string };

export type RoleChange = { key: string; from: RoleAssignment; to: RoleAssignment };

export type RolePlan = {
  /** Roles the person changed on the card, as they want them now. */
  changes: RoleChange[];
  /** Roles the person changed that someone else changed too since the card was made: the save is refused. */
  conflicts: Array<{ key: string; now: RoleAssignment }>;
  /** What cannot be saved at all (a delegate with no holder, a holder as their own delegate). */
  problems: string[];
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameAssignment = (a: RoleAssignment, b: RoleAssignment) => same(a.holder, b.holder) && same(a.delegate, b.delegate);

/** Each role of the plan with whoever the body has mapped to it: roles no one holds first, then by key. */
export function roleAssignments(planRoles: readonly Role[], holders: readonly RoleHolder[]): Array<{ role: Role; holder: RoleHolder | null }> {
  const rows = planRoles.map((role) => ({ role, holder: holders.find((h) => same(h.key, role.key)) ?? null }));
  return rows.sort((a, b) => Number(a.holder !== null) - Number(b.holder !== null) || a.role.key.localeCompare(b.role.key));
}

export function assignmentOf(body: Pick<Body, 'roles'>, key: string): RoleAssignment {
  const held = body.roles.find((r) => same(r.key, key));
  return { key, holder: held?.person.aadObjectId ?? '', delegate: held?.delegate?.aadObjectId ?? '' };
}

/**
 * Decides a set-up save. Only roles the person changed are written, so a
 * role someone else mapped meanwhile and this person left alone keeps its new
 * holder (the merge); a role both changed is a conflict and nothing is saved,
 * so no one's choice is overwritten unseen. Pure.
 */
export function planRoleChanges(shown: readonly RoleAssignment[], picked: readonly RoleAssignment[], body: Pick<Body, 'roles'>): RolePlan {
  const changes: RoleChange[] = [];
  const conflicts: RolePlan['conflicts'] = [];
  const problems: string[] = [];
  shown.forEach((from, i) => {
    const to = picked[i] ?? from;
    if (sameAssignment(from, to)) return;
    if (to.holder === '' && to.delegate !== '') problems.push(`${from.key}: a delegate needs someone holding the role; pick its holder too, or clear the delegate`);
    else if (to.holder !== '' && same(to.holder, to.delegate)) problems.push(`${from.key}: the holder cannot be their own delegate`);
    const now = assignmentOf(body, from.key);
    if (!sameAssignment(now, from)) conflicts.push({ key: from.key, now });
    changes.push({ key: from.key, from, to });
  });
  return { changes, conflicts, problems };
}
