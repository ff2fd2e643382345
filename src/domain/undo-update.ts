import type { StatusUpdate, StoredAction } from './action-record.js';
import { DomainError } from './errors.js';
import { samePerson, type PersonId } from './partnership.js';
import type { Status } from './status.js';
import { isNewer } from './update-rules.js';

/**
 * Undo of a typed update: for a few minutes its author may take it back.
 * Nothing is deleted: the undo is a correcting update that restores the
 * status and narrative the action had before, so the history shows both.
 */
export const UNDO_MINUTES = 10;

/** The instant after which `update` can no longer be undone. */
export function undoUntil(update: Pick<StatusUpdate, 'at'>): string {
  return new Date(Date.parse(update.at) + UNDO_MINUTES * 60_000).toISOString();
}

/** The id of the update that undoes `undoneId`: one per undone update, so a repeated press writes once. */
export function correctionIdOf(undoneId: string): string {
  return `${undoneId}:undo`;
}

/**
 * What the correcting update restores: the newest update before the undone
 * one, else what the plan said. Refused when someone else asks, when the
 * few minutes are over, or when a newer update has landed since.
 */
export function correctionFor(
  action: StoredAction,
  undone: StatusUpdate,
  updates: readonly StatusUpdate[],
  by: PersonId,
  now: Date,
): { status: Status; narrative: string; restoresAt: string | null } {
  if (!samePerson(undone.author, by)) {
    throw new DomainError('undo-not-allowed', `Only ${undone.author.displayName}, who recorded it, can undo this update to action ${action.ref}.`);
  }
  if (now.toISOString() > undoUntil(undone)) {
    throw new DomainError('undo-too-late', `The update to action ${action.ref} can be undone for ${UNDO_MINUTES} minutes only; record a new update instead, e.g. **update ${action.ref}**.`);
  }
  if (action.latest !== null && action.latest.id !== undone.id) {
    throw new DomainError('undo-superseded', `Action ${action.ref} has a newer update than the one you would undo, so it stays; record a new update instead, e.g. **update ${action.ref}**.`);
  }
  let previous: StatusUpdate | null = null;
  for (const u of updates) {
    if (u.id !== undone.id && isNewer(undone, u) && isNewer(u, previous)) previous = u;
  }
  return previous === null
    ? { status: action.plan.status, narrative: action.plan.update, restoresAt: null }
    : { status: previous.status, narrative: previous.narrative, restoresAt: previous.at };
}

/**
 * The Undo a card may offer for `update` at `now`, or null: never for an
 * undo, nor for an update that revised the deadline, nor for one entered
 * for someone else (the rule is the author's, and the one who typed it in is
 * not); and only while its minutes last and it is still the action's latest.
 */
export function undoOffer(update: StatusUpdate, action: Pick<StoredAction, 'latest'>, now: Date): { updateId: string; until: string } | null {
  if (update.source === 'undo' || update.revisedDeadline !== null || update.enteredBy) return null;
  const until = undoUntil(update);
  if (now.toISOString() > until || (action.latest !== null && action.latest.id !== update.id)) return null;
  return { updateId: update.id, until };
}

/**
 * Whether an action's updates answer something sent at `since` (UTC ms): an
 * update written since, and not taken back by an undo. An undo restores the
 * action as it was, so it is no answer of its own.
 */
export function answeredSince(updates: readonly StatusUpdate[], since: number): boolean {
  const undone = new Set(updates.filter((u) => u.source === 'undo').map((u) => u.basedOn));
  return updates.some((u) => u.source !== 'undo' && Date.parse(u.at) >= since && !undone.has(u.id));
}
