import type { Continues } from '../domain/action-record.js';
import { chooseLinks, parseLinkChoice, previousPlanYear, suggestCarryForward, type LinkChoice } from '../domain/carry-forward.js';
import { ActionRefSchema } from '../domain/plan.js';
import { DomainError } from '../domain/errors.js';
import { planActions, type Plan } from '../domain/plan.js';
import { truncate } from '../domain/truncate.js';

export type LinkChoices = { link: LinkChoice[]; noLink: string[] };

/** A coordinator may name a link for each action of a plan, no more. */
const MAX_CHOICES = 500;

/** `--link 4.1=2016-17:4.7` and `--no-link 4.1`, checked before anything is read or stored. */
export function readLinkChoices(options: { link?: string[]; noLink?: string[] }): LinkChoices {
  const given = [...(options.link ?? []), ...(options.noLink ?? [])];
  if (given.length > MAX_CHOICES) throw new DomainError('input-invalid', `${given.length} --link/--no-link options: at most ${MAX_CHOICES}.`);
  const problems: string[] = [];
  const link = (options.link ?? []).flatMap((text) => {
    const parsed = parseLinkChoice(text);
    if (typeof parsed === 'string') problems.push(`--link ${parsed}`);
    return typeof parsed === 'string' ? [] : [parsed];
  });
  const noLink = (options.noLink ?? []).map((r) => r.trim());
  for (const ref of noLink) if (!ActionRefSchema.safeParse(ref).success) problems.push(`--no-link "${ref.slice(0, 60)}" is not an action number such as 4.1`);
  if (problems.length > 0) throw new DomainError('input-invalid', problems[0]!, { problems });
  return { link, noLink };
}

/** One line per link: "4.1 continues 2016-17 4.7 (score 1.00): Actively participate…". */
export function linkLines(links: ReadonlyArray<{ ref: string; action: string; continues: Continues; fromAction: string }>, width: number): string[] {
  return links.map((l) => {
    const how = l.continues.score === null ? 'named by you' : `score ${l.continues.score.toFixed(2)}`;
    const head = `  ${l.ref.padEnd(5)} continues ${l.continues.year} ${l.continues.ref.padEnd(5)} (${how}): `;
    const half = Math.max(20, Math.floor((width - head.length - 3) / 2));
    return l.fromAction === '' ? head + truncate(l.action, half * 2) : `${head}${truncate(l.action, half)} ← ${truncate(l.fromAction, half)}`;
  });
}

/**
 * A dry run of a file holding consecutive years' plans (as a sign-off paper
 * does) shows how the later plan would carry the earlier forward, with the
 * coordinator's --link and --no-link applied.
 */
export function formatCarryForward(plans: ReadonlyArray<{ year: string; plan: Plan }>, choices: LinkChoices, width: number): string {
  const out: string[] = [];
  const byYear = new Map(plans.map((p) => [p.year, p.plan] as const));
  for (const [year, plan] of byYear) {
    const previousYear = previousPlanYear(year);
    const previous = byYear.get(previousYear);
    if (previous === undefined) continue;
    const old = planActions(previous);
    const next = planActions(plan);
    const chosen = chooseLinks(suggestCarryForward(old, next), previousYear, choices);
    const words = (ref: string) => old.find((a) => a.ref === ref)?.action ?? '';
    const links = next.flatMap((a) => {
      const c = chosen.get(a.ref);
      return c === undefined ? [] : [{ ref: a.ref, action: a.action, continues: c, fromAction: c.year === previousYear ? words(c.ref) : '' }];
    });
    out.push(`Carried forward into ${year} from ${previousYear} (${links.length} of ${next.length} actions; confirm or correct with --link 4.1=${previousYear}:4.7, refuse with --no-link 4.1):`);
    out.push(...(links.length === 0 ? ['  none: every action is new work'] : linkLines(links, width)), '');
  }
  return out.join('\n');
}
