import { stemmer } from 'stemmer';
import { eng } from 'stopword';
import type { Continues } from './action-record.js';
import { compareRefs } from './action-refs.js';

/**
 * Carry forward: which of last year's actions each action of the new plan
 * continues. Plans are rewritten each year, so the same work comes back under
 * a new number and often in new words ("Begin review of the existing DPPO…"
 * becomes "Complete the review of the existing DPPO…"); a partnership's
 * boilerplate ("Contribute to the work of…") comes back for different work.
 * So the score weighs the words an action shares with last year's by how rare
 * they are across both plans (TF-IDF cosine over stemmed words): the rare words
 * ("DPPO", "Swanage", "poaching") carry the match, the boilerplate little.
 */

export type MatchableAction = { ref: string; action: string; outcome: string };

export type CarrySuggestion = {
  /** The new plan's action. */
  ref: string;
  /** Last year's action it continues. */
  from: string;
  /** Cosine similarity, 0 (nothing in common) to 1 (the same words). */
  score: number;
};

/**
 * At and above this score a pair is suggested. Read off seed 000 (Purbeck,
 * 2016-17 to 2017-18): the pairs that truly continue score 0.47 and up (the
 * fly-tipping camera "following on from" last year's trial is the lowest);
 * the best unrelated pair, two "Contribute to the work of…" actions with the
 * same outcome wording for different groups, scores 0.39.
 */
export const SUGGEST_AT = 0.45;

/** Words that say nothing about which piece of work an action is, beyond the stop words of English. */
const PLAN_WORDS = new Set(['action', 'csp']);

export function actionTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/<[^>]*>/g, ' ')
    .split(/[^a-z0-9]+/)
    // Years and numbers change every plan ("Delivery Plan for 2016-2017" is next year's "2017-2018").
    .filter((w) => w.length > 1 && !/^\d+$/.test(w) && !STOP.has(w) && !PLAN_WORDS.has(w));
  return words.map((w) => stemmer(w));
}

const STOP = new Set(eng);

/** What is compared: the action's words, and its outcome's at half weight (outcomes repeat across actions more). */
function termWeights(a: MatchableAction): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of actionTerms(a.action)) tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const t of actionTerms(a.outcome)) tf.set(t, (tf.get(t) ?? 0) + 0.5);
  return tf;
}

/** Every pair's score, highest first: what the suggestion is chosen from, and what a dry run can show. */
export function scorePairs(previous: readonly MatchableAction[], next: readonly MatchableAction[]): CarrySuggestion[] {
  const docs = [...previous, ...next].map(termWeights);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const idf = (term: string) => Math.log((1 + docs.length) / (1 + (df.get(term) ?? 0))) + 1;
  const vectors = docs.map((doc) => {
    const v = new Map([...doc].map(([term, tf]) => [term, tf * idf(term)]));
    const norm = Math.hypot(...v.values());
    return { v, norm };
  });
  const pairs: CarrySuggestion[] = [];
  previous.forEach((p, i) => {
    next.forEach((n, j) => {
      const a = vectors[i]!;
      const b = vectors[previous.length + j]!;
      if (a.norm === 0 || b.norm === 0) return;
      let dot = 0;
      for (const [term, w] of a.v) dot += w * (b.v.get(term) ?? 0);
      const score = Math.min(1, dot / (a.norm * b.norm));
      if (score > 0) pairs.push({ ref: n.ref, from: p.ref, score: Math.round(score * 100) / 100 });
    });
  });
  return pairs.sort((x, y) => y.score - x.score || compareRefs(x.ref, y.ref));
}

/**
 * One suggestion per new action, each of last year's actions used once: the
 * best-scoring pairs first, so "Maintain an effective mechanism … via the PCG"
 * goes to its word-for-word successor, not to the new safeguarding mechanism.
 */
export function suggestCarryForward(previous: readonly MatchableAction[], next: readonly MatchableAction[], threshold = SUGGEST_AT): CarrySuggestion[] {
  const taken = new Set<string>();
  const placed = new Set<string>();
  const chosen: CarrySuggestion[] = [];
  for (const pair of scorePairs(previous, next)) {
    if (pair.score < threshold) break;
    if (taken.has(pair.from) || placed.has(pair.ref)) continue;
    taken.add(pair.from);
    placed.add(pair.ref);
    chosen.push(pair);
  }
  return chosen.sort((x, y) => compareRefs(x.ref, y.ref));
}

/** "2017-18" → "2016-17": the plan year a new plan carries forward from. */
export function previousPlanYear(year: string): string {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** A coordinator's `4.1=2016-17:4.7`: the new action, then the year and ref it continues. */
export type LinkChoice = { ref: string; from: { year: string; ref: string } };

export function parseLinkChoice(text: string): LinkChoice | string {
  const m = /^\s*(\d{1,3}(?:\.\d{1,3}){0,2})\s*=\s*(\d{4}-\d{2})\s*:\s*(\d{1,3}(?:\.\d{1,3}){0,2})\s*$/.exec(text);
  if (m === null) return `"${text.slice(0, 60)}" is not a link: write the new action, "=", then last year's, e.g. 4.1=2016-17:4.7`;
  return { ref: m[1]!, from: { year: m[2]!, ref: m[3]! } };
}

/**
 * The links to store: the suggestions, less those refused, with the
 * coordinator's own links in place of (or beside) them. A link a coordinator
 * names wins over a suggestion for the same new action, and takes last
 * year's action away from any suggestion that had it.
 */
export function chooseLinks(
  suggested: readonly CarrySuggestion[],
  previousYear: string,
  choices: { link: readonly LinkChoice[]; noLink: readonly string[] },
): Map<string, Continues> {
  const named = new Map(choices.link.map((c) => [c.ref, c.from]));
  const namedFrom = new Set(choices.link.filter((c) => c.from.year === previousYear).map((c) => c.from.ref));
  const refused = new Set(choices.noLink);
  const links = new Map<string, Continues>();
  for (const s of suggested) {
    if (refused.has(s.ref) || named.has(s.ref) || namedFrom.has(s.from)) continue;
    links.set(s.ref, { year: previousYear, ref: s.from, score: s.score });
  }
  for (const [ref, from] of named) links.set(ref, { year: from.year, ref: from.ref, score: null });
  return links;
}
