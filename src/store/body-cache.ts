import type { Body } from '../domain/partnership.js';
import { ConcurrencyConflict, type PartnershipStore, type Versioned } from './store.port.js';

/** How long a body read is used again without asking the store. */
export const BODY_CACHE_MS = 5_000;

/**
 * The store with body documents kept for a few seconds, so a card submit
 * (which reads the body for who may update, its time zone and plan year)
 * costs no body read when the same body was read moments ago.
 *
 * Etag-checked: a body is changed only by a replace carrying the etag it was
 * read with, so a change from a cached body that another instance changed
 * meanwhile fails (412) like any stale write; the entry is then dropped and
 * the caller's retry reads the store. This process's own writes refresh the
 * entry at once. What a cached body can miss is another instance's change
 * for at most `BODY_CACHE_MS`: a role given to someone else there takes up
 * to that long to reach the permission check here.
 */
export function withBodyCache(store: PartnershipStore, options: { clock?: () => number; ttlMs?: number } = {}): PartnershipStore {
  const clock = options.clock ?? (() => performance.now());
  const ttl = options.ttlMs ?? BODY_CACHE_MS;
  const cache = new Map<string, { read: Versioned<Body>; at: number }>();
  const keep = (read: Versioned<Body>): Versioned<Body> => {
    cache.set(read.value.id, { read, at: clock() });
    return read;
  };
  const cached: Pick<PartnershipStore, 'readBody' | 'createBody' | 'replaceBody'> = {
    async readBody(bodyId) {
      const entry = cache.get(bodyId);
      if (entry !== undefined && clock() - entry.at < ttl) return entry.read;
      cache.delete(bodyId);
      const read = await store.readBody(bodyId);
      return read === null ? null : keep(read);
    },
    async createBody(body) {
      return keep(await store.createBody(body));
    },
    async replaceBody(body, etag) {
      try {
        return keep(await store.replaceBody(body, etag));
      } catch (error) {
        if (error instanceof ConcurrencyConflict) cache.delete(body.id);
        throw error;
      }
    },
  };
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'readBody' || name === 'createBody' || name === 'replaceBody') return cached[name];
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
}
