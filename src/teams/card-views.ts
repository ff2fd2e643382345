import { countInWords, dateInWords, listInWords } from '../domain/in-words.js';
import { STATUS_LABELS, type Status } from '../domain/status.js';
import { exampleMeeting } from '../domain/meeting-text.js';
import { setAsideLines } from '../domain/meeting-calendar.js';
import type { Person } from '../domain/partnership.js';
import type { ActionCardView } from '../services/action-card-view.js';
import { NARRATIVE_MAX, REPORTABLE_STATUSES } from '../domain/update-rules.js';
import { TEAMS_LIMITS } from './teams-limits.js';
import { isDigest, NO_DIGEST, type DigestRef, type DigestView } from './digest-view.js';

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

export type MyActionsView = Zoned & {
  person: Person;
  actions: ActionLine[];
  /** The bodies the person chairs, each at a glance: how many actions, by status, and how many overdue. */
  chaired?: Array<{ bodyName: string; total: number; counts: Partial<Record<Status, number>>; overdue: number }>;
};


/** The update card's view: the services' one view of an action, for the lead typing `update 2.3` and for the scheduler's prompts alike. */
export type UpdateFormView = ActionCardView;

export type UpdateRecordedView = Zoned & ActionKey & {
  updateId: string;
  text: string;
  status: Status;
  narrative: string;
  revisedDeadline: string | null;
  by: string;
  /** Who typed it in for its author (a coordinator or chair, an admin tool's operator); absent: the author did. */
  enteredBy?: string | null;
  at: string;
  /** The update's id and the instant its Undo lapses; null when it cannot be undone (it revised the deadline, or is itself an undo). */
  undo?: { updateId: string; until: string } | null;
  /** True for the correcting update an Undo recorded. */
  undone?: boolean;
  /** True when this was said before (a message re-sent or pasted twice): the earlier update is shown, nothing new was written. */
  alreadyRecorded?: boolean;
};

/** An action's history, oldest first (`history 2.3`). */
export type HistoryView = Zoned & {
  bodyName: string;
  ref: string;
  text: string;
  updates: Array<{ at: string; by: string; enteredBy?: string | null; status: Status; narrative: string; source: string; revisedDeadline: string | null; under?: string }>;
  /** Last year's action this one continues ("2016-17 4.7"); its updates are in `updates`, each `under` that ref. */
  continues?: string | null;
};

/** `overdue` and `due`: the person's own actions, then each body they chair. */
export type WatchView = {
  which: 'overdue' | 'due';
  daysAhead: number;
  groups: Array<Zoned & { bodyName: string; whose: 'yours' | 'chaired'; lines: Array<{ ref: string; text: string; lead: string; deadline: string; status: Status; days: number }> }>;
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
  /** Last year's actions still open and not carried forward, once the new plan is in. */
  leftOpen?: { year: string; count: number } | null;
};

/**
 * A body's meetings, local date-times (`2027-01-15T14:00`) in its zone:
 * those to come soonest first, those held latest first; what the command
 * added or removed; `today` (its local date) for examples near it.
 */
export type MeetingsView = {
  bodyName: string;
  timeZone: string;
  today: string;
  upcoming: string[];
  past: string[];
  added: string[];
  removed: string | null;
  /** What followed an added meeting and was not read (a venue, "(Teams)"): shown, never kept. */
  setAside: Array<{ meeting: string; aside: string }>;
};

/** Held meetings listed by `meetings`: the latest few, the rest counted. */
const PAST_SHOWN = 3;

