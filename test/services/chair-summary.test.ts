import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusUpdate } from '../../src/domain/action-record.js';
import { meetingSummary } from '../../src/domain/meeting-summary.js';
import { chairSummary } from '../../src/services/chair-summary.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { setMeetings } from '../../src/services/set-meetings.js';
import type { PartnershipStore } from '../../src/store/store.port.js';
import { COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, type Fixture } from '../store/cosmos-fixture.js';

/** The store with every call counted, by method. */
function counted(store: PartnershipStore): { store: PartnershipStore; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('the chair’s summary reads a body’s updates in bounded queries', () => {
  let f: Fixture;
  const refs = ['1.1', '1.2', '1.3', '2.1', '2.2'];
  beforeAll(async () => {
    f = await startFixture({ now: '2017-06-01T09:00:00Z', tick: true });
    await setUpBodies(f.deps);
    await importPlan(f.deps, { bodyId: 'test-pcg', plan: plan(refs.map((r) => planAction(r, { deadline: '2017-12-31' }))), fileName: 'plan.csv', by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
    await setMeetings(f.deps, { bodyId: 'test-pcg', meetings: ['2017-07-19 14:00', '2017-09-06 14:00', '2017-10-18 14:00'], by: COORDINATOR });
    const update = (ref: string, status: string, at: string, revisedDeadline: string | null = null) => {
      f.setNow(at);
      return recordUpdate(f.deps, { bodyId: 'test-pcg', ref, status, narrative: `${ref} at ${at}`, revisedDeadline, author: CSO, source: 'command' });
    };
    // Before the previous meeting (6 Sept): the standing it is compared with, a revised deadline among it.
    await update('1.1', 'green', '2017-07-01T09:00:00Z');
    await update('1.1', 'amber', '2017-08-01T09:00:00Z', '2018-01-31');
    await update('1.1', 'green', '2017-08-20T09:00:00Z');
    await update('1.2', 'red', '2017-08-02T09:00:00Z');
    await update('2.1', 'green', '2017-08-03T09:00:00Z');
    // Exactly at the previous meeting (14:00 London is 13:00 UTC): counts as before it.
    await update('2.2', 'amber', '2017-09-06T13:00:00.000Z');
    // Since the previous meeting.
    await update('1.1', 'red', '2017-09-10T09:00:00Z', '2018-02-28');
    await update('1.2', 'completed', '2017-09-11T09:00:00Z');
    await update('1.3', 'green', '2017-09-12T09:00:00Z');
    await update('1.3', 'amber', '2017-09-13T09:00:00Z');
    f.setNow('2017-10-10T09:00:00Z');
  });
  afterAll(async () => f?.stop());

  it('gives the summary every update would give, with at most 5 store calls however many actions and updates', async () => {
    const { store, calls } = counted(f.opened.store);
    const deps: ServiceDeps = { ...f.deps, store };
    const found = await chairSummary(deps, { bodyId: 'test-pcg' });
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(calls).not.toContain('listUpdates');

    const actions = (await f.opened.store.listActions('test-pcg', '2017-18')).map((a) => a.value);
    const every: StatusUpdate[] = [];
    for (const a of actions) every.push(...(await f.opened.store.listUpdates('test-pcg', a.id)));
    const whole = meetingSummary({
      now: f.deps.clock(),
      timeZone: 'Europe/London',
      meeting: '2017-10-18T14:00',
      previousMeeting: '2017-09-06T14:00',
      roundOpenedAt: null,
      actions,
      updates: every,
    });
    const summary = found!.summary;
    expect(summary.since).toBe(whole.since);
    expect(summary.changes).toEqual(whole.changes);
    expect(summary.changes.map((c) => [c.ref, c.from, c.status, c.updates, c.revisedDeadline])).toEqual([
      ['1.1', 'green', 'red', 1, { from: '2018-01-31', to: '2018-02-28' }],
      ['1.2', 'red', 'completed', 1, null],
      ['1.3', 'not-reported', 'amber', 2, null],
    ]);
  });

  it('reads the updates since a date, and how actions stood at it, each in one query on the body’s partition', async () => {
    const since = await f.opened.store.listUpdatesFrom('test-pcg', '2017-18', '2017-09-06T13:00:00Z');
    expect(since.map((u) => [u.ref, u.status])).toEqual([
      ['2.2', 'amber'],
      ['1.1', 'red'],
      ['1.2', 'completed'],
      ['1.3', 'green'],
      ['1.3', 'amber'],
    ]);
    expect(await f.opened.store.listUpdatesFrom('test-pcg', '2017-18', null)).toHaveLength(10);
    expect(await f.opened.store.listUpdatesFrom('test-pcg', '2016-17', null)).toEqual([]);
    const asAt = await f.opened.store.updatesAsAt('test-pcg', '2017-18', ['action:2017-18:1.1', 'action:2017-18:1.3', 'action:2017-18:2.2'], '2017-09-06T13:00:00Z');
    // 1.1: its newest by then (green) and its newest revised deadline by then (amber); 1.3: nothing; 2.2: the update at that instant.
    expect(asAt.map((u) => [u.ref, u.status, u.revisedDeadline])).toEqual([
      ['1.1', 'amber', '2018-01-31'],
      ['1.1', 'green', null],
      ['2.2', 'amber', null],
    ]);
    expect(await f.opened.store.updatesAsAt('test-pcg', '2017-18', [], '2017-09-06T13:00:00Z')).toEqual([]);
  });
});
