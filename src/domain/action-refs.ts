/**
 * An action's ref as the plan writes it: dotted at any depth ("1.1",
 * "2.3.1"), with a letter ("1a", "1.2b"), a code ("A1", "cs1"), or a plain
 * integer. Refs are how people name actions in updates, so they are kept as
 * written (only spacing and a closing dot or bracket are dropped).
 */

/** A quarter ("Q3") or a key stage starts text about time or schooling, not a ref. */
const NOT_A_CODE = /^(q[1-4]|ks[1-5]|h[12])$/i;

const CELL_DIGITS_FIRST = /^(\d{1,3}(?:\.\d{1,3}){0,4}(?:[a-z]{1,2})?)[.)]?$/i;
const CELL_LETTERS_FIRST = /^([a-z]{1,4})[ -]?(\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)[.)]?$/i;
const CELL_LETTER = /^\(?([a-z])[.)]?$/i;
/** A code carrying the year it was made in brackets ("SR (25/26) 01", a scrutiny tracker's). */
const CELL_CODE_YEAR = /^([a-z]{1,4}) ?\((\d{2}|\d{4}) ?[/-] ?(\d{2})\) ?(\d{1,3})$/i;

const START_DOTTED = /^(\d{1,3}(?:\.\d{1,3}){1,4}[a-z]?)(?![\d])\.?\)?[\s:–—-]*/i;
const START_DIGIT_LETTER = /^(\d{1,3}[a-z])\*?[.):]?(?:\s*[–—-]\s*|\s+)/i;
const START_CODE = /^([a-z]{1,4} ?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)[.):]?(?:\s*[–—-]\s*|\s+)/i;
const START_INTEGER = /^(\d{1,3})(?:[.)]\s+|\s+[–—:-]\s*)(?=\S)/;

function tidy(ref: string): string {
  return ref.replace(/\s+/g, ' ').trim().replace(/[.)]+$/, '');
}

/** The ref when a ref column's cell holds one. */
export function isRefCell(text: string): boolean {
  return refCell(text) !== null;
}

export function refCell(text: string): string | null {
  const flat = text.trim();
  if (flat.length > 16) return null;
  const digits = CELL_DIGITS_FIRST.exec(flat);
  if (digits) return tidy(digits[1]!);
  const letters = CELL_LETTERS_FIRST.exec(flat);
  if (letters && !NOT_A_CODE.test(letters[1]! + letters[2]!)) return tidy(letters[0]!);
  // The year's slash cannot go into a record id: "SR (25/26) 01" is kept as "SR 25-26 01", as "2025-26" is written.
  const year = CELL_CODE_YEAR.exec(flat);
  if (year) return `${year[1]} ${year[2]}-${year[3]} ${year[4]}`;
  const letter = CELL_LETTER.exec(flat);
  return letter ? letter[1]! : null;
}

export type RefAtStart = { ref: string; rest: string };

/**
 * The ref at the start of an action's text ("1.1 Update the guidance",
 * "A2: Map the hotspots"). A plain integer ("3. Train staff") counts only
 * when the caller knows the row is an action, since "3. Road safety" alone
 * on a line is a priority heading.
 */
export function refAtStart(text: string, options: { integers?: boolean } = {}): RefAtStart | null {
  const flat = text.trimStart();
  const patterns = options.integers ? [START_DOTTED, START_DIGIT_LETTER, START_CODE, START_INTEGER] : [START_DOTTED, START_DIGIT_LETTER, START_CODE];
  for (const pattern of patterns) {
    const m = pattern.exec(flat);
    if (!m) continue;
    if (pattern === START_CODE && (NOT_A_CODE.test(m[1]!.replace(' ', '')) || (m[1]!.includes(' ') && !/^[A-Z]{2,4} /.test(m[1]!)))) continue;
    const rest = flat.slice(m[0].length).trim();
    if (rest === '' && pattern !== START_DOTTED) continue;
    return { ref: tidy(m[1]!), rest };
  }
  return null;
}

/** A word naming the action's kind before its dotted number and a colon ("Prevention 1.1: …", "Recovery 1.2: …"). */
const START_LABELLED = /^([A-Z][a-z]{2,20}) (\d{1,3}(?:\.\d{1,3}){1,4}[a-z]?):\s*(?=\S)/;

