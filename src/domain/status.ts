import { z } from 'zod';

export const StatusSchema = z.enum(['completed', 'not-completed', 'green', 'amber', 'red', 'in-progress', 'not-reported']);
export type Status = z.infer<typeof StatusSchema>;

export type StatusReading = {
  status: Status;
  /** The prose after the status words, kept whole. */
  narrative: string;
  /** False when the cell had text but began with no status word. */
  recognised: boolean;
  /** The words name a state the model has no exact match for ("On hold" read as amber): keep them in the narrative. */
  approximate?: true;
};

/**
 * Where the text comes from, which decides what text without a status word means:
 * - `narrative`: an update cell that starts with its status ("Amber – waiting on partners");
 *   prose without a status word is a report, read as in progress.
 * - `status-column`: a plan's own RAG/status column; an unknown word there is kept, reads as
 *   not reported and is flagged so the caller can warn.
 * - `phrase`: what a lead types ("amber - trainer off sick"); like a status column.
 */
export type StatusSource = 'narrative' | 'status-column' | 'phrase';

/** One status vocabulary for a plan's cells and a lead's typed phrase. */
export type StatusRead = {
  status: Status;
  /** The words that gave the status, as written ('' when none did). */
  said: string;
  /** The text after the status words, kept whole. */
  rest: string;
  /**
   * `recognised`: the status words are known. `ambiguous`: they are known but disagree
   * ("Completed (Red)"); the status is the words', the caller should ask or warn.
   * `unknown`: text with no status word. `empty`: nothing at all.
   */
  match: 'recognised' | 'ambiguous' | 'unknown' | 'empty';
  /** The words name a state the model only comes close to ("On hold" is amber, "Superseded" not completed): keep them in view. */
  approximate?: true;
};

/** A plan's key: what its own words, letters and colours mean ("Blue = complete", "C – Completed"). */
export type StatusKey = ReadonlyArray<{ term: string; status: Status; meaning: string }>;

export type StatusOptions = { source?: StatusSource; key?: StatusKey };

const SEP = '[\\s\\-–—:,.;/]*';
const END = '(?=$|[\\s\\p{P}\\p{S}])';
const RAG_LABEL = `(?:(?:rag|brag|status|rag\\s*status|rating|rag\\s*rating)\\s*[:\\-–—=]?\\s*)?`;

/** "Amber/Green", "Amber / Green", "Amber-Green", "Amber to Green": two colours written as one rating. */
function combined(first: string, second: string): string {
  return `${first}(?:\\s*/\\s*|-|\\s+to\\s+)${second}`;
}

type Rule = { pattern: RegExp; status: Status; approximate?: true };
const rule = (source: string, status: Status): Rule => ({ pattern: new RegExp(`^${RAG_LABEL}(?:${source})${END}`, 'iu'), status });
/** Words for a state the model has no exact match for: read as the nearest status, and shown as written. */
const near = (source: string, status: Status): Rule => ({ ...rule(source, status), approximate: true });

/**
 * Checked in order, longest phrases first: "NOT COMPLETED" before "COMPLETED",
 * "STARTED – GOOD PROGRESS" before "STARTED", "Amber/Green" before "Amber".
 * A combined colour reads as the less hopeful of the two, so the action keeps
 * its prompts until someone says it is on track.
 */
