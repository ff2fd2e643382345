import { isPlainInteger, labelledRefAtStart, refAtStart, refCell, refGroup, refPriority } from './action-refs.js';
import { alignCells } from './align-cells.js';
import { assemblePlan, type ActionDraft, type PriorityDraft } from './assemble-plan.js';
import { partLetter, separateActions, splitBullets, splitWarning, withoutLoneBullet } from './bulleted-actions.js';
import { bareHeadingNumber, captionStatus, codedHeading, corporateLine, headingTitle, isSubheading, isTitleLike, labelsPart, normaliseTitle, priorityHeading, type Heading } from './classify-row.js';
import { looksLikeDeadline, parseDeadline } from './deadline.js';
import { DomainError } from './errors.js';
import type { IgnoredRow, Plan, PlanReading, TableReading } from './plan.js';
import {
  columnLayout,
  FIELD_NAMES,
  headerEvidence,
  headerScore,
  isHeaderContinuation,
  isHeaderRow,
  normaliseHeading,
  type Column,
  type ColumnOverrides,
  type Field,
} from './plan-columns.js';
import { isKeyLabel, keyCell, keyPairRow, keyRow, paintedKeyRow, type KeyEntry } from './plan-key.js';
import { readListPlan } from './read-list-plan.js';
import { collectRoleDefinitions } from './roles.js';
import { cellText, type SourceCell, type SourceRow } from './source-row.js';
import { ratingColour, type RatingColour } from './status-colour.js';
import { looksLikeStatus, STATUS_LABELS, type Status } from './status.js';
import { truncate } from './truncate.js';

/**
 * Reads action plans from the rows of a file, the way a committee reads the
 * table: title, header (found by evidence, repeated at every page break),
 * priorities (heading rows, a priority column, or table captions), and
 * actions (numbered as the plan numbers them, or numbered in order). A file
 * may hold several plans (a report with last year's plan and this year's).
 *
 * Pure: rows in, plans out. Every problem is collected, so the coordinator
 * gets the whole list in one go; warnings never stop an import.
 */
export type ReadPlansOptions = {
  /** Used when a plan carries no title of its own: usually the file name. */
  fallbackTitle: string;
  /** The title the file's own properties give (a workbook's or document's Title), preferred to the file name. */
  documentTitle?: string;
  /** The coordinator's corrections (`--column "<heading>=<field>"`): normalised heading → field, or null for an extra column. */
  columns?: ColumnOverrides;
};

/** A lettered part of a numbered action on a row of its own ("b) the Council keeps…", "(c) Review…"). */
const LETTERED_PART = /^\(?([a-z])\)\s+(?=\S)/;
/** Where the parent's text opens its list of parts ("…including:- a) a consistent approach"). */
const FIRST_PART = /(?:^|[\s:;-])\(?a\)\s+\S/;
const CSP_MARKER = /\s*\*\s*CSP\s+action\b\.?/gi;
/**
 * A line giving a priority's measures above its table ("Measures of success: fewer repeat victims…"), as plans
 * that keep measures per priority rather than per action write it.
 */
const MEASURES_LINE = /^(?:key\s+)?(?:measures?\s+of\s+success|success\s+measures?|measures?|how\s+(?:we\s+will|will\s+we)\s+(?:measure\s+success|know))\s*(?:\([^)]*\))?(?:\s*:|\s+[–—-])\s*(\S[\s\S]*)$/i;

type Draft = {
  ref: string;
  /** A plain integer ref as written ("7"), kept when no other action of the plan is numbered the same. */
  written: string | null;
  /** The priority column's cell, kept as an extra column when heading rows give the priorities. */
  priorityAsExtra: boolean;
  where: string;
  columns: Column[];
  /** Column index → text. */
  values: Map<number, string>;
  deadlineCell: SourceCell | undefined;
  cspAction: boolean;
  subheading: string | null;
  /** The status the table's caption gives its actions ("Completed actions"), for an action with no status of its own. */
  tableStatus: Status | null;
  /** Read as an action numbered "1." but worded as a theme ("1. Purpose of CCTV"): the heading it may turn out to be. */
  themeLike: { number: number; title: string } | null;
};

type PlanDraft = {
  title: string | null;
  section: string | undefined;
  priorities: Map<number, { title: string; corporate: string | null; measures: string[]; actions: Draft[]; letter?: string }>;
  /** Set when a ref came again under another lettered priority ("1.1" under A and under B): every ref under a letter then carries it. */
  refsByLetter?: true;
  refs: Map<string, string>;
  numberedInOrder: string[];
  /** Cells whose bullets were read as actions each: where, and the actions (refs settled when the plan is finished). */
  splits: Array<{ where: string; actions: Draft[] }>;
};

/** The number a sub-heading gives itself within its priority ("Priority 1.3: Improve…" in priority 1 → "1.3"), or null. */
function subheadingNumber(subheading: string | null, priority: number): string | null {
  const m = subheading === null ? null : /^\D*?(\d{1,2})\.(\d{1,2})\b/.exec(subheading);
  return m && Number(m[1]) === priority ? `${m[1]}.${m[2]}` : null;
}

/**
 * A line under a priority's heading naming who delivers it ("Community Planning Partners delivering on this
 * outcome: Argyll and Bute Council (ABC) …", Argyll and Bute's SOA delivery plans 2014): part of the heading, so
 * the table below is still that priority's, as it is after the heading alone.
 */
const WHO_DELIVERS = /^[^:]{0,80}\b(?:partners?|leads?|owners?|delivering|delivered by|responsible)\b[^:]{0,40}:/i;

const READ_THROUGH_BULLETS: ReadonlySet<Field> = new Set(['lead', 'resources', 'partners', 'deadline', 'status', 'update']);

function withoutBullets(text: string): string {
  return text.replace(/^[•▪◦●]\s+/gm, '');
}

