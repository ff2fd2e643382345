import { DateTime } from 'luxon';
import { cardDay, cardInstant } from './card-dates.js';
import { STATUS_LABELS, type Status } from '../domain/status.js';
import type { Person } from '../domain/partnership.js';
import type { ActionCardView } from '../services/action-card-view.js';
import { NARRATIVE_MAX, REPORTABLE_STATUSES } from '../domain/update-rules.js';
import { TEAMS_LIMITS } from './teams-limits.js';

/**
 * What the services hand the Teams layer for each card: plain data with ISO
 * dates (`2018-03-31`) and UTC instants. This module turns them into the
 * data the templates in `cards/` bind to, in the partnership's time zone,
 * with every status as a word and a symbol so colour is never the only sign.
 */

/**
 * Every view may name the time zone of the body it comes from; without one,
 * the bot's default zone is used.
 */
type Zoned = { timeZone?: string };

/** Which action a card is about: enough for the services to find it again. */
export type ActionKey = { bodyId: string; year: string; ref: string };

export type ActionLine = ActionKey & {
  text: string;
  /** ISO date, or null when the plan gives none; `deadlineText` is shown instead. */
  deadline: string | null;
  deadlineText: string;
  status: Status;
  /** UTC instant of the latest update, or null. */
  lastUpdatedAt: string | null;
};

export type MyActionsView = Zoned & { person: Person; actions: ActionLine[] };


/** The update card's view: the services' one view of an action, for the lead typing `update 2.3` and for the scheduler's prompts alike. */
export type UpdateFormView = ActionCardView;

export type UpdateRecordedView = Zoned & ActionKey & {
  text: string;
  status: Status;
  narrative: string;
  revisedDeadline: string | null;
  by: string;
  at: string;
};

export type SummaryView = Zoned & {
  title: string;
  /** UTC instant the figures were taken. */
  asOf: string;
  /** The meeting the summary is for (local date-time), or null when none is set. */
  meeting?: string | null;
  total?: number;
  totals?: Partial<Record<Status, number>>;
  priorities: Array<{ number: number; title: string; counts: Partial<Record<Status, number>> }>;
  overdue: Array<{ ref: string; text: string; lead: string; deadline: string; status: Status; daysOverdue?: number }>;
  notReported?: Array<{ lead: string; refs: string[] }>;
  changes?: Array<{ ref: string; text: string; from: Status; to: Status; completed: boolean; revisedDeadline: string | null }>;
  dueBeforeMeeting?: Array<{ ref: string; text: string; lead: string; deadline: string; status: Status }>;
  /** Signed links to the progress table; absent when the bot has no public address. */
  downloads?: Array<{ title: string; url: string }>;
};

/** A body's meetings: local date-times (`2018-01-24T14:00`) in its zone, oldest first; `changed` when the command set them. */
export type MeetingsView = { bodyName: string; timeZone: string; meetings: string[]; changed: boolean };

/** The answer to `meetings`: the dates as people read them, and how to change them. */
export function meetingsText(view: MeetingsView): string {
  const lines = view.meetings.map((m) => `- ${DateTime.fromISO(m, { zone: view.timeZone }).toFormat('cccc d LLLL yyyy, HH:mm')}`);
  const head = view.changed ? `Set ${view.bodyName}'s meetings (${view.timeZone}):` : `${view.bodyName} meets (${view.timeZone}):`;
  const how = 'A coordinator or chair sets them here: **meetings 2018-01-24 14:00, 2018-03-07 14:00** (all of them, separated by commas). The update round opens 10 days before each, and the summary comes here 2 working days before.';
  if (lines.length === 0) return `${view.bodyName} has no meetings on its calendar, so there is no update round or summary before them. ${how}`;
  return [head, ...lines, '', view.changed ? 'The update round and the summary follow these dates.' : how].join('\n');
}

