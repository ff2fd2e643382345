import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_YEARS, bankHolidayWarning, isBankHoliday } from '../../src/domain/bank-holidays.js';
import { ChaseSettingsSchema, DEFAULT_CHASE_SETTINGS } from '../../src/domain/chase-settings.js';
import {
  isWorkingDay,
  isWorkingTime,
  localInstant,
  nextWorkingMoment,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBefore,
} from '../../src/domain/working-time.js';

const LONDON = DEFAULT_CHASE_SETTINGS;

describe('England and Wales bank holidays', () => {
  it('knows the moved and one-off days as published', () => {
    expect(isBankHoliday('2012-06-04')).toBe(true); // spring holiday moved for the Diamond Jubilee
    expect(isBankHoliday('2012-05-28')).toBe(false);
    expect(isBankHoliday('2020-05-08')).toBe(true); // VE day
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(isBankHoliday('2022-09-19')).toBe(true); // the Queen's state funeral
    expect(isBankHoliday('2023-05-08')).toBe(true); // the coronation
    expect(isBankHoliday('2017-04-14')).toBe(true); // Good Friday
    expect(isBankHoliday('2017-04-17')).toBe(true); // Easter Monday
  });

  it('lists substitute days, not the weekend days they replace', () => {
    expect(isBankHoliday('2021-12-25')).toBe(false);
    expect(isBankHoliday('2021-12-27')).toBe(true);
    expect(isBankHoliday('2021-12-28')).toBe(true);
  });

  it('warns when the list is about to run out and when it has', () => {
    expect(bankHolidayWarning('2017-09-15')).toBeNull();
    expect(bankHolidayWarning(`${BANK_HOLIDAY_YEARS.last}-09-30`)).toBeNull();
    expect(bankHolidayWarning(`${BANK_HOLIDAY_YEARS.last}-10-01`)).toContain(`known only up to 31 December ${BANK_HOLIDAY_YEARS.last}`);
    expect(bankHolidayWarning(`${BANK_HOLIDAY_YEARS.last + 1}-01-04`)).toMatch(/only weekends are skipped/);
    expect(bankHolidayWarning(`${BANK_HOLIDAY_YEARS.first - 1}-06-01`)).toMatch(/only weekends are skipped/);
  });
});

describe('working days', () => {
  it('are Monday to Friday without bank holidays', () => {
    expect(isWorkingDay('2017-09-15')).toBe(true); // Friday
    expect(isWorkingDay('2017-09-16')).toBe(false); // Saturday
    expect(isWorkingDay('2017-09-17')).toBe(false); // Sunday
    expect(isWorkingDay('2018-04-02')).toBe(false); // Easter Monday
  });

  it('move back over Easter and forward past it', () => {
    expect(workingDayOnOrBefore('2018-04-02')).toBe('2018-03-29');
    expect(workingDayOnOrAfter('2018-03-30')).toBe('2018-04-03');
    expect(workingDayOnOrBefore('2017-09-15')).toBe('2017-09-15');
  });

  it('count working days back from a meeting', () => {
    expect(workingDaysBefore('2017-07-19', 2)).toBe('2017-07-17'); // Wednesday → Monday
    expect(workingDaysBefore('2017-09-18', 2)).toBe('2017-09-14'); // Monday → Thursday
    expect(workingDaysBefore('2018-05-29', 2)).toBe('2018-05-24'); // Tuesday after a bank holiday → Thursday
    expect(workingDaysBefore('2017-09-16', 0)).toBe('2017-09-15');
  });
});

describe('local time', () => {
  it('turns 09:00 London into 09:00Z in winter and 08:00Z in summer', () => {
    expect(localInstant('2017-03-24', '09:00', 'Europe/London')).toBe('2017-03-24T09:00:00Z');
    expect(localInstant('2017-03-27', '09:00', 'Europe/London')).toBe('2017-03-27T08:00:00Z'); // after the last Sunday of March
    expect(localInstant('2017-10-27', '09:00', 'Europe/London')).toBe('2017-10-27T08:00:00Z');
    expect(localInstant('2017-10-30', '09:00', 'Europe/London')).toBe('2017-10-30T09:00:00Z'); // after the last Sunday of October
  });

  it('is working time from 09:00 up to 17:00 local on a working day', () => {
    expect(isWorkingTime(new Date('2017-09-15T07:59:59Z'), LONDON)).toBe(false); // 08:59 BST
    expect(isWorkingTime(new Date('2017-09-15T08:00:00Z'), LONDON)).toBe(true);
    expect(isWorkingTime(new Date('2017-09-15T15:59:59Z'), LONDON)).toBe(true);
    expect(isWorkingTime(new Date('2017-09-15T16:00:00Z'), LONDON)).toBe(false); // 17:00 BST
    expect(isWorkingTime(new Date('2017-12-15T16:30:00Z'), LONDON)).toBe(true); // 16:30 GMT
    expect(isWorkingTime(new Date('2017-09-16T10:00:00Z'), LONDON)).toBe(false); // Saturday
  });

  it('after 17:30 on a Friday, the next working moment is 09:00 on Monday', () => {
    expect(nextWorkingMoment(new Date('2017-09-15T16:30:00Z'), LONDON)).toBe('2017-09-18T08:00:00Z');
    expect(nextWorkingMoment(new Date('2017-09-15T06:00:00Z'), LONDON)).toBe('2017-09-15T08:00:00Z');
    expect(nextWorkingMoment(new Date('2018-03-29T17:00:00Z'), LONDON)).toBe('2018-04-03T08:00:00Z'); // over Easter
    expect(nextWorkingMoment(new Date('2017-09-15T10:00:00Z'), LONDON)).toBe('2017-09-15T10:00:00Z');
  });
});

describe('chase settings', () => {
  it('default to the product defaults', () => {
    expect(ChaseSettingsSchema.parse({})).toEqual({
      timeZone: 'Europe/London',
      workdayStart: '09:00',
      workdayEnd: '17:00',
      sendAt: '09:00',
      promptDaysBefore: [14, 7, 1],
      reminderEveryDays: 7,
      escalateAfterReminders: 2,
      roundOpensDaysBefore: 10,
      summaryWorkingDaysBefore: 2,
    });
  });

  it('refuse an unknown zone, a clock time that is not one, and a send time outside working hours', () => {
    expect(ChaseSettingsSchema.safeParse({ timeZone: 'Mars/Base' }).success).toBe(false);
    expect(ChaseSettingsSchema.safeParse({ sendAt: '9am' }).success).toBe(false);
    expect(ChaseSettingsSchema.safeParse({ sendAt: '08:00' }).success).toBe(false);
    expect(ChaseSettingsSchema.safeParse({ workdayStart: '17:00', workdayEnd: '09:00' }).success).toBe(false);
    expect(ChaseSettingsSchema.safeParse({ timeZone: 'America/New_York', sendAt: '10:30' }).success).toBe(true);
  });
});
