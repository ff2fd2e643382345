import { isPlainInteger, refAtStart, refCell, refGroup, refPriority } from './action-refs.js';
import { alignCells } from './align-cells.js';
import { assemblePlan, type ActionDraft, type PriorityDraft } from './assemble-plan.js';
import { corporateLine, headingTitle, isSubheading, isTitleLike, normaliseTitle, priorityHeading, type Heading } from './classify-row.js';
import { looksLikeDeadline } from './deadline.js';
import { DomainError } from './errors.js';
import type { IgnoredRow, Plan, PlanReading, TableReading } from './plan.js';
import {
  columnLayout,
  FIELD_NAMES,
  headerEvidence,
  headerScore,
  isHeaderContinuation,
  isHeaderRow,
  type Column,
  type ColumnOverrides,
  type Field,
} from './plan-columns.js';
import { isKeyLabel, keyCell, keyPairRow, keyRow, type KeyEntry } from './plan-key.js';
import { collectRoleDefinitions } from './roles.js';
import { cellText, type SourceCell, type SourceRow } from './source-row.js';
import { looksLikeStatus } from './status.js';

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
  /** The coordinator's corrections (`--column "<heading>=<field>"`): normalised heading → field, or null for an extra column. */
  columns?: ColumnOverrides;
};

const CSP_MARKER = /\s*\*\s*CSP\s+action\b\.?/gi;
const BULLET = /(?:^|\s)[•▪◦●]\s+|\n\s*[-*]\s+/;

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
};

type PlanDraft = {
  title: string | null;
  section: string | undefined;
  priorities: Map<number, { title: string; corporate: string | null; measures: string[]; actions: Draft[] }>;
  refs: Map<string, string>;
  numberedInOrder: string[];
};

