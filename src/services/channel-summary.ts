import { DateTime } from 'luxon';
import { chasedFromStored } from '../domain/due-messages.js';
import { roleHolder, type Body } from '../domain/partnership.js';
import type { Status } from '../domain/status.js';
import type { ServiceDeps } from './deps.js';
import { findBodyByChannel } from './link-channel.js';

export type ChannelSummary = {
  body: Body;
  year: string;
  asOf: string;
  priorities: Array<{ number: number; title: string; counts: Partial<Record<Status, number>> }>;
  overdue: Array<{ ref: string; text: string; lead: string; deadline: string; status: Status }>;
};

const CLOSED: ReadonlySet<Status> = new Set(['completed', 'not-completed']);

/**
 * The summary for the body linked to a channel: counts by status per
 * priority and the open actions past their due date (a revised deadline
 * wins), "today" being the body's local date. Null when the channel is not
 * linked or the body has no plan yet. Anyone in the channel may read it.
 */
export async function channelSummary(deps: ServiceDeps, input: { conversationId: string }): Promise<ChannelSummary | null> {
  const body = await findBodyByChannel(deps, input);
  if (body === null || body.currentPlanYear === null) return null;
  const now = deps.clock();
  const today = DateTime.fromJSDate(now, { zone: body.timeZone }).toISODate()!;
  const priorities = new Map<number, ChannelSummary['priorities'][number]>();
  const overdue: ChannelSummary['overdue'] = [];
  for (const { value: action } of await deps.store.listActions(body.id, body.currentPlanYear)) {
    const chased = chasedFromStored(action);
    if (chased === null) continue;
    let p = priorities.get(action.priority.number);
    if (p === undefined) {
      p = { number: action.priority.number, title: action.priority.title, counts: {} };
      priorities.set(action.priority.number, p);
    }
    p.counts[chased.status] = (p.counts[chased.status] ?? 0) + 1;
    if (chased.due !== null && chased.due < today && !CLOSED.has(chased.status)) {
      const holder = chased.lead === null ? undefined : roleHolder(body, chased.lead);
      const lead = chased.lead === null ? 'no lead named' : holder === undefined ? chased.lead : `${chased.lead} (${holder.person.displayName})`;
      overdue.push({ ref: action.ref, text: action.plan.action, lead, deadline: chased.due, status: chased.status });
    }
  }
  return { body, year: body.currentPlanYear, asOf: now.toISOString(), priorities: [...priorities.values()].sort((a, b) => a.number - b.number), overdue };
}
