import { actionIdOf, type StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { canAdminister, personKey, type Body, type Person } from '../domain/partnership.js';
import { listInWords } from '../domain/in-words.js';
import { checkMayUpdate } from '../domain/update-rules.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';
import { listMyActions } from './list-my-actions.js';

export type ActionToUpdate = { body: Body; year: string; action: StoredAction };

const CLOSED = new Set(['completed', 'not-completed']);

/**
 * An action a person is about to update, refused up front (with who may)
 * when they may not, so nobody fills in a card that can only be refused.
 */
export async function actionForUpdate(deps: ServiceDeps, input: { person: Person; bodyId: string; ref: string; year?: string; orAdministrator?: boolean }): Promise<ActionToUpdate> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const year = planYearFor(body, input.year);
  const read = await deps.store.readAction(body.id, actionIdOf(year, input.ref.trim()));
  if (read === null || read.value.removedInVersion !== null) {
    throw new DomainError('action-unknown', `${body.name}'s ${year} plan has no action ${input.ref.trim()}.`);
  }
  // A coordinator or chair may open any action's card, to record a lead's update for them.
  if (input.orAdministrator !== true || !canAdminister(body, input.person)) checkMayUpdate(body, read.value, input.person);
  return { body, year, action: read.value };
}

/**
 * The action a person means by the number they typed (`update 2.3`), looked
 * for in the plans of the bodies that list them (by a role, or as its chair
 * or coordinator). An unknown number is answered with the numbers they do have.
 */
export async function locateAction(deps: ServiceDeps, input: { person: Person; ref: string }): Promise<ActionToUpdate> {
  const ref = input.ref.trim().replace(/\.$/, '');
  const entry = await deps.store.readPerson(personKey(input.person));
  const plans: string[] = [];
  for (const bodyId of entry?.value.bodies ?? []) {
    const body = await deps.store.readBody(bodyId);
    if (body === null || body.value.currentPlanYear === null || body.value.tenantId !== input.person.tenantId) continue;
    const year = body.value.currentPlanYear;
    plans.push(`${body.value.name}'s ${year} plan`);
    const exists = await deps.store.readAction(bodyId, actionIdOf(year, ref));
    if (exists !== null && exists.value.removedInVersion === null) return { body: body.value, year, action: exists.value };
  }
  if (plans.length === 0) {
    throw new DomainError(
      'action-unknown',
      `There is no action ${ref} for you: no partnership plan maps you to a role yet. Your community safety officer maps roles to people.`,
    );
  }
  const mine = await listMyActions(deps, { person: input.person });
  const refs = mine.flatMap((g) => g.actions.filter((a) => !CLOSED.has(a.action.latest?.status ?? a.action.plan.status)).map((a) => a.action.ref));
  throw new DomainError(
    'action-unknown',
    `There is no action ${ref} in ${listInWords(plans, 'or')}; ${refs.length === 0 ? 'you have no open actions of your own' : `your actions are ${listInWords(refs)}`}.`,
  );
}

/** `locateAction`, refused up front (with who may) when the person may not update it. */
export async function findActionByRef(deps: ServiceDeps, input: { person: Person; ref: string; orAdministrator?: boolean }): Promise<ActionToUpdate> {
  const found = await locateAction(deps, input);
  if (input.orAdministrator !== true || !canAdminister(found.body, input.person)) checkMayUpdate(found.body, found.action, input.person);
  return found;
}
