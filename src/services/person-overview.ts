import { DateTime } from 'luxon';
import { compareRefs } from '../domain/action-refs.js';
import type { StoredAction } from '../domain/action-record.js';
import { isChair, isCoordinator, personKey, roleHolder, type Body, type Person } from '../domain/partnership.js';
import { isClosed, type Status } from '../domain/status.js';
import { addDays, daysBetween } from '../domain/working-time.js';
import type { ServiceDeps } from './deps.js';
import { listMyActions } from './list-my-actions.js';

/** The bodies a person chairs (or coordinates, with `orCoordinates`), from their directory entry: one point read each. */
export async function bodiesRunBy(deps: ServiceDeps, person: Person, orCoordinates = false): Promise<Body[]> {
  const entry = await deps.store.readPerson(personKey(person));
  const bodies: Body[] = [];
  for (const bodyId of entry?.value.bodies ?? []) {
    const body = (await deps.store.readBody(bodyId))?.value;
    if (body === undefined || body.tenantId !== person.tenantId) continue;
    if (isChair(body, person) || (orCoordinates && isCoordinator(body, person))) bodies.push(body);
  }
  return bodies;
}

export type WatchLine = { ref: string; text: string; lead: string; deadline: string; status: Status; days: number };
export type WatchGroup = { bodyName: string; timeZone: string; whose: 'yours' | 'chaired'; lines: WatchLine[] };

/** How many days ahead `due` looks. */
export const DUE_DAYS_AHEAD = 30;

function leadOf(body: Body, action: StoredAction): string {
  const key = action.plan.lead;
  if (key === null) return 'no lead named';
  const holder = roleHolder(body, key);
  return holder === undefined ? key : `${key} (${holder.person.displayName})`;
}

/** An open action's line when it is overdue (days late) or due within the window (days left), as of `now` in the body's zone. */
function watchLine(body: Body, action: StoredAction, today: string, which: 'overdue' | 'due'): WatchLine | null {
  const status = action.latest?.status ?? action.plan.status;
  const deadline = action.revisedDeadline ?? action.plan.deadline;
  if (action.removedInVersion !== null || isClosed(status) || deadline === null) return null;
  const left = daysBetween(today, deadline);
  const wanted = which === 'overdue' ? left < 0 : left >= 0 && deadline <= addDays(today, DUE_DAYS_AHEAD);
  if (!wanted) return null;
  return { ref: action.ref, text: action.plan.action, lead: leadOf(body, action), deadline, status, days: Math.abs(left) };
}

const byDeadline = (a: WatchLine, b: WatchLine) => a.deadline.localeCompare(b.deadline) || compareRefs(a.ref, b.ref);

/**
 * `overdue` and `due` for a person: their own open actions, then, for each
 * body they chair, every open action of its plan. Each body's calendar day
 * is its own zone's. Reads: the person's actions as `my actions` does, and
 * one query per chaired body.
 */
export async function watchList(deps: ServiceDeps, person: Person, which: 'overdue' | 'due'): Promise<WatchGroup[]> {
  const now = deps.clock();
  const groups: WatchGroup[] = [];
  const todayIn = (body: Body) => DateTime.fromJSDate(now, { zone: body.timeZone }).toISODate()!;
  for (const mine of await listMyActions(deps, { person })) {
    const body = (await deps.store.readBody(mine.bodyId))?.value;
    if (body === undefined) continue;
    const lines = mine.actions.map((a) => watchLine(body, a.action, todayIn(body), which)).filter((l): l is WatchLine => l !== null);
    groups.push({ bodyName: body.name, timeZone: body.timeZone, whose: 'yours', lines: lines.sort(byDeadline) });
  }
  for (const body of await bodiesRunBy(deps, person)) {
    if (body.currentPlanYear === null) continue;
    const actions = await deps.store.listActions(body.id, body.currentPlanYear);
    const lines = actions.map((a) => watchLine(body, a.value, todayIn(body), which)).filter((l): l is WatchLine => l !== null);
    groups.push({ bodyName: body.name, timeZone: body.timeZone, whose: 'chaired', lines: lines.sort(byDeadline) });
  }
  return groups;
}
