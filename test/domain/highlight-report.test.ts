import { describe, expect, it } from 'vitest';
import type { StatusUpdate, StoredAction } from '../../src/domain/action-record.js';
import { highlightCounts, highlightReport } from '../../src/domain/highlight-report.js';
import { planAction } from '../store/cosmos-fixture.js';

const action = (ref: string): StoredAction => ({
  id: `action:2017-18:${ref}`,
  bodyId: 'p',
  year: '2017-18',
  ref,
  priority: { number: Number(ref.split('.')[0]), title: `Priority ${ref.split('.')[0]}`, corporatePriority: null },
  plan: planAction(ref),
  addedInVersion: 1,
  removedInVersion: null,
  latest: null,
  revisedDeadline: null,
});

const update = (ref: string, at: string, status: StatusUpdate['status'], narrative: string): StatusUpdate => ({
  id: `update:${ref}:${at}`,
  bodyId: 'p',
  actionId: `action:2017-18:${ref}`,
  year: '2017-18',
  ref,
  status,
  narrative,
  revisedDeadline: null,
  author: { tenantId: 't', aadObjectId: 'a', displayName: 'A' },
  at,
  source: 'card',
  basedOn: null,
  planVersion: null,
});

describe('highlightReport', () => {
  it("counts an update on its local date: 23:30 UTC on 30 June is 1 July in London, outside a quarter ending 30 June", () => {
    const report = highlightReport('T', '2017-04-01', '2017-06-30', 'Europe/London', [
      {
        heading: 'Purbeck PCG',
        priorities: [{ number: 1, title: 'Priority 1' }, { number: 2, title: 'Priority 2' }],
        actions: [
          { action: action('1.1'), updates: [update('1.1', '2017-04-01T08:00:00Z', 'green', 'Venue booked.'), update('1.1', '2017-05-01T08:00:00Z', 'completed', 'Held; 40 came.')] },
          { action: action('1.2'), updates: [update('1.2', '2017-06-30T23:30:00Z', 'completed', 'Too late.')] },
          { action: action('2.1'), updates: [update('2.1', '2017-03-31T23:30:00Z', 'amber', 'Counts: 1 April in London.')] },
        ],
      },
    ]);
    const [p1, p2] = report.sections[0]!.priorities;
    expect(p1!.items).toEqual([{ ref: '1.1', action: 'Action 1.1', status: 'completed', completed: true, narratives: ['Venue booked.', 'Held; 40 came.'] }]);
    expect(highlightCounts(p1!)).toBe('2 actions: 1 completed in the period, 1 with progress reported.');
    expect(p2!.items.map((i) => i.ref)).toEqual(['2.1']);
  });
});
