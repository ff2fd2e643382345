import { DateTime } from 'luxon';
import type { StatusUpdate, StoredAction } from './action-record.js';
import type { Status } from './status.js';

/**
 * The highlight report of a period, the shape of the PCC's report to the
 * Police and Crime Panel (seed 001): per priority, how many actions there are
 * and how many were completed or moved on in the period, then the actions
 * themselves ("Activities and Achievements") with what their leads said.
 */
export type HighlightItem = { ref: string; action: string; status: Status; completed: boolean; narratives: string[] };

export type HighlightPriority = {
  number: number;
  title: string;
  counts: { actions: number; completed: number; changed: number };
  items: HighlightItem[];
};

export type HighlightSection = { heading: string; priorities: HighlightPriority[] };

export type HighlightReport = { title: string; from: string; to: string; sections: HighlightSection[] };

export type HighlightSource = {
  heading: string;
  priorities: ReadonlyArray<{ number: number; title: string }>;
  actions: ReadonlyArray<{ action: StoredAction; updates: readonly StatusUpdate[] }>;
};

/** `from` and `to` are local dates, both included; an update counts on its local date in `timeZone`. */
export function highlightReport(title: string, from: string, to: string, timeZone: string, sources: readonly HighlightSource[]): HighlightReport {
  const inRange = (u: StatusUpdate) => {
    const day = DateTime.fromISO(u.at, { zone: timeZone }).toISODate()!;
    return day >= from && day <= to;
  };
  const sections = sources.map((source) => ({
    heading: source.heading,
    priorities: source.priorities.flatMap((p) => {
      const actions = source.actions.filter((a) => a.action.priority.number === p.number && a.action.removedInVersion === null);
      if (actions.length === 0) return [];
      const items = actions.flatMap(({ action, updates }) => {
        const period = updates.filter(inRange);
        if (period.length === 0) return [];
        const last = period.at(-1)!;
        const narratives = [...new Set(period.map((u) => u.narrative.replace(/\s*\n\s*/g, ' ').trim()).filter((n) => n !== ''))];
        return [{ ref: action.ref, action: action.plan.action.replace(/\s*\n\s*/g, ' ').trim(), status: last.status, completed: last.status === 'completed', narratives }];
      });
      return [{ number: p.number, title: p.title, counts: { actions: actions.length, completed: items.filter((i) => i.completed).length, changed: items.length }, items }];
    }),
  }));
  return { title, from, to, sections };
}

/** "12 actions: 3 completed in the period, 5 with progress reported". */
export function highlightCounts(p: HighlightPriority): string {
  const c = p.counts;
  return `${c.actions} ${c.actions === 1 ? 'action' : 'actions'}: ${c.completed} completed in the period, ${c.changed} with progress reported.`;
}
