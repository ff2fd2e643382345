import type { StoredAction } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { requireBody, type ServiceDeps } from './deps.js';

export type RolledUp = Array<{ pcgId: string; pcgName: string; year: string; actions: StoredAction[] }>;

/**
 * The `*CSP action` actions of a CSP's PCGs: they belong to each PCG's plan
 * (and partition) and roll up to the CSP. One query per PCG, each on its
 * partition key.
 */
export async function cspRollup(deps: ServiceDeps, input: { cspId: string }): Promise<RolledUp> {
  const { value: csp } = await requireBody(deps.store, input.cspId);
  if (csp.kind !== 'csp') throw new DomainError('input-invalid', `${csp.name} is a PCG; roll-ups are for a CSP.`);
  const result: RolledUp = [];
  for (const pcgId of csp.memberIds) {
    const pcg = await deps.store.readBody(pcgId);
    if (pcg === null || pcg.value.currentPlanYear === null) continue;
    const actions = (await deps.store.listActions(pcgId, pcg.value.currentPlanYear)).map((a) => a.value).filter((a) => a.plan.cspAction && a.removedInVersion === null);
    result.push({ pcgId, pcgName: pcg.value.name, year: pcg.value.currentPlanYear, actions });
  }
  return result;
}
