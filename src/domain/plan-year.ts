import { financialYearStart } from './deadline.js';
import { DomainError } from './errors.js';
import { planYear } from './plan-changes.js';
import { planActions, type Plan } from './plan.js';

/**
 * The year a plan is filed under (its actions, versions, year end and carry
 * forward are by year). Most published plans name it in their title
 * ("Delivery Plan 2017-18"), but many do not ("VAWG Action Plan",
 * "Serious Violence Strategy Delivery Plan V1.2"): 27 of the 28 published
 * plans in test/fixtures/published-plans name no single year. Refusing them
 * would send every coordinator back to edit the file, so the year is read
 * from the evidence the plan has, shown, and can be changed (`--year`, or the
 * choice on the Teams preview).
 */
export type PlanYearChoice = {
  /** "2017-18": a UK financial year, 1 April to 31 March. */
  year: string;
  /** `title`: named there; `deadlines`: the financial year most of its deadlines fall in; `now`: the one it is now; `chosen`: the coordinator's (`--year`, the preview's choice). */
  from: 'title' | 'deadlines' | 'now' | 'chosen';
};

/** The financial year an ISO date ("2025-05-01") falls in, by the year it starts ("2025"). */
function financialYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  return Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
}

export function financialYearLabel(start: number): string {
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * The plan's year: the one its title names; else, when its dated deadlines
 * all fall before or all after the financial year it is now, the year most of
 * them fall in (the first on a tie: a plan's first year); else the financial
 * year it is now, the plan a coordinator runs.
 */
export function choosePlanYear(plan: Plan, now: Date): PlanYearChoice {
  const named = planYear(plan.title);
  if (named !== null) return { year: named, from: 'title' };
  const current = financialYearOf(now.toISOString().slice(0, 10));
  const counts = new Map<number, number>();
  for (const { deadline } of planActions(plan)) {
    if (deadline === null) continue;
    const year = financialYearOf(deadline);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  // A plan whose deadlines run through this year (a 2024-28 strategy) is the one being run now.
  if (counts.size === 0 || (Math.min(...counts.keys()) <= current && current <= Math.max(...counts.keys()))) return { year: financialYearLabel(current), from: 'now' };
  const [best] = [...counts].sort(([ya, a], [yb, b]) => b - a || ya - yb);
  return { year: financialYearLabel(best![0]), from: 'deadlines' };
}

/** How the year was chosen, for the dry run and the preview. */
export function planYearWords(choice: PlanYearChoice): string {
  switch (choice.from) {
    case 'title':
      return `${choice.year}, as its title says`;
    case 'deadlines':
      return `${choice.year}: its title names no year, and most of its deadlines fall in that financial year`;
    case 'now':
      return `${choice.year}: its title names no year, so the financial year it is now`;
    case 'chosen':
      return `${choice.year}, as you chose`;
  }
}

/** A year as people write it ("2025/26", "2025-2026", "25-26") in the form plans are filed under ("2025-26"); refused when it is not one. */
export function readPlanYear(text: string): string {
  const typed = text.trim();
  const m = /^(\d{2}|\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(typed);
  const start = m === null ? null : financialYearStart(m[1]!, m[2]!);
  if (start === null) throw new DomainError('input-invalid', `"${typed.slice(0, 40)}" is not a plan year: write the financial year it runs over, e.g. 2025-26 or 2025/26.`);
  return financialYearLabel(start);
}

/**
 * The year of each plan in a file. `chosen` (the coordinator's `--year`, or
 * the preview's choice) applies to a file of one plan. Two plans of one file
 * under one year would be two versions of one plan, the second replacing the
 * first: refused, with what to do.
 */
export function chooseYears(plans: readonly Plan[], now: Date, chosen: string | null = null): PlanYearChoice[] {
  if (chosen !== null && plans.length > 1) {
    throw new DomainError('plan-invalid', `The file holds ${plans.length} plans, so one year cannot be chosen for all of them: put each plan's year in its title (e.g. "Action Plan 2025-26"), or save each plan in a file of its own.`);
  }
  const choices = chosen !== null ? [{ year: chosen, from: 'chosen' as const }] : plans.map((p) => choosePlanYear(p, now));
  const seen = new Map<string, string>();
  for (const [i, c] of choices.entries()) {
    const other = seen.get(c.year);
    if (other !== undefined) {
      throw new DomainError(
        'plan-invalid',
        `The file holds two plans that would both be the ${c.year} plan ("${other}" and "${plans[i]!.title}"), so the second would replace the first: put each plan's year in its title (e.g. "Action Plan 2025-26"), or save each plan in a file of its own.`,
      );
    }
    seen.set(c.year, plans[i]!.title);
  }
  return choices;
}
