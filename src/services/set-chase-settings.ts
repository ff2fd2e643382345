import { ChaseOverridesSchema, ChaseSettingsSchema, type ChaseOverrides } from '../domain/chase-settings.js';
import { DomainError } from '../domain/errors.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/**
 * Changes how a body is chased (issue 6's rules: working hours, prompt days,
 * reminder interval, escalation count, round and summary lead times), for
 * its coordinators and chairs. The given settings are laid over the body's
 * own (`reset` first returns to the product's defaults); the result must
 * hold together as a whole (a send time inside working hours) or nothing
 * is written.
 */
export async function setChaseSettings(deps: ServiceDeps, input: { bodyId: string; settings: unknown; reset?: boolean; by: PersonId }): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'change how it is chased');
  const given = ChaseOverridesSchema.safeParse(input.settings ?? {});
  if (!given.success) throw invalid(body, given.error.issues);
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const merged: ChaseOverrides = { ...(input.reset === true ? {} : (current.value.chase ?? {})), ...given.data };
    const whole = ChaseSettingsSchema.safeParse({ ...merged, timeZone: current.value.timeZone });
    if (!whole.success) throw invalid(body, whole.error.issues);
    const chase = Object.keys(merged).length === 0 ? null : merged;
    return (await deps.store.replaceBody({ ...current.value, chase }, current.etag)).value;
  }, body.name);
}

function invalid(body: Body, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): DomainError {
  const problems = issues.map((i) => (i.path.length === 0 ? i.message : `${i.path.map(String).join('.')}: ${i.message}`));
  return new DomainError('input-invalid', `Cannot change how ${body.name} is chased: ${problems.join('; ')}`, { problems });
}
