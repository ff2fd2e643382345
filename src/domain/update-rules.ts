import { DateTime } from 'luxon';
import { UpdateStatusSchema, type EnteredBy, type StatusUpdate, type StoredAction, type UpdateStatus } from './action-record.js';
import { parseDeadline } from './deadline.js';
import { DomainError } from './errors.js';
import { roleHolder, samePerson, type Body, type Person, type PersonId, type RoleHolder } from './partnership.js';
import { dateInWords, listInWords } from './in-words.js';
import { STATUS_LABELS } from './status.js';
import { localTime } from './working-time.js';

/**
 * The rules a status update must pass before anything is written. Pure: the
 * caller passes `now`; the same inputs always give the same answer.
 */

export const NARRATIVE_MAX = 4000;

/** Statuses that need a reason in words. */
const NEEDS_NARRATIVE: ReadonlySet<UpdateStatus> = new Set(['amber', 'red', 'not-completed']);

/** What a person may choose on a card or type in a command. */
export const REPORTABLE_STATUSES = ['green', 'amber', 'red', 'completed', 'not-completed'] as const;
export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

export type UpdateDraft = {
  status: string;
  narrative: string;
  /** As typed: "31/03/2018", "March 2018", "2018-03-31"; empty or undefined for none. */
  revisedDeadline?: string | null | undefined;
};

export type CheckedUpdate = { status: UpdateStatus; narrative: string; revisedDeadline: string | null };

/** Status, narrative and revised deadline: every problem at once, each in the words a lead needs. */
export function checkUpdateDraft(draft: UpdateDraft, now: Date, timeZone: string): CheckedUpdate {
  const problems: Array<{ code: 'status-invalid' | 'narrative-required' | 'narrative-too-long' | 'deadline-invalid' | 'deadline-past'; text: string }> = [];
  const statusText = draft.status.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const parsed = UpdateStatusSchema.safeParse(statusText);
  const status = parsed.success && (REPORTABLE_STATUSES as readonly string[]).includes(parsed.data) ? parsed.data : null;
  if (status === null) {
    problems.push({
      code: 'status-invalid',
      text: `"${draft.status}" is not a status; choose ${listInWords(REPORTABLE_STATUSES.map((s) => STATUS_LABELS[s].word), 'or')}`,
    });
  }
  const narrative = draft.narrative.trim();
  if (status !== null && NEEDS_NARRATIVE.has(status) && narrative === '') {
    problems.push({ code: 'narrative-required', text: `${/^[AEIOU]/.test(STATUS_LABELS[status].word) ? 'an' : 'a'} ${STATUS_LABELS[status].word} update needs a narrative: say what is happening and what is needed` });
  }
  if (narrative.length > NARRATIVE_MAX) {
    problems.push({
      code: 'narrative-too-long',
      text: `the narrative is ${narrative.length.toLocaleString('en-GB')} characters; the most is ${NARRATIVE_MAX.toLocaleString('en-GB')}`,
    });
  }
  let revisedDeadline: string | null = null;
  const deadlineText = (draft.revisedDeadline ?? '').trim();
  if (deadlineText !== '') {
    const deadline = parseDeadline(deadlineText);
    if (deadline.kind !== 'due') {
      problems.push({ code: 'deadline-invalid', text: `revised deadline "${deadlineText}" is not a real date; use e.g. "30/09/2018" or "Sept 2018"` });
    } else {
      const today = DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
      if (deadline.due < today) {
        problems.push({ code: 'deadline-past', text: `revised deadline "${deadlineText}" (${deadline.due}) is in the past; give a date from ${today} on` });
      } else {
        revisedDeadline = deadline.due;
      }
    }
  }
  if (problems.length > 0) {
    const message = problems.length === 1 ? `Cannot record the update: ${problems[0]!.text}` : `Cannot record the update: ${problems.length} problems`;
    throw new DomainError(problems[0]!.code, message, { problems: problems.map((p) => p.text) });
  }
  return { status: status!, narrative, revisedDeadline };
}

function describe(holder: RoleHolder | undefined, key: string): string {
  if (holder === undefined) return `${key} (no one mapped yet)`;
  const delegate = holder.delegate ? `, delegate ${holder.delegate.displayName}` : '';
  return `${key}: ${holder.person.displayName}${delegate}`;
}

/** The people who may update an action, in words: its lead, its supporting roles, their delegates, a chair. */
export function whoMayUpdate(body: Body, action: StoredAction): string {
  const parts: string[] = [];
  if (action.plan.lead !== null) parts.push(`its lead (${describe(roleHolder(body, action.plan.lead), action.plan.lead)})`);
  if (action.plan.support.length > 0) {
    parts.push(`its supporting roles (${action.plan.support.map((k) => describe(roleHolder(body, k), k)).join('; ')})`);
  }
  parts.push(body.chairs.length > 0 ? `a chair (${body.chairs.map((c) => c.displayName).join(', ')})` : 'a chair (none set)');
  return parts.join(', ');
}

