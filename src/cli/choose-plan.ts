import type { Plan } from '../domain/plan.js';

/** A problem with what was typed on the command line: its message says what to type instead. */
export class CommandProblem extends Error {}

/** A report often holds last year's plan and this year's; --title picks one by part of its title. */
export function choosePlan(plans: readonly Plan[], title: string | undefined, file: string): Plan {
  const candidates = title === undefined ? plans : plans.filter((p) => p.title.toLowerCase().includes(title.toLowerCase()));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    throw new CommandProblem(`No plan in ${file} has "${title}" in its title; it holds ${plans.map((p) => `"${p.title}"`).join(', ')}.`);
  }
  throw new CommandProblem(
    `${file} holds ${candidates.length} plans (${candidates.map((p) => `"${p.title}"`).join(', ')}); choose one with --title, e.g. --title "${candidates[0]!.title}".`,
  );
}