export function readPlans(rows: ReadonlyArray<SourceRow>, options: ReadPlansOptions): PlanReading {
  const defs = collectRoleDefinitions(rows.flatMap((r) => r.cells.map(cellText)));
  const overrides: ColumnOverrides = options.columns ?? new Map();
  const errors: string[] = [];
  const warnings: string[] = [];
  const plans: PlanDraft[] = [];
  const tables: TableReading[] = [];
  const ignored: IgnoredRow[] = [];
  const keyEntries: KeyEntry[] = [];
  const nearMisses: Array<{ where: string; cells: string[]; score: number }> = [];

  let current: PlanDraft | null = null;
  let columns = null as Column[] | null;
  let exactTable = true;
  let headerLines: string[][] = [];
  let headerWhere = '';
  /** Cells in the header's line: a line of Word text as wide is laid out as the header is. */
  let headerWidth = 0;
  let lastRowWasHeader = false;
  let recent: string[] = [];
  let pendingTitle: string | null = null;
  let pendingHeadings = new Map<number, Heading>();
  let lastHeading: Heading | null = null;
  let expectCorporate = false;
  /** A theme given as a label and its value on a row above the table ("Priority" | "(5) Essex roads are safer…"). */
  let labelRowTheme: string | null = null;
  /** The number of a heading whose title is on the next line ("Objective 1", then "Cut crimes of most concern…"). */
  let titleBelow: number | null = null;
  let expectKeyPairs = false;
  let keyLabelAbove = false;
  let lastAction: Draft | null = null;
  /** The ref of a group whose ref and grouping cells are merged down beside its steps, and how many steps it has so far. */
  let stepsOf: { base: string; first: Draft; steps: number } | null = null;
  /** A grouping cell kept as an extra column, merged down beside the actions below it, with where it applies. */
  let groupCell: { text: string; priority: number; subheading: string | null } | null = null;
  /** Whether this section's actions carry refs: decided by its first action. */
  let numbered: boolean | null = null;
  /** The caption above the current table ("Domestic Abuse" above "Activities | Measures"). */
  let caption: string | null = null;
  let subheading: string | null = null;
  let columnPriority: string | null = null;
  /** The ref of a commitment row heading its milestones ("1" above 1a, 1b), while its milestones are read. */
  let parentHeading: string | null = null;
  /** A caption naming a status ("Table 1 – Completed actions") seen since the last table, and the current table's. */
  let captionedStatus: Status | null = null;
  let tableStatus: Status | null = null;
  let headerKey = '';
  let lastGroup: string | null = null;
  let headingSinceAction = false;
  /** Whether priorities come from heading rows: then a priority or objective column is the action's own detail. */
  let headingRows = false;
  /**
   * A short line alone in the table may be an unnumbered priority heading
   * ("Fraud") or a cell that fell onto a line of its own: the next action
   * tells which (a heading when that action starts a new priority).
   */
  let candidate: { heading: Heading; texts: string[]; where: string } | null = null;
  /** Measures written on a line above a table: they belong to the priority its actions fall in. */
  let pendingMeasures: string[] = [];
  /** For refs written without a priority ("1", "2"…) under a heading. */
  let currentPriority: number | null = null;
  let section: string | undefined;
  let sectionChanged = false;
  /** The sheet the last action was read on: a line on a later sheet is never more of it. */
  let lastActionSection: string | undefined;
  const sectionsSeen = new Set<string>();
  /** Each sheet's first line, when it is a line of its own: where a tracker without "plan" in its title puts it. */
  const firstLines = new Map<string | undefined, string>();
  const sectionsWithTable = new Set<string>();

  const columnIndex = (field: Field): number => (columns ?? []).findIndex((c) => c.field === field);

  /** The document's own title ("Community Safety Plan 2020-2023"), for a plan whose table has none above it. */
  let documentTitle: string | null = null;

  const looseText = (text: string, kind: SourceRow['kind']): void => {
    const captioned = captionStatus(text);
    if (captioned !== null) {
      captionedStatus = captioned;
      return;
    }
    if (headingOverTwoLines(text)) return;
    recent = [...recent, text].slice(-2);
    if (documentTitle === null && isTitleLike(text)) documentTitle = text.replace(/\s+/g, ' ').trim();
    if (isSubheading(text)) {
      // "Priority 1.1 We will seek…" under "Outcome 1 – …", above the table's header: kept on each action below.
      subheading = text.replace(/\s+/g, ' ').trim();
      return;
    }
    const found = priorityHeading(text, false);
    if (found && !isTitleLike(text) && (kind === 'paragraph' || /^[a-z ]+\d/i.test(text) || found.letter !== undefined)) {
      const { lettered, number: written, ...heading } = found;
      const number = lettered ? nextPriorityNumber() : written;
      pendingHeadings.set(number, heading);
      noteLetter(number, heading);
      lastHeading = heading;
      headingSinceAction = true;
      // Unnumbered actions below belong to it, as they do under a heading row inside the table.
      currentPriority = number;
    } else if (kind === 'paragraph' && !isTitleLike(text) && !WHO_DELIVERS.test(text)) {
      for (const [n, h] of pendingHeadings) if (!h.fromTable) pendingHeadings.delete(n);
    }
  };

  /** The letter each lettered priority is labelled with ("Priority A: …"), by its number: its actions' refs carry it. */
  const priorityLetters = new Map<number, string>();
  /** The rows each priority's actions were read from: a row whose bullets were split counts once. */
  const rowsOf = new WeakMap<object, Set<string>>();
  const noteLetter = (number: number, heading: Heading): void => {
    if (heading.letter !== undefined) priorityLetters.set(number, heading.letter);
    else priorityLetters.delete(number);
  };

  const setHeading = (number: number, heading: Heading): void => {
    pendingHeadings.set(number, heading);
    noteLetter(number, heading);
    currentPriority = number;
    headingSinceAction = true;
    subheading = null;
  };

  /** "Objective 1" alone on its line, then its title on the next: true when the line was one of the two. */
  const headingOverTwoLines = (text: string): boolean => {
    const bare = bareHeadingNumber(text);
    if (bare !== null) titleBelow = bare;
    else if (titleBelow !== null) {
      setHeading(titleBelow, { title: text.replace(/\s+/g, ' ').trim(), corporate: null, fromTable: true });
      titleBelow = null;
    } else return false;
    return true;
  };

  const nextPriorityNumber = (): number =>
    Math.max(0, currentPriority ?? 0, ...(current ? current.priorities.keys() : []), ...pendingHeadings.keys()) + 1;

  const startPlan = (title: string | null): PlanDraft => {
    const plan: PlanDraft = { title, section, priorities: new Map(), refs: new Map(), numberedInOrder: [], splits: [] };
    plans.push(plan);
    return plan;
  };

  const applyHeadings = (plan: PlanDraft): void => {
    for (const [number, heading] of pendingHeadings) {
      const existing = plan.priorities.get(number);
      if (!existing) plan.priorities.set(number, { title: heading.title, corporate: heading.corporate, measures: [], actions: [], ...(heading.letter ? { letter: heading.letter } : {}) });
      else if (heading.fromTable || existing.title === '') {
        existing.title = heading.title;
        existing.corporate = heading.corporate ?? existing.corporate;
        if (heading.letter) existing.letter = heading.letter;
      }
    }
    pendingHeadings = new Map();
  };

  const keepKeyCells = (texts: string[], indices: Iterable<number>, where: string): Set<number> => {
    const kept = new Set<number>();
    for (const index of indices) {
      const entries = keyCell(texts[index] ?? '');
      if (entries === null) continue;
      keyEntries.push(...entries);
      ignored.push({ where, text: truncate(texts[index]!), why: 'a key beside the table' });
      kept.add(index);
    }
    return kept;
  };

  const continueAction = (texts: string[], where: string, exact: boolean): void => {
    if (!lastAction) {
      warnings.push(`${where}: text outside any action was ignored: "${truncate(texts.filter((t) => t !== '').join(' '))}"`);
      return;
    }
    if (section !== lastActionSection) {
      // A sheet starts afresh: a line above its first action (a key, notes) is not more of the last sheet's last action.
      ignored.push({ where, text: truncate(texts.filter((t) => t !== '').join(' | '), 80), why: 'before the first action of its sheet' });
      return;
    }
    const action = lastAction;
    const pieces = texts.filter((t) => t !== '');
    const lastFilled = action.columns.reduce((last, _, i) => ((action.values.get(i) ?? '') !== '' ? i : last), -1);
    const remaining = action.columns.map((c, i) => ({ column: c, i })).slice(lastFilled + 1);
    if (pieces.length > 0 && pieces.length <= remaining.length && !(exact && pieces.length > 1)) {
      const fit = alignCells(pieces, remaining.map((r, position) => ({ field: r.column.field, position })), false);
      for (const [j, index] of fit.cells) {
        const column = remaining[j]!.i;
        action.values.set(column, pieces[index]!);
        if (action.columns[column]!.field === 'deadline') action.deadlineCell = pieces[index]!;
      }
      return;
    }
    // A row split across a page: each cell continues the field above it.
    const fit = alignCells(texts, action.columns, true);
    for (const [column, index] of fit.cells) {
      const more = texts[index]!;
      if (more === '') continue;
      const joined = [action.values.get(column), more].filter((t) => t).join('\n');
      action.values.set(column, joined);
      if (action.columns[column]!.field === 'deadline') action.deadlineCell = joined;
    }
  };

  /** The priority an action belongs to: from its ref, the priority column, a change of ref letters, or the table's caption. */
  const priorityOf = (ref: string | null, columnText: string): number => {
    // Under "Priority B" a ref's leading number ("1.1") counts within B: the lettered heading decides.
    if (columnText === '' && currentPriority !== null && priorityLetters.has(currentPriority)) {
      caption = null;
      return currentPriority;
    }
    const fromRef = ref === null ? null : refPriority(ref);
    if (columnText !== '' && !headingRows) {
      const numberedHeading = priorityHeading(columnText, true);
      const title = numberedHeading?.title ?? headingTitle(columnText);
      if (fromRef === null && title === columnPriority && currentPriority !== null) return currentPriority;
      const number = fromRef ?? numberedHeading?.number ?? nextPriorityNumber();
      setHeading(number, { title, corporate: numberedHeading?.corporate ?? null, fromTable: true });
      columnPriority = title;
      // The column names the priorities; a caption above the table is the table's title, not a theme of its own.
      caption = null;
      return number;
    }
    if (fromRef !== null) {
      // The caption above the table names the priority its refs number ("Strategic Goal – …" above 1a, 1b…).
      if (caption !== null && !pendingHeadings.has(fromRef) && !current?.priorities.get(fromRef)?.title) {
        setHeading(fromRef, { title: caption, corporate: null, fromTable: true });
      }
      caption = null;
      return fromRef;
    }
    // "2" after commitment 1's milestones: a commitment of its own, not one more milestone of 1.
    if (ref !== null && parentHeading !== null && isPlainInteger(ref) && ref !== parentHeading) {
      parentHeading = null;
      currentPriority = nextPriorityNumber();
      return currentPriority;
    }
    const group = ref === null ? null : refGroup(ref);
    if (group !== null && lastGroup !== null && group !== lastGroup && !headingSinceAction) currentPriority = nextPriorityNumber();
    if (caption !== null && pendingHeadings.size === 0) {
      const used = current?.priorities.get(currentPriority ?? 1);
      const number = currentPriority === null ? 1 : used && used.actions.length > 0 ? nextPriorityNumber() : currentPriority;
      setHeading(number, { title: caption, corporate: null, fromTable: true });
    }
    caption = null;
    return currentPriority ?? 1;
  };

  const addAction = (row: SourceRow, texts: string[], tableLayout: Column[]): void => {
    let layout = tableLayout;
    const fit = alignCells(texts, layout, row.exactColumns);
    const values = new Map<number, string>();
    let cspAction = false;
    for (const [column, index] of fit.cells) {
      const cell = row.cells[index];
      const field = layout[column]!.field;
      if (cell !== undefined && typeof cell !== 'string' && cell.kind === 'formula') {
        errors.push(
          `${row.where}: the ${field === null ? `"${layout[column]!.heading}"` : FIELD_NAMES[field]} cell holds a formula (=${truncate(cell.formula, 40)}); replace it with its value (copy the cells, then Paste Special → Values)`,
        );
        return;
      }
      let text = cellText(cell).trim();
      if (CSP_MARKER.test(text)) {
        cspAction = true;
        text = text.replace(CSP_MARKER, '').trim();
      }
      CSP_MARKER.lastIndex = 0;
      values.set(column, text);
    }
    const beside = keepKeyCells(texts, [...fit.unplaced, ...[...fit.cells].filter(([c]) => layout[c]!.field === null).map(([, i]) => i)], row.where);
    for (const [column, index] of fit.cells) if (beside.has(index)) values.delete(column);

    const at = (field: Field): number => layout.findIndex((c) => c.field === field);
    paintedStatus(row, layout, fit.cells, values, at('status'));
    const refColumn = at('ref');
    const actionColumn = at('action');
    const unheaded = fit.unplaced.filter((i) => !beside.has(i));
    let ref = refColumn >= 0 ? refCell(values.get(refColumn) ?? '') : null;
    // A ref in a column with no heading of its own ("" | "Guidance", or "Recommendation" spanning "R1" and its text).
    const actionAlone = actionColumn >= 0 ? refCell(values.get(actionColumn) ?? '') : null;
    const besideRef = actionAlone === null ? -1 : fit.cells.get(actionColumn)! + 1;
    const besideColumn = [...fit.cells].find(([, index]) => index === besideRef)?.[0];
    if (ref === null && actionAlone !== null && unheaded.length > 0 && fit.cells.get(actionColumn)! < unheaded[0]!) {
      ref = actionAlone;
      values.set(actionColumn, texts[unheaded.shift()!]!);
    } else if (ref === null && actionAlone !== null && besideColumn !== undefined && layout[besideColumn]!.field === null && onlyFilled(texts, [besideRef - 1, besideRef])) {
      // The row's text shifted under the next heading because the spanned cell is empty in the header.
      ref = actionAlone;
      values.set(actionColumn, texts[besideRef]!);
      values.set(besideColumn, '');
    } else if (ref === null && refColumn < 0 && unheaded.length > 0 && refCell(texts[unheaded[0]!]!) !== null && unheaded[0]! < (layout[actionColumn]?.position ?? Infinity)) {
      ref = refCell(texts[unheaded.shift()!]!);
    }
    // A column with no heading in a table that has no lead column usually names who leads ("WCAVA, EQUIP, WCC").
    if (unheaded.length > 0 && at('lead') < 0 && at('resources') < 0 && refCell(texts[unheaded[0]!]!) === null) {
      values.set(layout.length, texts[unheaded.shift()!]!);
      layout = [...layout, { field: 'resources', position: layout.length, heading: '' }];
    }
    for (const index of unheaded) warnings.push(`${row.where}: cell ${index + 1} ("${truncate(texts[index]!)}") is under no column heading and was ignored`);
    let themeLike: Draft['themeLike'] = null;
    if (ref === null) {
      const actionText = values.get(actionColumn) ?? texts.find((t) => t !== '') ?? '';
      const start = refAtStart(actionText, { integers: texts.filter((t) => t !== '').length > 1 }) ?? labelledRefAtStart(actionText);
      if (start !== null) {
        ref = start.ref;
        const heading = isPlainInteger(ref) && start.rest.length <= 80 ? priorityHeading(actionText, true) : null;
        if (heading) themeLike = { number: heading.number, title: heading.title };
        values.set(actionColumn >= 0 ? actionColumn : [...values.keys()][0] ?? 0, start.rest);
      }
    }
    const part = ref === null && lastAction !== null ? LETTERED_PART.exec(values.get(actionColumn) ?? '') : null;
    if (part && lastAction) ref = letteredRef(lastAction, part[1]!);
    const step = ref === null && row.exactColumns && stepOfGroup(texts);
    if (step) ref = stepRef();
    const groupRef = refColumn >= 0 && ref !== null && !step ? ref : null;
    const priorityText = values.get(at('priority')) ?? '';
    if (ref === null && numbered === true && priorityText === '') {
      continueAction(texts, row.where, row.exactColumns);
      return;
    }
    numbered ??= ref !== null;

    const number = priorityOf(ref, priorityText);
    let written: string | null = null;
    if (ref !== null && isPlainInteger(ref) && (currentPriority !== null || priorityText !== '')) {
      written = ref;
      // "1" under "Priority A" is "A.1" should the plan's numbers start again in each priority, as "1" under priority 2 is "2.1".
      ref = `${priorityLetters.get(number) ?? number}.${ref}`;
    }
    const group = ref === null ? null : refGroup(ref);

    const titleDiffers =
      pendingTitle !== null && (current?.title == null || normaliseTitle(pendingTitle) !== normaliseTitle(current.title));
    const letter = priorityLetters.get(number);
    const elsewhere = (plan: PlanDraft, own: string): boolean => [...plan.priorities].some(([n, p]) => n !== number && p.actions.some((a) => a.ref === own));
    if (ref !== null && written === null && letter !== undefined && current !== null && current.refs.has(ref) && !titleDiffers && !sectionChanged && elsewhere(current, ref)) {
      // "1.1" again under "Priority B": B's own 1.1, told apart by its letter (and so is every ref under a letter, once done).
      ref = `${letter}.${ref}`;
      current.refsByLetter = true;
    }
    const restarts = ref !== null && current !== null && current.refs.has(ref);
    if (current === null || (restarts && (titleDiffers || sectionChanged))) {
      current = startPlan(pendingTitle);
    } else if (current.title === null && pendingTitle !== null) {
      current.title = pendingTitle;
    } else if (restarts) {
      errors.push(`${row.where}: action ${ref} appears twice (first at ${current.refs.get(ref!)}); give each action its own number`);
      pendingTitle = null;
      sectionChanged = false;
      return;
    }
    pendingTitle = null;
    sectionChanged = false;
    applyHeadings(current);
    let priority = current.priorities.get(number);
    if (!priority) {
      priority = { title: '', corporate: null, measures: [], actions: [] };
      current.priorities.set(number, priority);
    }
    priority.measures.push(...pendingMeasures);
    pendingMeasures = [];
    const plan = current;
    const deadlineColumn = at('deadline');
    const originalIndex = fit.cells.get(layout.findIndex((c) => c.deadlineUntilRevised));
    const revisedIndex = fit.cells.get(deadlineColumn);
    const deadlineIndex = revisedIndex !== undefined && cellText(row.cells[revisedIndex]).trim() === '' && originalIndex !== undefined ? originalIndex : revisedIndex;
    const make = (ownRef: string, ownValues: Map<number, string>): Draft => {
      const draft: Draft = {
        ref: ownRef,
        written: ownRef === ref ? written : null,
        priorityAsExtra: headingRows,
        where: row.where,
        columns: layout,
        values: ownValues,
        deadlineCell: deadlineIndex === undefined ? undefined : row.cells[deadlineIndex],
        cspAction,
        subheading,
        tableStatus,
        themeLike: ownRef === ref ? themeLike : null,
      };
      priority!.actions.push(draft);
      rowsOf.set(priority!, (rowsOf.get(priority!) ?? new Set()).add(row.where));
      plan.refs.set(ownRef, row.where);
      return draft;
    };
    const autoRef = (): string => {
      // Rows, not actions: a row whose bullets were split counts once, so the next row's number never moves.
      // Under "Priority 1.1: …" in priority 1 the rows are numbered 1.1.1, 1.1.2…, as the plan numbers its sub-headings.
      const own = subheadingNumber(subheading, number);
      const label = own ?? priorityLetters.get(number) ?? number;
      let n = (own === null ? (rowsOf.get(priority!)?.size ?? 0) : new Set(priority!.actions.filter((a) => a.subheading === subheading).map((a) => a.where)).size) + 1;
      while (plan.refs.has(`${label}.${n}`)) n++;
      plan.numberedInOrder.push(row.where);
      return `${label}.${n}`;
    };
    const reportsProgress = layout.some((c) => c.field === 'status' || c.field === 'update');
    if (actionColumn >= 0 && values.has(actionColumn)) values.set(actionColumn, withoutLoneBullet(values.get(actionColumn)!));
    const separate = ref === null ? separateActions(values.get(actionColumn) ?? '', { reportsProgress }) : null;
    if (separate !== null) {
      // One action per bullet, lettered after the row's own number ("1.3a", "1.3b"): a bullet added to one row
      // never renumbers another. The measures belong to the priority, not to each bullet.
      const measureColumn = at('measure');
      priority.measures.push(...splitBullets(values.get(measureColumn) ?? ''));
      const base = autoRef();
      // Each bullet is an action with no number of its own: the warning counts them all.
      plan.numberedInOrder.push(...separate.slice(1).map(() => row.where));
      const actions = separate.map((text, i) => {
        const own = new Map(values);
        own.set(actionColumn, text);
        own.delete(measureColumn);
        lastAction = make(`${base}${partLetter(i)}`, own);
        return lastAction;
      });
      plan.splits.push({ where: row.where, actions });
    } else {
      const above = lastAction;
      lastAction = make(ref ?? autoRef(), values);
      if (above?.themeLike && ref !== null && refGroup(ref) !== null && onlyRefAndAction(lastAction)) promoteTheme(above, lastAction, above.themeLike);
    }
    if (!step) stepsOf = groupRef !== null && priorityText !== '' ? { base: groupRef, first: lastAction!, steps: 1 } : null;
    carryGroupCell(priorityText, number, at('priority'));
    lastGroup = group;
    lastActionSection = row.section;
    headingSinceAction = false;
  };

  /**
   * The ref of a lettered part ("b)") under the action above: its number with the letter ("1b"). The action
   * above becomes part a) ("1a") when its own text opens the list.
   */
  const letteredRef = (above: Draft, letter: string): string => {
    const base = above.ref.replace(/(?<=\d)[a-z]$/i, '');
    const text = above.values.get(above.columns.findIndex((c) => c.field === 'action')) ?? '';
    if (base === above.ref && letter !== 'a' && FIRST_PART.test(text) && current) {
      current.refs.delete(above.ref);
      above.ref = `${base}a`;
      above.written = null;
      current.refs.set(above.ref, above.where);
    }
    return `${base}${letter}`;
  };

  /**
   * "1. Purpose of CCTV" read as action 1, then "R1" below it with nothing beside its text: the first row was
   * the theme R1 belongs to, its other cells merged down beside R1. The theme becomes the priority, and its
   * cells R1's.
   */
  const promoteTheme = (theme: Draft, below: Draft, heading: { number: number; title: string }): void => {
    if (!current) return;
    for (const p of current.priorities.values()) p.actions = p.actions.filter((a) => a !== theme && a !== below);
    current.refs.delete(theme.ref);
    theme.columns.forEach((column, i) => {
      const text = theme.values.get(i) ?? '';
      if (column.field === 'action' || column.field === 'ref' || text === '' || (below.values.get(i) ?? '') !== '') return;
      below.values.set(i, text);
      if (column.field === 'deadline') below.deadlineCell = theme.deadlineCell;
    });
    const existing = current.priorities.get(heading.number);
    if (existing && existing.actions.length > 0 && existing.title !== '' && existing.title !== heading.title) return;
    const priority = existing ?? { title: '', corporate: null, measures: [], actions: [] };
    priority.title = heading.title;
    priority.actions.push(below);
    current.priorities.set(heading.number, priority);
    for (const [number, p] of current.priorities) if (p.actions.length === 0 && number !== heading.number) current.priorities.delete(number);
    currentPriority = heading.number;
    headingSinceAction = true;
  };

  const flushCandidate = (exact: boolean): void => {
    if (candidate && candidate.heading.corporate === null) continueAction(candidate.texts, candidate.where, exact);
    candidate = null;
  };

  const resolveCandidate = (firstText: string, exact: boolean): void => {
    if (!candidate) return;
    const ref = refAtStart(firstText)?.ref ?? refCell(firstText) ?? '';
    const major = refPriority(ref);
    const lastMajor = lastAction ? refPriority(lastAction.ref) : null;
    if (lastAction === null || major === null || major !== lastMajor) {
      setHeading(major ?? (currentPriority ?? 0) + 1, candidate.heading);
      candidate = null;
    } else {
      flushCandidate(exact);
    }
  };

  /**
   * A step of the group above: its ref and grouping cells merged down from the row above, its own action, date
   * and who ("HS1" and its improvement beside four milestones, each with a target date and a responsible person:
   * Clackmannanshire's housing services improvement plan 2008). Text running on never brings a date and a person.
   */
  const stepOfGroup = (texts: string[]): boolean => {
    if (stepsOf === null || lastAction === null || columns === null) return false;
    const cell = (field: Field): string => (texts[columns![columnIndex(field)]?.position ?? -1] ?? '').trim();
    const grouping = columns[columnIndex('priority')];
    const action = columns[columnIndex('action')];
    if (columnIndex('ref') < 0 || grouping === undefined || action === undefined || grouping.position >= action.position) return false;
    return cell('ref') === '' && cell('priority') === '' && cell('action') !== '' && cell('deadline') !== '' && (cell('lead') !== '' || cell('resources') !== '');
  };

  /**
   * Under heading rows a grouping column is kept on each action as an extra field ("Area for improvement", East
   * Ayrshire's SOA improvement plan 2017): a cell merged down beside several actions reaches each of them, until
   * the next heading or sub-heading.
   */
  const carryGroupCell = (text: string, number: number, column: number): void => {
    if (!headingRows || column < 0 || lastAction === null) return;
    const here = { priority: number, subheading };
    if (text !== '') groupCell = { text, ...here };
    else if (groupCell !== null && groupCell.priority === here.priority && groupCell.subheading === here.subheading) lastAction.values.set(column, groupCell.text);
  };

  /** The next step's ref: the group's ref numbered in order ("HS1.2"); the first step, read as "HS1", becomes "HS1.1". */
  const stepRef = (): string => {
    const steps = stepsOf!;
    if (steps.steps === 1 && current) {
      current.refs.delete(steps.first.ref);
      steps.first.ref = `${steps.base}.1`;
      steps.first.written = null;
      current.refs.set(steps.first.ref, steps.first.where);
    }
    steps.steps += 1;
    return `${steps.base}.${steps.steps}`;
  };

  /**
   * A checklist's next step: text under ACTION alone, its stage or theme merged down from the row above and nothing
   * else filled yet ("STAGE | ACTION | WHO | WHEN BY?", the Scottish Executive's community safety strategy checklist).
   * Beside a grouping column the rows are a list of actions, never one action's text running on.
   */
  const aloneUnderGroupedAction = (texts: string[]): boolean => {
    const action = columns![columnIndex('action')];
    const group = columns![columnIndex('priority')];
    if (action === undefined || group === undefined || group.position >= action.position) return false;
    return (texts[action.position] ?? '').trim() !== '' && texts.findIndex((t) => t.trim() !== '') === action.position;
  };

  /** Is this row an action: a ref where the plan puts them, or (in a plan without refs) text under ACTION? */
  const isActionRow = (row: SourceRow, texts: string[], filled: string[]): boolean => {
    const first = filled[0]!;
    if (refAtStart(first) !== null) return true;
    if (lastAction !== null && filled.length >= 2 && LETTERED_PART.test(first)) return true;
    const refAt = columnIndex('ref');
    if (refAt >= 0 && refCell(first) !== null && filled.length > 1) return true;
    if (filled.length === 1 && row.exactColumns && numbered !== true && aloneUnderGroupedAction(texts)) return true;
    if (filled.length < 2) return false;
    // A line of Word text as wide as its header, with a ref under REF ("Community Safety Grants | 2 | Amber | …").
    if (!row.exactColumns && refAt >= 0 && texts.length === headerWidth && refCell(texts[columns![refAt]!.position] ?? '') !== null) return true;
    // Text copied out of Word, in a plan without refs: a line of several cells starts an action.
    if (!row.exactColumns) return numbered !== true && !looksLikeStatus(first) && !looksLikeDeadline(first);
    if (stepOfGroup(texts)) return true;
    const fit = alignCells(texts, columns!, true);
    const refText = refAt >= 0 ? texts[fit.cells.get(refAt) ?? -1] ?? '' : '';
    const actionText = texts[fit.cells.get(columnIndex('action')) ?? -1] ?? '';
    if (refCell(refText) !== null || (refAtStart(actionText, { integers: true }) ?? labelledRefAtStart(actionText)) !== null) return true;
    // "Recommendation" spanning a ref ("R1") and its text: the ref sits under the heading, the text beside it.
    if (refAt < 0 && refCell(actionText) !== null && filled.length > 1) return true;
    // Refs in a column left of the table's headings ("" | "Guidance" | …).
    const firstAt = texts.findIndex((t) => t !== '');
    if (refAt < 0 && refCell(first) !== null && firstAt < Math.min(...columns!.map((c) => c.position))) return true;
    // A plan without refs: text under ACTION starts an action. So does a filled priority cell: it never continues the action above.
    const priorityText = texts[fit.cells.get(columnIndex('priority')) ?? -1] ?? '';
    return actionText !== '' && (numbered !== true || priorityText !== '');
  };

  const readHeader = (row: SourceRow, texts: string[]): void => {
    if (!lastRowWasHeader) {
      // A line just above a repeated header is a page title (or the table's caption), not table content.
      if (candidate) recent = [...recent, candidate.texts.filter((t) => t !== '').join(' ')].slice(-2);
      candidate = null;
      headerLines = [];
      headerWhere = row.where;
      const title = [...recent].reverse().find(isTitleLike);
      if (title !== undefined) pendingTitle = title;
      const last = recent[recent.length - 1];
      const labelled = [...recent].reverse().map(labelledTheme).find((theme) => theme !== null);
      caption = labelled ?? labelRowTheme ?? (last !== undefined && isCaption(last) ? last.replace(/\s+/g, ' ').trim() : null);
      labelRowTheme = null;
      recent = [];
      // A header repeated at a page break keeps its table's caption; a new table has its own or none.
      const key = texts.join('|');
      if (captionedStatus !== null || key !== headerKey) tableStatus = captionedStatus;
      captionedStatus = null;
      headerKey = key;
    }
    headerLines.push(texts);
    headerWidth = texts.length;
    exactTable = row.exactColumns;
    columns = columnLayout(headerLines, row.exactColumns, overrides);
    lastRowWasHeader = true;
    if (section !== undefined) sectionsWithTable.add(section);
    // A table is listed once however often its header repeats at page breaks.
    const reading: TableReading = { where: headerWhere, columns: columns.map((c) => (c.periodOf === undefined ? { heading: c.heading, field: c.field } : { heading: c.heading, field: c.periodOf, period: true as const })) };
    if (tables.length > 0 && tables[tables.length - 1]!.where === headerWhere) tables.pop();
    if (!tables.some((t) => JSON.stringify(t.columns) === JSON.stringify(reading.columns))) tables.push(reading);
  };

  const readKey = (row: SourceRow, texts: string[], filled: string[]): boolean => {
    const entries = keyRow(texts);
    const swatch = paintedKeyRow(texts, row.fills, expectKeyPairs);
    const pair = (expectKeyPairs ? keyPairRow(texts) : null) ?? swatch;
    const afterLabel = keyLabelAbove;
    keyLabelAbove = false;
    if (isKeyLabel(texts)) {
      expectKeyPairs = true;
      keyLabelAbove = true;
    } else if (afterLabel && pair === null && filled.length > 1 && !isHeaderRow(texts, overrides)) {
      // The key's own heading row ("Colour | Symbol | Meaning") right under its label.
    } else if (entries !== null || pair !== null) {
      keyEntries.push(...(entries ?? [pair!]));
    } else {
      expectKeyPairs = false;
      return false;
    }
    // A swatch has no words: the dry run names its colour, so the coordinator sees what was read.
    const shown = swatch !== null && pair === swatch ? [`(${swatch.term} cell)`, ...filled] : filled;
    ignored.push({ where: row.where, text: truncate(shown.join(' | '), 80), why: 'the key' });
    return true;
  };

  const noteNearMiss = (row: SourceRow, filled: string[]): void => {
    if (filled.length < 2 || headerEvidence(filled).matched === 0) return;
    nearMisses.push({ where: row.where, cells: filled, score: headerScore(filled) });
    nearMisses.sort((a, b) => b.score - a.score);
    nearMisses.length = Math.min(nearMisses.length, 3);
  };

  /** The priority the next row with a ref numbers ("1.1" → 1), or null when the next filled row has none. */
  /** The ref the first filled row from `from` starts with (null when it starts with none), looking `reach` rows on. */
  const nextRef = (from: number, reach = 5): string | null => {
    for (const row of rows.slice(from, from + reach)) {
      const first = row.cells.map((c) => cellText(c).trim()).find((t) => t !== '');
      if (first !== undefined) return refAtStart(first)?.ref ?? refCell(first);
    }
    return null;
  };

  /**
   * A commitment numbered "1" whose milestones follow as "1a", "1b" (or "1.1", "1.2"), with nothing of its own to
   * chase: no date, lead or progress beside its words (Scottish Government drugs action plan 2020, Annex 1). It
   * heads the milestones below it; the ref it was written with, or null.
   */
  const parentRef = (rowIndex: number, filled: string[]): string | null => {
    if (filled.length !== 2 || !isPlainInteger(filled[0]!)) return null;
    const below = nextRef(rowIndex + 1);
    return below !== null && new RegExp(`^${filled[0]}(?:[a-z]|\\.\\d)`, 'i').test(below) ? filled[0]! : null;
  };

  const nextRefPriority = (from: number): number | null => {
    const ref = nextRef(from, 20);
    return ref === null ? null : refPriority(ref);
  };

  for (const [rowIndex, row] of rows.entries()) {
    const texts = row.cells.map((c) => cellText(c).trim());
    const filled = texts.filter((t) => t !== '');
    if (filled.length === 0) continue;
    if (row.section !== section) {
      section = row.section;
      sectionChanged = true;
      numbered = null;
      if (section !== undefined) sectionsSeen.add(section);
    }
    if (readKey(row, texts, filled)) continue;
    if (!firstLines.has(section)) firstLines.set(section, new Set(filled).size === 1 && !isHeaderRow(texts, overrides) ? filled[0]!.replace(/\s+/g, ' ').trim() : '');
    const measures = filled.length === 1 ? MEASURES_LINE.exec(filled[0]!) : null;
    if (measures) {
      const listed = splitBullets(measures[1]!);
      pendingMeasures.push(...(listed.length > 0 ? listed : [measures[1]!.replace(/\s+/g, ' ').trim()]));
      continue;
    }
    if (row.kind === 'paragraph') {
      lastRowWasHeader = false;
      looseText(filled.join(' '), 'paragraph');
      continue;
    }
    // "Priority A: Theme of the year" under the header heads a priority, however much its words read as headings.
    const labelledHeading = filled.length === 1 && labelsPart(filled[0]!) && priorityHeading(filled[0]!, true) !== null;
    if (isHeaderRow(texts, overrides) || (lastRowWasHeader && !labelledHeading && isHeaderContinuation(texts, overrides))) {
      readHeader(row, texts);
      continue;
    }
    lastRowWasHeader = false;
    const distinct = new Set(filled);
    const text = filled[0]!;
    if (columns === null) {
      noteNearMiss(row, filled);
      if (distinct.size === 1) looseText(text, 'table');
      else {
        labelRowTheme = labelValue(filled) ?? labelRowTheme;
        recent = [];
      }
      continue;
    }
    // "CP1: Town Centre" alone on its row, above actions 1.1, 1.2…: the code heads that priority, it is no action.
    const coded = filled.length === 1 ? codedHeading(text) : null;
    if (coded !== null && nextRefPriority(rowIndex + 1) === coded.number) {
      flushCandidate(row.exactColumns);
      const heading: Heading = { title: coded.title, corporate: null, fromTable: true };
      setHeading(coded.number, heading);
      headingRows = true;
      lastHeading = heading;
      expectCorporate = false;
      recent = [];
      continue;
    }
    const parent = row.exactColumns ? parentRef(rowIndex, filled) : null;
    if (parent !== null) {
      flushCandidate(row.exactColumns);
      setHeading(Number(parent), { title: filled[1]!.replace(/\s+/g, ' '), corporate: null, fromTable: true });
      parentHeading = parent;
      recent = [];
      continue;
    }
    const nextStep = filled.length === 1 && row.exactColumns && numbered !== true && aloneUnderGroupedAction(texts);
    if (distinct.size > 1 || refAtStart(text) !== null || nextStep) {
      if (isActionRow(row, texts, filled)) {
        recent = [];
        titleBelow = null;
        resolveCandidate(text, row.exactColumns);
        addAction(row, texts, columns);
        continue;
      }
    }
    if (distinct.size === 1) {
      const captioned = captionStatus(text);
      if (captioned !== null) {
        flushCandidate(row.exactColumns);
        captionedStatus = captioned;
        continue;
      }
      if (titleBelow !== null || bareHeadingNumber(text) !== null) {
        flushCandidate(row.exactColumns);
        headingOverTwoLines(text);
        headingRows = true;
        continue;
      }
      const heading = priorityHeading(text, true);
      const corporate = corporateLine(text);
      const inPriorityColumn = row.exactColumns && columnIndex('priority') >= 0 && texts.indexOf(text) === columns[columnIndex('priority')]!.position;
      if (heading && !(isTitleLike(text) && !/^\d+\./.test(text))) {
        flushCandidate(row.exactColumns);
        setHeading(heading.lettered ? nextPriorityNumber() : heading.number, heading);
        headingRows = true;
        lastHeading = heading;
        expectCorporate = heading.corporate === '';
        recent = [];
        continue;
      }
      // "Priority 1.1: …" spanning the table under "Local Outcome 1 : …" (East Ayrshire's SOA improvement plan 2017) is
      // a sub-heading of that priority, wherever the priority column starts.
      if (isSubheading(text)) {
        flushCandidate(row.exactColumns);
        subheading = text.replace(/\s+/g, ' ');
        continue;
      }
      if (inPriorityColumn) {
        // A priority cell merged across the row, or alone above its actions.
        flushCandidate(row.exactColumns);
        columnPriority = headingTitle(text);
        setHeading(nextPriorityNumber(), { title: columnPriority, corporate: null, fromTable: true });
        continue;
      }
      if (corporate !== null && candidate) {
        candidate.heading.corporate = corporate;
        lastHeading = candidate.heading;
        expectCorporate = corporate === '';
        continue;
      }
      if (corporate !== null && lastHeading) {
        lastHeading.corporate = corporate;
        expectCorporate = corporate === '';
        continue;
      }
      if (expectCorporate && lastHeading) {
        lastHeading.corporate = text.replace(/\s+/g, ' ');
        expectCorporate = false;
        continue;
      }
      if (isTitleLike(text) && !looksLikeStatus(text)) {
        looseText(text, 'table');
        continue;
      }
      if (text.length <= 120 && !looksLikeStatus(text) && !looksLikeDeadline(text)) {
        flushCandidate(row.exactColumns);
        candidate = { heading: { title: headingTitle(text), corporate: null, fromTable: true }, texts, where: row.where };
        continue;
      }
    }
    expectCorporate = false;
    recent = [];
    flushCandidate(row.exactColumns);
    continueAction(texts, row.where, row.exactColumns);
  }
  flushCandidate(exactTable);

  readStatusColumnsByContent(plans, tables);
  readDefinedDates(plans, tables, columnDefinitions(rows));
  const key = new Map(keyEntries.map((e) => [e.term, e.meaning]));
  const finished: Plan[] = [];
  /**
   * A plan's title, in the order a committee would look for it: a title line above its table; the document's own
   * title line; the first line of its sheet when that reads as a title ("Implementation of Audit Recommendations –
   * Directorate of…"); a sheet name that reads as one ("VAWG Action Plan", "Action tracker 2023-24"); the file's
   * Title property (Excel leaves it empty unless someone sets it, and it travels with a copied template, so it
   * comes after what the sheet shows); the file name. A sheet name of one word or a number ("Sheet1", "Tracker",
   * "DENS", "2019-20") names a tab, never the plan: it only tells apart several plans of one file.
   */
  const titleOf = (draft: PlanDraft, index: number): string => {
    const firstLine = firstLines.get(draft.section) || (index === 0 ? firstLines.get(plans[0]?.section) : undefined);
    const tabTitle = draft.section !== undefined && isTitleLike(draft.section) && draft.section.trim().split(/\s+/).length >= 2 ? draft.section.trim() : null;
    const own = draft.title ?? (plans.length === 1 ? documentTitle : null) ?? (firstLine && isTitleLine(firstLine) ? firstLine : null) ?? tabTitle;
    if (own !== null) return own;
    const base = options.documentTitle ?? options.fallbackTitle;
    if (plans.length === 1) return base;
    const tab = draft.section !== undefined && !/^(?:sheet|table)\s*\d*$/i.test(draft.section) ? draft.section : `plan ${index + 1}`;
    return `${base} (${tab})`;
  };
  plans.forEach((draft, index) => {
    const planTitle = titleOf(draft, index);
    if (draft.numberedInOrder.length > 0) {
      warnings.push(
        `${draft.numberedInOrder[0]}: ${draft.numberedInOrder.length} action${draft.numberedInOrder.length === 1 ? ' has' : 's have'} no number in the plan; numbered in order within each priority (1.1, 1.2…), the numbers people use in updates`,
      );
    }
    settleSplitRefs(draft, warnings);
    if (draft.refsByLetter) letterRefs(draft, warnings);
    const priorityDrafts = toPriorityDrafts(draft);
    const restarted = [...draft.priorities.values()].flatMap((p) => p.actions).filter((a) => a.written !== null && a.ref !== a.written);
    if (restarted.length > 0) {
      // Two actions "1" in one plan are two actions: the coordinator sees the refs they were given.
      const shown = restarted.filter((a, i) => restarted.findIndex((b) => b.ref.replace(/\.[^.]*$/, '') === a.ref.replace(/\.[^.]*$/, '')) === i).slice(0, 3).map((a) => a.ref).join(', ');
      warnings.push(`${restarted[0]!.where}: the plan numbers its actions from 1 again in each priority; each number is read with its priority's in front (${shown}…), the numbers people use in updates`);
    }
    finished.push(assemblePlan(planTitle, priorityDrafts, { defs, key, errors, warnings }));
  });

  const listed = finished.length === 0 && columns === null ? readListPlan(rows, { fallbackTitle: options.fallbackTitle, defs, errors, warnings }) : null;
  if (listed !== null) {
    finished.push(listed.plan);
    ignored.push(...listed.ignored);
  }
  if (finished.length === 0) errors.push(noPlanMessage(options.fallbackTitle, columns === null ? null : headerWhere, nearMisses));
  else {
    for (const name of sectionsSeen) {
      if (!sectionsWithTable.has(name)) warnings.push(`Sheet "${name}" has no action table and was skipped`);
    }
  }
  if (errors.length > 0) {
    throw new DomainError('plan-invalid', `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${options.fallbackTitle}`, {
      problems: errors,
    });
  }
  const reading: PlanReading = { plans: finished, warnings, tables, ignored };
  if (key.size > 0) reading.key = [...key].map(([term, meaning]) => ({ term, meaning }));
  return reading;
}