const RULES: ReadonlyArray<Rule> = [
  rule(`no${SEP}(?:update|return|response|submission)s?(?:${SEP}(?:received|provided|given|submitted|made))?(?:${SEP}this (?:quarter|period|time|month|year))?|no${SEP}(?:progress${SEP})?report${SEP}(?:received|provided|given|submitted)`, 'not-reported'),
  rule(`(?:awaiting|pending|outstanding)${SEP}(?:an?\\s+)?(?:update|return|response)`, 'not-reported'),
  rule(`(?:update|return|report)${SEP}(?:not|never)${SEP}(?:yet${SEP})?(?:received|provided|submitted)`, 'not-reported'),
  // Published trackers count "not started" apart from work in progress (Bracknell Forest's council plan report: 64 complete,
  // 49 in progress, 1 not started): no progress yet, which the model's nearest state says, with the words kept.
  near(`not${SEP}(?:yet${SEP})?(?:started|commenced|begun)|yet to (?:start|commence|begin)`, 'not-reported'),
  // Audit and scrutiny trackers rate a recommendation Implemented / Partially implemented / Not implemented, the last still
  // open (outstanding, chased), never closed; Epping Forest's key action plan counts actions "Pending" (waiting on another
  // action) and trackers mark some "Not yet due": neither has been reported on yet.
  near(`not${SEP}(?:yet${SEP})?(?:implemented|actioned)`, 'in-progress'),
  near(`not${SEP}(?:yet${SEP})?due(?:${SEP}to${SEP}(?:start|begin|commence))?|pending(?=\\s*$|${SEP}(?:start|decision|approval|funding|completion|action))`, 'not-reported'),
  rule(`not${SEP}(?:completed?|achieved|done|met|delivered)`, 'not-completed'),
  rule('incomplete|unachieved|not achievable', 'not-completed'),
  // Closed without being done as written: the reason is the word itself ("Withdrawn", "Superseded", "Closed – merged into 3.2"),
  // as recommendation trackers close them ("Closed – Reconsidered/Superseded", "Closed – No Longer Applicable").
  near(
    `cancelled|withdrawn|discontinued|rejected|not accepted|declined|superseded|replaced by|deleted|no longer (?:required|needed|applicable|relevant|appropriate)|` +
      `closed${SEP}(?:and${SEP})?(?:merged|combined|incorporated|subsumed|amalgamated|superseded|replaced|transferred|moved|no longer)|` +
      `(?:merged|combined|incorporated|subsumed|amalgamated)${SEP}(?:into|with|within)`,
    'not-completed',
  ),
  rule('(?:partially|partly)\\s+implemented', 'amber'),
  rule('(?:completed?|achieved|done|finished|(?:fully\\s+)?implemented)', 'completed'),
  rule('\\(?blue\\)?|b', 'completed'),
  rule('100\\s*%', 'completed'),
  rule('[✓✔☑✅]', 'completed'),
  rule('[✗✘✕☒❌]', 'not-completed'),
  rule(`started${SEP}(?:good progress|on track)`, 'green'),
  rule(`${combined('red', 'amber')}|${combined('amber', 'red')}|r\\s*/\\s*a|a\\s*/\\s*r`, 'red'),
  rule(`${combined('amber', 'green')}|${combined('green', 'amber')}|a\\s*/\\s*g|g\\s*/\\s*a`, 'amber'),
  rule('\\(?green\\)?|g', 'green'),
  rule('\\(?amber\\)?|\\(?yellow\\)?|a', 'amber'),
  rule('\\(?red\\)?|r', 'red'),
  rule('on[\\s-]?track|on[\\s-]?target|on[\\s-]?schedule|ahead of (?:schedule|target)', 'green'),
  rule('off[\\s-]?track|off[\\s-]?target|not on track|significant(?:ly)? delay(?:ed)?|stalled|overdue', 'red'),
  // A tracker's own words for a recommendation alone in its cell: "Closed" is implemented, "Open" is still being worked on.
  rule('closed(?=\\s*$)', 'completed'),
  rule('open(?=\\s*$)', 'in-progress'),
  rule('delayed|(?:some|minor|slight) (?:delay|slippage|issues)|slippage|at[\\s-]?risk|behind schedule|slipp(?:ed|ing)|partially (?:completed?|achieved|met)|partly (?:completed?|achieved|met)', 'amber'),
  // Work stopped or put back but not given up: still open and not on track, as RAG keys class "On hold" with "Delayed"
  // (Yellow = "Planned, Delayed, or On Hold"); a plan's own key, read first, may say otherwise.
  near('on[\\s-]?hold|paused|suspended|deferred|postponed', 'amber'),
  // Epping Forest's key action plan: "Achieved or On-Target", "Under Control", "Behind Schedule", "Pending"; the middle one
  // is work with issues being handled, as amber is.
  near('under control', 'amber'),
  rule('(?:started|in[\\s-]?progress|underway|under way|commenced|on-?\\s?going|continuing)', 'in-progress'),
  rule('(?:[1-9]?\\d(?:\\.\\d+)?)\\s*%', 'in-progress'),
];

