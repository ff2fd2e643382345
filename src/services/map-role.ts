import { DomainError } from '../domain/errors.js';
import { personKey, type Body, type Person, type PersonId, type RoleHolder } from '../domain/partnership.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { planYearFor, requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

export type MapRoleInput = {
  bodyId: string;
  /** The role as the plan names it, e.g. "CSO" (any case). */
  roleKey: string;
  person: Person;
  delegate?: Person | null;
  by: PersonId;
};

/** Maps a role named in the body's current plan to a person (and their delegate). Coordinators and chairs only. */
export async function mapRole(deps: ServiceDeps, input: MapRoleInput): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'map roles to people');
  const year = planYearFor(body, undefined);
  const head = await deps.store.readPlanHead(body.id, year);
  const wanted = input.roleKey.trim().toLowerCase();
  const role = head?.value.roles.find((r) => r.key.toLowerCase() === wanted);
  if (role === undefined) {
    const known = head?.value.roles.map((r) => r.key).join(', ') || 'none';
    throw new DomainError('role-unknown', `The ${year} plan names no role "${input.roleKey}"; its roles are: ${known}.`);
  }
  const delegate = input.delegate ?? null;
  for (const p of [input.person, delegate]) {
    if (p !== null && p.tenantId !== body.tenantId) {
      throw new DomainError('other-tenant', `${p.displayName} is not in ${body.name}'s Teams tenant.`);
    }
  }
  // The directory first: a person listed for a body they no longer serve is harmless; the reverse would hide actions.
  for (const p of [input.person, delegate]) {
    if (p === null) continue;
    await retryOnConflict(async () => {
      const key = personKey(p);
      const entry = await deps.store.readPerson(key);
      if (entry === null) {
        await deps.store.savePerson({ ...p, id: key, bodies: [body.id], conversation: null }, null).catch((error: unknown) => {
          throw error instanceof AlreadyExists ? new ConcurrencyConflict(key) : error;
        });
      } else if (!entry.value.bodies.includes(body.id)) {
        await deps.store.savePerson({ ...entry.value, bodies: [...entry.value.bodies, body.id] }, entry.etag);
      }
    }, p.displayName);
  }
  const holder: RoleHolder = { key: role.key, name: role.name, person: input.person, delegate };
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const roles = [...current.value.roles.filter((r) => r.key.toLowerCase() !== wanted), holder].sort((a, b) => a.key.localeCompare(b.key));
    return (await deps.store.replaceBody({ ...current.value, roles }, current.etag)).value;
  }, body.name);
}