/**
 * A first line that names the document: a few words or more, not a sentence, a label, a heading, a status or a
 * date. A short line ("Domestic Abuse") is a caption naming a theme, not the plan.
 */
function isTitleLine(text: string): boolean {
  const words = text.split(' ').length;
  return (
    words >= 4 &&
    text.length <= 150 &&
    !/[:;.,]$/.test(text) &&
    refAtStart(text) === null &&
    priorityHeading(text, true) === null &&
    captionStatus(text) === null &&
    !looksLikeStatus(text) &&
    !looksLikeDeadline(text)
  );
}

/**
 * "Priority: …", "Strategic Goal - …", and a label that says whose priority it is before its colon ("Priority area
 * for the people who use our services: 1. Finding the right accommodation", Coventry's rough sleeping action plan 2022).
 */
const THEME_LABEL =
  /\b(?:strategic\s+|key\s+|local\s+)?(?:priority|objective|goal|aim|theme|outcome)(?:\s+area\s+for\s+[^:]{3,60})?\s*[:–—-]\s*(?:\d{1,2}[.)]\s+)?(\S[^:]{2,150}?)[\s:.]*$/i;

/** A line above a table that names its theme with a label ("Sheffield Strategic Goal - Increase reporting:"), not a title. */
function labelledTheme(text: string): string | null {
  if (isTitleLike(text)) return null;
  const m = THEME_LABEL.exec(text.replace(/\s+/g, ' ').trim());
  return m ? m[1]! : null;
}

