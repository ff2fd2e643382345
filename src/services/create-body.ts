import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { BodySchema, TimeZoneSchema, type Body } from '../domain/partnership.js';
import { AlreadyExists } from '../store/store.port.js';
import { addToDirectory } from './directory.js';
import { requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

export const NewBodySchema = BodySchema.pick({ id: true, kind: true, name: true, parentId: true, tenantId: true, chairs: true, coordinators: true }).extend({
  timeZone: TimeZoneSchema.default('Europe/London'),
});
export type NewBody = z.input<typeof NewBodySchema>;

/** Sets up a CSP or PCG with its chairs and coordinators. A PCG's CSP must exist. */
export async function createBody(deps: ServiceDeps, input: NewBody): Promise<Body> {
  const parsed = NewBodySchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('input-invalid', `Cannot set up the body: ${problems[0]}`, { problems });
  }
  const body: Body = { ...parsed.data, memberIds: [], roles: [], channel: null, meetings: [], currentPlanYear: null, chase: null };
  if (body.kind === 'pcg' && body.parentId === null) throw new DomainError('input-invalid', `A PCG belongs to a CSP: give ${body.name}'s CSP.`);
  if (body.kind === 'csp' && body.parentId !== null) throw new DomainError('input-invalid', `A CSP belongs to no other body: ${body.name} cannot be under "${body.parentId}".`);
  if (body.parentId !== null) {
    const parent = await deps.store.readBody(body.parentId);
    if (parent === null || parent.value.kind !== 'csp') throw new DomainError('body-unknown', `There is no CSP "${body.parentId}" for ${body.name} to belong to.`);
  }
  let created: Body;
  try {
    created = (await deps.store.createBody(body)).value;
  } catch (error) {
    if (error instanceof AlreadyExists) throw new DomainError('body-exists', `There is already a body "${body.id}".`);
    throw error;
  }
  // Chairs and coordinators act on the whole body (a chair may update any action), so `update 2.3` must find it for them too.
  for (const person of [...body.chairs, ...body.coordinators]) await addToDirectory(deps, person, body.id);
  const parentId = body.parentId;
  if (parentId !== null) {
    await retryOnConflict(async () => {
      const parent = await requireBody(deps.store, parentId);
      if (parent.value.memberIds.includes(body.id)) return;
      await deps.store.replaceBody({ ...parent.value, memberIds: [...parent.value.memberIds, body.id] }, parent.etag);
    }, parentId);
  }
  return created;
}
