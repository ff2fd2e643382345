import { DateTime } from 'luxon';
import type { StatusUpdate, StoredAction } from '../domain/action-record.js';
import { bodyChaseSettings } from '../domain/chase-settings.js';
import { roundOpensAt } from '../domain/due-messages.js';
import { meetingSummary, type MeetingSummary } from '../domain/meeting-summary.js';
import type { Body } from '../domain/partnership.js';
import { cspRollup } from './csp-rollup.js';
import type { ServiceDeps } from './deps.js';
import { findBodyByChannel } from './link-channel.js';

export type ChairSummary = {
  body: Body;
  year: string;
  summary: MeetingSummary;
  /** Every body whose actions the summary holds, by id: a CSP's PCGs name their own leads. */
  bodies: ReadonlyMap<string, Body>;
};

/**
 * The chair's pre-meeting summary for a body (or the body linked to a channel), for its
 * next meeting (or none), as of `at` (default now): a summary the scheduler
 * sends for a slot is computed as of that slot, never the wall clock. Every read is on one body's partition: a CSP adds
 * its PCGs' `*CSP action` actions through the roll-up. Null when the channel
 * is not linked or the body has no plan yet.
 */
export async function chairSummary(deps: ServiceDeps, input: ({ conversationId: string } | { bodyId: string }) & { at?: Date }): Promise<ChairSummary | null> {
  const body = 'bodyId' in input ? ((await deps.store.readBody(input.bodyId))?.value ?? null) : await findBodyByChannel(deps, input);
  if (body === null) return null;
  // A CSP may hold no plan of its own: its summary is then its PCGs' rolled-up actions.
  const rolled = body.kind === 'csp' ? await cspRollup(deps, { cspId: body.id }) : [];
  const year = body.currentPlanYear ?? rolled[0]?.year ?? null;
  if (year === null) return null;
  const now = input.at ?? deps.clock();
  // Meetings are local date-times in the body's zone, so "now" is compared as one too.
  const localNow = DateTime.fromJSDate(now, { zone: body.timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
  const upcoming = body.meetings.findIndex((m) => m >= localNow);
  const meeting = upcoming < 0 ? null : body.meetings[upcoming]!;
  const past = upcoming < 0 ? body.meetings : body.meetings.slice(0, upcoming);
  const previousMeeting = past[past.length - 1] ?? null;
  const settings = bodyChaseSettings(body);
  const roundOpenedAt = meeting === null ? null : roundOpensAt(meeting, settings);

  const actions: StoredAction[] = body.currentPlanYear === null ? [] : (await deps.store.listActions(body.id, body.currentPlanYear)).map((a) => a.value);
  const bodies = new Map<string, Body>([[body.id, body]]);
  for (const pcg of rolled) {
    actions.push(...pcg.actions);
    const member = await deps.store.readBody(pcg.pcgId);
    if (member !== null) bodies.set(pcg.pcgId, member.value);
  }
  const since = previousMeeting === null ? null : DateTime.fromISO(previousMeeting, { zone: body.timeZone }).toUTC().toISO();
  const updates = await summaryUpdates(deps, actions, since);
  return {
    body,
    year,
    bodies,
    summary: meetingSummary({ now, timeZone: body.timeZone, meeting, previousMeeting, roundOpenedAt, actions, updates }),
  };
}

/**
 * The updates a summary needs, two queries per body whatever its size: every
 * update since the previous meeting (what changed), and for the actions that
 * changed, how they stood at it (the newest update by then and the newest
 * revised deadline by then). A CSP's PCGs are each read on their own partition.
 */
async function summaryUpdates(deps: ServiceDeps, actions: readonly StoredAction[], since: string | null): Promise<StatusUpdate[]> {
  const wanted = new Map<string, Set<string>>();
  for (const action of actions) {
    if (action.removedInVersion !== null) continue;
    const key = `${action.bodyId}\u0000${action.year}`;
    wanted.set(key, (wanted.get(key) ?? new Set()).add(action.id));
  }
  const updates: StatusUpdate[] = [];
  for (const [key, ids] of wanted) {
    const [bodyId, year] = key.split('\u0000') as [string, string];
    const recent = (await deps.store.listUpdatesFrom(bodyId, year, since)).filter((u) => ids.has(u.actionId));
    updates.push(...recent);
    if (since === null || recent.length === 0) continue;
    const changed = [...new Set(recent.map((u) => u.actionId))];
    const recentIds = new Set(recent.map((u) => u.id));
    updates.push(...(await deps.store.updatesAsAt(bodyId, year, changed, since)).filter((u) => !recentIds.has(u.id)));
  }
  return updates;
}