const THEME_CELL = /^(?:strategic\s+|key\s+|local\s+)?(?:priority|objective|goal|aim|theme|outcome|workstream|strand)\s*:?$/i;

/** A template's label | value row naming the theme ("Priority" | "(5) Essex roads are safer…"): the value. */
function labelValue(filled: ReadonlyArray<string>): string | null {
  return filled.length === 2 && THEME_CELL.test(filled[0]!.trim()) ? filled[1]!.replace(/\s+/g, ' ').trim() : null;
}

/** A short line just above a table that names its theme ("Domestic Abuse"), not a title, heading or date line. */
function isCaption(text: string): boolean {
  // A count ("Open - on track: 15") summarises the table; it does not name its theme.
  // A sentence ("An example of how this will be presented to Members; please see key below.") introduces the table.
  const sentence = /[.;]$/.test(text.trim()) && text.trim().split(/\s+/).length > 8;
  return (
    !isTitleLike(text) && !sentence && text.length <= 120 && priorityHeading(text, true) === null && !/\b(19|20)\d\d\b|\b(updated|as at|as of)\b|:\s*\d+$/i.test(text)
  );
}

/** A colour under these headings rates how serious a finding is (an audit's "Category: Red"), never progress. */
const IMPORTANCE = /\b(?:category|priority|risk|grade|severity|significance|level|impact)\b/i;

