import { DomainError } from '../domain/errors.js';
import { samePerson, type Body, type Person, type PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';
import { addToDirectory } from './directory.js';

export type BodyPeopleChange = {
  bodyId: string;
  /** Which list changes: the chairs (who run the meetings and may update any action) or the coordinators. */
  list: 'chairs' | 'coordinators';
  add: Person[];
  /** By Entra object id. */
  remove: string[];
  by: PersonId;
};

/**
 * Adds and removes a body's chairs or coordinators, for its coordinators and
 * chairs: people move on, and the body must not be left with no one who can
 * run it. A removed person keeps their directory entry (they may hold roles
 * or chair another body); an added one is listed on theirs, so `update 2.3`
 * finds the body for them.
 */
export async function setBodyPeople(deps: ServiceDeps, change: BodyPeopleChange): Promise<Body> {
  const { value: body } = await requireBody(deps.store, change.bodyId);
  requireAdministrator(body, change.by, `change its ${change.list}`);
  const other = change.add.find((p) => p.tenantId !== body.tenantId);
  if (other !== undefined) throw new DomainError('other-tenant', `${other.displayName} is not in ${body.name}'s Teams tenant.`);
  const updated = await retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const list = current.value[change.list];
    const missing = change.remove.filter((id) => !list.some((p) => p.aadObjectId.toLowerCase() === id.toLowerCase()));
    if (missing.length > 0) {
      const now = list.map((p) => `${p.displayName} (${p.aadObjectId})`).join(', ') || 'none';
      throw new DomainError('input-invalid', `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not among ${body.name}'s ${change.list}: ${now}.`);
    }
    const kept = list.filter((p) => !change.remove.some((id) => id.toLowerCase() === p.aadObjectId.toLowerCase()));
    const next = [...kept, ...change.add.filter((p) => !kept.some((k) => samePerson(k, p)))];
    const after = { ...current.value, [change.list]: next };
    if (after.chairs.length + after.coordinators.length === 0) {
      throw new DomainError('input-invalid', `${body.name} would have no chair or coordinator left to run it: add someone before removing the last.`);
    }
    return (await deps.store.replaceBody(after, current.etag)).value;
  }, body.name);
  for (const person of change.add) await addToDirectory(deps, person, body.id);
  return updated;
}
