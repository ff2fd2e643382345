import { describe, expect, it } from 'vitest';
import type { StatusUpdate, StoredAction } from '../../src/domain/action-record.js';
import { meetingSummary, MeetingSummarySchema } from '../../src/domain/meeting-summary.js';
import type { Status } from '../../src/domain/status.js';

const TENANT = 'tenant-1';
const person = (name: string) => ({ tenantId: TENANT, aadObjectId: `id-${name}`, displayName: name });

function action(ref: string, lead: string | null, deadline: string | null, opts: Partial<StoredAction> & { planStatus?: Status } = {}): StoredAction {
  const [priority] = ref.split('.');
  return {
    id: `action:2017-18:${ref}`,
    bodyId: opts.bodyId ?? 'purbeck-pcg',
    year: '2017-18',
    ref,
    priority: { number: Number(priority), title: `Priority ${priority}`, corporatePriority: null },
    plan: {
      ref,
      action: `Action ${ref}`,
      measure: '',
      outcome: '',
      resources: '',
      lead,
      support: [],
      partners: [],
      deadline,
      deadlineText: deadline ?? '',
      status: opts.planStatus ?? 'not-reported',
      update: '',
      cspAction: false,
      source: 'Line 1',
    },
    addedInVersion: 1,
    removedInVersion: opts.removedInVersion ?? null,
    latest: opts.latest ?? null,
    revisedDeadline: opts.revisedDeadline ?? null,
  };
}

let n = 0;
function update(of: StoredAction, status: Exclude<Status, 'not-reported'>, at: string, extra: Partial<StatusUpdate> = {}): StatusUpdate {
  n++;
  return {
    id: `update:2017-18:${of.ref}:${String(n).padStart(3, '0')}`,
    bodyId: of.bodyId,
    actionId: of.id,
    year: '2017-18',
    ref: of.ref,
    status,
    narrative: 'words',
    revisedDeadline: null,
    author: person('Casey'),
    at,
    source: 'card',
    basedOn: null,
    planVersion: null,
    ...extra,
  };
}

/** Purbeck PCG before its 19 July 2017 meeting; the previous one was 7 June 2017. */
function fixture() {
  const a11 = action('1.1', 'CSO', '2017-03-31');
  const a12 = action('1.2', 'CSO', '2017-09-30');
  const a21 = action('2.1', 'ASBRO', '2017-06-30');
  const a22 = action('2.2', 'ASBRO', '2017-07-31');
  const a23 = action('2.3', 'TO-ET', '2017-05-31');
  const gone = action('2.4', 'TO-ET', '2017-01-31', { removedInVersion: 2 });
  const u = [
    update(a11, 'amber', '2017-05-01T09:00:00Z'),
    update(a11, 'red', '2017-07-10T09:00:00Z'),
    update(a21, 'green', '2017-05-02T09:00:00Z'),
    update(a21, 'completed', '2017-07-11T09:00:00Z'),
    update(a22, 'amber', '2017-07-12T09:00:00Z', { revisedDeadline: '2017-10-31' }),
    update(a23, 'green', '2017-06-01T09:00:00Z'),
  ];
  const latest = (a: StoredAction) => u.filter((x) => x.actionId === a.id).at(-1) ?? null;
  const actions = [a11, a12, a21, a22, a23, gone].map((a) => ({
    ...a,
    latest: latest(a),
    revisedDeadline: latest(a)?.revisedDeadline ?? null,
  }));
  return { actions, updates: u };
}

describe('meetingSummary', () => {
  const { actions, updates } = fixture();
  const summary = meetingSummary({
    now: new Date('2017-07-17T08:00:00Z'),
    timeZone: 'Europe/London',
    meeting: '2017-07-19T10:00',
    previousMeeting: '2017-06-07T10:00',
    roundOpenedAt: '2017-07-09T08:00:00Z',
    actions,
    updates,
  });

  it('is a valid summary', () => {
    expect(MeetingSummarySchema.parse(summary)).toEqual(summary);
  });

  it('counts by status, per priority and in total, leaving out removed actions', () => {
    expect(summary.total).toBe(5);
    expect(summary.totals).toEqual({ completed: 1, 'not-completed': 0, green: 1, amber: 1, red: 1, 'in-progress': 0, 'not-reported': 1 });
    expect(summary.priorities.map((p) => [p.number, p.total, p.counts.red, p.counts.completed])).toEqual([
      [1, 2, 1, 0],
      [2, 3, 0, 1],
    ]);
  });

  it('lists open actions past their deadline with days overdue and lead, most overdue first', () => {
    expect(summary.overdue.map((o) => [o.ref, o.lead, o.due, o.daysOverdue, o.status])).toEqual([
      ['1.1', 'CSO', '2017-03-31', 108, 'red'],
      ['2.3', 'TO-ET', '2017-05-31', 47, 'green'],
    ]);
  });

  it('lists what changed since the last meeting: status changes, completions, revised deadlines', () => {
    expect(summary.changes.map((c) => [c.ref, c.from, c.status, c.statusChanged, c.completed, c.revisedDeadline])).toEqual([
      ['1.1', 'amber', 'red', true, false, null],
      ['2.1', 'green', 'completed', true, true, null],
      ['2.2', 'not-reported', 'amber', true, false, { from: '2017-07-31', to: '2017-10-31' }],
    ]);
  });

  it('names the leads with open actions and no update since the round opened', () => {
    expect(summary.notReported).toEqual([
      { lead: 'CSO', refs: ['1.2'] },
      { lead: 'TO-ET', refs: ['2.3'] },
    ]);
  });

  it('lists open actions due before the meeting (revised deadlines count)', () => {
    expect(summary.dueBeforeMeeting).toEqual([]);
    const later = meetingSummary({
      now: new Date('2017-09-25T08:00:00Z'),
      timeZone: 'Europe/London',
      meeting: '2017-10-31T10:00',
      previousMeeting: '2017-07-19T10:00',
      roundOpenedAt: null,
      actions,
      updates,
    });
    expect(later.dueBeforeMeeting.map((d) => [d.ref, d.due])).toEqual([
      ['1.2', '2017-09-30'],
      ['2.2', '2017-10-31'],
    ]);
    expect(later.changes).toEqual([]);
  });

  it('counts days overdue in the body’s time zone, across the clock change', () => {
    const [a] = fixture().actions;
    const justAfterMidnight = meetingSummary({
      now: new Date('2017-03-31T23:30:00Z'),
      timeZone: 'Europe/London',
      meeting: null,
      previousMeeting: null,
      roundOpenedAt: null,
      actions: [{ ...a!, latest: null }],
      updates: [],
    });
    expect(justAfterMidnight.overdue.map((o) => o.daysOverdue)).toEqual([1]);
  });
});
