import { refAtStart } from './action-refs.js';
import { assemblePlan, type ActionDraft, type PriorityDraft } from './assemble-plan.js';
import { isTitleLike, priorityHeading } from './classify-row.js';
import { planYear, planYearSpan } from './plan-changes.js';
import type { IgnoredRow, Plan } from './plan.js';
import type { RoleDefinitions } from './roles.js';
import { cellText, type SourceRow } from './source-row.js';
import { truncate } from './truncate.js';

/**
 * Plans written as lists rather than tables: a strategy's delivery plan, or a
 * council web page, gives each priority or outcome a heading and its actions
 * as bullet points under a caption ("Actions", "What we will do", "We will:"),
 * often with its measures under a caption of their own. For example Bexley's
 * Modern Slavery Partnership Action Plan 2023/24: "Priority 1 - Prepare",
 * "Outcome 1: All frontline staff are aware…", "Actions", then bullets.
 *
 * Read only when a file has no action table at all. A bullet is an action
 * only under an actions caption: bullets elsewhere in a strategy are
 * context (the partnership's priorities, a list of partners) and are kept as
 * rows not read, for the dry run to show.
 */
const LABEL = '(?:(?:strategic|key|local)\\s+)?(priority|objective|outcome|theme|aim|goal|strand|workstream)';
const LABELLED = new RegExp(`^${LABEL}\\s*(\\d{1,2})?\\s*(?:[.):]|\\s[-–—]|\\s(?=[A-Za-z]))\\s*(\\S[\\s\\S]{2,200})$`, 'i');
const ACTIONS_CAPTION =
  /^(?:(?:key|our|planned|delivery|partnership|agreed)\s+)?(?:actions?|activities|tasks|commitments|what\s+(?:we|the\s+partnership)\s+will\s+do|how\s+we\s+will\s+(?:do|achieve|deliver)\s+(?:this|it)|[\s\S]{0,80}\bwe\s+will)\s*[:.-]?$/i;
const MEASURES_CAPTION =
  /^(?:(?:key|our)\s+)?(?:measures?(?:\s+of\s+success)?|success\s+measures?|how\s+we\s+will\s+(?:measure|know)[\s\S]{0,60}|performance\s+(?:measures|indicators)|(?:key\s+performance\s+)?indicators|kpis?|targets?)\s*[:.-]?$/i;
/**
 * A lead, and a deadline, at the end of an item: "… – Lead: Community Safety
 * Team, by March 2025", "… (Lead: CSP Manager; timescale: Q3 2024/25)".
 */
const LEAD_AFTER =
  /\s*(?:[(\[]|[–—-]\s)?\s*\b(?:lead(?:\s+(?:officer|agency|partner|organisation))?|owner|responsible(?:\s+officer)?)\s*[:–—-]\s*([^()[\]]+?)(?:\s*[,;]\s*(?:by|deadline|timescales?|target(?:\s+date)?|due(?:\s+by)?)\s*[:–—-]?\s*([^()[\]]+?))?\s*[)\]]?\s*\.?$/i;
const LEAD_HINT = 'end its bullet with e.g. "– Lead: Community Safety Team, by March 2025"';
/** What a copy of a bulleted or numbered list starts its lines with. */
const ITEM_MARK = /^\s*(?:[•▪◦●○■□➢➤►‣∙·*–-]|\d{1,2}[.)]|\(?[a-z]\)|\(?(?:i{1,3}|iv|v|vi{0,3})\))\s+(?=\S)/i;

export type ListPlanReading = { plan: Plan; ignored: IgnoredRow[] };

type Heading = { label: string; number: number | null; title: string };
type Line =
  | { kind: 'heading'; heading: Heading; text: string }
  | { kind: 'caption'; mode: 'actions' | 'measures' }
  | { kind: 'item' | 'text'; text: string; where: string };
type Section = { heading: Heading; corporate: string | null; measures: string[]; actions: Array<{ text: string; where: string }> };

export function readListPlan(
  rows: ReadonlyArray<SourceRow>,
  context: { fallbackTitle: string; defs: RoleDefinitions; errors: string[]; warnings: string[] },
): ListPlanReading | null {
  const lines = classify(rows);
  const outerLabel = outerLevel(lines);
  const ignored: IgnoredRow[] = [];
  const sections: Section[] = [];
  let title: string | null = null;
  let outer: string | null = null;
  let current: Section | null = null;
  let mode: 'actions' | 'measures' | null = null;
  /** The text above the first heading, where a page says which year its plan is for. */
  const intro: string[] = [];

  for (const line of lines) {
    if (line.kind === 'heading') {
      mode = null;
      if (line.heading.label === outerLabel) {
        outer = line.text;
        current = null;
      } else {
        current = { heading: line.heading, corporate: outer, measures: [], actions: [] };
        sections.push(current);
      }
    } else if (line.kind === 'caption') {
      mode = line.mode;
    } else if (line.kind === 'item' && mode !== null && current !== null) {
      const body = line.text.replace(ITEM_MARK, '').trim();
      if (mode === 'actions') current.actions.push({ text: body, where: line.where });
      else current.measures.push(body);
    } else {
      const isTitle = title === null && outer === null && current === null && isTitleLike(line.text);
      if (isTitle) title = line.text;
      else if (outer === null && current === null) intro.push(line.text);
      mode = null;
      const why = isTitle ? "the plan's title" : line.kind === 'item' ? 'a list not under an actions heading' : 'text between the lists';
      ignored.push({ where: line.where, text: truncate(line.text, 80), why });
    }
  }

  const withActions = sections.filter((s) => s.actions.length > 0);
  if (withActions.length === 0) return null;
  const plan = assemblePlan(withYear(title ?? context.fallbackTitle, intro), priorityDrafts(withActions), { defs: context.defs, key: new Map(), errors: context.errors, warnings: context.warnings, leadHint: LEAD_HINT });
  const count = withActions.reduce((n, s) => n + s.actions.length, 0);
  context.warnings.unshift(
    `${context.fallbackTitle}: no action table found, so the plan was read as lists: the ${count} bullet point${count === 1 ? '' : 's'} under an actions heading ("Actions", "What we will do", "We will:") ${count === 1 ? 'is an action' : 'are its actions'}, the heading above each list its priority`,
  );
  return { plan, ignored };
}

