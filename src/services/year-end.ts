import { DateTime } from 'luxon';
import { actionIdOf, type PlanHead, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { previousPlanYear } from '../domain/carry-forward.js';
import { DomainError } from '../domain/errors.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { samePerson } from '../domain/partnership.js';
import { progressReportFromStore } from '../domain/progress-report.js';
import { checkUpdateDraft } from '../domain/update-rules.js';
import { yearEndReport, type YearEndReport } from '../domain/year-end-report.js';
import { movePointer } from './record-update.js';
import { requireAdministrator, requireBody, type ServiceDeps } from './deps.js';

/** "2016-17" → "2017-18". */
export function nextPlanYear(year: string): string {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The year being closed: the one named, else the year before the body's
 * current plan when that is stored (the new plan is in, the old one ends),
 * else the current plan itself.
 */
async function closingYear(deps: ServiceDeps, body: Body, year: string | undefined): Promise<{ year: string; head: PlanHead }> {
  if (body.currentPlanYear === null) throw new DomainError('plan-none', `${body.name} has no plan yet: import one first.`);
  const candidates = year !== undefined ? [year] : [previousPlanYear(body.currentPlanYear), body.currentPlanYear];
  for (const y of candidates) {
    const head = await deps.store.readPlanHead(body.id, y);
    if (head !== null) return { year: y, head: head.value };
  }
  throw new DomainError('plan-none', `${body.name} has no ${year} plan: import it first.`);
}

/** Which of the year's actions the next year's plan continues: old ref → new ref. */
async function carriedForward(deps: ServiceDeps, bodyId: string, year: string): Promise<{ year: string; carriedAs: Map<string, string> } | null> {
  const next = nextPlanYear(year);
  if ((await deps.store.readPlanHead(bodyId, next)) === null) return null;
  const actions = (await deps.store.listActions(bodyId, next)).map((a) => a.value);
  const carriedAs = new Map(actions.flatMap((a) => (a.removedInVersion === null && a.continues?.year === year ? [[a.continues.ref, a.ref] as const] : [])));
  return { year: next, carriedAs };
}

const isOpen = (a: StoredAction) => a.removedInVersion === null && !['completed', 'not-completed'].includes(a.latest?.status ?? a.plan.status);

/** The sign-off report of a plan year, from the record. Anyone who may read summaries may draft it; it changes nothing. */
export async function yearEndReportOf(deps: ServiceDeps, input: { bodyId: string; year?: string; asAt?: string }): Promise<YearEndReport & { bodyName: string }> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const { year, head } = await closingYear(deps, body, input.year);
  const actions = (await deps.store.listActions(body.id, year)).map((a) => a.value);
  const asAt = input.asAt ?? (DateTime.fromJSDate(deps.clock(), { zone: body.timeZone }).toISODate() as string);
  const report = yearEndReport(progressReportFromStore(head, actions, asAt, body.timeZone), year, await carriedForward(deps, body.id, year));
  return { ...report, bodyName: body.name };
}

export type LeftOpen = { bodyName: string; year: string; nextYear: string | null; actions: StoredAction[] };

/** Last year's actions still open and not carried forward into the new plan: each needs a coordinator's close. */
export async function leftOpen(deps: ServiceDeps, input: { bodyId: string; year?: string }): Promise<LeftOpen> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const { year } = await closingYear(deps, body, input.year);
  const next = await carriedForward(deps, body.id, year);
  const actions = (await deps.store.listActions(body.id, year)).map((a) => a.value).filter((a) => isOpen(a) && !next?.carriedAs.has(a.ref));
  return { bodyName: body.name, year, nextYear: next?.year ?? null, actions };
}

/**
 * The year-end close: a coordinator (or chair) records an open action's
 * final status, completed or not completed, with the reason. It is an update
 * like any other, authored by them; nothing else is changed.
 */
export async function closeAtYearEnd(
  deps: ServiceDeps,
  input: { bodyId: string; year?: string; ref: string; status: string; reason: string; by: PersonId; source: 'cli' | 'card' },
): Promise<StatusUpdate> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'close actions at the year end');
  const author = [...body.coordinators, ...body.chairs].find((p) => samePerson(p, input.by))!;
  const { year } = await closingYear(deps, body, input.year);
  const ref = input.ref.trim();
  const read = await deps.store.readAction(body.id, actionIdOf(year, ref));
  if (read === null || read.value.removedInVersion !== null) throw new DomainError('action-unknown', `${body.name}'s ${year} plan has no action ${ref}.`);
  const problems: string[] = [];
  const status = input.status.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (status !== 'completed' && status !== 'not-completed') problems.push(`"${input.status.slice(0, 40)}" is not a year-end status: close with completed or not-completed`);
  if (input.reason.trim() === '') problems.push(`say why: the reason goes into the sign-off report ("Action ${ref} – …")`);
  if (!isOpen(read.value)) problems.push(`${ref} is already closed (${read.value.latest?.status ?? read.value.plan.status})`);
  if (problems.length > 0) throw new DomainError('input-invalid', `Cannot close ${ref}: ${problems.join('; ')}.`, { problems });
  const now = deps.clock();
  const checked = checkUpdateDraft({ status, narrative: input.reason, revisedDeadline: null }, now, body.timeZone);
  const update: StatusUpdate = {
    id: `update:${year}:${ref}:${deps.newId()}`,
    bodyId: body.id,
    actionId: read.value.id,
    year,
    ref,
    status: checked.status,
    narrative: checked.narrative,
    revisedDeadline: null,
    author,
    at: now.toISOString(),
    source: input.source,
    basedOn: read.value.latest?.id ?? null,
    planVersion: null,
  };
  await deps.store.createUpdate(update);
  await movePointer(deps, body.id, read.value.id, update, read);
  return update;
}