/** The people who report on an action: those holding its lead and supporting roles, and their delegates. */
export function reportersOf(body: Body, action: StoredAction): Person[] {
  const people: Person[] = [];
  for (const key of [action.plan.lead, ...action.plan.support]) {
    const holder = key === null ? undefined : roleHolder(body, key);
    if (holder !== undefined) people.push(holder.person, ...(holder.delegate === null ? [] : [holder.delegate]));
  }
  return people.filter((p, i) => people.findIndex((q) => samePerson(p, q)) === i);
}

/** Everyone who may update an action: its reporters and the chairs. */
export function peopleWhoMayUpdate(body: Body, action: StoredAction): Person[] {
  const people = [...reportersOf(body, action), ...body.chairs];
  return people.filter((p, i) => people.findIndex((q) => samePerson(p, q)) === i);
}

/** Only the action's lead, a supporting role's person, their delegate, or a chair; and only from the body's tenant. */
export function checkMayUpdate(body: Body, action: StoredAction, person: PersonId): void {
  if (person.tenantId !== body.tenantId) {
    throw new DomainError('other-tenant', `Updates to ${body.name} are accepted only from its own organisation's Teams tenant.`);
  }
  if (peopleWhoMayUpdate(body, action).some((p) => samePerson(p, person))) return;
  throw new DomainError('not-allowed', `You cannot update action ${action.ref}: only ${whoMayUpdate(body, action)} can.`);
}

/** Newest first by time, then by id, so every instance agrees on "the latest". */
export function isNewer(candidate: Pick<StatusUpdate, 'at' | 'id'>, than: Pick<StatusUpdate, 'at' | 'id'> | null): boolean {
  if (than === null) return true;
  const a = Date.parse(candidate.at);
  const b = Date.parse(than.at);
  if (a !== b) return a > b;
  return candidate.id > than.id;
}

/** The latest update summarised for a person: status word and symbol, author, time, narrative. */
export function describeUpdate(update: StatusUpdate, timeZone: string): string {
  const label = STATUS_LABELS[update.status];
  const when = dateInWords(update.at, { zone: timeZone });
  const narrative = update.narrative === '' ? '' : `: ${update.narrative.length > 200 ? `${update.narrative.slice(0, 199)}…` : update.narrative}`;
  return `${label.symbol} ${label.word} by ${update.author.displayName} on ${when}${narrative}`;
}

/** Refused because the action moved on since the author looked; carries the newer update. */
export class StaleUpdateError extends DomainError {
  readonly latest: StatusUpdate;
  constructor(ref: string, latest: StatusUpdate, timeZone: string) {
    super(
      'update-stale',
      `Action ${ref} has a newer update than the one you saw: ${describeUpdate(latest, timeZone).replace(/[.!?…]$/, '')}. If yours still stands, record it anyway.`,
    );
    this.latest = latest;
  }
}

/**
 * `basedOn` is the latest update the author saw (null: none; undefined: the
 * caller does not know, e.g. a typed command). Refused when the action moved
 * on since, unless the author confirms.
 */
export function checkNotStale(action: StoredAction, basedOn: string | null | undefined, confirmed: boolean, timeZone: string): void {
  if (basedOn === undefined || confirmed) return;
  const latest = action.latest;
  if (latest === null || latest.id === basedOn) return;
  throw new StaleUpdateError(action.ref, latest, timeZone);
}

/**
 * Whether an update sent without a card (typed in chat, or by the CLI) says
 * again what the action's latest update says: the same author, entered by the
 * same person, with the same status, words and revised deadline, on the same
 * day in the body's zone. A message pasted twice, or re-sent because the bot
 * was slow to answer, is then recorded once. After anyone else's update (or
 * an Undo), or on another day, the same words are a new update: a lead saying
 * "still amber, no change" again is news the chase counts.
 */
export function repeatsLatest(
  action: Pick<StoredAction, 'latest'>,
  typed: CheckedUpdate & { author: PersonId; enteredBy: EnteredBy | null },
  now: Date,
  timeZone: string,
): boolean {
  const latest = action.latest;
  if (latest === null || latest.source === 'undo' || latest.source === 'import') return false;
  return (
    samePerson(latest.author, typed.author) &&
    (latest.enteredBy?.operator ?? null) === (typed.enteredBy?.operator ?? null) &&
    latest.status === typed.status &&
    latest.narrative === typed.narrative &&
    latest.revisedDeadline === typed.revisedDeadline &&
    localTime(new Date(latest.at), timeZone).date === localTime(now, timeZone).date
  );
}

/** The action with an update applied to its latest pointer, or null when the update is not newer. */
export function withLatest(action: StoredAction, update: StatusUpdate): StoredAction | null {
  if (!isNewer(update, action.latest)) return null;
  return {
    ...action,
    latest: update,
    revisedDeadline: update.revisedDeadline ?? action.revisedDeadline,
  };
}
