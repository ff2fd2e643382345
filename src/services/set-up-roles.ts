import { DomainError } from '../domain/errors.js';
import { peopleOf, personKey, type Body, type Person, type PersonId } from '../domain/partnership.js';
import { assignmentOf, planRoleChanges, type RoleAssignment } from '../domain/role-setup.js';
import { planYearFor, requireAdministrator, requireBody, type ServiceDeps } from './deps.js';
import { mapRole } from './map-role.js';

export type SetUpRolesInput = {
  bodyId: string;
  by: PersonId;
  /** What the set-up card showed, role by role (Entra object ids, '' for no one). */
  shown: RoleAssignment[];
  /** What the person picked, in the same order. */
  picked: RoleAssignment[];
  /**
   * Names the people the store does not know yet, from a source the person
   * cannot forge (the Teams roster of the body's channel). Ids it does not
   * return are refused.
   */
  findMembers: (aadObjectIds: string[]) => Promise<Person[]>;
};

export type RoleSaved = { key: string; holder: Person | null; delegate: Person | null; was: { holder: Person | null; delegate: Person | null } };

/**
 * The set-up card's save: every role the person changed is mapped (or
 * unmapped) through `mapRole`; roles they left alone are not written, so a
 * change someone else made meanwhile to another role stands. A role they
 * changed that someone else also changed since the card was made refuses the
 * whole save, before anything is written, naming who holds it now.
 */
export async function setUpRoles(deps: ServiceDeps, input: SetUpRolesInput): Promise<{ body: Body; saved: RoleSaved[] }> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'map roles to people');
  const year = planYearFor(body, undefined);
  const head = await deps.store.readPlanHead(body.id, year);
  const planKeys = new Set((head?.value.roles ?? []).map((r) => r.key.toLowerCase()));
  const strange = input.shown.filter((s) => !planKeys.has(s.key.toLowerCase()));
  if (strange.length > 0 || input.picked.length !== input.shown.length) {
    throw new DomainError('setup-stale', `This set-up card was made for another plan (${strange.map((s) => s.key).join(', ') || 'its roles differ'}): type **setup** for a fresh one. Nothing was changed.`);
  }
  const plan = planRoleChanges(input.shown, input.picked, body);
  if (plan.problems.length > 0) throw new DomainError('input-invalid', `Nothing was changed: ${plan.problems.join('; ')}.`, { problems: plan.problems });
  if (plan.conflicts.length > 0) {
    const now = plan.conflicts.map((c) => `${c.key} is now ${describe(c.now, body)}`);
    throw new DomainError('setup-stale', `Someone changed ${plan.conflicts.map((c) => c.key).join(', ')} after this card was made, so nothing was changed: ${now.join('; ')}. The card now shows the roles as they are; pick again and save.`);
  }
  const known = await knownPeople(deps, body, input.findMembers, plan.changes.flatMap((c) => [c.to.holder, c.to.delegate]));
  const name = (id: string) => (id === '' ? null : known.get(id.toLowerCase())!);
  let after = body;
  const saved: RoleSaved[] = [];
  for (const change of plan.changes) {
    after = await mapRole(deps, { bodyId: body.id, roleKey: change.key, person: name(change.to.holder), delegate: name(change.to.delegate), by: input.by });
    const was = assignmentOf(body, change.key);
    saved.push({ key: change.key, holder: name(change.to.holder), delegate: name(change.to.delegate), was: { holder: personIn(body, was.holder), delegate: personIn(body, was.delegate) } });
  }
  return { body: after, saved };
}

function personIn(body: Body, id: string): Person | null {
  return id === '' ? null : (peopleOf(body).find((p) => p.aadObjectId.toLowerCase() === id.toLowerCase()) ?? null);
}

function describe(a: RoleAssignment, body: Body): string {
  const holder = personIn(body, a.holder);
  if (holder === null) return 'held by no one';
  const delegate = personIn(body, a.delegate);
  return `${holder.displayName}${delegate === null ? '' : ` (delegate ${delegate.displayName})`}`;
}

/**
 * Names for the picked ids: the body's own people and the directory first
 * (names Teams gave when those people wrote or were mapped), then the roster.
 */
async function knownPeople(deps: ServiceDeps, body: Body, findMembers: SetUpRolesInput['findMembers'], ids: string[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id) => id !== '').map((id) => id.toLowerCase()))];
  const known = new Map<string, Person>();
  for (const p of peopleOf(body)) if (wanted.includes(p.aadObjectId.toLowerCase())) known.set(p.aadObjectId.toLowerCase(), p);
  for (const id of wanted.filter((w) => !known.has(w))) {
    const entry = await deps.store.readPerson(personKey({ tenantId: body.tenantId, aadObjectId: id }));
    if (entry !== null) known.set(id, { tenantId: body.tenantId, aadObjectId: entry.value.aadObjectId, displayName: entry.value.displayName });
  }
  const missing = wanted.filter((w) => !known.has(w));
  if (missing.length > 0) {
    for (const p of await findMembers(missing)) if (missing.includes(p.aadObjectId.toLowerCase())) known.set(p.aadObjectId.toLowerCase(), { ...p, tenantId: body.tenantId });
  }
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length > 0) {
    const where = body.channel === null ? 'the team of its channel (no channel is linked yet: link one first)' : `the team of ${body.channel.name}`;
    throw new DomainError('person-unknown', `Nothing was changed: ${unknown.length === 1 ? 'one person picked is' : `${unknown.length} people picked are`} not among the members of ${where}, so I cannot check who they are. Add them to the team, then save again.`);
  }
  return known;
}
