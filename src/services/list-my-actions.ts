import type { StoredAction } from '../domain/action-record.js';
import { personKey, rolesOf, type PersonId } from '../domain/partnership.js';
import type { ServiceDeps } from './deps.js';

export type MyAction = {
  action: StoredAction;
  /** The role through which the person holds it, and how. */
  role: string;
  as: 'lead' | 'support';
  /** True when the person acts as the role holder's delegate. */
  delegate: boolean;
};

export type MyActions = Array<{ bodyId: string; bodyName: string; year: string; actions: MyAction[] }>;

/**
 * The open and closed actions a person leads or supports, in every body that
 * maps them to a role: the person's directory entry names the bodies (a
 * point read), then one query per body, never a scan.
 */
export async function listMyActions(deps: ServiceDeps, input: { person: PersonId }): Promise<MyActions> {
  const entry = await deps.store.readPerson(personKey(input.person));
  if (entry === null) return [];
  const result: MyActions = [];
  for (const bodyId of entry.value.bodies) {
    const body = await deps.store.readBody(bodyId);
    if (body === null || body.value.currentPlanYear === null || body.value.tenantId !== input.person.tenantId) continue;
    const roles = rolesOf(body.value, input.person);
    if (roles.length === 0) continue;
    const own = new Set(body.value.roles.filter((r) => roles.includes(r.key) && r.person.aadObjectId.toLowerCase() === input.person.aadObjectId.toLowerCase()).map((r) => r.key.toLowerCase()));
    const keys = new Set(roles.map((r) => r.toLowerCase()));
    const actions: MyAction[] = [];
    for (const { value: action } of await deps.store.listActions(body.value.id, body.value.currentPlanYear)) {
      if (action.removedInVersion !== null) continue;
      const lead = action.plan.lead;
      const role = lead !== null && keys.has(lead.toLowerCase()) ? lead : action.plan.support.find((s) => keys.has(s.toLowerCase()));
      if (role === undefined) continue;
      actions.push({ action, role, as: role === lead ? 'lead' : 'support', delegate: !own.has(role.toLowerCase()) });
    }
    result.push({ bodyId: body.value.id, bodyName: body.value.name, year: body.value.currentPlanYear, actions });
  }
  return result;
}