/** A single letter is a status only on its own or before punctuation ("A – waiting"), never "A trainer". */
const LETTER_ONLY = /^(?:r|a|g|b)$/i;

/** A rating in brackets after another: "On track (Green)", "Green (on track)", "Delayed [amber]". */
const BRACKETED = /^[([]\s*([^()[\]]{1,30}?)\s*[)\]]/;

/** Reads the status at the start of a cell or a typed phrase, then the rest of the text. */
export function readStatus(text: string, options: StatusOptions = {}): StatusRead {
  const trimmed = text.trim();
  if (trimmed === '') return { status: 'not-reported', said: '', rest: '', match: 'empty' };
  const keyed = options.key ? readWithKey(trimmed, options.key) : null;
  const source = options.source ?? 'narrative';
  const read = keyed ?? readWithRules(trimmed) ?? (source === 'status-column' ? readWithinPhrase(trimmed) : readPause(trimmed));
  if (read) return withBracketedRating(read);
  return { status: source === 'narrative' ? 'in-progress' : 'not-reported', said: '', rest: trimmed, match: 'unknown' };
}

function readWithRules(trimmed: string): StatusRead | null {
  for (const { pattern, status, approximate } of RULES) {
    const m = pattern.exec(trimmed);
    if (!m) continue;
    const rest = restAfter(trimmed, m[0].length);
    const said = m[0].trim();
    if (isBareLetter(said) && rest !== '' && !/^[\s]*[\-–—:;,.=)]/.test(trimmed.slice(m[0].length))) continue;
    return { status, said, rest, match: 'recognised', ...(approximate ? { approximate } : {}) };
  }
  return null;
}

/**
 * A status cell that labels its rating ("Open - Actions on going off track",
 * "Closed – completed"): the first status phrase of a short cell, never a
 * bare letter inside it.
 */
function readWithinPhrase(trimmed: string): StatusRead | null {
  // "e.g. Paused": a template showing what to write, not a status anyone gave.
  if (trimmed.length > 80 || EXAMPLE.test(trimmed)) return null;
  const found: StatusRead[] = [];
  let end = 0;
  for (const word of trimmed.matchAll(/(?<=[\s\p{P}])\p{L}/gu)) {
    if (word.index < end) continue;
    const read = readWithRules(trimmed.slice(word.index));
    if (!read || isBareLetter(read.said)) continue;
    end = trimmed.length - read.rest.length;
    found.push({ ...read, said: trimmed.slice(0, end).trim() });
  }
  // "Actions on going off track": the rating says more than the words that the work goes on.
  return found.find((read) => read.status !== 'in-progress') ?? found[0] ?? null;
}

/**
 * A report that says the work has stopped for now, in its first sentence
 * ("NB this programme of work has been paused as part of contingency
 * response…", Scottish Government drugs action plan 2020): delayed, so amber,
 * never "in progress".
 */
const PAUSED = /^[^.!?\n]*?\b(?:(?:has|have|had) been|(?:is|are|was|were)(?: currently| now)?) (?:paused|put on hold|placed on hold|on hold|suspended)\b/i;

function readPause(trimmed: string): StatusRead | null {
  return PAUSED.test(trimmed) ? { status: 'amber', said: '', rest: trimmed, match: 'recognised' } : null;
}

const EXAMPLE = /^(?:e\.?\s?g\.?|for example|example)[\s:,]/i;

function isBareLetter(said: string): boolean {
  return LETTER_ONLY.test(said.replace(/[()]/g, '').trim());
}

function restAfter(text: string, index: number): string {
  return text.slice(index).replace(/^[\s\-–—:,.;)=]+/, '');
}

