import { describe, expect, it } from 'vitest';
import type { StatusUpdate } from '../../src/domain/action-record.js';
import { planYear } from '../../src/domain/plan-changes.js';
import { checkUpdateDraft, isNewer } from '../../src/domain/update-rules.js';

const NOW = new Date('2018-03-25T23:30:00Z'); // 00:30 on 26 March in London (BST)

describe('checkUpdateDraft', () => {
  it('accepts a status in any case and keeps the narrative', () => {
    expect(checkUpdateDraft({ status: 'Not Completed', narrative: ' No funding. ' }, NOW, 'Europe/London')).toEqual({
      status: 'not-completed',
      narrative: 'No funding.',
      revisedDeadline: null,
    });
  });

  it('reads a revised deadline as a plan would, and compares it with today in the body’s time zone', () => {
    expect(checkUpdateDraft({ status: 'green', narrative: '', revisedDeadline: 'June 2018' }, NOW, 'Europe/London').revisedDeadline).toBe('2018-06-30');
    expect(checkUpdateDraft({ status: 'green', narrative: '', revisedDeadline: '26/03/2018' }, NOW, 'Europe/London').revisedDeadline).toBe('2018-03-26');
    // Still 25 March in UTC: the same date is in the future there.
    expect(() => checkUpdateDraft({ status: 'green', narrative: '', revisedDeadline: '25/03/2018' }, NOW, 'Europe/London')).toThrow(/in the past/);
    expect(checkUpdateDraft({ status: 'green', narrative: '', revisedDeadline: '25/03/2018' }, NOW, 'UTC').revisedDeadline).toBe('2018-03-25');
  });

  it('lists every problem at once', () => {
    try {
      checkUpdateDraft({ status: 'red', narrative: '', revisedDeadline: 'Ongoing' }, NOW, 'Europe/London');
      expect.unreachable();
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual([
        'a Red update needs a narrative: say what is happening and what is needed',
        'revised deadline "Ongoing" is not a real date; use e.g. "30/09/2018" or "Sept 2018"',
      ]);
    }
  });

  it('takes 4,000 characters and refuses 4,001', () => {
    expect(checkUpdateDraft({ status: 'green', narrative: 'x'.repeat(4000) }, NOW, 'Europe/London').narrative).toHaveLength(4000);
    expect(() => checkUpdateDraft({ status: 'green', narrative: 'x'.repeat(4001) }, NOW, 'Europe/London')).toThrow(/4,001 characters/);
  });

  it('refuses statuses a person cannot report', () => {
    for (const status of ['not-reported', 'in-progress', '', 'purple']) {
      expect(() => checkUpdateDraft({ status, narrative: 'x' }, NOW, 'Europe/London')).toThrow(/is not a status/);
    }
  });
});

describe('isNewer', () => {
  const at = (iso: string, id: string) => ({ at: iso, id }) as Pick<StatusUpdate, 'at' | 'id'>;
  it('orders by time, then by id, so every writer agrees on the latest', () => {
    expect(isNewer(at('2018-01-01T10:00:00.001Z', 'a'), at('2018-01-01T10:00:00.000Z', 'z'))).toBe(true);
    expect(isNewer(at('2018-01-01T10:00:00.000Z', 'b'), at('2018-01-01T10:00:00.000Z', 'a'))).toBe(true);
    expect(isNewer(at('2018-01-01T10:00:00.000Z', 'a'), at('2018-01-01T10:00:00.000Z', 'a'))).toBe(false);
    expect(isNewer(at('2018-01-01T10:00:00.000Z', 'a'), null)).toBe(true);
  });
});

describe('planYear', () => {
  it.each([
    ['CRIME AND DISORDER REDUCTION PLAN 2017-2018', '2017-18'],
    ['Community Safety Delivery Plan 2016/17', '2016-17'],
    ['Plan 1999–2000', '1999-00'],
    ['Plan 2016-2018', null],
    ['Action plan', null],
  ])('%s → %s', (title, year) => {
    expect(planYear(title)).toBe(year);
  });
});
