import { actionIdOf, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import type { Person } from '../domain/partnership.js';
import { correctionFor, correctionIdOf } from '../domain/undo-update.js';
import { checkMayUpdate } from '../domain/update-rules.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';
import { movePointer } from './record-update.js';

export type UndoResult = { update: StatusUpdate; action: StoredAction; undone: StatusUpdate };

/**
 * Takes back a typed update within its few minutes by recording a correcting
 * update (source `undo`) that restores the status and narrative before it.
 * The undone update stays in the history. Pressing Undo twice writes once:
 * the correction's id is derived from the undone update's.
 *
 * Store requests: body, action, the undone update, the correction (exists?),
 * the action's updates, then create and the pointer move.
 */
export async function undoUpdate(deps: ServiceDeps, input: { bodyId: string; year?: string; ref: string; updateId: string; by: Person }): Promise<UndoResult> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const actionId = actionIdOf(year, input.ref.trim());
  const read = await deps.store.readAction(body.id, actionId);
  const undone = await deps.store.readUpdate(body.id, input.updateId);
  if (read === null || undone === null || undone.actionId !== actionId) {
    throw new DomainError('action-unknown', `There is no such update to action ${input.ref.trim()} to undo.`);
  }
  const earlier = await deps.store.readUpdate(body.id, correctionIdOf(undone.id));
  if (earlier !== null) return { update: earlier, action: await movePointer(deps, body.id, actionId, earlier, null), undone };
  checkMayUpdate(body, read.value, input.by);
  const now = deps.clock();
  const restored = correctionFor(read.value, undone, await deps.store.listUpdates(body.id, actionId), input.by, now);
  const update: StatusUpdate = {
    id: correctionIdOf(undone.id),
    bodyId: body.id,
    actionId,
    year,
    ref: read.value.ref,
    status: restored.status,
    narrative: restored.narrative,
    revisedDeadline: null,
    author: input.by,
    at: now.toISOString(),
    source: 'undo',
    basedOn: undone.id,
    planVersion: null,
    restoresAt: restored.restoresAt,
  };
  if ((await deps.store.createUpdate(update)) === 'exists') {
    const written = await deps.store.readUpdate(body.id, update.id);
    if (written !== null) return { update: written, action: await movePointer(deps, body.id, actionId, written, null), undone };
  }
  return { update, action: await movePointer(deps, body.id, actionId, update, read), undone };
}
