import type { PlanChanges } from '../domain/action-record.js';
import { previousPlanYear, suggestCarryForward, type LinkChoice } from '../domain/carry-forward.js';
import { DomainError } from '../domain/errors.js';
import { personKey, type Body, type Person } from '../domain/partnership.js';
import { diffPlan } from '../domain/plan-changes.js';
import { chooseYears, type PlanYearChoice } from '../domain/plan-year.js';
import { planActions, type Plan } from '../domain/plan.js';
import { carryEachForward, type CarryForwardResult, type ShownSuggestion } from './carry-forward.js';
import { requireAdministrator, requireBody, type ServiceDeps } from './deps.js';
import { importPlan, type ImportPlanResult } from './import-plan.js';
import { bodiesRunBy } from './person-overview.js';

/**
 * The bodies a person may import a plan into: those they coordinate or
 * chair. Anyone else is told who may, by name, for the bodies they belong to.
 */
export async function bodiesToImportInto(deps: ServiceDeps, person: Person): Promise<Body[]> {
  const run = await bodiesRunBy(deps, person, true);
  if (run.length > 0) return run;
  const entry = await deps.store.readPerson(personKey(person));
  const theirs: Body[] = [];
  for (const id of entry?.value.bodies ?? []) {
    const body = (await deps.store.readBody(id))?.value;
    if (body !== undefined && body.tenantId === person.tenantId) theirs.push(body);
  }
  if (theirs.length === 0) {
    throw new DomainError('not-allowed', 'Only a partnership body’s coordinators and chairs can import its plan, and you are not named in any body on record: ask your community safety officer to import it.');
  }
  const who = theirs.map((b) => {
    const names = [...b.coordinators.map((c) => `${c.displayName} (coordinator)`), ...b.chairs.map((c) => `${c.displayName} (chair)`)];
    return `${b.name}: ${names.join(', ') || 'no coordinator or chair set'}`;
  });
  throw new DomainError('not-allowed', `Only a body’s coordinators and chairs can import its plan, so nothing was read or changed. Send the file to one of them: ${who.join('; ')}.`);
}

export type PlanPreview = {
  year: string;
  /** How the year was chosen (its title, its deadlines, today, or the coordinator). */
  yearFrom: PlanYearChoice['from'];
  title: string;
  priorities: number;
  actions: number;
  /** The plan version the preview was made against (0: the body has no plan for the year yet). */
  basedOn: number;
  changes: PlanChanges;
  unchanged: boolean;
  /** Last year's actions the new ones seem to continue, when the body has last year's plan (or the file holds it). */
  carry: { previousYear: string; suggestions: ShownSuggestion[] } | null;
};

export type ImportPreview = { bodyId: string; bodyName: string; plans: PlanPreview[] };

/**
 * What importing `plans` into a body would do, writing nothing: the same
 * comparison `importPlan` makes (diffPlan against the stored year) and the
 * same matcher `carryForward` uses, so the preview cannot promise what the
 * import will not do.
 */
export async function previewImport(deps: ServiceDeps, input: { bodyId: string; plans: readonly Plan[]; by: Person; year?: string | null }): Promise<ImportPreview> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'import a plan');
  const years = chooseYears(input.plans, deps.clock(), input.year ?? null);
  const inFile = new Map(input.plans.map((p, i) => [years[i]!.year, p]));
  const previews: PlanPreview[] = [];
  for (const [i, plan] of input.plans.entries()) {
    const { year, from: yearFrom } = years[i]!;
    const head = await deps.store.readPlanHead(body.id, year);
    const stored = (await deps.store.listActions(body.id, year)).map((s) => s.value);
    const basedOn = head?.value.version ?? 0;
    const diff = diffPlan({
      bodyId: body.id,
      year,
      version: basedOn + 1,
      plan,
      stored,
      previous: head === null ? null : { title: head.value.title, roles: head.value.roles, priorities: head.value.priorities },
    });
    const actions = planActions(plan);
    previews.push({
      year,
      yearFrom,
      title: plan.title,
      priorities: plan.priorities.length,
      actions: actions.length,
      basedOn,
      changes: diff.changes,
      unchanged: diff.unchanged && head !== null,
      carry: await carrySuggestions(deps, body.id, year, actions, stored, inFile),
    });
  }
  return { bodyId: body.id, bodyName: body.name, plans: previews };
}

