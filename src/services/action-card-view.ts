import type { StoredAction } from '../domain/action-record.js';
import type { Body } from '../domain/partnership.js';
import type { Status } from '../domain/status.js';

/**
 * An action as its update card shows it, whoever asks: the lead typing
 * `update 2.3`, or the scheduler's prompt. The Teams layer's
 * `UpdateFormView` has this shape, so both render with `updateCardData`.
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
  };
}