/**
 * Each line's part in a list plan. A numbered line is a list item inside a
 * list and a heading outside one ("2. Prevent"); a labelled line
 * ("Outcome 2: …") is always a heading.
 */
function classify(rows: ReadonlyArray<SourceRow>): Line[] {
  const lines: Line[] = [];
  /** The marker of the list's last item (null: not in a list; '' when Word draws it). */
  let last: Marker | null = null;
  for (const row of rows) {
    const text = row.cells.map((cell) => cellText(cell).replace(/\s+/g, ' ').trim()).filter((t) => t !== '').join(' ');
    if (text === '') continue;
    const marker = row.listItem === true ? { style: '', number: null } : itemMarker(text);
    const heading = marker !== null && last !== null && continuesList(last, marker) && !LABELLED.test(text) ? null : readHeading(text);
    if (heading !== null) {
      lines.push({ kind: 'heading', heading, text });
      last = null;
    } else if (ACTIONS_CAPTION.test(text) || MEASURES_CAPTION.test(text)) {
      lines.push({ kind: 'caption', mode: ACTIONS_CAPTION.test(text) ? 'actions' : 'measures' });
      last = { style: 'caption', number: 0 };
    } else {
      lines.push({ kind: marker === null ? 'text' : 'item', text, where: row.where });
      last = last === null ? null : marker;
    }
  }
  return lines;
}

type Marker = { style: string; number: number | null };

function itemMarker(text: string): Marker | null {
  const m = ITEM_MARK.exec(text);
  if (!m) return null;
  const mark = m[0].trim();
  const digits = /^(\d+)([.)])$/.exec(mark);
  return digits ? { style: `1${digits[2]}`, number: Number(digits[1]) } : { style: mark.replace(/[a-z]+/i, 'a'), number: null };
}

/**
 * Whether an item carries on the list above it rather than starting a new
 * section: a numbered line is the list's next item only in the list's own
 * numbering ("2)" after "1)"); "2. Domestic abuse" after a bulleted list is a heading.
 */
function continuesList(last: Marker, marker: Marker): boolean {
  if (marker.number === null) return true;
  if (last.style === 'caption') return true;
  return last.style === marker.style && last.number !== null && marker.number === last.number + 1;
}

/**
 * The label of headings that group the ones holding the lists ("Priority 1 -
 * Prepare" above "Outcome 1: …"): the first label of a plan that uses two,
 * unless a heading of it holds a list itself.
 */
function outerLevel(lines: ReadonlyArray<Line>): string | null {
  const headings = lines.filter((l): l is Extract<Line, { kind: 'heading' }> => l.kind === 'heading');
  const first = headings[0]?.heading.label;
  if (first === undefined || headings.every((h) => h.heading.label === first)) return null;
  let label: string | null = null;
  for (const line of lines) {
    if (line.kind === 'heading') label = line.heading.label;
    else if (line.kind === 'caption' && label === first) return null;
  }
  return first;
}

function readHeading(text: string): Heading | null {
  if (text.length > 220) return null;
  const labelled = LABELLED.exec(text);
  if (labelled) return { label: labelled[1]!.toLowerCase(), number: labelled[2] === undefined ? null : Number(labelled[2]), title: labelled[3]!.replace(/[\s:.]+$/, '').trim() };
  const numbered = refAtStart(text) === null ? priorityHeading(text, false) : null;
  return numbered === null ? null : { label: '#', number: numbered.number, title: numbered.title };
}

/**
 * The title with the plan's year when only the text under it names the year
 * ("…the following Action Plan for 2023/24."): a plan is stored by its year.
 */
function withYear(title: string, intro: ReadonlyArray<string>): string {
  if (planYear(title) !== null) return title;
  for (const text of intro) {
    const span = planYearSpan(text);
    if (span !== null) return `${title} ${span}`;
  }
  return title;
}

function itemFields(text: string): ActionDraft['fields'] {
  const m = LEAD_AFTER.exec(text);
  if (!m || m.index === 0) return { action: text };
  const fields: ActionDraft['fields'] = { action: text.slice(0, m.index).replace(/[\s,;–—-]+$/, ''), lead: m[1]!.trim() };
  if (m[2] !== undefined) fields.deadline = m[2].trim();
  return fields;
}

function priorityDrafts(sections: ReadonlyArray<Section>): Map<number, PriorityDraft> {
  const numbers = sections.map((s) => s.heading.number);
  const ownNumbers = numbers.every((n) => n !== null) && new Set(numbers).size === numbers.length;
  const out = new Map<number, PriorityDraft>();
  sections.forEach((section, index) => {
    const number = ownNumbers ? section.heading.number! : index + 1;
    const actions: ActionDraft[] = section.actions.map((action, i) => ({
      ref: `${number}.${i + 1}`,
      where: action.where,
      fields: itemFields(action.text),
      extra: {},
      deadlineCell: undefined,
      cspAction: false,
    }));
    out.set(number, { title: section.heading.title, corporate: section.corporate, measures: section.measures, actions });
  });
  return out;
}
