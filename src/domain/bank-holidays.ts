/**
 * England and Wales bank holidays (the two share one list), as GOV.UK
 * publishes them (https://www.gov.uk/bank-holidays, "england-and-wales"),
 * weekdays only: a holiday on a weekend is published as its substitute day.
 *
 * Shipped as data rather than computed or taken from a holidays library:
 * one-off days (jubilees, a state funeral, a coronation, VE day moving the
 * early May holiday, 2012's spring holiday moving to 4 June) are announced,
 * not derived, and `date-holidays` 3.37 gets 2012 wrong. `src/domain` may
 * not load data at run time, so the list lives in the code; add next year's
 * line when GOV.UK publishes it (usually a year or more ahead).
 */
const BY_YEAR: Readonly<Record<number, readonly string[]>> = {
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

const HOLIDAYS: ReadonlySet<string> = new Set(
  Object.entries(BY_YEAR).flatMap(([year, days]) => days.map((day) => `${year}-${day}`)),
);

/** The years the list covers, first and last inclusive. */
export const BANK_HOLIDAY_YEARS = { first: 2012, last: 2027 } as const;

/** True for an England and Wales bank holiday (ISO date). Outside the covered years nothing is a holiday: see bankHolidayWarning. */
export function isBankHoliday(date: string): boolean {
  return HOLIDAYS.has(date);
}

/** Warn this long before the list runs out, so someone adds the next year in time. */
const WARN_FROM_MONTH_DAY = '10-01';

/**
 * A warning for the person running the scheduler or the preview when `date`
 * (ISO) is outside the years the list covers, or in the last covered year's
 * final quarter; null otherwise.
 */
export function bankHolidayWarning(date: string): string | null {
  const year = Number(date.slice(0, 4));
  const { first, last } = BANK_HOLIDAY_YEARS;
  const fix = `add the published dates to src/domain/bank-holidays.ts (GOV.UK, "england-and-wales")`;
  if (year > last || year < first) {
    return `England and Wales bank holidays are known only for ${first} to ${last}: on ${date} only weekends are skipped, so messages may go out on a bank holiday; ${fix}.`;
  }
  if (year === last && date.slice(5) >= WARN_FROM_MONTH_DAY) {
    return `England and Wales bank holidays are known only up to 31 December ${last}; ${fix} before then.`;
  }
  return null;
}