/**
 * A table with no status heading may still keep its ratings in a column headed otherwise ("Notes" holding
 * COMPLETED, REJECTED…): an extra column whose filled cells read mostly (two in three) as statuses is the
 * table's status column, and the mapping the dry run shows says so.
 */
function readStatusColumnsByContent(plans: ReadonlyArray<PlanDraft>, tables: TableReading[]): void {
  const byTable = new Map<string, Draft[]>();
  for (const plan of plans) {
    for (const priority of plan.priorities.values()) {
      for (const action of priority.actions) {
        const key = action.columns.map((c) => `${c.field ?? ''}:${c.heading}`).join('|');
        byTable.set(key, [...(byTable.get(key) ?? []), action]);
      }
    }
  }
  for (const drafts of byTable.values()) {
    const columns = drafts[0]!.columns;
    if (columns.some((c) => c.field === 'status')) continue;
    const at = columns.findIndex((column, i) => {
      if (column.field !== null || IMPORTANCE.test(column.heading)) return false;
      const filled = drafts.map((d) => withoutBullets(d.values.get(i) ?? '').trim()).filter((t) => t !== '');
      return filled.length >= 2 && filled.filter((t) => looksLikeStatus(t)).length * 3 >= filled.length * 2;
    });
    if (at < 0) continue;
    const heading = columns[at]!.heading;
    const mapped = columns.map((c, i) => (i === at ? { ...c, field: 'status' as const } : c));
    for (const draft of drafts) draft.columns = mapped;
    for (const table of tables) {
      const column = table.columns.find((c) => c.field === null && c.heading === heading);
      if (column) column.field = 'status';
    }
  }
}

