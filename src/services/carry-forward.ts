import { actionIdOf, type Continues, type StoredAction } from '../domain/action-record.js';
import { chooseLinks, previousPlanYear, suggestCarryForward, type CarrySuggestion, type LinkChoice } from '../domain/carry-forward.js';
import { DomainError } from '../domain/errors.js';
import type { PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

export type ShownSuggestion = CarrySuggestion & { action: string; fromAction: string };

/** Both plans' actions as the matcher sees them (removed ones left out), with each action's stored link. */
async function openActions(deps: ServiceDeps, bodyId: string, year: string): Promise<StoredAction[]> {
  return (await deps.store.listActions(bodyId, year)).map((a) => a.value).filter((a) => a.removedInVersion === null);
}

function matchable(a: StoredAction) {
  return { ref: a.ref, action: a.plan.action, outcome: a.plan.outcome };
}

/** The matcher's suggestions for a stored year against the year before it, with both actions' words for a person to check. */
export function showSuggestions(previous: readonly StoredAction[], next: readonly StoredAction[]): ShownSuggestion[] {
  const words = (list: readonly StoredAction[], ref: string) => list.find((a) => a.ref === ref)?.plan.action ?? '';
  return suggestCarryForward(previous.map(matchable), next.map(matchable)).map((s) => ({ ...s, action: words(next, s.ref), fromAction: words(previous, s.from) }));
}

export type CarryForwardResult = {
  year: string;
  previousYear: string;
  /** Every link the year's actions now hold, in ref order. */
  links: Array<{ ref: string; action: string; continues: Continues; fromAction: string }>;
  /** What this run changed. */
  linked: string[];
  unlinked: string[];
};

/**
 * Links a newly imported plan's actions to last year's. The matcher's
 * suggestion is stored for each action nobody has decided on yet; a
 * coordinator's `--link` names or corrects one, `--no-link` refuses one and
 * is remembered (the action's link is then null, so a re-import suggests
 * nothing for it). Every link is checked before anything is written.
 */
export async function carryForward(
  deps: ServiceDeps,
  input: { bodyId: string; year: string; by: PersonId; link?: readonly LinkChoice[]; noLink?: readonly string[] },
): Promise<CarryForwardResult> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'link actions to last year');
  const previousYear = previousPlanYear(input.year);
  const next = await openActions(deps, body.id, input.year);
  if (next.length === 0) throw new DomainError('plan-none', `${body.name} has no ${input.year} plan: import it first.`);
  const years = new Map([[previousYear, await openActions(deps, body.id, previousYear)]]);
  const link = input.link ?? [];
  const noLink = (input.noLink ?? []).map((r) => r.trim());
  const problems: string[] = [];
  for (const choice of link) {
    if (!next.some((a) => a.ref === choice.ref)) problems.push(`--link ${choice.ref}=…: the ${input.year} plan has no action ${choice.ref}.`);
    if (!years.has(choice.from.year)) years.set(choice.from.year, await openActions(deps, body.id, choice.from.year));
    if (!years.get(choice.from.year)!.some((a) => a.ref === choice.from.ref)) {
      problems.push(`--link ${choice.ref}=${choice.from.year}:${choice.from.ref}: the ${choice.from.year} plan has no action ${choice.from.ref}.`);
    }
  }
  for (const ref of noLink) if (!next.some((a) => a.ref === ref)) problems.push(`--no-link ${ref}: the ${input.year} plan has no action ${ref}.`);
  for (const ref of noLink) if (link.some((c) => c.ref === ref)) problems.push(`${ref} is given both --link and --no-link: say one.`);
  if (problems.length > 0) throw new DomainError('input-invalid', problems.length === 1 ? problems[0]! : `${problems.length} problems with the links; nothing was changed.`, { problems });

  const undecided = next.filter((a) => a.continues === undefined);
  const suggested = suggestCarryForward(years.get(previousYear)!.map(matchable), undecided.map(matchable))
    // Last year's action already carried forward by a decided link is not offered again.
    .filter((s) => !next.some((a) => a.continues?.year === previousYear && a.continues.ref === s.from));
  const chosen = chooseLinks(suggested, previousYear, { link, noLink });
  const linked: string[] = [];
  const unlinked: string[] = [];
  for (const action of next) {
    const want = chosen.get(action.ref) ?? (noLink.includes(action.ref) ? null : undefined);
    if (want === undefined || JSON.stringify(want) === JSON.stringify(action.continues)) continue;
    await saveLink(deps, body.id, input.year, action.ref, want);
    (want === null ? unlinked : linked).push(action.ref);
  }
  const after = await openActions(deps, body.id, input.year);
  const words = (c: Continues) => years.get(c.year)?.find((a) => a.ref === c.ref)?.plan.action ?? '';
  const links = after.flatMap((a) => (a.continues ? [{ ref: a.ref, action: a.plan.action, continues: a.continues, fromAction: words(a.continues) }] : []));
  return { year: input.year, previousYear, links, linked, unlinked };
}

async function saveLink(deps: ServiceDeps, bodyId: string, year: string, ref: string, continues: Continues | null): Promise<void> {
  await retryOnConflict(async () => {
    const current = await deps.store.readAction(bodyId, actionIdOf(year, ref));
    if (current === null) throw new DomainError('action-unknown', `Action ${ref} disappeared while linking it.`);
    await deps.store.saveAction({ ...current.value, continues }, current.etag);
  }, `action ${ref}`);
}

/**
 * Each imported year whose previous year is in the store is carried forward
 * from it; the coordinator's links and refusals are for the newest year.
 */
export async function carryEachForward(
  deps: ServiceDeps,
  input: { bodyId: string; years: readonly string[]; by: PersonId; choices: { link: readonly LinkChoice[]; noLink: readonly string[] } },
): Promise<CarryForwardResult[]> {
  const years = [...new Set(input.years)].sort();
  const out: CarryForwardResult[] = [];
  for (const year of years) {
    const newest = year === years.at(-1);
    const hasPrevious = (await deps.store.readPlanHead(input.bodyId, previousPlanYear(year))) !== null;
    if (!hasPrevious && !(newest && input.choices.link.length + input.choices.noLink.length > 0)) continue;
    out.push(await carryForward(deps, { bodyId: input.bodyId, year, by: input.by, ...(newest ? input.choices : {}) }));
  }
  return out;
}

/**
 * The actions a stored action continues, newest year first (a piece of work
 * may run over several plans), at most `years` back.
 */
export async function earlierActions(deps: ServiceDeps, bodyId: string, action: StoredAction, years = 10): Promise<StoredAction[]> {
  const chain: StoredAction[] = [];
  let link = action.continues ?? null;
  while (link !== null && chain.length < years) {
    const earlier = await deps.store.readAction(bodyId, actionIdOf(link.year, link.ref));
    if (earlier === null) break;
    chain.push(earlier.value);
    link = earlier.value.continues ?? null;
  }
  return chain;
}
