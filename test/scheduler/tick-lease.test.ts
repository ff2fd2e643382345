import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leaseFor, mayTakeLease, releasedLease, TICK_LEASE_ID } from '../../src/domain/scheduler-lease.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { takeTickLease } from '../../src/scheduler/tick-lease.js';
import { importPlan } from '../../src/services/import-plan.js';
import { COORDINATOR, plan, planAction } from '../store/cosmos-fixture.js';
import { cosmosWorlds, recordingSender, TUESDAY } from './world.js';

const T0 = Date.parse('2017-09-12T08:00:00Z');

describe('the tick lease, as arithmetic', () => {
  it('is free to others exactly from its expiry, and always to its holder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 10 ** 7 }), fc.integer({ min: -(10 ** 7), max: 2 * 10 ** 7 }), (at, ttl, offset) => {
        const lease = leaseFor('a', new Date(at), ttl);
        const then = new Date(at + offset);
        expect(mayTakeLease(lease, 'b', then)).toBe(offset >= ttl);
        expect(mayTakeLease(lease, 'a', then)).toBe(true);
        // Released, it is free at once; it never lasts longer for being released.
        const released = releasedLease(lease, new Date(at + Math.max(0, offset)));
        expect(mayTakeLease(released, 'b', new Date(at + Math.max(0, offset)))).toBe(true);
        expect(Date.parse(released.expiresAt)).toBeLessThanOrEqual(Date.parse(lease.expiresAt));
      }),
    );
  });

  it('keeps when it was first taken across renewals by its holder, and starts afresh for a new holder', () => {
    const first = leaseFor('a', new Date(T0), 60_000);
    expect(leaseFor('a', new Date(T0 + 20_000), 60_000, first)).toEqual({ id: TICK_LEASE_ID, holder: 'a', acquiredAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 80_000).toISOString() });
    expect(leaseFor('b', new Date(T0 + 70_000), 60_000, first).acquiredAt).toBe(new Date(T0 + 70_000).toISOString());
  });
});

describe('the tick lease in the store', () => {
  const { world, fresh } = cosmosWorlds();

  it('lets one of two ticks at once run; the other does nothing and says why', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    const [a, b] = await Promise.all([createScheduler({ ...io.deps(deps.store), instanceId: 'a' }).tick(io.now()), createScheduler({ ...io.deps(deps.store), instanceId: 'b' }).tick(io.now())]);
    const [ran, skipped] = a.skipped === null ? [a, b] : [b, a];
    expect(ran.skipped).toBeNull();
    // Each action's record, and each digest's own.
    expect(ran.sent.length).toBe(io.deliveries.length + io.sends.filter((d) => d.kind === 'digest').length);
    expect(ran.taken).toBe(0);
    expect(skipped).toMatchObject({ sent: [], failed: [], taken: 0, skipped: expect.stringMatching(/^another tick \((a|b)\) is running; its lease ends by 2017-09-12T08:01:00/) });
    // Released at the end: the next tick runs.
    expect((await createScheduler({ ...io.deps(deps.store), instanceId: 'b' }).tick(io.now())).skipped).toBeNull();
  });

  it('waits for a live holder, and takes over from one that died once its lease expires', async () => {
    const deps = await world({ asbroReachable: true });
    await deps.store.saveTickLease(leaseFor('dead', new Date(T0 - 30_000), 60_000), null);
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler({ ...io.deps(deps.store), instanceId: 'alive' });
    expect((await scheduler.tick(io.now())).skipped).toBe('another tick (dead) is running; its lease ends by 2017-09-12T08:00:30.000Z');
    expect(io.deliveries).toEqual([]);
    io.advance(30_000);
    const report = await scheduler.tick(io.now());
    expect(report.skipped).toBeNull();
    expect(report.sent.length).toBeGreaterThan(0);
    expect((await deps.store.readTickLease())?.value).toMatchObject({ holder: 'alive' });
  });

  it('is renewed while its tick runs, lost to a takeover after a stall, and given up at the end', async () => {
    const deps = await fresh();
    const clock = () => new Date();
    const held = await takeTickLease(deps.store, { holder: 'a', ttlMs: 300, clock });
    if (!held.held) throw new Error('the lease was free');
    const first = (await deps.store.readTickLease())!.value;
    expect(await takeTickLease(deps.store, { holder: 'b', ttlMs: 300, clock })).toMatchObject({ held: false, holder: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const renewed = (await deps.store.readTickLease())!.value;
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
    expect(renewed.acquiredAt).toBe(first.acquiredAt);
    expect(held.lost()).toBe(false);
    await held.release();
    expect(Date.parse((await deps.store.readTickLease())!.value.expiresAt)).toBeLessThanOrEqual(Date.now());

    // A holder that stalls past its lease finds it taken at its next renewal, and stops.
    const stalled = await takeTickLease(deps.store, { holder: 'slow', ttlMs: 300, clock });
    if (!stalled.held) throw new Error('the lease was free');
    const read = (await deps.store.readTickLease())!;
    await deps.store.saveTickLease(leaseFor('fast', new Date(), 60_000), read.etag);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stalled.lost()).toBe(true);
    await stalled.release();
    expect((await deps.store.readTickLease())!.value.holder).toBe('fast');
  });
});

