import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaleUpdateError } from '../../src/domain/update-rules.js';
import { actionHistory } from '../../src/services/action-history.js';
import { importPlan } from '../../src/services/import-plan.js';
import { listMyActions } from '../../src/services/list-my-actions.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate, type RecordUpdateInput } from '../../src/services/record-update.js';
import { ASBRO, CHAIR, COORDINATOR, CSO, CSO_DELEGATE, person, plan, planAction, setUpBodies, startFixture, STRANGER, TENANT, type Fixture } from '../store/cosmos-fixture.js';

describe('recordUpdate against a real Cosmos-compatible server', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-06-01T09:00:00Z', tick: true });
    await setUpBodies(f.deps);
    await importPlan(f.deps, {
      bodyId: 'test-pcg',
      plan: plan([planAction('1.1'), planAction('1.2'), planAction('2.1', { lead: 'LO', support: [] })]),
      fileName: 'plan.csv',
      by: COORDINATOR,
    });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, delegate: CSO_DELEGATE, by: COORDINATOR });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'ASBRO', person: ASBRO, by: COORDINATOR });
  });
  afterAll(async () => f?.stop());

  const base = (fields: Partial<RecordUpdateInput> = {}): RecordUpdateInput => ({
    bodyId: 'test-pcg',
    ref: '1.1',
    status: 'green',
    narrative: 'On track.',
    author: CSO,
    source: 'card',
    ...fields,
  });

  it('records an update as its own document and moves the action’s pointer to it', async () => {
    const r = await recordUpdate(f.deps, base({ revisedDeadline: '30/06/2018', basedOn: null }));
    expect(r.update).toMatchObject({ status: 'green', narrative: 'On track.', revisedDeadline: '2018-06-30', author: CSO, source: 'card' });
    expect(r.action.latest?.id).toBe(r.update.id);
    expect(r.action.revisedDeadline).toBe('2018-06-30');
  });

  it('lets the lead’s delegate, a supporting role’s person and a chair update', async () => {
    for (const author of [CSO_DELEGATE, ASBRO, CHAIR]) {
      const r = await recordUpdate(f.deps, base({ ref: '1.2', author, status: 'Amber', narrative: `Said by ${author.displayName}` }));
      expect(r.update.author).toEqual(author);
    }
  });

  it('writes a retried submission once', async () => {
    const one = await recordUpdate(f.deps, base({ ref: '1.2', submissionId: 'activity-42', status: 'completed', narrative: '' }));
    const again = await recordUpdate(f.deps, base({ ref: '1.2', submissionId: 'activity-42', status: 'completed', narrative: '' }));
    expect(again.alreadyRecorded).toBe(true);
    expect(again.update).toEqual(one.update);
  });

  it('writes a card pressed again (a new activity id) once; other words, or an answer to a newer update, are new updates', async () => {
    const before = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '2.1' });
    const seen = before.action.latest?.id ?? null;
    const first = await recordUpdate(f.deps, base({ ref: '2.1', author: CHAIR, basedOn: seen, submissionId: 'activity-1', narrative: 'No change.' }));
    const pressedAgain = await recordUpdate(f.deps, base({ ref: '2.1', author: CHAIR, basedOn: seen, submissionId: 'activity-2', narrative: 'No change.' }));
    expect(pressedAgain).toMatchObject({ alreadyRecorded: true, update: first.update });
    const nextMonth = await recordUpdate(f.deps, base({ ref: '2.1', author: CHAIR, basedOn: first.update.id, confirmStale: true, submissionId: 'activity-3', narrative: 'No change.' }));
    const otherWords = await recordUpdate(f.deps, base({ ref: '2.1', author: CHAIR, basedOn: nextMonth.update.id, confirmStale: true, submissionId: 'activity-4', narrative: 'Started.' }));
    expect([nextMonth.alreadyRecorded, otherWords.alreadyRecorded]).toEqual([false, false]);
    const history = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '2.1' });
    const added = history.updates.filter((u) => !before.updates.some((w) => w.id === u.id));
    expect(added.map((u) => u.narrative).sort()).toEqual(['No change.', 'No change.', 'Started.']);
  });

  it('records a typed update once when it is re-delivered or pasted again; after another update, or the next day, the same words are new', async () => {
    const before = await f.dump();
    const typed = (submissionId: string, fields: Partial<RecordUpdateInput> = {}) =>
      recordUpdate(f.deps, base({ ref: '1.2', source: 'command', status: 'amber', narrative: 'Trainer off sick; new date May.', submissionId, ...fields }));
    const first = await typed('activity-71');
    expect(first.alreadyRecorded).toBe(false);
    const afterFirst = await f.dump();
    const redelivered = await typed('activity-71');
    const pasted = await typed('activity-72');
    const pastedWithSpaces = await typed('activity-73', { narrative: '  Trainer off sick; new date May.  ' });
    expect([redelivered, pasted, pastedWithSpaces].map((r) => [r.alreadyRecorded, r.update.id])).toEqual(Array(3).fill([true, first.update.id]));
    expect(await f.dump()).toEqual(afterFirst);
    expect(afterFirst).not.toEqual(before);

    const chair = await recordUpdate(f.deps, base({ ref: '1.2', author: CHAIR, source: 'command', status: 'amber', narrative: 'Chased the trainer.', submissionId: 'activity-74' }));
    const again = await typed('activity-75');
    expect([chair.alreadyRecorded, again.alreadyRecorded]).toEqual([false, false]);
    const otherStatus = await typed('activity-76', { status: 'red' });
    expect(otherStatus.alreadyRecorded).toBe(false);
    f.setNow('2017-06-02T08:00:00Z');
    try {
      const nextDay = await typed('activity-77', { status: 'red' });
      expect(nextDay.alreadyRecorded).toBe(false);
      const h = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.2' });
      expect(h.updates.filter((u) => u.narrative === 'Trainer off sick; new date May.').map((u) => u.id)).toEqual([first.update.id, again.update.id, otherStatus.update.id, nextDay.update.id]);
    } finally {
      f.setNow('2017-06-01T09:30:00Z');
    }
  });

  it.each([
    ['an unknown ref', { ref: '9.9' }, 'action-unknown', /has no action 9\.9/],
    ['a wrong status', { status: 'purple' }, 'status-invalid', /"purple" is not a status; choose Green, Amber, Red, Completed or Not completed/],
    ['amber without a narrative', { status: 'amber', narrative: '  ' }, 'narrative-required', /needs a narrative/],
    ['4,001 characters', { narrative: 'x'.repeat(4001) }, 'narrative-too-long', /4,001 characters; the most is 4,000/],
    ['revised deadline 31/02/2018', { revisedDeadline: '31/02/2018' }, 'deadline-invalid', /"31\/02\/2018" is not a real date/],
    ['a revised deadline in the past', { revisedDeadline: '31/05/2017' }, 'deadline-past', /in the past/],
    ['a person not allowed', { author: STRANGER }, 'not-allowed', /only its lead \(CSO: Casey CSO, delegate Dana Delegate\), its supporting roles \(ASBRO: Jordan ASBRO\), a chair \(Pat Chair\) can/],
    ['another tenant', { author: { ...CSO, tenantId: 'other-tenant' } }, 'other-tenant', /own organisation/],
    ['a stale update', { basedOn: 'update:2017-18:1.1:an-old-one' }, 'update-stale', /newer update than the one you saw: ● Green by Casey CSO on 1 Jun 2017, 10:00: On track\./],
  ] as const)('refuses %s with its message and leaves the store exactly as it was', async (_name, fields, code, message) => {
    const before = await f.dump();
    const attempt = recordUpdate(f.deps, base(fields as Partial<RecordUpdateInput>));
    await expect(attempt).rejects.toMatchObject({ code });
    await expect(attempt).rejects.toThrow(message);
    expect(await f.dump()).toEqual(before);
  });

  it('names who can update an action whose lead is not mapped yet', async () => {
    await expect(recordUpdate(f.deps, base({ ref: '2.1', author: ASBRO }))).rejects.toThrow('only its lead (LO (no one mapped yet)), a chair (Pat Chair) can');
  });

  it('shows the newer update on a stale refusal, and records it when the author confirms', async () => {
    const latest = (await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.1' })).action.latest!;
    const refused = await recordUpdate(f.deps, base({ basedOn: null })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StaleUpdateError);
    expect((refused as StaleUpdateError).latest.id).toBe(latest.id);
    const confirmed = await recordUpdate(f.deps, base({ basedOn: null, confirmStale: true, status: 'red', narrative: 'Stopped.' }));
    expect(confirmed.action.latest?.id).toBe(confirmed.update.id);
  });

  it('100 concurrent updates to one action: all 100 stored, the pointer on the latest', async () => {
    const before = (await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.1' })).updates.length;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => recordUpdate(f.deps, base({ author: i % 2 === 0 ? CSO : CSO_DELEGATE, narrative: `Concurrent update ${i}`, source: 'command' }))),
    );
    const h = await actionHistory(f.deps, { bodyId: 'test-pcg', ref: '1.1' });
    expect(h.updates).toHaveLength(before + 100);
    const ids = new Set(results.map((r) => r.update.id));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(h.updates.some((u) => u.id === id)).toBe(true);
    const newest = h.updates[h.updates.length - 1]!;
    expect(results.map((r) => r.update.at).sort().at(-1)).toBe(newest.at);
    expect(h.action.latest?.id).toBe(newest.id);
  });

  it('lists a person’s actions in every body that maps them, as lead, support or delegate', async () => {
    const mine = await listMyActions(f.deps, { person: CSO_DELEGATE });
    expect(mine).toHaveLength(1);
    expect(mine[0]!.actions.map((a) => [a.action.ref, a.role, a.as, a.delegate])).toEqual([
      ['1.1', 'CSO', 'lead', true],
      ['1.2', 'CSO', 'lead', true],
    ]);
    const asbro = await listMyActions(f.deps, { person: ASBRO });
    expect(asbro[0]!.actions.map((a) => [a.action.ref, a.as])).toEqual([
      ['1.1', 'support'],
      ['1.2', 'support'],
    ]);
    expect(await listMyActions(f.deps, { person: person('nobody', 'Nobody') })).toEqual([]);
    expect(await listMyActions(f.deps, { person: { tenantId: 'elsewhere', aadObjectId: CSO.aadObjectId } })).toEqual([]);
    expect(TENANT).toBe('tenant-1');
  });
});
