import { withoutContentCaption } from './classify-row.js';
import { dueInPlanYear, parseDeadline, readDateInProse } from './deadline.js';
import { planYearStart } from './plan-changes.js';
import type { Plan, PlanAction, Priority } from './plan.js';
import type { Field } from './plan-columns.js';
import { readThroughKey } from './plan-key.js';
import { normaliseAbbreviation, normaliseName, parseResources, splitOnAnd, type Resources, type Role, type RoleDefinitions } from './roles.js';
import type { SourceCell } from './source-row.js';
import { parseStatusCell, STATUS_LABELS, type Status, type StatusReading } from './status.js';

/**
 * Plan assembly: turns the actions the row reader collected into a plan,
 * reading each cell for what it means (deadline, status, lead) and saying
 * what could not be read. Pure.
 */
export type ActionDraft = {
  ref: string;
  where: string;
  fields: Partial<Record<Field, string>>;
  /** Unknown columns, heading → value. */
  extra: Record<string, string>;
  deadlineCell: SourceCell | undefined;
  cspAction: boolean;
};

export type PriorityDraft = { title: string; corporate: string | null; measures: string[]; actions: ActionDraft[] };

export type AssemblyContext = {
  defs: RoleDefinitions;
  /** What the plan's key says each colour or letter means. */
  key: ReadonlyMap<string, string>;
  errors: string[];
  warnings: string[];
  /** Where the file would name an action's lead, for the warning when it names none. */
  leadHint?: string;
  /** Leads the plan names alone in a lead cell somewhere (normalised), so "X and Y" elsewhere is X leading with Y. */
  namedAlone?: ReadonlySet<string>;
  /** The financial year the plan's title names, by its start ("2025/26" → 2025): a month written alone falls in it. */
  yearStart?: number | null;
};

/** A lead cell naming one body alone: no list, no second line. */
const SINGLE = /^[^\n,;&/]+$/;

function leadsNamedAlone(priorities: ReadonlyMap<number, PriorityDraft>): Set<string> {
  const cells = [...priorities.values()].flatMap((p) => p.actions.map((a) => (a.fields.lead ?? '').trim()));
  return new Set(cells.filter((t) => t !== '' && SINGLE.test(t) && !/\sand\s/i.test(t)).map(normaliseName));
}

/**
 * "Scottish Government and Public Health Scotland" where another action's lead is "Scottish Government" alone
 * (Scottish Government drugs action plan 2020): the plan itself shows the first body leads and the second works
 * with it. Without that evidence "Safeguarding and Family Support" stays one name.
 */
function leadBeforeAnd(parsed: Resources, namedAlone: ReadonlySet<string> | undefined): Resources {
  if (!parsed.lead || !namedAlone) return parsed;
  // Cut only after a name the plan writes alone: "COSLA and Alcohol and Drug Partnerships" is COSLA with one body.
  const [first, ...others] = splitOnAnd(parsed.lead.name, { before: (name) => namedAlone.has(normaliseName(name)), after: () => true });
  if (others.length === 0) return parsed;
  return { lead: { key: first!, name: first! }, support: parsed.support, partners: [...others, ...parsed.partners] };
}

export function assemblePlan(title: string, priorities: ReadonlyMap<number, PriorityDraft>, planContext: AssemblyContext): Plan {
  /** Normalised name → role, so spellings that differ only in punctuation or case make one role. */
  const roles = new Map<string, Role>();
  // A lead written alone in one cell ("C/Supt. Lang") is someone: a cell that joins that name to another is two people.
  const drafts = [...priorities.values()].flatMap((p) => p.actions);
  const alone = drafts.flatMap((a) => [a.fields.lead, a.fields.resources].flatMap((cell) => (cell ?? '').split('\n')));
  const people = new Set([...planContext.defs.people, ...alone.map(normaliseName).filter((n) => n !== '')]);
  const context: AssemblyContext = { ...planContext, defs: { ...planContext.defs, people }, namedAlone: leadsNamedAlone(priorities), yearStart: planYearStart(title) };
  /** Status words with no exact state ("On hold"), said once for the plan with the actions that use them. */
  const near = new Map<string, { word: string; status: Status; refs: string[] }>();
  const finished: Priority[] = [...priorities.entries()].map(([number, p]) => {
    if (p.title === '') {
      context.warnings.push(
        `${p.actions[0]?.where ?? title}: priority ${number} has no heading row; add one such as "${number}. Anti-social behaviour" above action ${p.actions[0]?.ref ?? `${number}.1`}`,
      );
    }
    const priority: Priority = { number, title: withoutContentCaption(p.title), corporatePriority: p.corporate, actions: p.actions.map((a) => assembleAction(a, roles, near, context)) };
    if (p.measures.length > 0) priority.measures = p.measures;
    return priority;
  });
  for (const { word, status, refs } of near.values()) {
    const listed = refs.length > 5 ? `${refs.slice(0, 5).join(', ')}…` : refs.join(', ');
    context.warnings.push(
      `${title}: "${word}" (${refs.length === 1 ? 'action' : `${refs.length} actions:`} ${listed}) is read as ${STATUS_LABELS[status].word.toLowerCase()}, the nearest status; the words are kept at the start of the update`,
    );
  }
  for (const role of roles.values()) {
    const conflict = context.defs.conflicts.get(normaliseAbbreviation(role.key));
    if (conflict) context.warnings.push(`${title}: ${conflict}`);
  }
  return { title, priorities: finished, roles: [...roles.values()] };
}

