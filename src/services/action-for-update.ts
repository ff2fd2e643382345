import { actionIdOf, type StoredAction } from '../domain/action-record.js';
import { sameRef } from '../domain/action-refs.js';
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

/** The current plans of the bodies that list a person (by a role, or as its chair or coordinator). */
async function plansOf(deps: ServiceDeps, person: Person): Promise<Array<{ body: Body; year: string }>> {
  const entry = await deps.store.readPerson(personKey(person));
  const plans: Array<{ body: Body; year: string }> = [];
  for (const bodyId of entry?.value.bodies ?? []) {
    const body = await deps.store.readBody(bodyId);
    if (body === null || body.value.currentPlanYear === null || body.value.tenantId !== person.tenantId) continue;
    plans.push({ body: body.value, year: body.value.currentPlanYear });
  }
  return plans;
}

async function liveActions(deps: ServiceDeps, plan: { body: Body; year: string }): Promise<StoredAction[]> {
  return (await deps.store.listActions(plan.body.id, plan.year)).map((s) => s.value).filter((a) => a.removedInVersion === null);
}

/**
 * The refs of every action in the person's plans: what a typed message may
 * start with when a plan numbers its actions its own way ("R1", "DAB 1").
 */
export async function refsInPlansOf(deps: ServiceDeps, person: Person): Promise<string[]> {
  const refs: string[] = [];
  for (const plan of await plansOf(deps, person)) refs.push(...(await liveActions(deps, plan)).map((a) => a.ref));
  return refs;
}

/**
 * The action a person means by the number they typed (`update 2.3`,
 * `history dab1`), looked for in the plans of the bodies that list them: as
 * written first, then as people type refs (any case, with or without the
 * space in "DAB 1"). An unknown number is answered with the numbers they do have.
 */
export async function locateAction(deps: ServiceDeps, input: { person: Person; ref: string }): Promise<ActionToUpdate> {
  const ref = input.ref.trim().replace(/\.$/, '');
  const plans = await plansOf(deps, input.person);
  for (const { body, year } of plans) {
    const exists = await deps.store.readAction(body.id, actionIdOf(year, ref));
    if (exists !== null && exists.value.removedInVersion === null) return { body, year, action: exists.value };
  }
  for (const plan of plans) {
    const typed = (await liveActions(deps, plan)).find((a) => sameRef(ref, a.ref));
    if (typed !== undefined) return { ...plan, action: typed };
  }
  if (plans.length === 0) {
    throw new DomainError(
      'action-unknown',
      `There is no action ${ref} for you: no partnership plan maps you to a role yet. Your community safety officer maps roles to people.`,
    );
  }
  const mine = await listMyActions(deps, { person: input.person });
  const refs = mine.flatMap((g) => g.actions.filter((a) => !CLOSED.has(a.action.latest?.status ?? a.action.plan.status)).map((a) => a.action.ref));
  const where = plans.map((p) => `${p.body.name}'s ${p.year} plan`);
  throw new DomainError(
    'action-unknown',
    `There is no action ${ref} in ${listInWords(where, 'or')}; ${refs.length === 0 ? 'you have no open actions of your own' : `your actions are ${listInWords(refs)}`}.`,
  );
}

/** `locateAction`, refused up front (with who may) when the person may not update it. */
export async function findActionByRef(deps: ServiceDeps, input: { person: Person; ref: string; orAdministrator?: boolean }): Promise<ActionToUpdate> {
  const found = await locateAction(deps, input);
  if (input.orAdministrator !== true || !canAdminister(found.body, input.person)) checkMayUpdate(found.body, found.action, input.person);
  return found;
}
