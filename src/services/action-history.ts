import { actionIdOf, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';

export type ActionHistory = { bodyName: string; timeZone: string; action: StoredAction; updates: StatusUpdate[] };

/** Every update of an action, oldest first: the audit trail. Anyone may read it. */
export async function actionHistory(deps: ServiceDeps, input: { bodyId: string; ref: string; year?: string }): Promise<ActionHistory> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const actionId = actionIdOf(year, input.ref.trim());
  const action = await deps.store.readAction(body.id, actionId);
  if (action === null) throw new DomainError('action-unknown', `${body.name}'s ${year} plan has no action ${input.ref.trim()}.`);
  const updates = await deps.store.listUpdates(body.id, actionId);
  return { bodyName: body.name, timeZone: body.timeZone, action: action.value, updates };
}