/** Status from a separate RAG/status column when the plan has one, else from the start of the update. */
/** `near`: the status words as written when the state they name has no exact match in the model ("On hold"). */
type ActionStatus = StatusReading & { unread: string | null; near: string | null };

function readStatus(f: ActionDraft['fields'], key: ReadonlyMap<string, string>): ActionStatus {
  const statusCell = (f.status ?? '').trim();
  const update = (f.update ?? '').trim();
  if (statusCell !== '') {
    const reading = readThroughKey(statusCell, parseStatusCell(statusCell, { source: 'status-column' }), key);
    if (reading.recognised) {
      return { ...reading, narrative: [asWritten(statusCell, reading), update].filter((t) => t !== '').join('\n'), unread: null, near: nearWords(statusCell, reading) };
    }
    const fromUpdate = readThroughKey(update, parseStatusCell(update), key);
    if (update !== '' && fromUpdate.recognised) return { ...fromUpdate, narrative: asWritten(update, fromUpdate), unread: statusCell, near: nearWords(update, fromUpdate) };
    // Kept whole: the status word the plan used stays in front of its narrative.
    return { ...reading, narrative: [statusCell, update].filter((t) => t !== '').join('\n'), recognised: false, unread: statusCell, near: null };
  }
  const reading = readThroughKey(update, parseStatusCell(update), key);
  return { ...reading, narrative: asWritten(update, reading), unread: null, near: nearWords(update, reading) };
}

/** The status words at the start of a cell ("On hold", "Closed – merged into"), when they only come close to a state. */
function nearWords(cell: string, reading: StatusReading): string | null {
  if (!reading.approximate) return null;
  return cell.slice(0, cell.length - reading.narrative.length).replace(/[\s\-–—:,.;]+$/, '').trim() || null;
}

/** The chair sees "On hold" or "Superseded" as written when the status read from it (amber, not completed) only comes close. */
function asWritten(cell: string, reading: StatusReading): string {
  return reading.approximate ? cell : reading.narrative;
}

function assembleAction(draft: ActionDraft, roles: Map<string, Role>, near: Map<string, { word: string; status: Status; refs: string[] }>, context: AssemblyContext): PlanAction {
  const { defs, errors, warnings } = context;
  const f = draft.fields;
  const at = `${draft.where}: action ${draft.ref}`;

  const written = parseDeadline(draft.deadlineCell ?? f.deadline ?? '');
  // A timescale written as a sentence is due on the date it names ("Strategy agreed and in place by April 2012");
  // a mistyped date ("Sept 20166") names none and stays an error.
  const prose = (written.kind === 'open' && written.reading === 'free-text') || written.kind === 'invalid';
  const inProse = prose ? (readDateInProse(written.text) ?? written) : written;
  // "December", "Q3" or "year end" in the 2025/26 plan fall in it; with no year in the title a month alone stays an error asking for one.
  const needsYear = inProse.kind === 'invalid' || (inProse.kind === 'open' && (inProse.reading === 'coded' || inProse.reading === 'free-text'));
  const deadline = needsYear && context.yearStart != null ? (dueInPlanYear(inProse.text, context.yearStart) ?? inProse) : inProse;
  if (deadline.kind === 'invalid') errors.push(`${draft.where}: deadline "${deadline.text}" is not a date; ${deadline.hint}`);
  if (deadline.kind === 'open') warnings.push(`${at} has deadline "${deadline.text}", which is not a date: kept as written, with no deadline prompts`);

  const reading = readStatus(f, context.key);
  if (reading.near !== null) {
    const seen = near.get(reading.near.toLowerCase()) ?? { word: reading.near, status: reading.status, refs: [] };
    seen.refs.push(draft.ref);
    near.set(reading.near.toLowerCase(), seen);
  }
  if (reading.unread !== null) {
    const used = reading.recognised ? 'read the status from the update instead' : `read as ${STATUS_LABELS[reading.status].word.toLowerCase()}`;
    warnings.push(`${at}: the status "${reading.unread}" is not one this reads (Completed, Not completed, Started, Green, Amber or Red); ${used}`);
  } else if (!reading.recognised) {
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
  parsed = leadBeforeAnd(parsed, context.namedAlone);
  if (!parsed.lead) warnings.push(`${at} names no lead role; ${context.leadHint ?? 'write e.g. "Lead – CSO" in its RESOURCES/PARTNERS cell'}`);
  // "C/Supt. Lang" and "C/Supt Lang" are one person: the spelling the plan uses first names the role.
  const same = (role: Role): Role => {
    const name = normaliseName(role.key);
    if (!roles.has(name)) roles.set(name, role);
    return roles.get(name)!;
  };
  if (parsed.lead) parsed = { ...parsed, lead: same(parsed.lead) };
  parsed = { ...parsed, support: parsed.support.map(same).filter((r, i, all) => r.key !== parsed.lead?.key && all.findIndex((o) => o.key === r.key) === i) };
  if ((f.action ?? '') === '') warnings.push(`${at} has no action text`);

  const action: PlanAction = {
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
  if (Object.keys(draft.extra).length > 0) action.extra = { ...draft.extra };
  return action;
}
