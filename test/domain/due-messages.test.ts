import { describe, expect, it } from 'vitest';
import { sentMessageId, type StoredAction } from '../../src/domain/action-record.js';
import { ChaseSettingsSchema, DEFAULT_CHASE_SETTINGS } from '../../src/domain/chase-settings.js';
import { parseDeadline } from '../../src/domain/deadline.js';
import { chasedFromStored, dueMessages, historyFromStore, type ChasedAction } from '../../src/domain/due-messages.js';
import { every, sentOver, simulate } from './chase-simulation.js';

const settings = DEFAULT_CHASE_SETTINGS;

function action(due: string | null, extra: Partial<ChasedAction> = {}): ChasedAction {
  return { id: 'action:2017-18:1.2', ref: '1.2', lead: 'CSO', due, status: 'not-reported', ...extra };
}

/** What an hourly scheduler sends between two instants, as [kind, slot, scheduledFor]. */
function hourly(actions: ChasedAction[], from: string, to: string, extra: { meetings?: string[]; updates?: Array<{ actionId: string; at: Date }> } = {}) {
  return sentOver(simulate({ settings, actions, ticks: every(60, from, to), ...extra })).map((m) => [m.kind, m.to, m.slot, m.scheduledFor]);
}

describe('prompts before the due date', () => {
  it('"Sept 2017": 14, 7 and 1 days before 30 Sep, moved to the Friday before each weekend, at 09:00 BST', () => {
    const deadline = parseDeadline('Sept 2017');
    expect(deadline).toMatchObject({ kind: 'due', due: '2017-09-30' });
    expect(hourly([action('2017-09-30')], '2017-09-01T00:00:00Z', '2017-09-30T23:00:00Z')).toEqual([
      ['prompt', 'CSO', '2017-09-30-d14', '2017-09-15T08:00:00Z'],
      ['prompt', 'CSO', '2017-09-30-d7', '2017-09-22T08:00:00Z'],
      ['prompt', 'CSO', '2017-09-30-d1', '2017-09-29T08:00:00Z'],
    ]);
  });

  it('a due date after Easter Monday: the day before is Easter Monday, so the prompt goes on the Thursday before Good Friday', () => {
    expect(hourly([action('2018-04-03')], '2018-03-01T00:00:00Z', '2018-04-03T23:00:00Z')).toEqual([
      ['prompt', 'CSO', '2018-04-03-d14', '2018-03-20T09:00:00Z'], // GMT
      ['prompt', 'CSO', '2018-04-03-d7', '2018-03-27T08:00:00Z'], // BST from 25 March
      ['prompt', 'CSO', '2018-04-03-d1', '2018-03-29T08:00:00Z'],
    ]);
  });

  it('across the last Sunday of March: 09:00 GMT before it, 09:00 BST after it', () => {
    expect(hourly([action('2017-03-28')], '2017-03-01T00:00:00Z', '2017-03-28T23:00:00Z')).toEqual([
      ['prompt', 'CSO', '2017-03-28-d14', '2017-03-14T09:00:00Z'],
      ['prompt', 'CSO', '2017-03-28-d7', '2017-03-21T09:00:00Z'],
      ['prompt', 'CSO', '2017-03-28-d1', '2017-03-27T08:00:00Z'],
    ]);
  });

  it('across the last Sunday of October: 09:00 BST before it, 09:00 GMT after it', () => {
    expect(hourly([action('2017-10-31')], '2017-10-01T00:00:00Z', '2017-10-31T23:00:00Z')).toEqual([
      ['prompt', 'CSO', '2017-10-31-d14', '2017-10-17T08:00:00Z'],
      ['prompt', 'CSO', '2017-10-31-d7', '2017-10-24T08:00:00Z'],
      ['prompt', 'CSO', '2017-10-31-d1', '2017-10-30T09:00:00Z'],
    ]);
  });

  it('none for a completed or not-completed action, nor for one with no due date', () => {
    const actions = [action('2017-09-30', { status: 'completed' }), action('2017-09-30', { id: 'b', status: 'not-completed' }), action(null, { id: 'c' })];
    expect(hourly(actions, '2017-09-01T00:00:00Z', '2017-10-31T23:00:00Z')).toEqual([]);
  });

  it('go to the chair when the plan names no lead', () => {
    const [message] = dueMessages({ now: new Date('2017-09-15T08:00:00Z'), settings, actions: [action('2017-09-30', { lead: null })], meetings: [] });
    expect(message).toMatchObject({ kind: 'prompt', to: 'chair' });
  });

  it('two prompts that land on one working day are one, the nearer to the due date', () => {
    const close = ChaseSettingsSchema.parse({ promptDaysBefore: [2, 1] });
    // Due Tuesday 3 April 2018: 2 days before is Sunday, 1 day before Easter Monday; both move to Thursday 29 March.
    const sent = sentOver(simulate({ settings: close, actions: [action('2018-04-03')], ticks: every(60, '2018-03-26T00:00:00Z', '2018-04-03T23:00:00Z') }));
    expect(sent.map((m) => [m.slot, m.scheduledFor])).toEqual([['2018-04-03-d1', '2018-03-29T08:00:00Z']]);
  });
});

