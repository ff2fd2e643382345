import type { StoredAction } from '../domain/action-record.js';
import { personKey, type Body, type ConversationReference } from '../domain/partnership.js';
import type { Status } from '../domain/status.js';
import { peopleWhoMayUpdate } from '../domain/update-rules.js';
import type { ServiceDeps } from './deps.js';

/**
 * An action as its update card shows it, whoever asks: the lead typing
 * `update 2.3`, or the scheduler's prompt. It is the Teams layer's
 * `UpdateFormView`, so both render with `updateCardData`.
 */
export type ActionCardView = {
  bodyId: string;
  year: string;
  ref: string;
  timeZone: string;
  text: string;
  measure: string;
  deadline: string | null;
  deadlineText: string;
  status: Status;
  /** Id of the latest update, sent back on submit so a stale card is noticed; null when none. */
  latestId: string | null;
  latest: { by: string; at: string; status: Status; narrative: string } | null;
  /** Teams user ids (`29:…`) whose copy of the card refreshes itself. */
  refreshUserIds: string[];
  /** The plan's other columns for this action (budget, risk, notes…), as the plan heads them. */
  extra?: Array<{ title: string; value: string }>;
  /** Last year's action this one carries forward, as people say it: "2016-17 4.7"; null for new work. */
  continues?: string | null;
  /**
   * For a coordinator or chair: whose update they may record (the action's
   * reporters, by Entra id); `self` when they may also record their own
   * (a chair, or one of its reporters). Absent for everyone else.
   */
  recordFor?: { people: Array<{ id: string; name: string }>; self: boolean } | null;
};

export function actionCardView(body: Body, action: StoredAction, refreshUserIds: string[]): ActionCardView {
  const latest = action.latest;
  return {
    bodyId: body.id,
    year: action.year,
    ref: action.ref,
    timeZone: body.timeZone,
    text: action.plan.action,
    measure: action.plan.measure,
    deadline: action.revisedDeadline ?? action.plan.deadline,
    deadlineText: action.plan.deadlineText,
    status: latest?.status ?? action.plan.status,
    latestId: latest?.id ?? null,
    latest: latest === null ? null : { by: latest.author.displayName, at: latest.at, status: latest.status, narrative: latest.narrative },
    refreshUserIds,
    extra: Object.entries(action.plan.extra ?? {})
      .filter(([, value]) => value !== '')
      .map(([title, value]) => ({ title, value })),
    continues: action.continues ? `${action.continues.year} ${action.continues.ref}` : null,
  };
}

/** The Teams user id a personal conversation reference is with (`29:…` in Teams). */
export function teamsUserId(reference: ConversationReference | null | undefined): string | null {
  const id = (reference as { user?: { id?: unknown } } | null | undefined)?.user?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * The Teams user ids of everyone who may update the action and has a chat
 * with the bot (its lead and supporting roles, their delegates, the
 * chairs): their copies of its update card refresh themselves. One point
 * read per person, from the directory.
 */
export async function cardViewers(deps: ServiceDeps, body: Body, action: StoredAction): Promise<string[]> {
  const entries = await Promise.all(peopleWhoMayUpdate(body, action).map((p) => deps.store.readPerson(personKey(p))));
  return entries.map((e) => teamsUserId(e?.value.conversation)).filter((id): id is string => id !== null);
}
