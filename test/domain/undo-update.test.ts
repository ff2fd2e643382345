import { describe, expect, it } from 'vitest';
import type { StatusUpdate, StoredAction } from '../../src/domain/action-record.js';
import { answeredSince, correctionFor, correctionIdOf, undoOffer } from '../../src/domain/undo-update.js';

const author = { tenantId: 't', aadObjectId: '00000000-0000-4000-8000-000000000001', displayName: 'Taylor Quinn' };

function update(id: string, at: string, over: Partial<StatusUpdate> = {}): StatusUpdate {
  return { id, bodyId: 'purbeck-pcg', actionId: 'action:2017-18:2.3', year: '2017-18', ref: '2.3', status: 'completed', narrative: '', revisedDeadline: null, author, at, source: 'card', basedOn: null, planVersion: null, ...over };
}

const undoOf = (u: StatusUpdate, at: string) => update(correctionIdOf(u.id), at, { source: 'undo', basedOn: u.id, status: 'amber' });

describe('undoOffer: the Undo a card shows', () => {
  const u = update('u1', '2018-03-23T10:15:00.000Z');
  it('for ten minutes after an update that is still the latest', () => {
    expect(undoOffer(u, { latest: u }, new Date('2018-03-23T10:25:00Z'))).toEqual({ updateId: 'u1', until: '2018-03-23T10:25:00.000Z' });
    expect(undoOffer(u, { latest: u }, new Date('2018-03-23T10:25:00.001Z'))).toBeNull();
  });
  it('not once a newer update is the latest', () => {
    expect(undoOffer(u, { latest: update('u2', '2018-03-23T10:16:00.000Z') }, new Date('2018-03-23T10:17:00Z'))).toBeNull();
  });
  it('never for an undo, a revised deadline or an update entered for someone else', () => {
    const now = new Date('2018-03-23T10:16:00Z');
    for (const other of [undoOf(u, u.at), update('u3', u.at, { revisedDeadline: '2018-05-31' }), update('u4', u.at, { enteredBy: { operator: 'Sam Okafor' } })]) {
      expect(undoOffer(other, { latest: other }, now)).toBeNull();
    }
  });
});

describe('answeredSince: whether updates answer a digest sent at an instant', () => {
  const since = Date.parse('2018-03-23T09:00:00Z');
  const before = update('u0', '2018-03-22T16:00:00.000Z');
  const after = update('u1', '2018-03-23T10:15:00.000Z');
  it('an update since it answers it; one before does not', () => {
    expect(answeredSince([before, after], since)).toBe(true);
    expect(answeredSince([before], since)).toBe(false);
  });
  it('an undone update answers nothing, and neither does the undo', () => {
    expect(answeredSince([before, after, undoOf(after, '2018-03-23T10:20:00.000Z')], since)).toBe(false);
  });
  it('a second update since, left standing, still answers it when a later one is undone', () => {
    const third = update('u2', '2018-03-23T10:18:00.000Z');
    expect(answeredSince([before, after, third, undoOf(third, '2018-03-23T10:20:00.000Z')], since)).toBe(true);
  });
});

describe('correctionFor: what an undo brings back', () => {
  const first = update('u1', '2018-03-20T09:00:00.000Z', { status: 'amber', narrative: 'Booked' });
  const second = update('u2', '2018-03-23T10:15:00.000Z');
  const action = (latest: StatusUpdate) => ({ ref: '2.3', latest, plan: { status: 'not-reported', update: '' } }) as unknown as StoredAction;
  const now = new Date('2018-03-23T10:20:00Z');
  it('the update before the one taken back, with the time it was recorded', () => {
    expect(correctionFor(action(second), second, [first, second], author, now)).toEqual({ status: 'amber', narrative: 'Booked', restoresAt: first.at });
  });
  it("the plan's own words, and no time, when the first update is taken back", () => {
    expect(correctionFor(action(first), first, [first], author, new Date('2018-03-20T09:05:00Z'))).toEqual({ status: 'not-reported', narrative: '', restoresAt: null });
  });
});