/** How a body is chased, each setting marked as its own or the default; `changed` when the command set them. */
export type ChaseView = { bodyName: string; timeZone: string; rows: Array<{ label: string; value: string; own: boolean }>; changed: boolean };

/** The answer to `chase`: the settings in force, and how to change them. */
export function chaseSettingsText(view: ChaseView): string {
  const head = view.changed ? `Changed how ${view.bodyName} is chased (${view.timeZone}):` : `How ${view.bodyName} is chased (${view.timeZone}):`;
  const rows = view.rows.map((r) => `- ${r.label}: ${r.value}${r.own ? ' (its own)' : ''}`);
  const how =
    'A coordinator or chair changes them here, any of them at once, e.g. **chase reminders 14 round 7**: **prompts** 14,7,1 · **reminders** 7 · **escalate** 2 · ' +
    '**round** 10 · **summary** 2 · **hours** 09:00-17:00 · **send** 09:00 (days; the summary in working days). **chase defaults** returns to the defaults.';
  return [head, ...rows, '', how].join('\n');
}

/** What a person typed into the update card, kept to show again beside a refusal. */
export type UpdateInputs = { status: string; narrative: string; revisedDeadline: string };

const NO_INPUTS: UpdateInputs = { status: '', narrative: '', revisedDeadline: '' };
const STATUS_ORDER: readonly Status[] = ['green', 'amber', 'red', 'in-progress', 'not-reported', 'completed', 'not-completed'];

function deadlineOf(line: { deadline: string | null; deadlineText: string }, zone: string): string {
  if (line.deadline !== null) return cardDay(line.deadline, zone);
  return line.deadlineText.trim() === '' ? 'none set' : line.deadlineText;
}

function statusOf(status: Status): { statusWord: string; statusSymbol: string } {
  const label = STATUS_LABELS[status];
  return { statusWord: label.word, statusSymbol: label.symbol };
}

export function myActionsCardData(view: MyActionsView, defaultZone: string) {
  const zone = view.timeZone ?? defaultZone;
  const n = view.actions.length;
  return {
    personName: view.person.displayName,
    countText: n === 1 ? '1 open action' : `${n} open actions`,
    actions: view.actions.map((a) => ({
      actionKey: { bodyId: a.bodyId, year: a.year, ref: a.ref },
      ref: a.ref,
      text: a.text,
      deadline: deadlineOf(a, zone),
      ...statusOf(a.status),
      lastUpdated: a.lastUpdatedAt === null ? 'none yet' : cardInstant(a.lastUpdatedAt, zone),
    })),
  };
}

/** A card stays readable on a phone: at most this many extra columns, each cut to this length. */
const EXTRA_FACTS_MAX = 12;
const EXTRA_VALUE_MAX = 300;

export function updateCardData(view: UpdateFormView, defaultZone: string, refusal: { error: string; inputs: UpdateInputs; stale?: boolean } | null = null) {
  const zone = view.timeZone ?? defaultZone;
  return {
    action: {
      key: { bodyId: view.bodyId, year: view.year, ref: view.ref },
      ref: view.ref,
      text: view.text,
      measure: view.measure.trim() === '' ? 'not stated in the plan' : view.measure,
      deadline: deadlineOf(view, zone),
      ...statusOf(view.status),
      basedOn: view.latestId ?? '',
    },
    // The plan's own extra columns, so nothing the coordinator's file said is hidden from the lead.
    hasExtra: (view.extra ?? []).length > 0,
    extra: (view.extra ?? []).slice(0, EXTRA_FACTS_MAX).map((f) => ({ title: f.title, value: f.value.length > EXTRA_VALUE_MAX ? `${f.value.slice(0, EXTRA_VALUE_MAX - 1)}…` : f.value })),
    hasLastUpdate: view.latest !== null,
    lastUpdate:
      view.latest === null
        ? { who: '', when: '', what: '', statusWord: '', statusSymbol: '' }
        : { who: view.latest.by, when: cardInstant(view.latest.at, zone), what: view.latest.narrative, ...statusOf(view.latest.status) },
    statusChoices: REPORTABLE_STATUSES.map((s) => ({ value: s, title: `${STATUS_LABELS[s].symbol} ${STATUS_LABELS[s].word}` })),
    narrativeMaxLength: NARRATIVE_MAX,
    refreshUserIds: view.refreshUserIds.slice(0, TEAMS_LIMITS.refreshUserIdsMax),
    error: refusal?.error ?? '',
    // A stale refusal shows the newer update above; the button then records the person's own on top of it.
    stale: refusal?.stale === true,
    input: refusal?.inputs ?? NO_INPUTS,
  };
}