function withBracketedRating(read: StatusRead): StatusRead {
  const m = BRACKETED.exec(read.rest);
  if (!m || read.match !== 'recognised') return read;
  const inner = readWithRules(m[1]!);
  if (!inner || inner.rest !== '') return read;
  const rest = restAfter(read.rest, m[0].length);
  const said = `${read.said} ${m[0]}`;
  // Either may be the colour; the colour is the plan's rating, and the words should say the same.
  const approximate = read.approximate ? { approximate: read.approximate } : {};
  if (agrees(read.status, inner.status)) return { status: moreSpecific(read.status, inner.status), said, rest, match: 'recognised', ...approximate };
  return { status: read.status, said, rest, match: 'ambiguous', ...approximate };
}

function agrees(a: Status, b: Status): boolean {
  if (a === b) return true;
  if (a === 'in-progress' || b === 'in-progress') return a !== 'completed' && b !== 'completed';
  return (a === 'completed' && b === 'green') || (a === 'green' && b === 'completed');
}

/** "In progress (Amber)" is amber; "Completed (Green)" is completed. */
function moreSpecific(a: Status, b: Status): Status {
  if (a === 'completed' || b === 'completed') return 'completed';
  return a === 'in-progress' ? b : a;
}

function readWithKey(trimmed: string, key: StatusKey): StatusRead | null {
  // Longest terms first, so "Amber/Green" wins over "Amber".
  for (const entry of [...key].sort((a, b) => b.term.length - a.term.length)) {
    const escaped = entry.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`^${RAG_LABEL}\\(?${escaped}\\)?${END}`, 'iu').exec(trimmed);
    if (!m) continue;
    const rest = restAfter(trimmed, m[0].length);
    if (entry.term.length === 1 && rest !== '' && !/^[\s]*[\-–—:;,.=)]/.test(trimmed.slice(m[0].length))) continue;
    return { status: entry.status, said: m[0].trim(), rest, match: 'recognised' };
  }
  return null;
}

/** A line of a key: "Blue = complete", "Green – on track", "C: Completed", "R - significant delay". */
const KEY_LINE = /^\s*([\p{L}\p{N}/ ]{1,24}?)\s*(?:=|:|–|—|-|\bis\b|\bmeans\b)\s*(.+?)\s*$/u;

/**
 * Reads a plan's key from its lines (or cells), keeping only lines whose
 * meaning is a status this app knows. Null when fewer than two lines read,
 * because one "X = Y" line is more often prose than a key.
 */
export function readStatusKey(lines: ReadonlyArray<string>): StatusKey | null {
  const key: { term: string; status: Status; meaning: string }[] = [];
  for (const line of lines.flatMap((l) => l.split(/\n|;\s+|,\s+(?=\p{L}+\s*[=:–—-])/u))) {
    const m = KEY_LINE.exec(line);
    if (!m) continue;
    const term = m[1]!.trim();
    const meaning = m[2]!.trim();
    const read = readWithRules(meaning);
    if (!read || read.match !== 'recognised' || term === '' || /^\d+$/.test(term)) continue;
    key.push({ term, status: read.status, meaning });
  }
  return key.length >= 2 ? key : null;
}

/** Reads the ACTION UPDATE/RAG cell: the status word(s) at its start, then the narrative. */
export function parseStatusCell(text: string, options: StatusOptions = {}): StatusReading {
  const read = readStatus(text, options);
  return { status: read.status, narrative: read.rest, recognised: read.match !== 'unknown', ...(read.approximate ? { approximate: read.approximate } : {}) };
}

/** Completed and not-completed actions are closed: no prompts, never overdue. */
export function isClosed(status: Status): boolean {
  return status === 'completed' || status === 'not-completed';
}

export function looksLikeStatus(text: string): boolean {
  const { match } = readStatus(text);
  return match === 'recognised' || match === 'ambiguous';
}

/** Status in words and a symbol, so colour is never the only signal. */
export const STATUS_LABELS: Record<Status, { word: string; symbol: string }> = {
  completed: { word: 'Completed', symbol: '✔' },
  'not-completed': { word: 'Not completed', symbol: '✘' },
  green: { word: 'Green', symbol: '●' },
  amber: { word: 'Amber', symbol: '▲' },
  red: { word: 'Red', symbol: '■' },
  'in-progress': { word: 'In progress', symbol: '◐' },
  'not-reported': { word: 'Not reported', symbol: '○' },
};
