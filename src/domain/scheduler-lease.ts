import { z } from 'zod';

/**
 * The tick lease: one document with a deterministic id that a tick holds
 * while it runs, so two ticks of one installation (the timer, `POST
 * /api/tick` and the CLI, on any number of instances) never run at once.
 * Taking it over is a replace with the etag read, so two ticks cannot both
 * take it; the holder renews it while it runs and it expires if the holder
 * dies. The sent-message claims stay the guarantee of one send per message:
 * the lease keeps the sends of one installation to one pace (Teams counts
 * the bot's requests per tenant, not per instance).
 */
export const TICK_LEASE_ID = 'scheduler:tick-lease';

export const TickLeaseSchema = z.object({
  id: z.literal(TICK_LEASE_ID),
  /** Who holds it: an instance's own id, for people reading the store. */
  holder: z.string().min(1).max(200),
  acquiredAt: z.iso.datetime(),
  /** After this instant the lease is free, whoever held it. */
  expiresAt: z.iso.datetime(),
});
export type TickLease = z.infer<typeof TickLeaseSchema>;

/** Whether `holder` may take the lease at `now`: nobody holds it, it expired, or it is already theirs. */
export function mayTakeLease(lease: TickLease | null, holder: string, now: Date): boolean {
  return lease === null || lease.holder === holder || Date.parse(lease.expiresAt) <= now.getTime();
}

/** The lease `holder` writes at `now`, held for `ttlMs`; `acquiredAt` kept when renewing. */
export function leaseFor(holder: string, now: Date, ttlMs: number, previous: TickLease | null = null): TickLease {
  const acquiredAt = previous !== null && previous.holder === holder && Date.parse(previous.expiresAt) > now.getTime() ? previous.acquiredAt : now.toISOString();
  return { id: TICK_LEASE_ID, holder, acquiredAt, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
}

/** The lease given up at `now`: expired, so the next tick anywhere may take it. */
export function releasedLease(lease: TickLease, now: Date): TickLease {
  return { ...lease, expiresAt: new Date(Math.min(now.getTime(), Date.parse(lease.expiresAt))).toISOString() };
}
