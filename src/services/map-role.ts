import { DomainError } from '../domain/errors.js';
import type { Body, Person, PersonId, RoleHolder } from '../domain/partnership.js';
import { matchRole } from '../domain/role-match.js';
import type { Role } from '../domain/roles.js';
import { planYearFor, requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';
import { addToDirectory } from './directory.js';

export type MapRoleInput = {
  bodyId: string;
  /** The role as the person wrote it: its key ("CSO", any case), its full name or a few words of it ("Public Health Team"). */
  roleKey: string;
  /** Who holds it; null: no one (the role is unmapped). */
  person: Person | null;
  delegate?: Person | null;
  by: PersonId;
};

/** The plan role a person means, or the refusal that lists the plan's roles (all of them, or the ones it could be). */
export function findPlanRole(roles: readonly Role[], typed: string, year: string): Role {
  const found = matchRole(roles, typed);
  if (found.kind === 'one') return found.role;
  const label = (r: Role) => (r.name === r.key ? r.key : `${r.name} (${r.key})`);
  if (found.kind === 'many') {
    throw new DomainError('role-ambiguous', `"${typed.trim()}" could be any of ${found.roles.length} roles of the ${year} plan: ${found.roles.map(label).join('; ')}. Type its short name or more of its words.`);
  }
  throw new DomainError('role-unknown', `The ${year} plan names no role "${typed.trim()}"; its roles are: ${roles.map((r) => r.key).join(', ') || 'none'}.`);
}

/**
 * Maps a role named in the body's current plan to a person (and their
 * delegate), or unmaps it when `person` is null. Coordinators and chairs only.
 */
export async function mapRole(deps: ServiceDeps, input: MapRoleInput): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'map roles to people');
  const year = planYearFor(body, undefined);
  const head = await deps.store.readPlanHead(body.id, year);
  const role = findPlanRole(head?.value.roles ?? [], input.roleKey, year);
  const delegate = input.person === null ? null : (input.delegate ?? null);
  if (input.person === null && (input.delegate ?? null) !== null) {
    throw new DomainError('input-invalid', `${role.key} needs someone to hold it before it can have a delegate.`);
  }
  for (const p of [input.person, delegate]) {
    if (p !== null && p.tenantId !== body.tenantId) {
      throw new DomainError('other-tenant', `${p.displayName} is not in ${body.name}'s Teams tenant.`);
    }
  }
  // The directory first: a person listed for a body they no longer serve is harmless; the reverse would hide actions.
  for (const p of [input.person, delegate]) if (p !== null) await addToDirectory(deps, p, body.id);
  const key = role.key.toLowerCase();
  const holder: RoleHolder | null = input.person === null ? null : { key: role.key, name: role.name, person: input.person, delegate };
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const roles = [...current.value.roles.filter((r) => r.key.toLowerCase() !== key), ...(holder === null ? [] : [holder])].sort((a, b) => a.key.localeCompare(b.key));
    return (await deps.store.replaceBody({ ...current.value, roles }, current.etag)).value;
  }, body.name);
}
