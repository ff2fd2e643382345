import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { setMeetings } from '../../src/services/set-meetings.js';
import { withBodyCache } from '../../src/store/body-cache.js';
import { ConcurrencyConflict } from '../../src/store/store.port.js';
import { COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, STRANGER, type Fixture } from './cosmos-fixture.js';

describe('bodies read from a short-lived, etag-checked cache', () => {
  let f: Fixture;
  let now = 0;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-09-20T09:00:00Z', tick: true });
    await setUpBodies(f.deps);
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: plan([planAction('1.1'), planAction('1.2')]), fileName: 'plan.csv', by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
  });
  afterAll(async () => f?.stop());

  const cachedDeps = (): ServiceDeps => ({ ...f.deps, store: withBodyCache(f.opened.store, { clock: () => now, ttlMs: 5_000 }) });

  it('records a card’s update in 3 store requests once the body was read moments before', async () => {
    const deps = cachedDeps();
    await deps.store.readBody('test-pcg');
    const before = f.server.requests();
    const result = await recordUpdate(deps, { bodyId: 'test-pcg', ref: '1.1', status: 'green', narrative: 'On track.', author: CSO, source: 'card' });
    expect(f.server.requests() - before).toBe(3);
    expect(result.body.id).toBe('test-pcg');
    expect((await f.opened.store.readAction('test-pcg', 'action:2017-18:1.1'))?.value.latest?.id).toBe(result.update.id);
  });

  it('keeps its own writes, and a stale write from a body changed elsewhere is refused, then read afresh', async () => {
    const deps = cachedDeps();
    const first = await deps.store.readBody('test-pcg');
    // Another instance changes the body: this cache still holds the old one, for a few seconds.
    await setMeetings(f.deps, { bodyId: 'test-pcg', meetings: ['2017-10-18 14:00'], by: COORDINATOR });
    expect((await deps.store.readBody('test-pcg'))?.etag).toBe(first?.etag);
    await expect(deps.store.replaceBody({ ...first!.value, name: 'Renamed' }, first!.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    const fresh = await deps.store.readBody('test-pcg');
    expect(fresh?.value.meetings).toEqual(['2017-10-18T14:00']);
    // The services' read-modify-write goes through: its retry reads the store, and the cache keeps the result.
    await setMeetings(deps, { bodyId: 'test-pcg', meetings: ['2017-11-29 14:00'], by: COORDINATOR });
    const before = f.server.requests();
    expect((await deps.store.readBody('test-pcg'))?.value.meetings).toEqual(['2017-11-29T14:00']);
    expect(f.server.requests()).toBe(before);
    expect((await f.opened.store.readBody('test-pcg'))?.value.meetings).toEqual(['2017-11-29T14:00']);
  });

  it('reads the store again once an entry is older than its time, so a role given elsewhere counts here', async () => {
    const deps = cachedDeps();
    await deps.store.readBody('test-pcg');
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: STRANGER, by: COORDINATOR });
    now += 5_000;
    const result = await recordUpdate(deps, { bodyId: 'test-pcg', ref: '1.2', status: 'green', narrative: 'Taken over.', author: STRANGER, source: 'card' });
    expect(result.update.author).toEqual(STRANGER);
    expect(await deps.store.readBody('no-such-body')).toBeNull();
  });
});