/** A line of a key that defines a column ("Date: Date of the Committee meeting recommendation was agreed."). */
const DEFINITION = /^([^:]{1,40}):\s*(\S.{2,200})$/;
/** A definition naming when something happened, not when it is due. */
const PAST_EVENT = /\b(?:agreed|considered|made|raised|received|reported|issued|held|approved|identified|logged)\b/i;
const DUE = /\b(?:due|deadline|target|by when|to be (?:completed|implemented|delivered))\b/i;

/** Each heading the file defines in a key, normalised → its definition. */
function columnDefinitions(rows: ReadonlyArray<SourceRow>): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const row of rows) {
    const filled = row.cells.map((c) => cellText(c).trim()).filter((t) => t !== '');
    const m = filled.length === 1 ? DEFINITION.exec(filled[0]!.replace(/\s+/g, ' ')) : null;
    if (m) definitions.set(normaliseHeading(m[1]!), m[2]!);
  }
  return definitions;
}

/**
 * A date column the plan's own key defines as when something happened ("Date: Date of the Committee meeting
 * recommendation was agreed") is no deadline: the bot would chase every action from the day it was agreed. It
 * is kept as an extra column, and the mapping the dry run shows says so.
 */
function readDefinedDates(plans: ReadonlyArray<PlanDraft>, tables: TableReading[], definitions: ReadonlyMap<string, string>): void {
  const happened = (heading: string): boolean => {
    const definition = definitions.get(normaliseHeading(heading));
    return definition !== undefined && PAST_EVENT.test(definition) && !DUE.test(definition);
  };
  for (const plan of plans) {
    for (const priority of plan.priorities.values()) {
      for (const draft of priority.actions) {
        if (!draft.columns.some((c) => c.field === 'deadline' && happened(c.heading))) continue;
        draft.columns = draft.columns.map((c) => (c.field === 'deadline' && happened(c.heading) ? { ...c, field: null } : c));
        draft.deadlineCell = undefined;
      }
    }
  }
  for (const table of tables) for (const column of table.columns) if (column.field === 'deadline' && happened(column.heading)) column.field = null;
}

