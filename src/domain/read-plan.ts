import { alignCells } from './align-cells.js';
import { looksLikeDeadline, parseDeadline } from './deadline.js';
import { DomainError } from './errors.js';
import type { Plan, PlanAction, PlanReading, Priority } from './plan.js';
import { columnLayout, isHeaderLine, type Column, type Field } from './plan-columns.js';
import { collectRoleDefinitions, normaliseAbbreviation, parseResources, type Role, type RoleDefinitions } from './roles.js';
import { cellText, type SourceCell, type SourceRow } from './source-row.js';
import { looksLikeStatus, parseStatusCell } from './status.js';

/**
 * Reads action plans from the rows of a file, the way a committee reads the
 * table: title, header (repeated at every page break), numbered priorities
 * with an optional "Corporate priority" line, and numbered actions. A file
 * may hold several plans (a report with last year's plan and this year's).
 *
 * Pure: rows in, plans out. Every problem is collected, so the coordinator
 * gets the whole list in one go; warnings never stop an import.
 */
export type ReadPlansOptions = {
  /** Used when a plan carries no title of its own: usually the file name. */
  fallbackTitle: string;
};

const REF_AT_START = /^(\d{1,3}(?:\.\d{1,3}){1,2})(?![\d])\.?\)?[\s:–—-]*/;
const REF_ONLY = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$/;
const PRIORITY = /^(?:priority\s*)?(\d{1,2})\s*(?:[.):]|\s[-–—]|\s(?=[A-Za-z]))\s*(?!\d)(\S[\s\S]*)$/i;
const CORPORATE = /^corporate priority\b[\s:–—-]*([\s\S]*)$/i;
const CORPORATE_INSIDE = /\s*\bcorporate priority\b[\s:–—-]*/i;
const CSP_MARKER = /\s*\*\s*CSP\s+action\b\.?/gi;
const YEAR_SPAN = /\b(19|20)\d\d\s*[-–—/]\s*(\d{4}|\d{2})\b/;

const FIELD_NAMES: Record<Field, string> = {
  ref: 'REF',
  action: 'ACTION',
  measure: 'MEASURE OF SUCCESS',
  outcome: 'PLANNED OUTCOME',
  resources: 'RESOURCES/PARTNERS',
  lead: 'LEAD',
  partners: 'PARTNERS',
  deadline: 'DEADLINE',
  update: 'ACTION UPDATE/RAG',
};

type Heading = { title: string; corporate: string | null; fromTable: boolean };

type Draft = {
  ref: string;
  where: string;
  columns: Column[];
  fields: Partial<Record<Field, string>>;
  deadlineCell: SourceCell | undefined;
  cspAction: boolean;
};

type PlanDraft = {
  title: string | null;
  section: string | undefined;
  priorities: Map<number, { title: string; corporate: string | null; actions: Draft[] }>;
  refs: Map<string, string>;
};

function isTitleLike(text: string): boolean {
  return text.length <= 150 && !REF_AT_START.test(text) && (/\bplan\b/i.test(text) || YEAR_SPAN.test(text));
}