describe('quiet ticks and the end of the working day', () => {
  const worlds = cosmosWorlds();
  const world = () => worlds.world({ asbroReachable: true });
  const server = { requests: () => worlds.server().requests(), responses: (status: number) => worlds.server().responses(status) };

  it('outside every body’s working time reads two fields of each body and nothing else, and writes nothing', async () => {
    const deps = await world();
    const io = recordingSender('2017-09-12T18:30:00.000Z');
    const before = server.requests();
    const report = await createScheduler(io.deps(deps.store)).tick(io.now());
    expect(report).toMatchObject({ sent: [], skipped: 'no body is in working time' });
    // The one query (its plan and its page), no scan, no lease, no tick mark.
    expect(server.requests() - before).toBeLessThanOrEqual(2);
    expect(await deps.store.readTickLease()).toBeNull();
    expect(await deps.store.readTickMark()).toBeNull();
  });

  it('writes the tick mark on the first tick of a date, not on every tick', async () => {
    const deps = await world();
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    await scheduler.tick(io.now());
    const first = (await deps.store.readTickMark())!;
    expect(first.value.lastTickAt).toBe(TUESDAY);
    const lease = (await deps.store.readTickLease())!;
    io.advance(5 * 60_000);
    // Nothing new: the tick reads, and writes neither the mark nor the lease.
    const created = server.responses(201);
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    expect(server.responses(201)).toBe(created);
    expect((await deps.store.readTickMark())!.etag).toBe(first.etag);
    expect((await deps.store.readTickLease())!.etag).toBe(lease.etag);
    io.set('2017-09-13T08:00:00.000Z');
    await scheduler.tick(io.now());
    expect((await deps.store.readTickMark())!.value.lastTickAt).toBe('2017-09-13T08:00:00.000Z');
  });

  it('leaves a message its pace would send after 17:00 for the next working morning', async () => {
    const deps = await world();
    await importPlan(deps, {
      bodyId: 'test-pcg',
      plan: plan(Array.from({ length: 20 }, (_, i) => planAction(`3.${i + 1}`, { deadline: '2017-09-19' }))),
      fileName: 'plan.csv',
      year: '2018-19',
      by: COORDINATOR,
    });
    // 16:59:58 in London: CSO's chat takes 7 a second, so 22 messages to CSO need till after 17:00.
    const io = recordingSender('2017-09-12T15:59:58.000Z');
    const scheduler = createScheduler(io.deps(deps.store));
    const evening = await scheduler.tick(io.now());
    const toCso = io.deliveries.filter((d) => d.conversation === 'a:cso');
    expect(toCso.length).toBeGreaterThan(0);
    expect(toCso.every((d) => d.at < Date.parse('2017-09-12T16:00:00Z'))).toBe(true);
    expect(evening.deferred.length).toBe(22 - toCso.length);
    io.set('2017-09-12T20:00:00.000Z');
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    io.set('2017-09-13T08:00:00.000Z');
    const morning = await scheduler.tick(io.now());
    expect(morning.sent).toEqual(expect.arrayContaining(evening.deferred));
    expect(new Set(io.deliveries.map((d) => `${d.id} ${d.conversation}`)).size).toBe(io.deliveries.length);
  });
});