/** The answer to `meetings`: what changed, the meetings to come, the latest held, and how to change them. */
export function meetingsText(view: MeetingsView): string {
  const day = (m: string) => dateInWords(m, { zone: view.timeZone, weekday: true });
  const example = exampleMeeting(view.today, 'words');
  const lines: string[] = [];
  if (view.added.length > 0) lines.push(`Added ${listInWords(view.added.map(day))} to ${view.bodyName}'s meetings.`, ...setAsideLines(view.setAside, day), '');
  if (view.removed !== null) lines.push(`Removed ${day(view.removed)} from ${view.bodyName}'s meetings.`, '');
  if (view.upcoming.length === 0) lines.push(`${view.bodyName} has no meetings to come on its calendar, so there is no update round or summary before one.`);
  else lines.push(`${view.bodyName} meets (${view.timeZone}):`, ...view.upcoming.map((m) => `- ${day(m)}`));
  if (view.past.length > 0) {
    const more = view.past.length > PAST_SHOWN ? `, and ${countInWords(view.past.length - PAST_SHOWN, 'earlier one')}` : '';
    lines.push('', `Held (kept as the record): ${view.past.slice(0, PAST_SHOWN).map(day).join('; ')}${more}.`);
  }
  if (view.added.length === 0 && view.removed === null) {
    lines.push(
      '',
      `A coordinator or chair adds one here with **meetings add ${example}** (several: separated by commas) and takes one to come off with **meetings remove ${example.replace(/ \S+$/, '')}**. The update round opens before each, and the summary comes here before it.`,
    );
  }
  return lines.join('\n');
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

function day(iso: string, zone: string): string {
  return dateInWords(iso, { zone });
}

/** A day that matters (a deadline, a meeting): with its weekday. */
function longDay(iso: string, zone: string): string {
  return dateInWords(iso, { zone, weekday: true });
}

function instant(iso: string, zone: string): string {
  return dateInWords(iso, { zone });
}

export function deadlineOf(line: { deadline: string | null; deadlineText: string }, zone: string): string {
  if (line.deadline !== null) return day(line.deadline, zone);
  return line.deadlineText.trim() === '' ? 'none set' : line.deadlineText;
}

export function statusOf(status: Status): { statusWord: string; statusSymbol: string } {
  const label = STATUS_LABELS[status];
  return { statusWord: label.word, statusSymbol: label.symbol };
}

export function myActionsCardData(view: MyActionsView, defaultZone: string, viewerId: string | null = null) {
  const zone = view.timeZone ?? defaultZone;
  const n = view.actions.length;
  const chaired = view.chaired ?? [];
  return {
    personName: view.person.displayName,
    countText: n === 1 ? '1 open action' : `${n} open actions`,
    // A chair who leads nothing is not told "nothing to update": their bodies' overview follows.
    noneText: chaired.length === 0 ? 'You lead no open actions. Nothing to update.' : 'You lead no open actions yourself.',
    // The list refreshes itself for the person it belongs to, so an old copy never shows an old status.
    refreshUserIds: viewerId === null ? [] : [viewerId],
    actions: view.actions.map((a) => ({
      actionKey: { bodyId: a.bodyId, year: a.year, ref: a.ref },
      ref: a.ref,
      text: a.text,
      deadline: deadlineOf(a, zone),
      ...statusOf(a.status),
      lastUpdated: a.lastUpdatedAt === null ? 'none yet' : instant(a.lastUpdatedAt, zone),
    })),
    chaired: chaired.map((c) => ({
      bodyName: c.bodyName,
      line: `${countInWords(c.total, 'action')}: ${countFacts(c.counts).map((f) => `${f.count} ${f.symbol} ${f.word}`).join(' · ')}`,
      overdue: c.overdue === 0 ? 'Nothing overdue.' : `${countInWords(c.overdue, 'action')} overdue: type **overdue** for which.`,
    })),
  };
}

/** A card stays readable on a phone: at most this many extra columns, each cut to this length. */
const EXTRA_FACTS_MAX = 12;
const EXTRA_VALUE_MAX = 300;

/** Why a typed update opened the card instead of being recorded, and what was read from it. */
export type Prefill = { why: string; inputs: UpdateInputs };

export function updateCardData(
  view: UpdateFormView,
  defaultZone: string,
  refusal: { error: string; inputs: UpdateInputs; stale?: boolean } | null = null,
  prefill: Prefill | null = null,
  digest: DigestRef = NO_DIGEST,
) {
  const zone = view.timeZone ?? defaultZone;
  const key = { bodyId: view.bodyId, year: view.year, ref: view.ref };
  return {
    // Opened from a digest: recording brings the digest back, and so does Back to the list.
    digest,
    fromDigest: isDigest(digest),
    action: {
      key,
      refreshData: isDigest(digest) ? { ...key, digest } : key,
      ref: view.ref,
      text: view.text,
      measure: view.measure.trim() === '' ? 'not stated in the plan' : view.measure,
      deadline: view.deadline === null ? deadlineOf(view, zone) : longDay(view.deadline, zone),
      ...statusOf(view.status),
      basedOn: view.latestId ?? '',
      continues: view.continues ? `Continues ${view.continues}: type **history ${view.ref}** for last year's updates.` : '',
    },
    // The plan's own extra columns, so nothing the coordinator's file said is hidden from the lead.
    hasExtra: (view.extra ?? []).length > 0,
    extra: (view.extra ?? []).slice(0, EXTRA_FACTS_MAX).map((f) => ({ title: f.title, value: f.value.length > EXTRA_VALUE_MAX ? `${f.value.slice(0, EXTRA_VALUE_MAX - 1)}…` : f.value })),
    hasLastUpdate: view.latest !== null,
    lastUpdate:
      view.latest === null
        ? { who: '', when: '', what: '', statusWord: '', statusSymbol: '' }
        : { who: view.latest.by, when: instant(view.latest.at, zone), what: view.latest.narrative, ...statusOf(view.latest.status) },
    statusChoices: REPORTABLE_STATUSES.map((s) => ({ value: s, title: `${STATUS_LABELS[s].symbol} ${STATUS_LABELS[s].word}` })),
    narrativeLimit: NARRATIVE_MAX.toLocaleString('en-GB'),
    refreshUserIds: view.refreshUserIds.slice(0, TEAMS_LIMITS.refreshUserIdsMax),
    error: refusal?.error ?? '',
    // A stale refusal shows the newer update above; the button then records the person's own on top of it.
    stale: refusal?.stale === true,
    input: refusal?.inputs ?? prefill?.inputs ?? NO_INPUTS,
    note: prefill === null ? '' : `${prefill.why}, so I have not recorded it. I filled in what I could read: check it and press Record update.`,
    hasFor: (view.recordFor?.people.length ?? 0) > 0,
    forChoices: [
      ...(view.recordFor?.self === true ? [{ title: 'Myself', value: '' }] : []),
      ...(view.recordFor?.people ?? []).map((p) => ({ title: `${p.name} (I am entering it for them)`, value: p.id })),
    ],
    // Someone who may not report on it themselves records for its lead unless they choose otherwise.
    forValue: view.recordFor == null || view.recordFor.self ? '' : (view.recordFor.people[0]?.id ?? ''),
  };
}

export function updateRecordedCardData(view: UpdateRecordedView, defaultZone: string) {
  const zone = view.timeZone ?? defaultZone;
  const undo = view.undo ?? null;
  return {
    actionKey: { bodyId: view.bodyId, year: view.year, ref: view.ref },
    heading: view.undone === true ? `↶ Undone: action ${view.ref} is back to ${label(view.status)}` : `✔ Update recorded for action ${view.ref}`,
    // Said before (a message re-sent, pasted twice, or a retry that finds it saved): the earlier update, nothing new.
    already: view.alreadyRecorded === true ? `Already recorded for action ${view.ref}: this says what the update below says, so nothing new was saved.` : '',
    ref: view.ref,
    text: view.text,
    ...statusOf(view.status),
    narrative: view.narrative === '' ? '(none)' : view.narrative,
    revisedDeadline: view.revisedDeadline === null ? 'unchanged' : longDay(view.revisedDeadline, zone),
    who: byWhom(view),
    when: instant(view.at, zone),
    canUndo: undo !== null,
    undo: undo === null ? { updateId: '', title: '' } : { updateId: undo.updateId, title: undoTitle(undo.until, zone) },
  };
}

/** "Undo (until 10:25)": the time, in the body's zone, its few minutes end. */
export function undoTitle(until: string, zone: string): string {
  return `Undo (until ${dateInWords(until, { zone }).slice(-5)})`;
}

/** A card of buttons: `update` alone (the person's actions), `summary` for a chair of several bodies. */
export function choicesCardData(title: string, text: string, choices: Array<{ title: string; kind: 'update' | 'summary' | 'setup' | 'planFor'; data: object }>) {
  return { title, text, choices };
}

/** Button titles stay short: Teams cuts long ones at an arbitrary point. */
export function buttonTitle(ref: string, text: string): string {
  const words = `${ref} ${text}`;
  return words.length > 48 ? `${words.slice(0, 47).trimEnd()}…` : words;
}

/** The author, and who entered it for them when someone else did. */
function byWhom(u: { by: string; enteredBy?: string | null }): string {
  return u.enteredBy ? `${u.by} (entered by ${u.enteredBy})` : u.by;
}

const SOURCE_WORDS: Record<string, string> = { card: 'card', command: 'chat', import: 'plan import', cli: 'admin tool', undo: 'undo' };

/** `history 2.3`: every update, oldest first, the newest ten in full. */
export function historyText(view: HistoryView, defaultZone: string): string {
  const zone = view.timeZone ?? defaultZone;
  const head = `**${view.ref}** ${view.text} (${view.bodyName})${view.continues ? `, continues ${view.continues}` : ''}`;
  if (view.updates.length === 0) return `${head}\n\nNo update recorded yet. Record one with e.g. **${view.ref} done** or **update ${view.ref}**.`;
  const shown = view.updates.slice(-SUMMARY_LIST_MAX);
  const lines = shown.map((u) => {
    const said = u.narrative === '' ? '' : `: ${u.narrative.length > 300 ? `${u.narrative.slice(0, 299)}…` : u.narrative}`;
    const revised = u.revisedDeadline === null ? '' : ` (deadline revised to ${longDay(u.revisedDeadline, zone)})`;
    const under = u.under === undefined ? '' : ` · as ${u.under}`;
    return `- ${instant(u.at, zone)}${under} · ${label(u.status)} · ${byWhom(u)}, by ${SOURCE_WORDS[u.source] ?? u.source}${revised}${said}`;
  });
  const earlier = view.updates.length - shown.length;
  return [head, '', ...(earlier > 0 ? [`…${countInWords(earlier, 'earlier update')} not shown`] : []), ...lines].join('\n');
}

/** `overdue` / `due`: a line per action, grouped as the person's own and each body they chair. */
export function watchText(view: WatchView, defaultZone: string): string {
  const heading = view.which === 'overdue' ? 'Overdue' : `Due in the next ${view.daysAhead} days`;
  if (view.groups.length === 0) return 'No plan maps you to a role or a chair yet, so there is nothing to list. Your community safety officer maps roles to people.';
  const parts: string[] = [];
  for (const g of view.groups) {
    const zone = g.timeZone ?? defaultZone;
    const whose = g.whose === 'yours' ? `Your actions in ${g.bodyName}` : `${g.bodyName} (you chair it)`;
    if (g.lines.length === 0) {
      parts.push(`**${whose}**: ${view.which === 'overdue' ? 'nothing overdue' : 'nothing due'}.`);
      continue;
    }
    const shown = g.lines.slice(0, SUMMARY_LIST_MAX).map((l) => {
      const when = view.which === 'overdue' ? `was due ${longDay(l.deadline, zone)}, ${countInWords(l.days, 'day')} overdue` : l.days === 0 ? `due today, ${longDay(l.deadline, zone)}` : `due ${longDay(l.deadline, zone)}, in ${countInWords(l.days, 'day')}`;
      return `- **${l.ref}** ${l.text.length > 80 ? `${l.text.slice(0, 79)}…` : l.text} · ${when} · ${label(l.status)}${g.whose === 'chaired' ? ` · Lead ${l.lead}` : ''}`;
    });
    const more = g.lines.length - shown.length;
    parts.push([`**${heading}: ${whose} (${g.lines.length})**`, ...shown, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n'));
  }
  const mine = view.groups.find((g) => g.whose === 'yours' && g.lines.length > 0)?.lines[0]?.ref;
  return [...parts, ...(mine === undefined ? [] : [`Tell me how one stands in your own words, e.g. **${mine} done** or **${mine} amber - waiting for the venue**.`])].join('\n\n');
}

/** Teams cards stay well under their size limit when each list shows at most this many lines. */
export const SUMMARY_LIST_MAX = 10;

export function capped<T, R>(items: readonly T[], map: (item: T) => R): { shown: R[]; more: string } {
  const extra = items.length - SUMMARY_LIST_MAX;
  return { shown: items.slice(0, SUMMARY_LIST_MAX).map(map), more: extra > 0 ? `…and ${extra} more` : '' };
}

function countFacts(counts: Partial<Record<Status, number>>) {
  // A FactSet value must be a string, and a template field that is only `${count}` keeps the number's type.
  return STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({ word: STATUS_LABELS[s].word, symbol: STATUS_LABELS[s].symbol, count: String(counts[s] ?? 0) }));
}

/** Chart colours Teams names: the RAG ones its own good/warning/attention, the rest apart from them. */
const CHART_COLOURS: Record<Status, string> = {
  completed: 'categoricalBlue',
  'not-completed': 'categoricalPurple',
  green: 'good',
  amber: 'warning',
  red: 'attention',
  'in-progress': 'categoricalTeal',
  'not-reported': 'neutral',
};

/** A chart's slices: one per status present, each named in words and symbol, so the legend says what the colour means. */
function chartSlices(counts: Partial<Record<Status, number>>) {
  return STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => ({ legend: `${STATUS_LABELS[s].symbol} ${STATUS_LABELS[s].word}`, value: counts[s] ?? 0, color: CHART_COLOURS[s] }));
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
    deadline: day(o.deadline, zone),
    late: o.daysOverdue === undefined ? '' : o.daysOverdue === 1 ? ' · 1 day overdue' : ` · ${o.daysOverdue} days overdue`,
    ...statusOf(o.status),
  }));
  const notReported = capped(view.notReported ?? [], (n) => ({ lead: n.lead, refs: listInWords(n.refs) }));
  const changes = capped(view.changes ?? [], (c) => {
    const what = [c.completed ? '✔ Completed' : c.from !== c.to ? `${label(c.from)} → ${label(c.to)}` : `still ${label(c.to)}`];
    if (c.revisedDeadline !== null) what.push(`deadline revised to ${day(c.revisedDeadline, zone)}`);
    return { ref: c.ref, text: c.text, what: what.join(' · ') };
  });
  const due = capped(view.dueBeforeMeeting ?? [], (d) => ({ ref: d.ref, text: d.text, lead: d.lead, deadline: day(d.deadline, zone), ...statusOf(d.status) }));
  const total = view.total ?? view.priorities.reduce((n, p) => n + Object.values(p.counts).reduce((a, b) => a + (b ?? 0), 0), 0);
  return {
    title: view.title,
    asOf: instant(view.asOf, zone),
    meeting: view.meeting == null ? 'No meeting ahead on the calendar: ask a coordinator to add the next dates.' : `Next meeting: ${dateInWords(view.meeting, { zone, weekday: true })}`,
    hasMeeting: view.meeting != null,
    // With no meeting there is no round: silence is counted from the last meeting.
    notReportedHeading: view.meeting == null ? 'Not reported since the last meeting' : 'Not reported this round',
    totalText: total === 1 ? '1 action' : `${total} actions`,
    totals: countFacts(view.totals ?? {}),
    // Teams' charts beside the counts in words, so colour is never the only signal.
    chart: {
      statuses: chartSlices(view.totals ?? {}),
      priorities: view.priorities.map((p) => ({ title: `${p.number}. ${p.title}`, data: chartSlices(p.counts) })),
    },
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
    leftOpen: leftOpenLine(view.leftOpen ?? null),
  };
}

