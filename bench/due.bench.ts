import { DEFAULT_CHASE_SETTINGS } from '../src/domain/chase-settings.js';
import { dueMessages, type ChaseHistory, type ChasedAction } from '../src/domain/due-messages.js';
import type { Status } from '../src/domain/status.js';

/**
 * One scheduler tick's rules over 100 bodies × 100 actions at one instant
 * (Tuesday 12 September 2017, 09:00 BST): due dates from 4 months past to
 * 6 months ahead, every status, a meeting every 6 weeks, a third of the
 * actions updated lately, nothing sent before.
 */
const NOW = new Date('2017-09-12T08:00:00Z');
const DAY = 86_400_000;
const STATUSES: Status[] = ['not-reported', 'in-progress', 'green', 'amber', 'red', 'completed', 'not-completed'];

type Body = { actions: ChasedAction[]; meetings: string[]; history: ChaseHistory };

function bodies(count: number, perBody: number): Body[] {
  return Array.from({ length: count }, (_, b) => {
    const actions: ChasedAction[] = [];
    const updatedAt = new Map<string, string>();
    for (let a = 0; a < perBody; a++) {
      const n = b * perBody + a;
      const id = `action:2017-18:${Math.floor(a / 10) + 1}.${(a % 10) + 1}`;
      actions.push({
        id,
        ref: id.slice('action:2017-18:'.length),
        lead: n % 13 === 0 ? null : ['CSO', 'ASBRO', 'LO', 'TO-ET'][n % 4]!,
        due: n % 9 === 0 ? null : new Date(NOW.getTime() + (((n * 37) % 300) - 120) * DAY).toISOString().slice(0, 10),
        status: STATUSES[n % STATUSES.length]!,
      });
      if (n % 3 === 0) updatedAt.set(id, new Date(NOW.getTime() - ((n % 40) + 1) * DAY).toISOString());
    }
    const first = new Date(NOW.getTime() - 40 * DAY + (b % 42) * DAY);
    const meetings = Array.from({ length: 4 }, (_, i) => new Date(first.getTime() + i * 42 * DAY).toISOString().slice(0, 10) + 'T14:00');
    return { actions, meetings, history: { sent: new Set(), updatedAt } };
  });
}

function tick(all: Body[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const body of all) {
    for (const m of dueMessages({ now: NOW, settings: DEFAULT_CHASE_SETTINGS, actions: body.actions, meetings: body.meetings, history: body.history })) {
      counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
    }
  }
  return counts;
}

export default async function dueBench(): Promise<string[]> {
  const all = bodies(100, 100);
  tick(all);
  const runs: number[] = [];
  let counts = new Map<string, number>();
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    counts = tick(all);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)]!;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [
    `dueMessages over 100 bodies × 100 actions at ${NOW.toISOString()}, median of 5: ${median.toFixed(0)} ms (${((median * 1000) / 10_000).toFixed(1)} µs per action)`,
    `fastest ${runs[0]!.toFixed(0)} ms, slowest ${runs[runs.length - 1]!.toFixed(0)} ms`,
    `messages due: ${total} (${[...counts].map(([kind, n]) => `${kind} ${n}`).join(', ')})`,
  ];
}