async function carrySuggestions(
  deps: ServiceDeps,
  bodyId: string,
  year: string,
  actions: ReturnType<typeof planActions>,
  stored: ReadonlyArray<{ ref: string; continues?: unknown }>,
  inFile: ReadonlyMap<string, Plan>,
) {
  const previousYear = previousPlanYear(year);
  const fromFile = inFile.get(previousYear);
  const previous = fromFile
    ? planActions(fromFile).map((a) => ({ ref: a.ref, action: a.action, outcome: a.outcome }))
    : (await deps.store.listActions(bodyId, previousYear)).map((s) => s.value).filter((a) => a.removedInVersion === null).map((a) => ({ ref: a.ref, action: a.plan.action, outcome: a.plan.outcome }));
  if (previous.length === 0) return null;
  // An action whose link a coordinator already decided keeps it: carryForward suggests only for the rest.
  const decided = new Set(stored.filter((s) => s.continues !== undefined).map((s) => s.ref));
  const undecided = actions.filter((a) => !decided.has(a.ref));
  const words = (list: ReadonlyArray<{ ref: string; action: string }>, ref: string) => list.find((a) => a.ref === ref)?.action ?? '';
  const suggestions = suggestCarryForward(previous, undecided).map((s) => ({ ...s, action: words(actions, s.ref), fromAction: words(previous, s.from) }));
  return { previousYear, suggestions };
}

export type PreviewedImportResult = { results: ImportPlanResult[]; carried: CarryForwardResult[] };

/**
 * Imports what a preview showed, if the body's plans are still the versions
 * the preview was made against: a second press of Import, or an Import from
 * a preview made before someone else's import, is refused and changes
 * nothing. Then carries the new year forward with the coordinator's choices.
 */
export async function importPreviewed(
  deps: ServiceDeps,
  input: {
    bodyId: string;
    plans: readonly Plan[];
    fileName: string;
    by: Person;
    /** Plan year → the version the preview was made against. */
    basedOn: Readonly<Record<string, number>>;
    /** The year the coordinator chose on the preview, for a file of one plan. */
    year?: string | null;
    choices: { link: readonly LinkChoice[]; noLink: readonly string[] };
  },
): Promise<PreviewedImportResult> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'import a plan');
  const years = chooseYears(input.plans, deps.clock(), input.year ?? null);
  for (const { year } of years) {
    const head = await deps.store.readPlanHead(body.id, year);
    const now = head?.value.version ?? 0;
    if (input.basedOn[year] !== now) {
      throw new DomainError(
        'upload-stale',
        `Not imported: ${body.name}'s ${year} plan has changed since this preview (it is now version ${now}${head === null ? '' : `, imported ${head.value.importedAt.slice(0, 10)}`}). Send the file again for a fresh preview.`,
      );
    }
  }
  await checkLinks(deps, body.id, input.plans.map((p, i) => ({ year: years[i]!.year, plan: p })), input.choices);
  const results: ImportPlanResult[] = [];
  for (const [i, plan] of input.plans.entries()) results.push(await importPlan(deps, { bodyId: body.id, plan, year: years[i]!.year, fileName: input.fileName, by: input.by }));
  const carried = await carryEachForward(deps, { bodyId: body.id, years: results.map((r) => r.year), by: input.by, choices: input.choices });
  return { results, carried };
}

/**
 * The coordinator's links name actions that exist, in the file's newest year
 * and in the year each continues: checked before anything is written, as
 * carryForward (which checks them too) runs only after the import.
 */
async function checkLinks(deps: ServiceDeps, bodyId: string, plans: ReadonlyArray<{ year: string; plan: Plan }>, choices: { link: readonly LinkChoice[]; noLink: readonly string[] }): Promise<void> {
  if (choices.link.length + choices.noLink.length === 0) return;
  const byYear = new Map(plans.map((p) => [p.year, planActions(p.plan).map((a) => a.ref)]));
  const newest = [...byYear.keys()].sort().at(-1)!;
  const refsOf = async (year: string) => byYear.get(year) ?? (await deps.store.listActions(bodyId, year)).filter((a) => a.value.removedInVersion === null).map((a) => a.value.ref);
  const problems: string[] = [];
  for (const ref of [...choices.noLink, ...choices.link.map((c) => c.ref)]) {
    if (!byYear.get(newest)!.includes(ref)) problems.push(`the ${newest} plan in the file has no action ${ref}`);
  }
  for (const c of choices.link) {
    if (!(await refsOf(c.from.year)).includes(c.from.ref)) problems.push(`${c.ref}=${c.from.year}:${c.from.ref}: the ${c.from.year} plan has no action ${c.from.ref}`);
  }
  if (problems.length > 0) {
    throw new DomainError('input-invalid', problems.length === 1 ? `Not imported: ${problems[0]!}` : `Not imported: ${problems.length} links name actions that do not exist`, { problems });
  }
}