export function updateRecordedCardData(view: UpdateRecordedView, defaultZone: string) {
  const zone = view.timeZone ?? defaultZone;
  return {
    actionKey: { bodyId: view.bodyId, year: view.year, ref: view.ref },
    ref: view.ref,
    text: view.text,
    ...statusOf(view.status),
    narrative: view.narrative === '' ? '(none)' : view.narrative,
    revisedDeadline: view.revisedDeadline === null ? 'unchanged' : cardDay(view.revisedDeadline, zone),
    who: view.by,
    when: cardInstant(view.at, zone),
  };
}

/** Teams cards stay well under their size limit when each list shows at most this many lines. */
export const SUMMARY_LIST_MAX = 10;

function capped<T, R>(items: readonly T[], map: (item: T) => R): { shown: R[]; more: string } {
  const extra = items.length - SUMMARY_LIST_MAX;
  return { shown: items.slice(0, SUMMARY_LIST_MAX).map(map), more: extra > 0 ? `…and ${extra} more` : '' };
}

function countFacts(counts: Partial<Record<Status, number>>) {
  // A FactSet value must be a string, and a template field that is only `${count}` keeps the number's type.
  return STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({ word: STATUS_LABELS[s].word, symbol: STATUS_LABELS[s].symbol, count: String(counts[s] ?? 0) }));
}

function label(status: Status): string {
  return `${STATUS_LABELS[status].symbol} ${STATUS_LABELS[status].word}`;
}

export function summaryCardData(view: SummaryView, defaultZone: string) {
  const zone = view.timeZone ?? defaultZone;
  const overdue = capped(view.overdue, (o) => ({
    ref: o.ref,
    text: o.text,
    lead: o.lead,
    deadline: cardDay(o.deadline, zone),
    late: o.daysOverdue === undefined ? '' : o.daysOverdue === 1 ? ' · 1 day overdue' : ` · ${o.daysOverdue} days overdue`,
    ...statusOf(o.status),
  }));
  const notReported = capped(view.notReported ?? [], (n) => ({ lead: n.lead, refs: n.refs.join(', ') }));
  const changes = capped(view.changes ?? [], (c) => {
    const what = [c.completed ? '✔ Completed' : c.from !== c.to ? `${label(c.from)} → ${label(c.to)}` : `still ${label(c.to)}`];
    if (c.revisedDeadline !== null) what.push(`deadline revised to ${cardDay(c.revisedDeadline, zone)}`);
    return { ref: c.ref, text: c.text, what: what.join(' · ') };
  });
  const due = capped(view.dueBeforeMeeting ?? [], (d) => ({ ref: d.ref, text: d.text, lead: d.lead, deadline: cardDay(d.deadline, zone), ...statusOf(d.status) }));
  const total = view.total ?? view.priorities.reduce((n, p) => n + Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0), 0);
  return {
    title: view.title,
    asOf: cardInstant(view.asOf, zone),
    meeting: view.meeting == null ? 'No meeting ahead on the calendar: ask a coordinator to add the next dates.' : `Next meeting: ${DateTime.fromISO(view.meeting, { zone }).toFormat('cccc d LLLL yyyy, HH:mm')}`,
    hasMeeting: view.meeting != null,
    // With no meeting there is no round: silence is counted from the last meeting.
    notReportedHeading: view.meeting == null ? 'Not reported since the last meeting' : 'Not reported this round',
    totalText: total === 1 ? '1 action' : `${total} actions`,
    totals: countFacts(view.totals ?? {}),
    priorities: view.priorities.map((p) => ({ number: p.number, title: p.title, counts: countFacts(p.counts) })),
    overdueCount: String(view.overdue.length),
    overdue: overdue.shown,
    overdueMore: overdue.more,
    notReportedCount: String((view.notReported ?? []).reduce((n, r) => n + r.refs.length, 0)),
    notReported: notReported.shown,
    notReportedMore: notReported.more,
    changesCount: String((view.changes ?? []).length),
    changes: changes.shown,
    changesMore: changes.more,
    dueCount: String((view.dueBeforeMeeting ?? []).length),
    due: due.shown,
    dueMore: due.more,
    downloads: view.downloads ?? [],
  };
}

