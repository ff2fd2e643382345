import { ratingColour } from './status-colour.js';
import { parseStatusCell, type Status, type StatusReading } from './status.js';

/**
 * A plan's key (legend): the lines above or beside the table that say what
 * each colour or letter means ("Blue = complete; Green = on track"). It is
 * read, so a colour the key defines as done reads as completed, and it is
 * never taken for an action.
 */
export type KeyEntry = { term: string; meaning: string };

const TERM = '(?:blue|green|amber|red|grey|gray|black|yellow|purple|white|orange|[BRAG])';
const ENTRY = new RegExp(`(?:^|[;,\\n•]|\\s)\\s*(${TERM})\\s*(?:\\([^)]*\\))?\\s*(=|:|–|—|-)\\s*`, 'gi');
/** A sentence introducing the key ("RAG Risk Status is as follows:"), as Thames Valley OPCC's delivery plan has. */
const AS_FOLLOWS = /^(?:the\s+)?(?:rag|status|colour|color|key)\b[\w\s]{0,30}\b(?:is|are)\s+as\s+follows\s*:?\s*$/i;
const LABEL = /^(?:rag\s+)?(?:key\s+to\s+(?:symbols|colours|colors|status)|key|legend|rag\s+(?:key|rating|ratings|status)|status\s+key)\s*[:–—-]?\s*/i;

/** The entries a cell or line defines, or none when it does not read as a key. */
function entriesIn(text: string, strict: boolean): KeyEntry[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const body = flat.replace(LABEL, '');
  const labelled = body !== flat;
  const found: Array<{ term: string; sign: string; start: number; end: number }> = [];
  for (const m of body.matchAll(ENTRY)) {
    const start = m.index + m[0].indexOf(m[1]!);
    found.push({ term: m[1]!.toLowerCase(), sign: m[2]!, start, end: m.index + m[0].length });
  }
  if (found.length === 0 || found[0]!.start > 0) return [];
  // One "Amber – half done" is an update; a key defines several, uses "=", or says it is a key.
  if (strict && !labelled && found.length < 2 && found[0]!.sign !== '=') return [];
  return found.map((f, i) => ({
    term: f.term,
    meaning: body.slice(f.end, found[i + 1]?.start ?? body.length).replace(/[\s;,•]+$/, '').trim(),
  }));
}

/** Reads a row as a key: every non-empty cell is a key label or defines colours. Null when it is not a key. */
export function keyRow(cells: ReadonlyArray<string>): KeyEntry[] | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length === 0) return null;
  const joined = filled.join('; ');
  if (LABEL.test(filled[0]!) && filled.length > 1) {
    const entries = entriesIn(filled.slice(1).join('; '), false);
    if (entries.length > 0) return entries;
  }
  // "Green" | "On track": a colour in one cell, its meaning in the next, under a key label.
  const entries = entriesIn(joined, true);
  return entries.length > 0 ? entries : null;
}

/** A row right under a "Key" line: a colour alone in its cell, its meaning beside it. */
export function keyPairRow(cells: ReadonlyArray<string>): KeyEntry | null {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length < 2 || !new RegExp(`^${TERM}$`, 'i').test(filled[0]!)) return null;
  // "Red | ▲ | Significantly behind schedule | …": the first cell with words is the meaning.
  const meaning = filled.slice(1).find((c) => /\p{L}{2}/u.test(c));
  return meaning === undefined ? null : { term: filled[0]!.toLowerCase(), meaning };
}

/**
 * A key entry drawn as a swatch: a cell painted in a rating colour, with no words, beside what the colour means
 * (Thames Valley OPCC's delivery plan: a green cell, then "Action on-track or successfully completed (C)"). Read
 * under a key label, or when the meaning names a status; the swatch's colour is the term, as a painted rating
 * cell in the table is read by its colour's word.
 */
export function paintedKeyRow(cells: ReadonlyArray<string>, fills: ReadonlyArray<string | null> | undefined, underLabel: boolean): KeyEntry | null {
  if (fills === undefined) return null;
  const at = cells.findIndex((c) => c.trim() !== '');
  const meaning = cells[at]?.trim() ?? '';
  if (at < 1 || cells.slice(at + 1).some((c) => c.trim() !== '') || !/\p{L}{2}/u.test(meaning)) return null;
  const swatches = fills.slice(0, at).flatMap((fill) => {
    const colour = fill ? ratingColour(fill) : null;
    return colour === null ? [] : [colour];
  });
  if (swatches.length !== 1 || !(underLabel || meaningStatus(meaning) !== null)) return null;
  return { term: swatches[0]!, meaning };
}

export function isKeyLabel(cells: ReadonlyArray<string>): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length !== 1) return false;
  return (LABEL.test(filled[0]!) && filled[0]!.replace(LABEL, '').trim() === '') || AS_FOLLOWS.test(filled[0]!);
}

/** A cell beside the table that defines colours: read as the key, not as the action's value. */
export function keyCell(text: string): KeyEntry[] | null {
  const entries = entriesIn(text, true);
  return entries.length > 0 ? entries : null;
}

const DONE = /\b(complete|completed|achieved|done|delivered|closed|finished)\b/i;
const ON_TRACK = /(?<!\bnot\s)\bon[\s-]?(?:track|target|schedule)\b/i;
const NOT = /\b(not|no|in)\b/i;

/** The status a key's meaning gives, or null when the meaning names none. */
function meaningStatus(meaning: string): Status | null {
  const reading = parseStatusCell(meaning);
  if (reading.recognised && reading.status !== 'not-reported') return reading.status;
  // "Action on-track or successfully completed (C)": the colour covers work going well; completion has its own mark.
  if (ON_TRACK.test(meaning)) return 'green';
  if (DONE.test(meaning) && !NOT.test(meaning)) return 'completed';
  return null;
}

/**
 * Reads a status cell through the key: when the cell starts with a term the
 * key defines and the key's meaning names a status, that status is it.
 */
export function readThroughKey(text: string, reading: StatusReading, key: ReadonlyMap<string, string>): StatusReading {
  if (key.size === 0) return reading;
  const first = /^\s*\(?([a-z]+)\)?/i.exec(text)?.[1]?.toLowerCase();
  if (first === undefined) return reading;
  const meaning = key.get(first) ?? (first.length > 1 ? undefined : key.get(LETTERS[first] ?? ''));
  if (meaning === undefined) return reading;
  const status = meaningStatus(meaning);
  if (status === null) return reading;
  const narrative = reading.recognised ? reading.narrative : text.trim().slice(first.length).replace(/^[\s)\-–—:,.;]+/, '');
  return { status, narrative, recognised: true };
}

const LETTERS: Record<string, string> = { b: 'blue', g: 'green', a: 'amber', r: 'red' };
