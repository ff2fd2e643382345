import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler, type SchedulerDeps } from '../../src/scheduler/scheduler.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { buildWorld, freshDeps, recordingSender, type Delivery } from './world.js';

const DAY = 86_400_000;
const MONDAY = Date.parse('2017-09-11T00:00:00Z');

type Step = { day: number; minute: number; mode: 'one' | 'two-at-once' | 'crash'; failures: number };

const step = fc.record({
  day: fc.integer({ min: 0, max: 11 }),
  // 07:00 to 17:00 UTC: before, in and after London's working day.
  minute: fc.integer({ min: 7 * 60, max: 17 * 60 }),
  mode: fc.constantFrom('one', 'one', 'two-at-once', 'crash'),
  // A bit mask: which of the tick's first sends fail (with a 503, a 429 or a socket error).
  failures: fc.integer({ min: 0, max: 63 }),
}) as fc.Arbitrary<Step>;

/**
 * A process that can die: from `die()` on, nothing it started comes back and
 * nothing it starts is done (no store request, send or sleep), as when the
 * process is killed. Left running, its other sends in flight would go on
 * under the next ticks' clock, which no dead process does.
 */
function dyingProcess() {
  let dead = false;
  let died = () => {};
  const never = () => new Promise<never>(() => {});
  const gate = <T>(call: () => Promise<T>): Promise<T> => (dead ? never() : call().then((value) => (dead ? never() : value)));
  return {
    dead: new Promise<void>((resolve) => (died = resolve)),
    die: () => {
      dead = true;
      died();
      return never();
    },
    deps: (deps: SchedulerDeps): SchedulerDeps => ({
      ...deps,
      store: new Proxy(deps.store, {
        get: (target, key) => {
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (...args: unknown[]) => gate(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) : value;
        },
      }),
      send: (target, message) => gate(() => deps.send(target, message)),
      sleep: (ms) => gate(() => deps.sleep?.(ms) ?? Promise.resolve()),
    }),
  };
}

describe('any sequence of ticks, in any order, some at once, some dying mid-send, some sends failing', () => {
  let server: EmbeddedCosmos;
  beforeAll(async () => {
    server = await startEmbeddedCosmos();
  });
  afterAll(async () => server?.stop());

  it('delivers every message at most once, and repeats at most one in flight per process that died', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const { deps, close } = await freshDeps(server);
        try {
          await buildWorld(deps, { meetings: ['2017-09-22T14:00'] });
          const io = recordingSender(new Date(MONDAY).toISOString());
          const hung: string[] = [];
          let crashes = 0;
          for (const s of steps) {
            io.set(new Date(MONDAY + s.day * DAY + s.minute * 60_000).toISOString());
            let sends = 0;
            const death = dyingProcess();
            io.failWhen(() => {
              const n = sends++;
              if (s.mode === 'crash' && n === 0) {
                const a = io.attempts[io.attempts.length - 1]!;
                hung.push(`${a.id} ${a.conversation}`);
                return death.die();
              }
              if (((s.failures >> n) & 1) === 0) return null;
              return [Object.assign(new Error('503'), { status: 503 }), Object.assign(new Error('429'), { status: 429, retryAfterMs: 90_000 }), new Error('ECONNRESET')][n % 3];
            });
            // Without the tick lease: the claims alone must keep each message to one send (a dead process's lease would only hold ticks back).
            const unleased = () => createScheduler({ ...io.deps(deps.store), options: { leaseTtlMs: null } });
            if (s.mode === 'crash') {
              crashes++;
              // The process dies in its first send: its tick never finishes (it ends only when nothing was due).
              await Promise.race([createScheduler({ ...death.deps(io.deps(deps.store)), options: { leaseTtlMs: null } }).tick(io.now()), death.dead]);
            } else if (s.mode === 'two-at-once') {
              await Promise.all([unleased().tick(io.now()), unleased().tick(io.now())]);
            } else {
              await unleased().tick(io.now());
            }
          }
          const each = (list: Delivery[]) => {
            const counts = new Map<string, number>();
            for (const d of list) counts.set(`${d.id} ${d.conversation}`, (counts.get(`${d.id} ${d.conversation}`) ?? 0) + 1);
            return counts;
          };
          // Each action's message reached its recipient once, and each message (a digest: one per person and day) went once.
          for (const [key, n] of each(io.deliveries)) expect(n, key).toBe(1);
          const reached = each(io.sends);
          for (const [key, n] of reached) expect(n, key).toBe(1);
          const digestDays = io.sends.filter((d) => d.kind === 'digest').map((d) => `${d.conversation} ${new Date(d.at).toISOString().slice(0, 10)}`);
          expect(new Set(digestDays).size).toBe(digestDays.length);
          // A send that hung may have reached Teams: counting it, the repeats are at most one per process that died.
          const withHung = new Map(reached);
          for (const key of hung) withHung.set(key, (withHung.get(key) ?? 0) + 1);
          const repeats = [...withHung.values()].reduce((sum, n) => sum + n - 1, 0);
          expect(repeats).toBeLessThanOrEqual(crashes);
        } finally {
          await close();
        }
      }),
      { numRuns: 12 },
    );
  });
});