const COLOUR_WORDS: Record<RatingColour, string> = { red: 'Red', amber: 'Amber', green: 'Green', blue: 'Blue' };

/**
 * A RAG cell painted but left without words: its colour is its rating, written as the colour's word so the
 * plan's key, the dry run and the stored status read it like a typed one.
 */
function paintedStatus(row: SourceRow, layout: ReadonlyArray<Column>, cells: ReadonlyMap<number, number>, values: Map<number, string>, statusColumn: number): void {
  if (statusColumn < 0 || (values.get(statusColumn) ?? '') !== '' || row.fills === undefined) return;
  const fill = row.fills[cells.get(statusColumn) ?? layout[statusColumn]!.position];
  const colour = fill ? ratingColour(fill) : null;
  if (colour !== null) values.set(statusColumn, COLOUR_WORDS[colour]);
}

/** Whether a row's text is in these cells only. */
function onlyFilled(texts: ReadonlyArray<string>, indices: ReadonlyArray<number>): boolean {
  return texts.every((text, i) => text === '' || indices.includes(i));
}

/** An action row with text only in its ref and action columns. */
function onlyRefAndAction(draft: Draft): boolean {
  return draft.columns.every((column, i) => column.field === 'action' || column.field === 'ref' || (draft.values.get(i) ?? '') === '');
}