describe('working hours', () => {
  it('a tick before 09:00, at 17:00 or later, at a weekend or on a bank holiday sends nothing', () => {
    const actions = [action('2017-09-30')];
    for (const at of ['2017-09-15T07:59:00Z', '2017-09-15T16:00:00Z', '2017-09-15T16:30:00Z', '2017-09-16T10:00:00Z', '2017-08-28T10:00:00Z']) {
      expect(dueMessages({ now: new Date(at), settings, actions, meetings: [] })).toEqual([]);
    }
  });

  it('a slot missed by a tick at 17:30 goes at 09:00 on the next working day', () => {
    const ticks = [new Date('2017-09-15T16:30:00Z'), new Date('2017-09-16T08:00:00Z'), new Date('2017-09-18T08:00:00Z')];
    const result = simulate({ settings, actions: [action('2017-09-30')], ticks });
    expect(result.map((t) => t.messages.map((m) => m.slot))).toEqual([[], [], ['2017-09-30-d14']]);
    expect(result[2]!.messages[0]!.scheduledFor).toBe('2017-09-15T08:00:00Z');
  });
});

describe('overdue reminders and escalation', () => {
  const due = '2017-09-30'; // Saturday: the first working day after is Monday 2 October

  it('remind every 7 days from the first working day after the due date, across the last Sunday of October', () => {
    const sent = hourly([action(due)], '2017-10-01T00:00:00Z', '2017-10-31T23:00:00Z').filter(([kind]) => kind === 'reminder');
    expect(sent).toEqual([
      ['reminder', 'CSO', '2017-09-30-r1', '2017-10-02T08:00:00Z'],
      ['reminder', 'CSO', '2017-09-30-r2', '2017-10-09T08:00:00Z'],
      ['reminder', 'CSO', '2017-09-30-r3', '2017-10-16T08:00:00Z'],
      ['reminder', 'CSO', '2017-09-30-r4', '2017-10-23T08:00:00Z'],
      ['reminder', 'CSO', '2017-09-30-r5', '2017-10-30T09:00:00Z'],
    ]);
  });

  it('a reminder that falls on a bank holiday goes on the next working day', () => {
    // Due Thursday 29 March 2018: Good Friday, then Easter Monday.
    const sent = hourly([action('2018-03-29')], '2018-03-30T00:00:00Z', '2018-04-11T23:00:00Z');
    expect(sent).toEqual([
      ['reminder', 'CSO', '2018-03-29-r1', '2018-04-03T08:00:00Z'],
      ['reminder', 'CSO', '2018-03-29-r2', '2018-04-10T08:00:00Z'],
    ]);
  });

  it('after 2 reminders in a row unanswered, escalate to the chair and the channel with the third', () => {
    const sent = sentOver(simulate({ settings, actions: [action(due)], ticks: every(60, '2017-10-01T00:00:00Z', '2017-10-16T12:00:00Z') }));
    const escalations = sent.filter((m) => m.kind === 'escalation');
    expect(escalations).toHaveLength(2);
    expect(escalations[0]).toEqual({
      kind: 'escalation',
      id: 'escalation:action:2017-18:1.2:2017-09-30-r3-chair',
      actionId: 'action:2017-18:1.2',
      ref: '1.2',
      to: 'chair',
      slot: '2017-09-30-r3-chair',
      scheduledFor: '2017-10-16T08:00:00Z',
      due,
      lead: 'CSO',
      reminder: 3,
      unansweredReminders: 2,
      overdueDays: 16,
    });
    expect(escalations[1]).toMatchObject({ to: 'channel', slot: '2017-09-30-r3-channel' });
  });

  it('escalates only for reminders that reached the lead, when the scheduler says which did', () => {
    const now = new Date('2017-10-16T08:00:00Z');
    const kinds = (delivered: string[]) =>
      dueMessages({ now, settings, actions: [action(due)], meetings: [], history: { sent: new Set(), updatedAt: new Map(), delivered: new Set(delivered) } }).map((m) => `${m.kind} ${m.to}`);
    const reminder = (k: number) => `reminder:action:2017-18:1.2:${due}-r${k}`;
    expect(kinds([reminder(1), reminder(2)])).toEqual(['reminder CSO', 'escalation chair', 'escalation channel']);
    // The bot started after the second reminder's slot, or could not reach the lead: no one was reminded, so no one is escalated.
    expect(kinds([reminder(1)])).toEqual(['reminder CSO']);
    expect(kinds([])).toEqual(['reminder CSO']);
  });

  it('an update after a reminder answers it: the count starts again from the next reminder', () => {
    const updates = [{ actionId: 'action:2017-18:1.2', at: new Date('2017-10-03T10:00:00Z') }];
    const sent = hourly([action(due)], '2017-10-01T00:00:00Z', '2017-11-30T12:00:00Z', { updates }).filter(([kind]) => kind === 'escalation');
    // r1 answered; r2 and r3 unanswered → escalate with r4 (23 Oct); r4 and r5 unanswered → with r6 (6 Nov), and so on.
    expect(sent.map(([, to, slot]) => `${slot}`)).toEqual([
      '2017-09-30-r4-chair',
      '2017-09-30-r4-channel',
      '2017-09-30-r6-chair',
      '2017-09-30-r6-channel',
      '2017-09-30-r8-chair',
      '2017-09-30-r8-channel',
    ]);
  });

  it('an update answers the reminders sent before it, not one sent after it, however many reminders came before', () => {
    // Due Friday 31 March 2017: reminders on Mondays from 3 April, on Tuesday after a bank holiday; the 9th on Tuesday 30 May at 09:00 BST.
    const at = (updated: string) =>
      dueMessages({
        now: new Date('2017-06-19T08:00:00Z'),
        settings,
        actions: [action('2017-03-31')],
        meetings: [],
        history: { sent: new Set(), updatedAt: new Map([['action:2017-18:1.2', updated]]) },
      }).map((m) => m.slot);
    expect(at('2017-05-30T08:30:00Z')).toEqual(['2017-03-31-r12', '2017-03-31-r12-chair', '2017-03-31-r12-channel']); // r10, r11 unanswered
    expect(at('2017-05-30T07:30:00Z')).toEqual(['2017-03-31-r12', '2017-03-31-r11-chair', '2017-03-31-r11-channel']); // r9, r10 unanswered
    expect(at('2017-06-12T09:00:00Z')).toEqual(['2017-03-31-r12']); // r11 answered: only r12 since
  });

  it('stop when the action is completed, and move with a revised deadline', () => {
    const closed = dueMessages({ now: new Date('2017-10-16T08:00:00Z'), settings, actions: [action(due, { status: 'completed' })], meetings: [] });
    expect(closed).toEqual([]);
    const revised = dueMessages({ now: new Date('2017-10-17T08:00:00Z'), settings, actions: [action('2017-10-31', { status: 'amber' })], meetings: [] });
    expect(revised.map((m) => m.slot)).toEqual(['2017-10-31-d14']);
  });
});