/**
 * The ref of an action whose text opens with the kind of action it is
 * ("Prevention 1.1: Develop a multi-agency process…", Coventry's rough
 * sleeping action plan 2022, whose key defines Prevention, Intervention and
 * Recovery): the number is the ref the plan's cross-references use, and the
 * word stays at the start of the text.
 */
export function labelledRefAtStart(text: string): RefAtStart | null {
  const flat = text.trimStart();
  const m = START_LABELLED.exec(flat);
  return m ? { ref: m[2]!, rest: `${m[1]}: ${flat.slice(m[0].length).trim()}` } : null;
}

/** The priority a ref names by its leading number ("3.2", "3b" → 3), or null ("7", "A1"). */
export function refPriority(ref: string): number | null {
  const m = /^(\d{1,3})(?:\.\d|[a-z])/i.exec(ref);
  return m ? Number(m[1]) : null;
}

/** The letters a coded ref starts with ("A1" → "A", "cs2" → "CS"): a change of letters is a change of section. */
export function refGroup(ref: string): string | null {
  const m = /^([a-z]{1,4}) ?\d/i.exec(ref);
  return m ? m[1]!.toUpperCase() : null;
}

export function isPlainInteger(ref: string): boolean {
  return /^\d{1,3}$/.test(ref);
}

/** A ref's segments: runs of digits and runs of letters ("cs1.2b" → cs, 1, 2, b); dots, spaces and dashes only separate. */
function refSegments(ref: string): string[] {
  return ref.toLowerCase().match(/\d+|\p{L}+/gu) ?? [];
}

function compareSegments(a: string, b: string): number {
  const aDigits = /^\d/.test(a);
  const bDigits = /^\d/.test(b);
  // Numbers before words at the same depth: "1.2" before "1a", "7" before "A1".
  if (aDigits !== bDigits) return aDigits ? -1 : 1;
  if (!aDigits) return a < b ? -1 : a > b ? 1 : 0;
  // By value, however long: strip leading zeros, then the longer number is the larger.
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * The order people read refs in: segment by segment, numbers by value and
 * letters alphabetically ("1.2" < "1.10" < "1a" < "2" < "A1" < "A2" < "cs1"),
 * a ref before the refs it heads ("1" < "1.1"). Refs that differ only in
 * case, spacing or punctuation fall back to their text, so the order is total.
 */
export function compareRefs(a: string, b: string): number {
  const pa = refSegments(a);
  const pb = refSegments(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const d = compareSegments(pa[i]!, pb[i]!);
    if (d !== 0) return d;
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** A ref as people type it: case, and a space or dash between runs, make no difference; a dot does ("1.1" is not "11"). */
function refKey(ref: string): string {
  return ref.toLowerCase().replace(/[\s-]+/g, '');
}

/** Whether a typed ref names the same action as a plan's ("dab1" and "DAB 1", "r1" and "R1"). */
export function sameRef(typed: string, ref: string): boolean {
  return refKey(typed) === refKey(ref);
}

/** Where a ref typed at the start of a message may end: the message's end, a space, or the punctuation that comes before a status. */
export const TYPED_REF_END = String.raw`(?=$|[\s:,;?!–—-])`;

function typedRefPattern(ref: string): RegExp {
  // Runs of letters and of digits, each kept; between two, a dot as written, any other gap (or none: "R1") as an optional space or dash.
  const pieces = ref.match(/\p{L}+|\d+|[^\p{L}\d]+/gu) ?? [];
  let source = '';
  let gap = '';
  for (const piece of pieces) {
    if (!/^[\p{L}\d]/u.test(piece)) {
      gap += piece;
      continue;
    }
    if (source !== '') source += gap.includes('.') ? String.raw`\.` : String.raw`[\s-]?`;
    source += piece;
    gap = '';
  }
  // A ref with no letter or digit names nothing a person could type.
  if (source === '') return /(?!)/;
  return new RegExp(String.raw`^(?:${source})\.?${TYPED_REF_END}`, 'iu');
}

/**
 * The plan ref a message starts with, as the person typed it ("R1 done",
 * "dab 1 amber - …", "1A complete"), from the refs their plans hold: the
 * longest that fits, since "1.1" must not take "1.1.1 done". Null when none does.
 */
export function refTypedAt(text: string, refs: readonly string[]): { ref: string; rest: string } | null {
  const longestFirst = [...refs].sort((a, b) => b.length - a.length);
  for (const ref of longestFirst) {
    const m = typedRefPattern(ref).exec(text);
    if (m !== null) return { ref, rest: text.slice(m[0].length) };
  }
  return null;
}
