import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Scheduler, TickReport } from '../../src/scheduler/scheduler.js';
import { createTickHandler, startSchedulerTimer, TICK_SECRET_HEADER } from '../../src/scheduler/triggers.js';

const SECRET = 'a-shared-secret-of-some-length';

function countingScheduler(): Pick<Scheduler, 'tick'> & { ticks: Date[]; release: () => void; hold: boolean } {
  let release = () => {};
  const s = {
    ticks: [] as Date[],
    hold: false,
    release: () => release(),
    async tick(now = new Date()): Promise<TickReport> {
      s.ticks.push(now);
      if (s.hold) await new Promise<void>((resolve) => (release = resolve));
      return { at: now.toISOString(), sent: ['sent:x'], failed: [], unreachable: [], deferred: [], noLongerDue: [], taken: 0, skipped: null };
    },
  };
  return s;
}

const log = { info: () => {}, warn: () => {}, error: () => {} };

describe('POST /api/tick handler', () => {
  it('ticks with the right secret and answers what it did', async () => {
    const scheduler = countingScheduler();
    const handle = createTickHandler(scheduler, { secret: SECRET, clock: () => new Date('2017-09-12T08:00:00Z') });
    const response = await handle({ [TICK_SECRET_HEADER]: SECRET }, {});
    expect(response).toEqual({ status: 200, json: expect.objectContaining({ at: '2017-09-12T08:00:00.000Z', sent: ['sent:x'] }) });
  });

  it.each([
    ['no header', {}],
    ['a wrong secret of the same length', { [TICK_SECRET_HEADER]: SECRET.replace('a', 'b') }],
    ['a prefix of the secret', { [TICK_SECRET_HEADER]: SECRET.slice(0, 10) }],
    ['an empty header', { [TICK_SECRET_HEADER]: '' }],
  ])('refuses %s with 401 and does not tick', async (_name, headers) => {
    const scheduler = countingScheduler();
    const response = await createTickHandler(scheduler, { secret: SECRET })(headers, { at: '2030-01-01T00:00:00Z' });
    expect(response.status).toBe(401);
    expect(scheduler.ticks).toEqual([]);
  });

  it('ticks at the clock’s instant whatever the body says, unless choosing the instant is allowed (local mode)', async () => {
    const scheduler = countingScheduler();
    const clock = () => new Date('2026-11-24T10:00:00Z');
    await createTickHandler(scheduler, { secret: SECRET, clock })({ [TICK_SECRET_HEADER]: SECRET }, { at: '2017-09-12T08:00:00Z' });
    const local = createTickHandler(scheduler, { secret: SECRET, clock, chooseInstant: true });
    await local({ [TICK_SECRET_HEADER]: SECRET }, { at: '2017-09-12T09:00:00+01:00' });
    await local({ [TICK_SECRET_HEADER]: SECRET }, null);
    expect(scheduler.ticks.map((t) => t.toISOString())).toEqual(['2026-11-24T10:00:00.000Z', '2017-09-12T08:00:00.000Z', '2026-11-24T10:00:00.000Z']);
    for (const garbage of [{ at: 'next tuesday' }, { at: 12 }, 'at=2017', [1]]) {
      expect(await local({ [TICK_SECRET_HEADER]: SECRET }, garbage)).toEqual({ status: 400, json: { error: expect.stringContaining('{"at": "<ISO instant>"}') } });
    }
    expect(scheduler.ticks).toHaveLength(3);
  });

  it('will not start with a short secret', () => {
    expect(() => createTickHandler(countingScheduler(), { secret: 'short' })).toThrow(/at least 16 characters/);
  });
});

describe('in-process timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ticks every minute, never two at once, and stop waits for the tick in progress', async () => {
    vi.useFakeTimers();
    const scheduler = countingScheduler();
    const timer = startSchedulerTimer(scheduler, { log });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(scheduler.ticks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(scheduler.ticks).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(scheduler.ticks).toHaveLength(2);

    scheduler.hold = true;
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(scheduler.ticks).toHaveLength(3);
    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    scheduler.release();
    await stopping;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(scheduler.ticks).toHaveLength(3);
  });

  it('logs a failed tick and goes on ticking', async () => {
    vi.useFakeTimers();
    const errors: string[] = [];
    let n = 0;
    const scheduler: Pick<Scheduler, 'tick'> = {
      tick: async () => {
        n++;
        if (n === 1) throw new Error('store unreachable');
        return { at: '', sent: [], failed: [], unreachable: [], deferred: [], noLongerDue: [], taken: 0, skipped: null };
      },
    };
    const timer = startSchedulerTimer(scheduler, { everyMs: 1000, log: { ...log, error: (m, f) => errors.push(`${m} ${String(f?.error).split('\n')[0]}`) } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(n).toBe(2);
    expect(errors).toEqual(['scheduler tick failed Error: store unreachable']);
    await timer.stop();
  });
});