describe('the meeting cycle', () => {
  const meetings = ['2017-07-19T14:00', '2017-09-06T14:00'];

  it('opens the round 10 days before the meeting for every open action not updated since the last one, and posts the summary 2 working days before', () => {
    const actions = [
      action(null, { id: 'a', ref: '1.1' }),
      action(null, { id: 'b', ref: '1.2', lead: 'ASBRO' }),
      action(null, { id: 'c', ref: '1.3', status: 'completed' }),
      action(null, { id: 'd', ref: '1.4', lead: null }),
    ];
    const updates = [
      { actionId: 'a', at: new Date('2017-07-10T10:00:00Z') }, // before the July meeting: still owes an update
      { actionId: 'b', at: new Date('2017-08-01T10:00:00Z') }, // since the July meeting
    ];
    const sent = hourly(actions, '2017-08-01T00:00:00Z', '2017-09-06T23:00:00Z', { meetings, updates });
    expect(sent).toEqual([
      // 10 days before Wednesday 6 September is Sunday 27 August; Monday 28 August is a bank holiday: Friday 25 August.
      ['round', 'CSO', '2017-09-06', '2017-08-25T08:00:00Z'],
      ['round', 'chair', '2017-09-06', '2017-08-25T08:00:00Z'],
      ['summary', 'channel', '2017-09-06', '2017-09-04T08:00:00Z'],
    ]);
    expect(sentOver(simulate({ settings, actions, meetings, updates, ticks: every(60, '2017-08-01T00:00:00Z', '2017-09-06T23:00:00Z') })).map((m) => m.ref)).toEqual([
      '1.1',
      '1.4',
      null,
    ]);
  });

  it('a round or a summary missed until the meeting has started is not sent', () => {
    const at = (iso: string) => dueMessages({ now: new Date(iso), settings, actions: [action(null)], meetings });
    expect(at('2017-09-06T12:59:00Z').map((m) => m.kind)).toEqual(['summary', 'round']);
    expect(at('2017-09-06T13:00:00Z')).toEqual([]);
  });

  it('with no earlier meeting on record, an action updated at any time owes no update', () => {
    const updated = { sent: new Set<string>(), updatedAt: new Map([['action:2017-18:1.2', '2016-01-04T10:00:00Z']]) };
    expect(dueMessages({ now: new Date('2017-09-04T08:00:00Z'), settings, actions: [action(null)], meetings: ['2017-09-06'], history: updated }).map((m) => m.kind)).toEqual(['summary']);
  });
});

