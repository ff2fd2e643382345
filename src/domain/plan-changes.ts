import { actionIdOf, type PlanChanges, type StoredAction } from './action-record.js';
import type { Plan, PlanAction, Priority } from './plan.js';

/**
 * What a (re-)import of a plan changes. Actions are matched by ref within the
 * plan year; nothing is ever deleted: an action the new file leaves out is
 * marked removed and keeps its history. Pure.
 */

const YEAR_SPAN = /\b((?:19|20)\d\d)\s*[-–—/]\s*(\d{4}|\d{2})\b/;

/** "CRIME AND DISORDER REDUCTION PLAN 2017-2018" → "2017-18"; null when the title names no year span. */
export function planYear(title: string): string | null {
  const m = YEAR_SPAN.exec(title);
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2]!.length === 4 ? Number(m[2]) : Math.floor(start / 100) * 100 + Number(m[2]);
  if (end !== start + 1) return null;
  return `${start}-${String(end % 100).padStart(2, '0')}`;
}

/** The year a plan's title names by its start ("Action Plan 2025/26" → 2025); null when it names none. */
export function planYearStart(title: string): number | null {
  const year = planYear(title);
  return year === null ? null : Number(year.slice(0, 4));
}

/**
 * Whether text names a span of years of any length ("2020-2023", "2025/26"), as a title does: a wider test than
 * `planYearSpan`, which takes only a plan's one year.
 */
export function hasYearSpan(text: string): boolean {
  return YEAR_SPAN.test(text);
}

/** The first year span in running text that is a plan year ("…the Action Plan for 2023/24." → "2023/24"); null when none is. */
export function planYearSpan(text: string): string | null {
  for (const m of text.matchAll(new RegExp(YEAR_SPAN.source, 'g'))) if (planYear(m[0]) !== null) return m[0];
  return null;
}

/** The fields a committee reads; `source` (where in the file) is not a change. */
const COMPARED: ReadonlyArray<keyof PlanAction> = [
  'action', 'measure', 'outcome', 'resources', 'lead', 'support', 'partners', 'deadline', 'deadlineText', 'status', 'update', 'cspAction', 'extra',
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type PlannedAction = { action: PlanAction; priority: Omit<Priority, 'actions'> };

export type PlanDiff = {
  changes: PlanChanges;
  /** Every action the new version writes (added, changed, restored, or moved to another priority). */
  writes: StoredAction[];
  /** Actions whose status column now says something new: each becomes an imported update. */
  statusFromFile: PlanAction[];
  /** True when the import would change nothing at all. */
  unchanged: boolean;
};

export function plannedActions(plan: Plan): PlannedAction[] {
  return plan.priorities.flatMap(({ actions, ...priority }) => actions.map((action) => ({ action, priority })));
}

/** True when the file's update column says something a person reported. */
export function fileReportsStatus(action: PlanAction): boolean {
  return action.status !== 'not-reported' || action.update.trim() !== '';
}

export function diffPlan(input: {
  bodyId: string;
  year: string;
  version: number;
  plan: Plan;
  stored: ReadonlyArray<StoredAction>;
  /** The plan head's title, roles and priorities as last imported; null for a first import. */
  previous: { title: string; roles: unknown; priorities: unknown } | null;
}): PlanDiff {
  const { bodyId, year, version, plan } = input;
  const byRef = new Map(input.stored.map((a) => [a.ref, a]));
  const changes: PlanChanges = { added: [], removed: [], changed: [], statusUpdates: [] };
  const writes: StoredAction[] = [];
  const statusFromFile: PlanAction[] = [];
  const seen = new Set<string>();

  for (const { action, priority } of plannedActions(plan)) {
    seen.add(action.ref);
    const existing = byRef.get(action.ref);
    if (existing === undefined || existing.removedInVersion !== null) {
      changes.added.push(action.ref);
      writes.push({
        id: actionIdOf(year, action.ref),
        bodyId,
        year,
        ref: action.ref,
        priority,
        plan: action,
        addedInVersion: existing?.addedInVersion ?? version,
        removedInVersion: null,
        latest: existing?.latest ?? null,
        revisedDeadline: existing?.revisedDeadline ?? null,
      });
      const saidBefore = existing !== undefined && existing.plan.status === action.status && existing.plan.update === action.update;
      if (fileReportsStatus(action) && !saidBefore) {
        statusFromFile.push(action);
        changes.statusUpdates.push(action.ref);
      }
      continue;
    }
    const fields = COMPARED.filter((f) => !same(existing.plan[f], action[f]));
    const priorityMoved = !same(existing.priority, priority);
    if (priorityMoved) fields.push('priority' as keyof PlanAction);
    if (fields.length === 0) continue;
    changes.changed.push({ ref: action.ref, fields: fields.map(String) });
    writes.push({ ...existing, priority, plan: action });
    if ((fields.includes('status') || fields.includes('update')) && fileReportsStatus(action)) {
      statusFromFile.push(action);
      changes.statusUpdates.push(action.ref);
    }
  }
  for (const existing of input.stored) {
    if (seen.has(existing.ref) || existing.removedInVersion !== null) continue;
    changes.removed.push(existing.ref);
    writes.push({ ...existing, removedInVersion: version });
  }
  const headSame =
    input.previous !== null &&
    input.previous.title === plan.title &&
    same(input.previous.roles, plan.roles) &&
    same(input.previous.priorities, plan.priorities.map(({ actions: _a, ...p }) => p));
  return { changes, writes, statusFromFile, unchanged: writes.length === 0 && headSame };
}
