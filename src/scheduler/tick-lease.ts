import { leaseFor, mayTakeLease, releasedLease, type TickLease } from '../domain/scheduler-lease.js';
import { AlreadyExists, ConcurrencyConflict, type PartnershipStore, type Versioned } from '../store/store.port.js';

export type LeaseOptions = {
  /** This instance's id, written in the lease. */
  holder: string;
  /** How long the lease lasts unrenewed: a holder that died frees it after this. */
  ttlMs: number;
};

export type HeldLease = {
  held: true;
  /** The lease as it was before this tick took it: null when there was none. */
  previous: TickLease | null;
  /** True once a renewal found the lease taken by someone else (this tick stalled past the ttl): stop starting sends. */
  lost(): boolean;
  /** Stops renewing and gives the lease up (expired at once). */
  release(): Promise<void>;
};

export type Refused = { held: false; holder: string; until: string };

/**
 * Takes the tick lease (see scheduler-lease.ts) for a tick, and renews it
 * every third of its ttl, on the real clock, until released. Each write is a
 * create or a replace with the etag read, so of two ticks taking a free lease
 * at once one gets it and the other is refused.
 */
export async function takeTickLease(store: Pick<PartnershipStore, 'readTickLease' | 'saveTickLease'>, options: LeaseOptions & { clock: () => Date; onError?: (error: unknown) => void }): Promise<HeldLease | Refused> {
  const read = await store.readTickLease();
  const now = options.clock();
  if (read !== null && !mayTakeLease(read.value, options.holder, now)) return { held: false, holder: read.value.holder, until: read.value.expiresAt };
  let current: Versioned<TickLease>;
  try {
    current = await store.saveTickLease(leaseFor(options.holder, now, options.ttlMs, read?.value ?? null), read?.etag ?? null);
  } catch (error) {
    if (!(error instanceof ConcurrencyConflict) && !(error instanceof AlreadyExists)) throw error;
    const winner = await store.readTickLease();
    return { held: false, holder: winner?.value.holder ?? 'another tick', until: winner?.value.expiresAt ?? now.toISOString() };
  }

  let lost = false;
  let released = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    try {
      current = await store.saveTickLease(leaseFor(options.holder, options.clock(), options.ttlMs, current.value), current.etag);
    } catch (error) {
      if (error instanceof ConcurrencyConflict) lost = true;
      else options.onError?.(error);
    }
  };
  const timer = setInterval(() => {
    if (!released && !lost) renewing = renewing.then(renew);
  }, Math.max(1, Math.floor(options.ttlMs / 3)));
  // A renewal alone must not keep a process alive that is otherwise done.
  timer.unref();

  return {
    held: true,
    previous: read?.value ?? null,
    lost: () => lost,
    async release() {
      released = true;
      clearInterval(timer);
      await renewing;
      if (lost) return;
      try {
        await store.saveTickLease(releasedLease(current.value, options.clock()), current.etag);
      } catch (error) {
        // Lost meanwhile, or the store is down: the lease expires by itself.
        if (!(error instanceof ConcurrencyConflict)) options.onError?.(error);
      }
    },
  };
}