function normaliseTitle(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function splitHeading(match: RegExpExecArray, fromTable: boolean): Heading & { number: number } {
  const rest = match[2]!;
  const corporateAt = rest.search(CORPORATE_INSIDE);
  const title = (corporateAt >= 0 ? rest.slice(0, corporateAt) : rest).replace(/[\s,;:–—-]+$/, '').replace(/\s+/g, ' ').trim();
  const corporate = corporateAt >= 0 ? rest.slice(corporateAt).replace(CORPORATE_INSIDE, '').replace(/\s+/g, ' ').trim() : null;
  return { number: Number(match[1]), title, corporate, fromTable };
}

function truncate(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

export function readPlans(rows: ReadonlyArray<SourceRow>, options: ReadPlansOptions): PlanReading {
  const defs = collectRoleDefinitions(rows.flatMap((r) => r.cells.map(cellText)));
  const errors: string[] = [];
  const warnings: string[] = [];
  const plans: PlanDraft[] = [];

  let current: PlanDraft | null = null;
  let columns: Column[] | null = null;
  let headerLines: string[][] = [];
  let headerWhere = '';
  let lastRowWasHeader = false;
  let recent: string[] = [];
  let pendingTitle: string | null = null;
  let pendingHeadings = new Map<number, Heading>();
  let lastHeading: Heading | null = null;
  let expectCorporate = false;
  let lastAction: Draft | null = null;
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
  const sectionsSeen = new Set<string>();
  const sectionsWithTable = new Set<string>();

  const looseText = (text: string, kind: SourceRow['kind']): void => {
    recent = [...recent, text].slice(-2);
    const heading = PRIORITY.exec(text);
    if (kind === 'paragraph' && heading && !isTitleLike(text)) {
      const parsed = splitHeading(heading, false);
      pendingHeadings.set(parsed.number, parsed);
      lastHeading = parsed;
    } else if (kind === 'paragraph' && !isTitleLike(text)) {
      for (const [n, h] of pendingHeadings) if (!h.fromTable) pendingHeadings.delete(n);
    }
  };

  const startPlan = (title: string | null): PlanDraft => {
    const plan: PlanDraft = { title, section, priorities: new Map(), refs: new Map() };
    plans.push(plan);
    return plan;
  };

  const applyHeadings = (plan: PlanDraft): void => {
    for (const [number, heading] of pendingHeadings) {
      const existing = plan.priorities.get(number);
      if (!existing) plan.priorities.set(number, { title: heading.title, corporate: heading.corporate, actions: [] });
      else if (heading.fromTable || existing.title === '') {
        existing.title = heading.title;
        existing.corporate = heading.corporate ?? existing.corporate;
      }
    }
    pendingHeadings = new Map();
  };

  const fieldText = (cells: ReadonlyArray<SourceCell>, index: number | undefined): string =>
    index === undefined ? '' : cellText(cells[index]).trim();

  const continueAction = (texts: string[], where: string): void => {
    if (!lastAction) {
      warnings.push(`${where}: text outside any action was ignored: "${truncate(texts.filter((t) => t !== '').join(' '))}"`);
      return;
    }
    const action = lastAction;
    const filled = action.columns.map((c) => (action.fields[c.field] ?? '') !== '');
    const lastFilled = filled.lastIndexOf(true);
    const remaining = action.columns.slice(lastFilled + 1);
    const pieces = texts.filter((t) => t !== '');
    if (pieces.length > 0 && pieces.length <= remaining.length) {
      const fit = alignCells(pieces, remaining.map((c, position) => ({ field: c.field, position })), false);
      for (const [field, index] of Object.entries(fit.cells) as Array<[Field, number]>) {
        action.fields[field] = pieces[index]!;
        if (field === 'deadline') action.deadlineCell = pieces[index]!;
      }
      return;
    }
    // A row split across a page: each cell continues the field above it.
    const fit = alignCells(texts, action.columns, true);
    for (const [field, index] of Object.entries(fit.cells) as Array<[Field, number]>) {
      const more = texts[index]!;
      if (more === '') continue;
      action.fields[field] = [action.fields[field], more].filter((t) => t).join('\n');
      if (field === 'deadline') action.deadlineCell = action.fields[field];
    }
  };

  const addAction = (row: SourceRow, texts: string[], layout: Column[]): void => {
    const fit = alignCells(texts, layout, row.exactColumns);
    const fields: Partial<Record<Field, string>> = {};
    let cspAction = false;
    for (const [field, index] of Object.entries(fit.cells) as Array<[Field, number]>) {
      const cell = row.cells[index];
      if (cell !== undefined && typeof cell !== 'string' && cell.kind === 'formula') {
        errors.push(
          `${row.where}: the ${FIELD_NAMES[field]} cell holds a formula (=${truncate(cell.formula, 40)}); replace it with its value (copy the cells, then Paste Special → Values)`,
        );
        return;
      }
      let text = fieldText(row.cells, index);
      if (CSP_MARKER.test(text)) {
        cspAction = true;
        text = text.replace(CSP_MARKER, '').trim();
      }
      CSP_MARKER.lastIndex = 0;
      fields[field] = text;
    }
    for (const index of fit.unplaced) {
      warnings.push(`${row.where}: cell ${index + 1} ("${truncate(texts[index]!)}") is under no column heading and was ignored`);
    }

    let ref: string;
    const refCell = fields.ref ?? '';
    const refOnly = REF_ONLY.exec(refCell);
    if (refOnly) {
      // "1", "2"… numbered within each priority: qualify them so they stay unique.
      ref = refOnly[1]!.includes('.') || currentPriority === null ? refOnly[1]! : `${currentPriority}.${refOnly[1]}`;
    } else {
      const firstText = fields.action ?? texts.find((t) => t !== '') ?? '';
      const m = REF_AT_START.exec(firstText);
      if (!m) {
        continueAction(texts, row.where);
        return;
      }
      ref = m[1]!;
      fields.action = firstText.slice(m[0].length).trim();
    }

    const restarts = current !== null && current.refs.has(ref);
    const titleDiffers =
      pendingTitle !== null && (current?.title == null || normaliseTitle(pendingTitle) !== normaliseTitle(current.title));
    if (current === null || (restarts && (titleDiffers || sectionChanged))) {
      current = startPlan(pendingTitle);
    } else if (current.title === null && pendingTitle !== null) {
      current.title = pendingTitle;
    } else if (restarts) {
      errors.push(`${row.where}: action ${ref} appears twice (first at ${current.refs.get(ref)}); give each action its own number`);
      pendingTitle = null;
      sectionChanged = false;
      return;
    }
    pendingTitle = null;
    sectionChanged = false;
    applyHeadings(current);

    const major = ref.includes('.') ? Number(ref.split('.')[0]) : (currentPriority ?? 1);
    let priority = current.priorities.get(major);
    if (!priority) {
      priority = { title: '', corporate: null, actions: [] };
      current.priorities.set(major, priority);
    }
    const draft: Draft = {
      ref,
      where: row.where,
      columns: layout,
      fields,
      deadlineCell: fit.cells.deadline === undefined ? undefined : row.cells[fit.cells.deadline],
      cspAction,
    };
    priority.actions.push(draft);
    current.refs.set(ref, row.where);
    lastAction = draft;
  };

  const flushCandidate = (): void => {
    if (candidate && candidate.heading.corporate === null) continueAction(candidate.texts, candidate.where);
    candidate = null;
  };

  const resolveCandidate = (firstText: string): void => {
    if (!candidate) return;
    const ref = REF_AT_START.exec(firstText)?.[1] ?? REF_ONLY.exec(firstText)?.[1] ?? '';
    const major = ref.includes('.') ? Number(ref.split('.')[0]) : null;
    const lastMajor = lastAction ? Number(lastAction.ref.split('.')[0]) : null;
    if (lastAction === null || major === null || major !== lastMajor) {
      const number = major ?? (currentPriority ?? 0) + 1;
      pendingHeadings.set(number, candidate.heading);
      currentPriority = number;
      candidate = null;
    } else {
      flushCandidate();
    }
  };

  for (const row of rows) {
    const texts = row.cells.map((c) => cellText(c).trim());
    const filled = texts.filter((t) => t !== '');
    if (filled.length === 0) continue;
    if (row.section !== section) {
      section = row.section;
      sectionChanged = true;
      if (section !== undefined) sectionsSeen.add(section);
    }
    if (row.kind === 'paragraph') {
      lastRowWasHeader = false;
      looseText(filled.join(' '), 'paragraph');
      continue;
    }
    if (isHeaderLine(texts) || (lastRowWasHeader && isHeaderLine(texts, 1))) {
      if (!lastRowWasHeader) {
        // A line just above a repeated header is a page title, not table content.
        if (candidate) recent = [...recent, candidate.texts.filter((t) => t !== '').join(' ')].slice(-2);
        candidate = null;
        headerLines = [];
        headerWhere = row.where;
        const title = [...recent].reverse().find(isTitleLike);
        if (title !== undefined) pendingTitle = title;
        recent = [];
      }
      headerLines.push(texts);
      columns = columnLayout(headerLines);
      lastRowWasHeader = true;
      if (section !== undefined) sectionsWithTable.add(section);
      continue;
    }
    lastRowWasHeader = false;
    const distinct = new Set(filled);
    const text = filled[0]!;
    if (columns === null) {
      if (distinct.size === 1) looseText(text, 'table');
      else recent = [];
      continue;
    }
    if (REF_AT_START.test(text) || (columns.some((c) => c.field === 'ref') && REF_ONLY.test(text) && filled.length > 1)) {
      recent = [];
      resolveCandidate(text);
      addAction(row, texts, columns);
      continue;
    }
    if (distinct.size === 1) {
      const heading = PRIORITY.exec(text);
      const corporate = CORPORATE.exec(text);
      if (heading && !(isTitleLike(text) && !/^\d+\./.test(text))) {
        flushCandidate();
        const parsed = splitHeading(heading, true);
        pendingHeadings.set(parsed.number, parsed);
        currentPriority = parsed.number;
        lastHeading = parsed;
        expectCorporate = parsed.corporate === '';
        recent = [];
        continue;
      }
      if (corporate && candidate) {
        candidate.heading.corporate = corporate[1]!.replace(/\s+/g, ' ').trim();
        lastHeading = candidate.heading;
        expectCorporate = candidate.heading.corporate === '';
        continue;
      }
      if (corporate && lastHeading) {
        lastHeading.corporate = corporate[1]!.replace(/\s+/g, ' ').trim();
        expectCorporate = lastHeading.corporate === '';
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
        flushCandidate();
        const title = text.replace(/^priority\s*[:–—-]\s*/i, '').replace(/\s+/g, ' ');
        candidate = { heading: { title, corporate: null, fromTable: true }, texts, where: row.where };
        continue;
      }
    }
    expectCorporate = false;
    recent = [];
    flushCandidate();
    continueAction(texts, row.where);
  }
  flushCandidate();

  const finished: Plan[] = [];
  plans.forEach((draft, index) => {
    const title = draft.title ?? (draft.section && !/^sheet\s*\d*$/i.test(draft.section) ? draft.section : null);
    const planTitle = title ?? (index === 0 ? options.fallbackTitle : `${options.fallbackTitle} (plan ${index + 1})`);
    finished.push(finishPlan(planTitle, draft, defs, errors, warnings));
  });

  if (finished.length === 0) {
    errors.push(
      columns === null
        ? `${options.fallbackTitle}: no action table found; the plan needs a header row naming its columns (ACTION, MEASURE OF SUCCESS, PLANNED OUTCOME, RESOURCES/PARTNERS, DEADLINE, ACTION UPDATE/RAG) with numbered actions (1.1, 1.2…) under it`
        : `${headerWhere}: a table header was found but no numbered actions under it; start each action with its number, e.g. "1.1 Update the safeguarding guidance"`,
    );
  } else {
    for (const name of sectionsSeen) {
      if (!sectionsWithTable.has(name)) warnings.push(`Sheet "${name}" has no action table and was skipped`);
    }
  }
  if (errors.length > 0) {
    throw new DomainError('plan-invalid', `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${options.fallbackTitle}`, {
      problems: errors,
    });
  }
  return { plans: finished, warnings };
}

function finishPlan(title: string, draft: PlanDraft, defs: RoleDefinitions, errors: string[], warnings: string[]): Plan {
  const roles = new Map<string, Role>();
  const priorities: Priority[] = [...draft.priorities.entries()].map(([number, p]) => {
    if (p.title === '') warnings.push(`${p.actions[0]?.where ?? title}: priority ${number} has no heading row; add one such as "${number}. Anti-social behaviour" above action ${p.actions[0]?.ref ?? `${number}.1`}`);
    return { number, title: p.title, corporatePriority: p.corporate, actions: p.actions.map((a) => finishAction(a, defs, roles, errors, warnings)) };
  });
  for (const role of roles.values()) {
    const conflict = defs.conflicts.get(normaliseAbbreviation(role.key));
    if (conflict) warnings.push(`${title}: ${conflict}`);
  }
  return { title, priorities, roles: [...roles.values()] };
}

function finishAction(draft: Draft, defs: RoleDefinitions, roles: Map<string, Role>, errors: string[], warnings: string[]): PlanAction {
  const f = draft.fields;
  const at = `${draft.where}: action ${draft.ref}`;

  const deadline = parseDeadline(draft.deadlineCell ?? f.deadline ?? '');
  if (deadline.kind === 'invalid') errors.push(`${draft.where}: deadline "${deadline.text}" is not a date; ${deadline.hint}`);
  if (deadline.kind === 'open') warnings.push(`${at} has deadline "${deadline.text}", which is not a date: kept as written, with no deadline prompts`);

  const reading = parseStatusCell(f.update ?? '');
  if (!reading.recognised) {
    warnings.push(`${at}: the update does not start with a status (COMPLETED, NOT COMPLETED, STARTED, Green, Amber or Red); read as in progress`);
  }

  const resources = f.resources ?? '';
  let parsed = parseResources([f.lead, resources].filter((t) => t).join('\n'), defs, { leadColumn: f.lead !== undefined && f.lead !== '' });
  if (f.partners) {
    const more = parseResources(`Partners: ${f.partners}`, defs);
    parsed = {
      lead: parsed.lead,
      support: [...parsed.support, ...more.support.filter((r) => r.key !== parsed.lead?.key && !parsed.support.some((s) => s.key === r.key))],
      partners: [...parsed.partners, ...more.partners.filter((p) => !parsed.partners.includes(p))],
    };
  }
  if (!parsed.lead) warnings.push(`${at} names no lead role; write e.g. "Lead – CSO" in its RESOURCES/PARTNERS cell`);
  for (const role of [parsed.lead, ...parsed.support]) if (role && !roles.has(role.key)) roles.set(role.key, role);
  if ((f.action ?? '') === '') warnings.push(`${at} has no action text`);

  return {
    ref: draft.ref,
    action: f.action ?? '',
    measure: f.measure ?? '',
    outcome: f.outcome ?? '',
    resources: [f.lead, resources, f.partners].filter((t) => t).join('\n'),
    lead: parsed.lead?.key ?? null,
    support: parsed.support.map((r) => r.key),
    partners: parsed.partners,
    deadline: deadline.kind === 'due' ? deadline.due : null,
    deadlineText: deadline.text,
    status: reading.status,
    update: reading.narrative,
    cspAction: draft.cspAction,
    source: draft.where,
  };
}
