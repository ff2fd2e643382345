import { describe, expect, it } from 'vitest';
import { parseStatusCell } from '../../src/domain/status.js';

describe('parseStatusCell', () => {
  it.each([
    ['COMPLETED Guidance produced and agreed.', 'completed', 'Guidance produced and agreed.'],
    ['Complete', 'completed', ''],
    ['Completed - report taken to CSP', 'completed', 'report taken to CSP'],
    ['NOT COMPLETED Whilst 2 events haven’t been held', 'not-completed', 'Whilst 2 events haven’t been held'],
    ['Not complete: no funding', 'not-completed', 'no funding'],
    ['STARTED – GOOD PROGRESS Will go to Policy Group in July 2017', 'green', 'Will go to Policy Group in July 2017'],
    ['STARTED - good progress', 'green', ''],
    ['STARTED Work has just started', 'in-progress', 'Work has just started'],
    ['STARTED', 'in-progress', ''],
    ['Green', 'green', ''],
    ['GREEN: on track', 'green', 'on track'],
    ['amber. Delayed by staffing', 'amber', 'Delayed by staffing'],
    ['Red - no progress', 'red', 'no progress'],
    ['(Amber) waiting for funding', 'amber', 'waiting for funding'],
    ['', 'not-reported', ''],
  ])('%s → %s', (cell, status, narrative) => {
    expect(parseStatusCell(cell)).toEqual({ status, narrative, recognised: true });
  });

  it('keeps the narrative whole, line breaks included', () => {
    expect(parseStatusCell('COMPLETED Action completed.\nEngagement Day held on 1st June.').narrative).toBe(
      'Action completed.\nEngagement Day held on 1st June.',
    );
  });

  it('does not read a colour inside a word as a status', () => {
    expect(parseStatusCell('Greenhouse project ongoing')).toMatchObject({ recognised: false });
    expect(parseStatusCell('Reduction in ASB seen')).toMatchObject({ recognised: false, narrative: 'Reduction in ASB seen' });
  });
});
