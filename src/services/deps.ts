import { DomainError } from '../domain/errors.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { canAdminister } from '../domain/partnership.js';
import { ConcurrencyConflict, type PartnershipStore, type Versioned } from '../store/store.port.js';

/** What every service gets from its composition root: the store, the clock, a source of fresh ids. */
export type ServiceDeps = {
  store: PartnershipStore;
  clock: () => Date;
  newId: () => string;
};

/**
 * Runs a read-modify-write until its etag holds. Each attempt re-reads, so a
 * conflict costs one read and one write more; the waits grow a little and
 * are jittered so a crowd of writers spreads out.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, what: string, maxAttempts = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
      if (i >= maxAttempts) {
        throw new DomainError('store-busy', `Too many people changed ${what} at once; nothing was lost. Try again in a moment.`, { cause: error });
      }
      const wait = Math.min(50, i) * Math.random();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export async function requireBody(store: PartnershipStore, bodyId: string): Promise<Versioned<Body>> {
  const body = await store.readBody(bodyId);
  if (body === null) throw new DomainError('body-unknown', `There is no partnership body "${bodyId}".`);
  return body;
}

/** Set-up (imports, roles, meetings, channel) is for the body's coordinators and chairs. */
export function requireAdministrator(body: Body, person: PersonId, doing: string): void {
  if (person.tenantId !== body.tenantId) {
    throw new DomainError('other-tenant', `${body.name} accepts changes only from its own organisation's Teams tenant.`);
  }
  if (!canAdminister(body, person)) {
    const who = [...body.coordinators.map((c) => `${c.displayName} (coordinator)`), ...body.chairs.map((c) => `${c.displayName} (chair)`)];
    throw new DomainError('not-allowed', `Only ${body.name}'s coordinators and chairs can ${doing}: ${who.join(', ') || 'none set'}.`);
  }
}

/** The plan year a request means: the one named, else the body's current plan. */
export function planYearFor(body: Body, year: string | undefined): string {
  const chosen = year ?? body.currentPlanYear;
  if (chosen === null) throw new DomainError('plan-none', `${body.name} has no plan yet: import one first.`);
  return chosen;
}
