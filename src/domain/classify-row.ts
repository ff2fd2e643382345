import { refAtStart } from './action-refs.js';
import { hasYearSpan } from './plan-changes.js';
import { matchHeading } from './plan-columns.js';
import { readStatus, type Status } from './status.js';

/**
 * Row classification: what a line of the file is when it is not a table's
 * header or an action — a priority heading ("2. Road safety", "Outcome 1 –
 * People feel safe", "Objective 3: …"), its corporate priority, a
 * sub-heading inside a priority ("Priority 1.1 …"), or a title.
 */
const HEADING_WORD = '(?:(?:strategic|key|local)\\s+)?(?:priority|objective|outcome|theme|aim|goal|strand|section|workstream)';
const PRIORITY = new RegExp(`^(?:${HEADING_WORD}\\s*)?(\\d{1,2})\\s*(?:[.):]|\\s[-–—]|\\s(?=[A-Za-z]))\\s*(?!\\d)(\\S[\\s\\S]*)$`, 'i');
/** "PRIORITY 1a Early Help and Prevention" (Slough LSCB business plan 2012): a labelled priority numbered with a letter. */
const LETTERED_PRIORITY = new RegExp(`^${HEADING_WORD}\\s*(\\d{1,2})[a-z]\\s*(?:[.):]|\\s[-–—]|\\s(?=[A-Za-z]))\\s*(\\S[\\s\\S]*)$`, 'i');
/** "Priority A: Safer streets", "Theme B – Domestic abuse": a labelled priority lettered instead of numbered. */
const LETTER_PRIORITY = new RegExp(`^${HEADING_WORD}\\s+([A-Z])\\s*(?:[.):]|\\s[-–—])\\s*(\\S[\\s\\S]*)$`, 'i');
const SUBHEADING = new RegExp(`^${HEADING_WORD}\\s*\\d{1,2}\\.\\d{1,2}\\b`, 'i');
const UNNUMBERED_LABEL = new RegExp(`^${HEADING_WORD}\\s*[:–—-]\\s*`, 'i');
const CORPORATE = /^corporate priority\b[\s:–—-]*([\s\S]*)$/i;
const CORPORATE_INSIDE = /\s*\bcorporate priority\b[\s:–—-]*/i;

/** `letter`: the letter a lettered priority is labelled with ("Priority A: …"), which its actions' refs carry. */
export type Heading = { title: string; corporate: string | null; fromTable: boolean; letter?: string };

/** A line that opens by labelling a part of the plan ("SECTION 1 …", "Priority 2: …", "Objective B –"). */
const PART_LABEL = new RegExp(`^${HEADING_WORD}(?:\\s*\\d{1,2}|\\s+[A-Z])\\b`, 'i');

/** Whether a line opens by labelling a numbered or lettered part of the plan ("Priority A: …", "Objective 2 – …"). */
export function labelsPart(text: string): boolean {
  return PART_LABEL.test(text.replace(/\s+/g, ' ').trim());
}

/**
 * A line that may name the plan: it says "plan" or "tracker", or gives a year span. A line labelled as a part of
 * the plan never does, even when it names one ("SECTION 1 Objectives in support of … the PCC's Police and Crime
 * Plan", Thames Valley OPCC's delivery plan 2016): the plan's title is the line above it.
 */
export function isTitleLike(text: string): boolean {
  return text.length <= 150 && refAtStart(text) === null && !labelsPart(text) && (/\b(?:plan|tracker)\b/i.test(text) || hasYearSpan(text));
}

