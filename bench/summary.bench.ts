import type { StatusUpdate, StoredAction } from '../src/domain/action-record.js';
import { meetingSummary } from '../src/domain/meeting-summary.js';
import type { UpdateStatus } from '../src/domain/action-record.js';

/** The chair's summary for a 300-action plan holding 10,000 updates. */
function generated(actionCount: number, updateCount: number): { actions: StoredAction[]; updates: StatusUpdate[] } {
  const statuses: UpdateStatus[] = ['green', 'amber', 'red', 'completed', 'not-completed'];
  const actions: StoredAction[] = [];
  for (let i = 0; i < actionCount; i++) {
    const ref = `${Math.floor(i / 30) + 1}.${(i % 30) + 1}`;
    actions.push({
      id: `action:2026-27:${ref}`,
      bodyId: 'bench-pcg',
      year: '2026-27',
      ref,
      priority: { number: Math.floor(i / 30) + 1, title: `Priority ${Math.floor(i / 30) + 1}`, corporatePriority: null },
      plan: {
        ref, action: `Action ${ref}`, measure: '', outcome: '', resources: '', lead: `ROLE${i % 12}`, support: [], partners: [],
        deadline: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`, deadlineText: '', status: 'not-reported', update: '', cspAction: false, source: '',
      },
      addedInVersion: 1, removedInVersion: null, latest: null, revisedDeadline: null,
    });
  }
  const start = Date.parse('2026-04-01T09:00:00Z');
  const updates: StatusUpdate[] = [];
  for (let u = 0; u < updateCount; u++) {
    const action = actions[(u * 7919) % actionCount]!;
    const update: StatusUpdate = {
      id: `update:2026-27:${action.ref}:${String(u).padStart(6, '0')}`, bodyId: action.bodyId, actionId: action.id, year: '2026-27', ref: action.ref,
      status: statuses[u % statuses.length]!, narrative: 'progress', revisedDeadline: u % 50 === 0 ? '2027-03-31' : null,
      author: { tenantId: 't', aadObjectId: `p${u % 40}`, displayName: `Person ${u % 40}` },
      at: new Date(start + u * 45 * 60_000).toISOString(), source: 'card', basedOn: null, planVersion: null,
    };
    updates.push(update);
    action.latest = update;
    if (update.revisedDeadline) action.revisedDeadline = update.revisedDeadline;
  }
  return { actions, updates };
}

export default async function summaryBench(): Promise<string[]> {
  const { actions, updates } = generated(300, 10_000);
  const input = {
    now: new Date('2026-11-24T09:00:00Z'), timeZone: 'Europe/London', meeting: '2026-12-02T10:00', previousMeeting: '2026-10-21T10:00',
    roundOpenedAt: '2026-11-22T09:00:00Z', actions, updates,
  };
  meetingSummary(input);
  const runs: number[] = [];
  let summary = meetingSummary(input);
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    summary = meetingSummary(input);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return [
    `${actions.length} actions, ${updates.length} updates: summary median of 5 ${runs[2]!.toFixed(1)} ms (fastest ${runs[0]!.toFixed(1)}, slowest ${runs[4]!.toFixed(1)})`,
    `  ${summary.overdue.length} overdue, ${summary.changes.length} changed since the last meeting, ${summary.notReported.length} leads not reported`,
  ];
}