describe('catching up', () => {
  it('a tick after a gap sends only the latest slot of each kind for each action', () => {
    const actions = [action('2017-09-30'), action('2017-08-31', { id: 'late', ref: '2.1' })];
    const ticks = [new Date('2017-09-01T08:00:00Z'), new Date('2017-09-29T12:00:00Z')];
    const [, after] = simulate({ settings, actions, ticks, meetings: ['2017-10-02'] });
    expect(after!.messages.map((m) => [m.ref, m.kind, m.to, m.slot])).toEqual([
      [null, 'summary', 'channel', '2017-10-02'],
      ['1.2', 'prompt', 'CSO', '2017-09-30-d1'],
      ['1.2', 'round', 'CSO', '2017-10-02'],
      // Reminders on Fridays from 1 September: the 5th is today; the 1st to the 4th unanswered bring the second escalation.
      ['2.1', 'reminder', 'CSO', '2017-08-31-r5'],
      ['2.1', 'escalation', 'chair', '2017-08-31-r5-chair'],
      ['2.1', 'escalation', 'channel', '2017-08-31-r5-channel'],
      ['2.1', 'round', 'CSO', '2017-10-02'],
    ]);
  });

  it('a repeated tick sends nothing twice', () => {
    const ticks = [new Date('2017-09-15T08:00:00Z'), new Date('2017-09-15T08:00:00Z'), new Date('2017-09-15T09:00:00Z')];
    expect(simulate({ settings, actions: [action('2017-09-30')], ticks }).map((t) => t.messages.length)).toEqual([1, 0, 0]);
  });
});

