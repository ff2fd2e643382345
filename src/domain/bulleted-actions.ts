/**
 * Bullets in an action cell: separate actions, or the steps of one.
 *
 * Evidence from published plans: the Isle of Wight Council's corporate plan
 * appendix (2003, POLICY | ACTIONS | OUTPUTS/OUTCOMES | FUTURE ACTIONS) and
 * seed 003's Activities | Measures tables list several things to do in one
 * cell, with no ref, lead or progress per thing: the committee chases each.
 * Plans that number the row ("17. New Homes Programme." beside "• Deliver
 * 600 new homes • Barlby Road – June 2026"), open the cell with a lead-in
 * ("Deliver the campaign: • posters • radio"), or report progress per row
 * (one RAG and one update for the whole cell) treat the bullets as the
 * steps of one action, and so does this reader.
 *
 * Pure.
 */

/**
 * Bullet glyphs as cells carry them: Word's own (•, ▪, ◦, ●) after a space or
 * line break; at the start of a line also ■, ►, ➢, a dash or a star, and the
 * glyphs a Word page saved as HTML shows when the symbol font is lost: "§"
 * (Wingdings' square) and "·" (Symbol's bullet), as on the Isle of Wight
 * appendix. Mid-line those two are text ("under § 17"), never a bullet.
 */
const BULLET_SOURCE = String.raw`(?:^|\s)[•▪◦●]\s+|(?:^|\n)\s*[■►➢§·*-]\s+`;
const BULLET = new RegExp(BULLET_SOURCE);
const BULLET_SPLIT = new RegExp(BULLET_SOURCE, 'g');

/** The text before the first bullet, and each bullet's text (one line each); null when the text has no bullet. */
export function bulletItems(text: string): { leadIn: string; items: string[] } | null {
  if (!BULLET.test(text)) return null;
  const [leadIn = '', ...items] = text.split(BULLET_SPLIT).map((t) => t.replace(/\s+/g, ' ').trim());
  return { leadIn, items: items.filter((t) => t !== '') };
}

/** A list's items, lead-in included (the measures a priority lists); the text itself when it has no bullets. */
export function splitBullets(text: string): string[] {
  const found = bulletItems(text);
  if (found === null) return text.trim() === '' ? [] : [text.replace(/\s+/g, ' ').trim()];
  return [found.leadIn, ...found.items].filter((t) => t !== '');
}

/**
 * The actions an unnumbered action cell holds when each of its bullets is one: two or more bullets, no lead-in
 * introducing them, and a table that reports no progress per row. Null when the cell is one action.
 */
export function separateActions(text: string, table: { reportsProgress: boolean }): string[] | null {
  if (table.reportsProgress) return null;
  const found = bulletItems(text);
  if (found === null || found.leadIn !== '' || found.items.length < 2) return null;
  return found.items;
}

/** A cell holding one bullet and nothing else ("§ Bring empty properties back into use."): its text without the glyph. */
export function withoutLoneBullet(text: string): string {
  const found = bulletItems(text);
  return found !== null && found.leadIn === '' && found.items.length === 1 ? found.items[0]! : text;
}

/** "a", "b", … "z", "aa", "ab", …: the letter of a split action, after its row's ref ("1.3a"). */
export function partLetter(index: number): string {
  let n = index;
  let letters = '';
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

/** The dry run's line for a split: "Sheet "Plan" row 7: 3 bulleted actions in one cell read as 4.1a–4.1c…". */
export function splitWarning(where: string, refs: ReadonlyArray<string>): string {
  return `${where}: ${refs.length} bulleted actions in one cell read as ${refs[0]}–${refs[refs.length - 1]}, one action each (the row has no number or progress of its own); number the row to keep them as one action`;
}