export function normaliseTitle(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const WORD_NUMBERED = new RegExp(`^(${HEADING_WORD})\\s+(${NUMBER_WORDS.join('|')})\\b`, 'i');

/** "Priority four" (Buckinghamshire's homelessness and rough sleeping action plan 2022-25) as "Priority 4". */
function withDigits(text: string): string {
  return text.replace(WORD_NUMBERED, (_, label: string, word: string) => `${label} ${NUMBER_WORDS.indexOf(word.toLowerCase()) + 1}`);
}

/** A numbered priority heading, with its corporate priority when the same line names one. */
export function priorityHeading(written: string, fromTable: boolean): (Heading & { number: number; lettered?: true }) | null {
  const text = withDigits(written);
  const letter = LETTER_PRIORITY.exec(text);
  if (letter) {
    const title = letter[2]!.replace(/[\s,;:–—-]+$/, '').replace(/\s+/g, ' ').trim();
    return { number: 0, title, corporate: null, fromTable, lettered: true, letter: letter[1]!.toUpperCase() };
  }
  const lettered = PRIORITY.exec(text) === null ? LETTERED_PRIORITY.exec(text) : null;
  const match = lettered ?? PRIORITY.exec(text);
  if (!match) return null;
  const rest = match[2]!;
  const corporateAt = rest.search(CORPORATE_INSIDE);
  const title = (corporateAt >= 0 ? rest.slice(0, corporateAt) : rest).replace(/[\s,;:–—-]+$/, '').replace(/\s+/g, ' ').trim();
  const corporate = corporateAt >= 0 ? rest.slice(corporateAt).replace(CORPORATE_INSIDE, '').replace(/\s+/g, ' ').trim() : null;
  // "1a" and "1b" are two priorities: the caller numbers a lettered one in order, not by its digit.
  return { number: Number(match[1]), title, corporate, fromTable, ...(lettered ? { lettered: true as const } : {}) };
}

const CODED = /^([A-Za-z]{1,4}) ?(\d{1,2})\s*(?::|\s[–—-])\s*(?!\d)(\S[\s\S]{0,150})$/;

/**
 * A section code with its title ("CP1: Town Centre", "SO3 – Safer streets"), as exception reports head each
 * priority. Whether it heads a priority depends on the refs below it (1.x under CP1), which the caller checks.
 */
export function codedHeading(text: string): { number: number; title: string } | null {
  const m = CODED.exec(text.trim());
  if (!m || /^(q|ks|h)$/i.test(m[1]!)) return null;
  return { number: Number(m[2]), title: text.replace(/\s+/g, ' ').trim() };
}

/** "Corporate priority – Safer roads": the text after the label ('' when the label stands alone). */
export function corporateLine(text: string): string | null {
  const m = CORPORATE.exec(text);
  return m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
}

const BARE_LABEL = new RegExp(`(?:^|[:–—-]\\s*)${HEADING_WORD}\\s*(\\d{1,2})\\s*[:.]?$`, 'i');

/**
 * A numbered label with no title on its line ("Police and Crime Plan: Objective 1", "Priority 3"): the plan
 * gives the title on the line below. The number, or null.
 */
export function bareHeadingNumber(text: string): number | null {
  const m = BARE_LABEL.exec(withDigits(text.replace(/\s+/g, ' ').trim()));
  return m ? Number(m[1]) : null;
}

export function isSubheading(text: string): boolean {
  return SUBHEADING.test(text) && text.length <= 200;
}

/** An unnumbered heading's title without its label ("Priority: Fraud" → "Fraud"). */
export function headingTitle(text: string): string {
  return text.replace(UNNUMBERED_LABEL, '').replace(/\s+/g, ' ').trim();
}

/** A title's last part after a colon, a bar or a spaced dash ("Fairer: Our Deliverables", "Domestic abuse – Action Plan"). */
const LAST_PART = /^(.*?\p{L}.*?)\s*(?::|\||\s[–—-])\s*([^:|–—]{1,60})$/u;

/**
 * A priority's title without the caption words that name what its table holds ("Fairer: Our Deliverables",
 * "Safer streets – Actions", "Priority 2: What we will do", "Domestic abuse - Action Plan" → the theme alone). The
 * last part is such a caption when it reads as the heading of an action column: the rule that finds a plan's
 * ACTION column decides, so every wording it knows ("Activities", "Key tasks", "Our commitments") is stripped too.
 */
export function withoutContentCaption(title: string): string {
  const m = LAST_PART.exec(title.replace(/\s+/g, ' ').trim());
  if (!m) return title;
  // Every word must be the column's ("Commitment to victims" is a theme that starts like one); "Action Plan" names the table.
  const best = matchHeading(m[2]!.replace(/\s+plan$/i, ''))[0];
  return best?.field === 'action' && best.score >= WHOLE_HEADING ? m[1]! : title;
}

/** A heading score every word of which the field's wordings cover (a second meaning such as "Deliverables" weighs 0.9). */
const WHOLE_HEADING = 0.85;

const TABLE_LABEL = /^table\s+\d+\s*[:.–—-]?\s*/i;
const CAPTION_ITEMS = /\s+(?:actions?|projects?|recommendations?|items?|activities|tasks|work\s?streams?|commitments?)\s*:?$/i;
const CURRENT = /^(?:current|on-?\s?going|live|open|active)$/i;

/**
 * The status a table's caption gives every action in it ("Table 1 – Completed
 * actions", "Current Projects", "Ongoing actions"): progress reports often
 * sort their actions into one table per status instead of a status column.
 */
export function captionStatus(text: string): Status | null {
  const flat = text.replace(/\s+/g, ' ').trim().replace(TABLE_LABEL, '');
  if (flat.length > 60) return null;
  const items = CAPTION_ITEMS.exec(flat);
  if (!items) return null;
  const said = flat.slice(0, items.index).trim();
  if (CURRENT.test(said)) return 'in-progress';
  const read = readStatus(said, { source: 'status-column' });
  return read.match === 'recognised' && read.rest === '' && said.length > 1 ? read.status : null;
}