function truncate(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

function splitBullets(text: string): string[] {
  return text
    .split(/(?:^|\s)[•▪◦●]\s+|\n\s*[-*]\s+/)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '');
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
  let lastRowWasHeader = false;
  let recent: string[] = [];
  let pendingTitle: string | null = null;
  let pendingHeadings = new Map<number, Heading>();
  let lastHeading: Heading | null = null;
  let expectCorporate = false;
  let expectKeyPairs = false;
  let keyLabelAbove = false;
  let lastAction: Draft | null = null;
  /** Whether this section's actions carry refs: decided by its first action. */
  let numbered: boolean | null = null;
  /** The caption above the current table ("Domestic Abuse" above "Activities | Measures"). */
  let caption: string | null = null;
  let subheading: string | null = null;
  let columnPriority: string | null = null;
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
  /** For refs written without a priority ("1", "2"…) under a heading. */
  let currentPriority: number | null = null;
  let section: string | undefined;
  let sectionChanged = false;
  /** The sheet the last action was read on: a line on a later sheet is never more of it. */
  let lastActionSection: string | undefined;
  const sectionsSeen = new Set<string>();
  const sectionsWithTable = new Set<string>();

  const columnIndex = (field: Field): number => (columns ?? []).findIndex((c) => c.field === field);

  /** The document's own title ("Community Safety Plan 2020-2023"), for a plan whose table has none above it. */
  let documentTitle: string | null = null;

  const looseText = (text: string, kind: SourceRow['kind']): void => {
    recent = [...recent, text].slice(-2);
    if (documentTitle === null && isTitleLike(text)) documentTitle = text.replace(/\s+/g, ' ').trim();
    const heading = priorityHeading(text, false);
    if (heading && !isTitleLike(text) && (kind === 'paragraph' || /^[a-z ]+\d/i.test(text))) {
      pendingHeadings.set(heading.number, heading);
      lastHeading = heading;
      headingSinceAction = true;
    } else if (kind === 'paragraph' && !isTitleLike(text)) {
      for (const [n, h] of pendingHeadings) if (!h.fromTable) pendingHeadings.delete(n);
    }
  };

  const setHeading = (number: number, heading: Heading): void => {
    pendingHeadings.set(number, heading);
    currentPriority = number;
    headingSinceAction = true;
    subheading = null;
  };

  const nextPriorityNumber = (): number =>
    Math.max(0, currentPriority ?? 0, ...(current ? current.priorities.keys() : []), ...pendingHeadings.keys()) + 1;

  const startPlan = (title: string | null): PlanDraft => {
    const plan: PlanDraft = { title, section, priorities: new Map(), refs: new Map(), numberedInOrder: [] };
    plans.push(plan);
    return plan;
  };

  const applyHeadings = (plan: PlanDraft): void => {
    for (const [number, heading] of pendingHeadings) {
      const existing = plan.priorities.get(number);
      if (!existing) plan.priorities.set(number, { title: heading.title, corporate: heading.corporate, measures: [], actions: [] });
      else if (heading.fromTable || existing.title === '') {
        existing.title = heading.title;
        existing.corporate = heading.corporate ?? existing.corporate;
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
    const fromRef = ref === null ? null : refPriority(ref);
    if (columnText !== '' && !headingRows) {
      const numberedHeading = priorityHeading(columnText, true);
      const title = numberedHeading?.title ?? headingTitle(columnText);
      if (fromRef === null && title === columnPriority && currentPriority !== null) return currentPriority;
      const number = fromRef ?? numberedHeading?.number ?? nextPriorityNumber();
      setHeading(number, { title, corporate: numberedHeading?.corporate ?? null, fromTable: true });
      columnPriority = title;
      return number;
    }
    if (fromRef !== null) {
      caption = null;
      return fromRef;
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
    const refColumn = at('ref');
    const actionColumn = at('action');
    const unheaded = fit.unplaced.filter((i) => !beside.has(i));
    let ref = refColumn >= 0 ? refCell(values.get(refColumn) ?? '') : null;
    // A ref in a column with no heading of its own ("" | "Guidance", or "Recommendation" spanning "R1" and its text).
    const actionAlone = actionColumn >= 0 ? refCell(values.get(actionColumn) ?? '') : null;
    if (ref === null && actionAlone !== null && unheaded.length > 0 && fit.cells.get(actionColumn)! < unheaded[0]!) {
      ref = actionAlone;
      values.set(actionColumn, texts[unheaded.shift()!]!);
    } else if (ref === null && refColumn < 0 && unheaded.length > 0 && refCell(texts[unheaded[0]!]!) !== null && unheaded[0]! < (layout[actionColumn]?.position ?? Infinity)) {
      ref = refCell(texts[unheaded.shift()!]!);
    }
    // A column with no heading in a table that has no lead column usually names who leads ("WCAVA, EQUIP, WCC").
    if (unheaded.length > 0 && at('lead') < 0 && at('resources') < 0 && refCell(texts[unheaded[0]!]!) === null) {
      values.set(layout.length, texts[unheaded.shift()!]!);
      layout = [...layout, { field: 'resources', position: layout.length, heading: '' }];
    }
    for (const index of unheaded) warnings.push(`${row.where}: cell ${index + 1} ("${truncate(texts[index]!)}") is under no column heading and was ignored`);
    if (ref === null) {
      const actionText = values.get(actionColumn) ?? texts.find((t) => t !== '') ?? '';
      const start = refAtStart(actionText, { integers: texts.filter((t) => t !== '').length > 1 });
      if (start !== null) {
        ref = start.ref;
        values.set(actionColumn >= 0 ? actionColumn : [...values.keys()][0] ?? 0, start.rest);
      }
    }
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
      ref = `${number}.${ref}`;
    }
    const group = ref === null ? null : refGroup(ref);

    const restarts = ref !== null && current !== null && current.refs.has(ref);
    const titleDiffers =
      pendingTitle !== null && (current?.title == null || normaliseTitle(pendingTitle) !== normaliseTitle(current.title));
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
    const plan = current;
    const deadlineColumn = at('deadline');
    const deadlineIndex = fit.cells.get(deadlineColumn);
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
      };
      priority!.actions.push(draft);
      plan.refs.set(ownRef, row.where);
      return draft;
    };
    const autoRef = (): string => {
      let n = priority!.actions.length + 1;
      while (plan.refs.has(`${number}.${n}`)) n++;
      plan.numberedInOrder.push(row.where);
      return `${number}.${n}`;
    };
    const actionText = values.get(actionColumn) ?? '';
    if (ref === null && BULLET.test(actionText) && splitBullets(actionText).length > 1) {
      // A cell of bullets ("• Raise awareness • Support victims"): one action each; the measures belong to the priority.
      const measureColumn = at('measure');
      const measures = splitBullets(values.get(measureColumn) ?? '');
      priority.measures.push(...measures);
      for (const text of splitBullets(actionText)) {
        const own = new Map(values);
        own.set(actionColumn, text);
        own.delete(measureColumn);
        lastAction = make(autoRef(), own);
      }
    } else {
      lastAction = make(ref ?? autoRef(), values);
    }
    lastGroup = group;
    lastActionSection = row.section;
    headingSinceAction = false;
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

  /** Is this row an action: a ref where the plan puts them, or (in a plan without refs) text under ACTION? */
  const isActionRow = (row: SourceRow, texts: string[], filled: string[]): boolean => {
    const first = filled[0]!;
    if (refAtStart(first) !== null) return true;
    const refAt = columnIndex('ref');
    if (refAt >= 0 && refCell(first) !== null && filled.length > 1) return true;
    if (filled.length < 2) return false;
    // Text copied out of Word, in a plan without refs: a line of several cells starts an action.
    if (!row.exactColumns) return numbered !== true && !looksLikeStatus(first) && !looksLikeDeadline(first);
    const fit = alignCells(texts, columns!, true);
    const refText = refAt >= 0 ? texts[fit.cells.get(refAt) ?? -1] ?? '' : '';
    const actionText = texts[fit.cells.get(columnIndex('action')) ?? -1] ?? '';
    if (refCell(refText) !== null || refAtStart(actionText, { integers: true }) !== null) return true;
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
      caption = last !== undefined && isCaption(last) ? last.replace(/\s+/g, ' ').trim() : null;
      recent = [];
    }
    headerLines.push(texts);
    exactTable = row.exactColumns;
    columns = columnLayout(headerLines, row.exactColumns, overrides);
    lastRowWasHeader = true;
    if (section !== undefined) sectionsWithTable.add(section);
    // A table is listed once however often its header repeats at page breaks.
    const reading: TableReading = { where: headerWhere, columns: columns.map((c) => ({ heading: c.heading, field: c.field })) };
    if (tables.length > 0 && tables[tables.length - 1]!.where === headerWhere) tables.pop();
    if (!tables.some((t) => JSON.stringify(t.columns) === JSON.stringify(reading.columns))) tables.push(reading);
  };

  const readKey = (row: SourceRow, texts: string[], filled: string[]): boolean => {
    const entries = keyRow(texts);
    const pair = expectKeyPairs ? keyPairRow(texts) : null;
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
    ignored.push({ where: row.where, text: truncate(filled.join(' | '), 80), why: 'the key' });
    return true;
  };

  const noteNearMiss = (row: SourceRow, filled: string[]): void => {
    if (filled.length < 2 || headerEvidence(filled).matched === 0) return;
    nearMisses.push({ where: row.where, cells: filled, score: headerScore(filled) });
    nearMisses.sort((a, b) => b.score - a.score);
    nearMisses.length = Math.min(nearMisses.length, 3);
  };

  for (const row of rows) {
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
    if (row.kind === 'paragraph') {
      lastRowWasHeader = false;
      looseText(filled.join(' '), 'paragraph');
      continue;
    }
    if (isHeaderRow(texts, overrides) || (lastRowWasHeader && isHeaderContinuation(texts, overrides))) {
      readHeader(row, texts);
      continue;
    }
    lastRowWasHeader = false;
    const distinct = new Set(filled);
    const text = filled[0]!;
    if (columns === null) {
      noteNearMiss(row, filled);
      if (distinct.size === 1) looseText(text, 'table');
      else recent = [];
      continue;
    }
    if (distinct.size > 1 || refAtStart(text) !== null) {
      if (isActionRow(row, texts, filled)) {
        recent = [];
        resolveCandidate(text, row.exactColumns);
        addAction(row, texts, columns);
        continue;
      }
    }
    if (distinct.size === 1) {
      const heading = priorityHeading(text, true);
      const corporate = corporateLine(text);
      const inPriorityColumn = row.exactColumns && columnIndex('priority') >= 0 && texts.indexOf(text) === columns[columnIndex('priority')]!.position;
      if (heading && !(isTitleLike(text) && !/^\d+\./.test(text))) {
        flushCandidate(row.exactColumns);
        setHeading(heading.number, heading);
        headingRows = true;
        lastHeading = heading;
        expectCorporate = heading.corporate === '';
        recent = [];
        continue;
      }
      if (inPriorityColumn) {
        // A priority cell merged across the row, or alone above its actions.
        flushCandidate(row.exactColumns);
        columnPriority = headingTitle(text);
        setHeading(nextPriorityNumber(), { title: columnPriority, corporate: null, fromTable: true });
        continue;
      }
      if (isSubheading(text)) {
        flushCandidate(row.exactColumns);
        subheading = text.replace(/\s+/g, ' ');
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

  const key = new Map(keyEntries.map((e) => [e.term, e.meaning]));
  const finished: Plan[] = [];
  plans.forEach((draft, index) => {
    const title = draft.title ?? (draft.section && !/^sheet\s*\d*$/i.test(draft.section) ? draft.section : null);
    const planTitle = title ?? (index === 0 ? (plans.length === 1 ? documentTitle : null) ?? options.fallbackTitle : `${options.fallbackTitle} (plan ${index + 1})`);
    if (draft.numberedInOrder.length > 0) {
      warnings.push(
        `${draft.numberedInOrder[0]}: ${draft.numberedInOrder.length} action${draft.numberedInOrder.length === 1 ? ' has' : 's have'} no number in the plan; numbered in order within each priority (1.1, 1.2…), the numbers people use in updates`,
      );
    }
    finished.push(assemblePlan(planTitle, toPriorityDrafts(draft), { defs, key, errors, warnings }));
  });

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

/** A short line just above a table that names its theme ("Domestic Abuse"), not a title, heading or date line. */
function isCaption(text: string): boolean {
  return !isTitleLike(text) && text.length <= 120 && priorityHeading(text, true) === null && !/\b(19|20)\d\d\b|\b(updated|as at|as of)\b/i.test(text);
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
    const text = draft.values.get(index);
    if (column.field === null || (column.field === 'priority' && draft.priorityAsExtra)) extra[column.heading] = text ?? '';
    else if (text !== undefined) fields[column.field] = text;
  });
  if (draft.subheading !== null) extra['Sub-heading'] = draft.subheading;
  return { ref: draft.ref, where: draft.where, fields, extra, deadlineCell: draft.deadlineCell ?? fields.deadline, cspAction: draft.cspAction };
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
