import { createHash } from 'node:crypto';
import { actionIdOf, type EnteredBy, type StatusUpdate, type StoredAction, type UpdateSource } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import type { Body, Person } from '../domain/partnership.js';
import { checkMayUpdate, checkNotStale, checkUpdateDraft, repeatsLatest, withLatest } from '../domain/update-rules.js';
import { planYearFor, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';
import { isStoreUnavailable, storeUnavailable } from './store-unavailable.js';

export type RecordUpdateInput = {
  bodyId: string;
  ref: string;
  /** The plan year; default the body's current plan. */
  year?: string;
  status: string;
  narrative: string;
  revisedDeadline?: string | null;
  author: Person;
  source: Exclude<UpdateSource, 'import'>;
  /** Who typed it in for the author (the CLI's operator); unset: the author did. */
  enteredBy?: EnteredBy | null;
  /** The latest update id the author saw (null: none). Undefined: not known (a typed command); no stale check. */
  basedOn?: string | null;
  /** The author saw the newer update and wants theirs recorded anyway. */
  confirmStale?: boolean;
  /**
   * A retry of the same submission (e.g. the Teams activity id) writes once. Unused when `basedOn`
   * is known (a card): there the submission is its words and the update they answer (`submissionKey`).
   */
  submissionId?: string;
};

export type RecordUpdateResult = {
  /** The body as this update was checked against. */
  body: Body;
  update: StatusUpdate;
  /** The action after the update: its latest pointer is this update unless a newer one landed meanwhile. */
  action: StoredAction;
  /** True when this submission had been recorded before (a retry): nothing new was written. */
  alreadyRecorded: boolean;
};

/**
 * Records a status update. Every rule is checked before anything is written,
 * so a refused update leaves the store as it was. The update is its own
 * immutable document; then the action's pointer to the latest moves by etag.
 * Concurrent updates all land: a writer that loses the race re-reads and
 * moves the pointer only if its update is newer.
 *
 * Store requests without contention: body read, action read, update create,
 * action replace (4); 3 when the body comes from a cache (`withBodyCache`).
 */
export async function recordUpdate(deps: ServiceDeps, input: RecordUpdateInput): Promise<RecordUpdateResult> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const actionId = actionIdOf(year, input.ref.trim());
  let read = await deps.store.readAction(body.id, actionId);
  if (read === null || read.value.removedInVersion !== null) {
    throw new DomainError('action-unknown', `${body.name}'s ${year} plan has no action ${input.ref.trim()}.`);
  }
  checkMayUpdate(body, read.value, input.author);
  const now = deps.clock();
  const checked = checkUpdateDraft(input, now, body.timeZone);
  const key = input.basedOn === undefined ? (input.submissionId ?? deps.newId()) : submissionKey({ ...checked, basedOn: input.basedOn, author: input.author, enteredBy: input.enteredBy ?? null });
  const id = `update:${year}:${read.value.ref}:${key}`;
  // A retry of a submission that landed whole although its answer was lost: the pointer is already on it.
  if (read.value.latest?.id === id) return { body, update: read.value.latest, action: read.value, alreadyRecorded: true };
  // Typed (no card): the same words pasted twice, or re-sent under a new activity id, are recorded once.
  if (input.basedOn === undefined && repeatsLatest(read.value, { ...checked, author: input.author, enteredBy: input.enteredBy ?? null }, now, body.timeZone)) {
    return { body, update: read.value.latest!, action: read.value, alreadyRecorded: true };
  }
  checkNotStale(read.value, input.basedOn, input.confirmStale === true, body.timeZone);

  const update: StatusUpdate = {
    id,
    bodyId: body.id,
    actionId,
    year,
    ref: read.value.ref,
    status: checked.status,
    narrative: checked.narrative,
    revisedDeadline: checked.revisedDeadline,
    author: input.author,
    at: now.toISOString(),
    source: input.source,
    basedOn: input.basedOn ?? read.value.latest?.id ?? null,
    planVersion: null,
    ...(input.enteredBy ? { enteredBy: input.enteredBy } : {}),
  };
  try {
    if ((await deps.store.createUpdate(update)) === 'exists') {
      // A retry of a submission already written: finish its pointer move (a no-op if it was done) and report it.
      const earlier = await deps.store.readUpdate(body.id, update.id);
      if (earlier !== null) {
        const action = await movePointer(deps, body.id, actionId, earlier, null);
        return { body, update: earlier, action, alreadyRecorded: true };
      }
    }
    const action = await movePointer(deps, body.id, actionId, update, read);
    return { body, update, action, alreadyRecorded: false };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return { body, ...(await settle(deps, update, error)), alreadyRecorded: false };
  }
}

/**
 * A card submission's identity: the same person's same words, answering the
 * same update. Pressing the card's button again (a new Teams activity, so a
 * new activity id) after an answer that said "not saved" or "may not be
 * complete" is then a retry, found by its id: it finishes an update that had
 * landed instead of writing a second. Different words, or an answer to a
 * newer update (next month's "no change"), are a new update.
 */
function submissionKey(submission: { author: Person; enteredBy: EnteredBy | null; basedOn: string | null; status: string; narrative: string; revisedDeadline: string | null }): string {
  const { author, enteredBy, basedOn, status, narrative, revisedDeadline } = submission;
  return createHash('sha256').update(JSON.stringify([author, enteredBy, basedOn, status, narrative, revisedDeadline])).digest('base64url').slice(0, 32);
}

/**
 * After a store failure part-way through a write, nothing may stay
 * half-written: the create may have landed although its answer was lost, or
 * the pointer move may have failed after it. If the update is in the store,
 * its pointer move is finished (it is recorded, as the person will be told);
 * if it is not, nothing was written and the person is told to try again.
 */
async function settle(deps: ServiceDeps, update: StatusUpdate, failure: unknown): Promise<{ update: StatusUpdate; action: StoredAction }> {
  let written: StatusUpdate | null;
  try {
    written = await deps.store.readUpdate(update.bodyId, update.id);
    if (written !== null) return { update: written, action: await movePointer(deps, update.bodyId, update.actionId, written, null) };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'store-unavailable',
      `The partnership’s data store stopped answering while your update to ${update.ref} was being saved, so it may not be complete. Type **history ${update.ref}** in a minute to see whether it is there before trying again.`,
      { cause: error },
    );
  }
  throw isStoreUnavailable(failure) ? storeUnavailable(failure) : failure;
}

/** Moves an action's latest pointer to `update` if it is newer, retrying on etag conflicts. */
export async function movePointer(
  deps: ServiceDeps,
  bodyId: string,
  actionId: string,
  update: StatusUpdate,
  firstRead: { value: StoredAction; etag: string } | null,
): Promise<StoredAction> {
  let read = firstRead;
  return retryOnConflict(async () => {
    const current = read ?? (await deps.store.readAction(bodyId, actionId));
    read = null;
    if (current === null) throw new DomainError('action-unknown', `Action ${update.ref} disappeared while recording an update.`);
    const next = withLatest(current.value, update);
    if (next === null) return current.value;
    return (await deps.store.saveAction(next, current.etag)).value;
  }, `action ${update.ref}`);
}