describe('from the store', () => {
  const stored: StoredAction = {
    id: 'action:2017-18:1.2',
    bodyId: 'purbeck-pcg',
    year: '2017-18',
    ref: '1.2',
    priority: { number: 1, title: 'Sexual violence', corporatePriority: null },
    plan: {
      ref: '1.2', action: 'Staff aware', measure: '', outcome: '', resources: 'Lead – CSO', lead: 'CSO', support: [], partners: [],
      deadline: '2017-09-30', deadlineText: 'Sept 2017', status: 'not-reported', update: '', cspAction: false, source: 'Line 9',
    },
    addedInVersion: 1,
    removedInVersion: null,
    latest: {
      id: 'u1', bodyId: 'purbeck-pcg', actionId: 'action:2017-18:1.2', year: '2017-18', ref: '1.2', status: 'amber', narrative: 'Slipped',
      revisedDeadline: '2017-12-31', author: { tenantId: 't', aadObjectId: 'o', displayName: 'Sam' }, at: '2017-09-20T10:00:00Z',
      source: 'card', basedOn: null, planVersion: null,
    },
    revisedDeadline: '2017-12-31',
  };

  it('takes the revised deadline and the latest status; a removed action is not chased', () => {
    expect(chasedFromStored(stored)).toEqual({ id: stored.id, ref: '1.2', lead: 'CSO', due: '2017-12-31', status: 'amber' });
    expect(chasedFromStored({ ...stored, removedInVersion: 2 })).toBeNull();
  });

  it('reads the store\'s sent-message ids, which are "sent:" and the message id', () => {
    const [message] = dueMessages({ now: new Date('2017-12-15T09:00:00Z'), settings, actions: [chasedFromStored(stored)!], meetings: [] });
    expect(`sent:${message!.id}`).toBe(sentMessageId(message!.kind, message!.actionId, message!.slot));
    const history = historyFromStore([stored], [sentMessageId(message!.kind, message!.actionId, message!.slot)]);
    expect(history.updatedAt.get(stored.id)).toBe('2017-09-20T10:00:00Z');
    expect(dueMessages({ now: new Date('2017-12-15T09:00:00Z'), settings, actions: [chasedFromStored(stored)!], meetings: [], history })).toEqual([]);
  });

  it('counts an undo as no report: it brings back the time of the update it restores, or none', () => {
    const undo = { ...stored.latest!, id: 'u2:undo', source: 'undo' as const, at: '2017-12-14T10:00:00Z', basedOn: 'u2' };
    expect(historyFromStore([{ ...stored, latest: { ...undo, restoresAt: '2017-09-20T10:00:00Z' } }], []).updatedAt.get(stored.id)).toBe('2017-09-20T10:00:00Z');
    expect(historyFromStore([{ ...stored, latest: { ...undo, restoresAt: null } }], []).updatedAt.has(stored.id)).toBe(false);
    // An undo written before undos kept that time counts as before, at its own time.
    expect(historyFromStore([{ ...stored, latest: undo }], []).updatedAt.get(stored.id)).toBe('2017-12-14T10:00:00Z');
  });
});