function leftOpenLine(left: { year: string; count: number } | null): string {
  if (left === null || left.count === 0) return '';
  const many = left.count !== 1;
  return `${countInWords(left.count, 'action')} of the ${left.year} plan ${many ? 'are' : 'is'} still open and not carried forward: a coordinator closes ${many ? 'each' : 'it'} with a status and reason by typing **year-end** in their chat with me.`;
}

/** What the scheduler has the bot send unasked: the day's digest, the summary before a meeting, or a notice. */
export type ProactiveView =
  | { kind: 'summary'; summary: SummaryView }
  | { kind: 'digest'; digest: DigestView; viewerId: string | null }
  /** `mentions`: in a channel, the people it is addressed to, @mentioned. */
  | { kind: 'notice'; text: string; mentions?: Array<{ id: string; name: string }> };

/** A person on the set-up card: their Entra object id and name. */
export type PickedPerson = { id: string; name: string };

/** `setup`: a body's people, meetings, chase settings and every role of its current plan with who holds it. */
export type SetupView = Zoned & {
  bodyId: string;
  bodyName: string;
  planYear: string | null;
  channel: string | null;
  chairs: string[];
  coordinators: string[];
  /** Local date-times, oldest first. */
  meetings: string[];
  /** Today in the body's zone (ISO date), to tell coming meetings from past ones. */
  today: string;
  chase: Array<{ label: string; value: string; own: boolean }>;
  /** Roles no one holds first. */
  roles: Array<{ key: string; name: string; holder: PickedPerson | null; delegate: PickedPerson | null }>;
  /** What the last save did, or why it was refused. */
  outcome?: { saved: boolean; lines: string[] } | null;
};

