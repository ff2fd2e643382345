import { highlightReport, type HighlightReport, type HighlightSource } from '../domain/highlight-report.js';
import { DomainError } from '../domain/errors.js';
import type { Body } from '../domain/partnership.js';
import { cspRollup } from './csp-rollup.js';
import { planYearFor, requireBody, type ServiceDeps } from './deps.js';

/** A period longer than this is a year-end report's job, not a highlight report's. */
const MAX_DAYS = 400;

/**
 * The highlight report of a period: for a PCG its plan's actions, for a CSP
 * its PCGs' `*CSP action`s, one section per PCG. Each action's updates are
 * read on its own partition key (one query per action).
 */
export async function highlightsOf(deps: ServiceDeps, input: { bodyId: string; from: string; to: string; year?: string }): Promise<HighlightReport> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
  if (!(days >= 0)) throw new DomainError('input-invalid', `The period ${input.from} to ${input.to} ends before it starts: give --from before --to.`);
  if (days > MAX_DAYS) throw new DomainError('input-invalid', `The period ${input.from} to ${input.to} is ${Math.round(days)} days; a highlight report covers at most ${MAX_DAYS} (use export --year-end for a whole year).`);
  const sources = body.kind === 'csp' ? await cspSources(deps, body) : [await pcgSource(deps, body, planYearFor(body, input.year))];
  return highlightReport(`${body.name}: activities and achievements`, input.from, input.to, body.timeZone, sources);
}

async function pcgSource(deps: ServiceDeps, body: Body, year: string): Promise<HighlightSource> {
  const head = await deps.store.readPlanHead(body.id, year);
  if (head === null) throw new DomainError('plan-none', `${body.name} has no ${year} plan: import it first.`);
  const actions = (await deps.store.listActions(body.id, year)).map((a) => a.value);
  return { heading: `${body.name}, ${head.value.title}`, priorities: head.value.priorities, actions: await withUpdates(deps, body.id, actions) };
}

async function cspSources(deps: ServiceDeps, csp: Body): Promise<HighlightSource[]> {
  const sources: HighlightSource[] = [];
  for (const pcg of await cspRollup(deps, { cspId: csp.id })) {
    const head = await deps.store.readPlanHead(pcg.pcgId, pcg.year);
    if (head === null) continue;
    sources.push({ heading: `${pcg.pcgName}: *CSP actions of the ${pcg.year} plan`, priorities: head.value.priorities, actions: await withUpdates(deps, pcg.pcgId, pcg.actions) });
  }
  return sources;
}

async function withUpdates(deps: ServiceDeps, bodyId: string, actions: HighlightSource['actions'][number]['action'][]): Promise<HighlightSource['actions']> {
  return Promise.all(actions.map(async (action) => ({ action, updates: await deps.store.listUpdates(bodyId, action.id) })));
}