/**
 * What the scheduler has the bot send unasked. An update card comes with a
 * line saying why (a prompt before the deadline, a reminder after it, a
 * meeting's update round); that line is the message's text, above the card,
 * so it stays when the card refreshes itself to the latest.
 */
export type ProactiveView =
  /** `daysLeft`: from the day it is sent to the due date (a prompt moved off a weekend comes earlier than its nominal 7 days). */
  | { kind: 'prompt'; due: string; daysLeft: number; form: UpdateFormView }
  | { kind: 'reminder'; due: string; overdueDays: number; reminder: number; form: UpdateFormView }
  | { kind: 'round'; meeting: string; bodyName: string; form: UpdateFormView }
  | { kind: 'escalation'; audience: 'chair' | 'channel'; bodyName: string; lead: string; due: string; overdueDays: number; unansweredReminders: number; form: UpdateFormView }
  | { kind: 'summary'; summary: SummaryView }
  | { kind: 'notice'; text: string };

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function longDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('cccc d LLLL yyyy');
}

/** The line above an update card the bot sends unasked. */
export function chaseText(view: Extract<ProactiveView, { form: UpdateFormView }>, defaultZone: string): string {
  const zone = view.form.timeZone ?? defaultZone;
  const ref = view.form.ref;
  switch (view.kind) {
    case 'prompt':
      return `Action ${ref} is due on ${longDay(view.due, zone)}, in ${days(view.daysLeft)}. Please record an update: how is it going?`;
    case 'reminder':
      return `Action ${ref} was due on ${longDay(view.due, zone)} and is ${days(view.overdueDays)} overdue (reminder ${view.reminder}). Please record an update: mark it completed, say what is in the way, or give a revised deadline.`;
    case 'round':
      return `${view.bodyName} meets on ${longDay(view.meeting, zone)}. Please record an update on action ${ref} for the chair's summary.`;
    case 'escalation':
      return `Action ${ref} is ${days(view.overdueDays)} overdue and its lead has not answered ${view.unansweredReminders} reminders.`;
  }
}

export function escalationCardData(view: Extract<ProactiveView, { kind: 'escalation' }>, defaultZone: string) {
  const zone = view.form.timeZone ?? defaultZone;
  const form = view.form;
  return {
    actionKey: { bodyId: form.bodyId, year: form.year, ref: form.ref },
    title: `Overdue: action ${form.ref} (${view.bodyName})`,
    text: form.text,
    lead: view.lead,
    deadline: cardDay(view.due, zone),
    overdue: days(view.overdueDays),
    reminders: `${view.unansweredReminders} unanswered`,
    ...statusOf(form.status),
    lastUpdate: form.latest === null ? 'none recorded' : `${label(form.latest.status)}, ${cardInstant(form.latest.at, zone)} by ${form.latest.by}`,
    ask:
      view.audience === 'chair'
        ? 'As chair you may follow it up with the lead, or record an update yourself.'
        : `Posted for the chair of ${view.bodyName}: the lead has been reminded in their chat with the bot.`,
  };
}