/** How many coming meetings the set-up card lists; the rest are counted. */
const SETUP_MEETINGS_SHOWN = 6;

export function setupCardData(view: SetupView, defaultZone: string) {
  const zone = view.timeZone ?? defaultZone;
  const coming = view.meetings.filter((m) => m.slice(0, 10) >= view.today);
  const shownMeetings = coming.slice(0, SETUP_MEETINGS_SHOWN).map((m) => dateInWords(m, { zone, weekday: true }));
  const unheld = view.roles.filter((r) => r.holder === null).length;
  const choices = (p: PickedPerson | null) => (p === null ? [] : [{ title: p.name, value: p.id }]);
  return {
    title: `Set up ${view.bodyName}`,
    outcome: view.outcome ?? null,
    outcomeTitle: view.outcome == null ? '' : view.outcome.saved ? '✔ Saved' : '⚠ Nothing was changed',
    outcomeText: (view.outcome?.lines ?? []).map((l) => `- ${l}`).join('\n'),
    facts: [
      { title: 'Chairs', value: view.chairs.join(', ') || 'none set' },
      { title: 'Coordinators', value: view.coordinators.join(', ') || 'none set' },
      { title: 'Channel', value: view.channel ?? 'not linked: mention me in its channel with **link** and the id' },
      { title: 'Plan', value: view.planYear === null ? 'none imported yet' : `${view.planYear} (${countInWords(view.roles.length, 'role')})` },
    ],
    meetingsText:
      coming.length === 0
        ? `No meeting to come is on the calendar${view.meetings.length === 0 ? '' : `; the last was ${dateInWords(view.meetings.at(-1)!, { zone, weekday: true })}`} (${zone}).`
        : `${shownMeetings.join(' · ')}${coming.length > SETUP_MEETINGS_SHOWN ? ` and ${coming.length - SETUP_MEETINGS_SHOWN} more` : ''} (${zone})`,
    chaseFacts: view.chase.map((r) => ({ title: `${r.label[0]!.toUpperCase()}${r.label.slice(1)}`, value: `${r.value}${r.own ? ' (its own)' : ''}` })),
    rolesHeading: view.planYear === null ? 'Roles: import a plan first; its roles are listed here.' : `Roles of the ${view.planYear} plan: ${unheld === 0 ? 'every one has a holder' : `${countInWords(unheld, 'role')} with no one yet, listed first`}`,
    hasRoles: view.roles.length > 0,
    roles: view.roles.map((r, i) => ({
      heading: `**${r.key}**${r.name === r.key ? '' : ` ${r.name}`} · ${r.holder === null ? '⚠ no one yet' : `${r.holder.name}${r.delegate === null ? '' : `, delegate ${r.delegate.name}`}`}`,
      holderInput: `holder-${i}`,
      delegateInput: `delegate-${i}`,
      holderValue: r.holder?.id ?? '',
      delegateValue: r.delegate?.id ?? '',
      holderChoices: choices(r.holder),
      delegateChoices: choices(r.delegate),
    })),
    save: { bodyId: view.bodyId, shown: view.roles.map((r) => ({ key: r.key, holder: r.holder?.id ?? '', delegate: r.delegate?.id ?? '' })) },
    refresh: { bodyId: view.bodyId },
  };
}
