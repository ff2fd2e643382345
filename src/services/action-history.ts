import { actionIdOf, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { earlierActions } from './carry-forward.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';

export type ActionHistory = {
  bodyName: string;
  timeZone: string;
  action: StoredAction;
  updates: StatusUpdate[];
  /** The actions of earlier plans it continues, newest year first, each with its own updates under its own ref. */
  earlier: Array<{ action: StoredAction; updates: StatusUpdate[] }>;
};

/** Every update of an action, oldest first: the audit trail, with last year's when it was carried forward. Anyone may read it. */
export async function actionHistory(deps: ServiceDeps, input: { bodyId: string; ref: string; year?: string }): Promise<ActionHistory> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const actionId = actionIdOf(year, input.ref.trim());
  const action = await deps.store.readAction(body.id, actionId);
  if (action === null) throw new DomainError('action-unknown', `${body.name}'s ${year} plan has no action ${input.ref.trim()}.`);
  const updates = await deps.store.listUpdates(body.id, actionId);
  const earlier = await Promise.all(
    (await earlierActions(deps, body.id, action.value)).map(async (a) => ({ action: a, updates: await deps.store.listUpdates(body.id, a.id) })),
  );
  return { bodyName: body.name, timeZone: body.timeZone, action: action.value, updates, earlier };
}