/**
 * A priority whose actions all come from one cell's bullets (seed 003's Activities | Measures tables: one row per
 * priority) numbers them as its own, "1.1", "1.2"…, since no other row's numbers could move; otherwise each keeps
 * its row's number with a letter. The dry run names each split with the refs it was given.
 */
function settleSplitRefs(draft: PlanDraft, warnings: string[]): void {
  const priorityOf = new Map([...draft.priorities.values()].flatMap((p) => p.actions.map((a) => [a, p] as const)));
  for (const split of draft.splits) {
    const priority = priorityOf.get(split.actions[0]!);
    const prefix = split.actions[0]!.ref.replace(/\.[^.]*$/, '');
    const own = split.actions.map((_, i) => `${prefix}.${i + 1}`);
    const alone = priority !== undefined && priority.actions.length === split.actions.length && own.every((ref) => !draft.refs.has(ref) || split.actions.some((a) => a.ref === ref));
    if (alone) {
      for (const action of split.actions) draft.refs.delete(action.ref);
      split.actions.forEach((action, i) => {
        action.ref = own[i]!;
        draft.refs.set(action.ref, action.where);
      });
    }
    warnings.push(splitWarning(split.where, split.actions.map((a) => a.ref)));
  }
}

/**
 * A plan whose lettered priorities each number their actions from "1.1" again: every action under a letter takes it
 * in front ("A.1.1", "B.1.1"), so the two 1.1s are two actions, named the same way throughout the plan.
 */
function letterRefs(draft: PlanDraft, warnings: string[]): void {
  const shown: string[] = [];
  for (const priority of draft.priorities.values()) {
    const letter = priority.letter;
    if (letter === undefined) continue;
    for (const action of priority.actions) {
      if (!action.ref.startsWith(`${letter}.`)) action.ref = `${letter}.${action.ref}`;
      if (shown.length < 3 && !shown.some((ref) => ref.startsWith(`${letter}.`))) shown.push(action.ref);
    }
  }
  const first = [...draft.priorities.values()].find((p) => p.letter !== undefined)?.actions[0];
  warnings.push(`${first?.where ?? 'The plan'}: the plan numbers its actions again under each lettered priority; each number is read with its priority's letter in front (${shown.join(', ')}…), the numbers people use in updates`);
}

function toPriorityDrafts(draft: PlanDraft): Map<number, PriorityDraft> {
  // "1", "2"… kept as written unless they restart within each priority: then "2.1" tells the two "1"s apart.
  const all = [...draft.priorities.values()].flatMap((p) => p.actions);
  const written = all.filter((a) => a.written !== null).map((a) => a.written!);
  const taken = new Set(all.filter((a) => a.written === null).map((a) => a.ref));
  if (new Set(written).size === written.length && written.every((w) => !taken.has(w))) {
    for (const action of all) if (action.written !== null) action.ref = action.written;
  }
  const out = new Map<number, PriorityDraft>();
  for (const [number, p] of draft.priorities) {
    out.set(number, { title: p.title, corporate: p.corporate, measures: p.measures, actions: p.actions.map(toActionDraft) });
  }
  return out;
}

function toActionDraft(draft: Draft): ActionDraft {
  const fields: ActionDraft['fields'] = {};
  const extra: Record<string, string> = {};
  // Every extra column reaches every action, empty or not: the heading says what the plan asked for.
  draft.columns.forEach((column, index) => {
    const written = draft.values.get(index);
    // In the cells read for a person, date or status ("• Police", "• COMPLETED") bullets only set out the lines; elsewhere they are the plan's text.
    const text = written !== undefined && column.field !== null && READ_THROUGH_BULLETS.has(column.field) ? withoutBullets(written) : written;
    if (column.field === null || (column.field === 'priority' && draft.priorityAsExtra)) extra[column.heading] = text ?? '';
    else if (text !== undefined) fields[column.field] = text;
    // Each period's report stays under its heading: the action's history, in the plan's order.
    if (column.field !== null && column.periodOf !== undefined) extra[column.heading] = text ?? '';
  });
  latestOfPeriods(draft, fields);
  if (draft.subheading !== null) extra['Sub-heading'] = draft.subheading;
  if (draft.tableStatus !== null && (fields.status ?? '').trim() === '') fields.status = STATUS_LABELS[draft.tableStatus].word;
  const updateHeading = draft.columns.find((c) => c.field === 'update')?.heading ?? '';
  if (COMPLETION_HEADING.test(updateHeading) && (fields.status ?? '').trim() === '' && startsWithDate(fields.update ?? '')) {
    // "Date of completion and Outcome" holding "January 2017 – training delivered": the date says when it was done.
    fields.status = STATUS_LABELS.completed.word;
  }
  const deadlineCell = typeof draft.deadlineCell === 'string' ? withoutBullets(draft.deadlineCell) : draft.deadlineCell;
  return { ref: draft.ref, where: draft.where, fields, extra, deadlineCell: deadlineCell ?? fields.deadline, cspAction: draft.cspAction };
}

/**
 * A plan reporting by period ("Q1 update | Q2 update | Q3 update") is read
 * at its latest filled period, as the committee reads it.
 */
function latestOfPeriods(draft: Draft, fields: ActionDraft['fields']): void {
  for (const field of ['update', 'status'] as const) {
    const filled = (i: number) => (draft.values.get(i) ?? '').trim() !== '';
    const latest = draft.columns.reduce((last, column, i) => (column.periodOf === field && filled(i) ? i : last), -1);
    if (latest >= 0) fields[field] = draft.values.get(latest)!;
  }
}

const COMPLETION_HEADING = /\bdate\s+(?:of\s+)?complet(?:ion|ed)\b|\bcompleted\s+(?:on|date)\b/i;

/** Text that opens with a date ("January 2017 – training delivered", "12/12/2016. Letter sent"). */
function startsWithDate(text: string): boolean {
  const first = text.trim().split(/\s+[–—-]\s+|[;,:\n]|\.\s/)[0] ?? '';
  return first !== '' && parseDeadline(first).kind === 'due';
}

function noPlanMessage(fallbackTitle: string, headerWhere: string | null, nearMisses: ReadonlyArray<{ where: string; cells: string[] }>): string {
  if (headerWhere !== null) {
    return `${headerWhere}: a table header was found but no actions under it; put each action on its own row under the ACTION column (a number such as "1.1" at its start, or in a REF column, is optional)`;
  }
  const base = `${fallbackTitle}: no action table found; the plan needs a header row naming its columns (ACTION, MEASURE OF SUCCESS, DEADLINE, LEAD, PROGRESS… in its own words, in any order; other columns are kept)`;
  if (nearMisses.length === 0) return `${base}. No row of the file names any of these.`;
  const described = nearMisses.map((m) => {
    const evidence = headerEvidence(m.cells);
    const named = evidence.fields.map((f) => FIELD_NAMES[f]).join(', ');
    const missing = evidence.fields.includes('action') ? 'a second column this recognises' : 'an ACTION column';
    return `${m.where} ("${truncate(m.cells.join(' | '), 70)}") names ${named === '' ? 'no field clearly' : named} but lacks ${missing}`;
  });
  return `${base}. The rows that came closest: ${described.join('; ')}. If one of them is the header, name its columns with --column "<heading>=<field>".`;
}
