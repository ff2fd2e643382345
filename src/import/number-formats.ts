import { format as formatNumber, isValidFormat } from 'numfmt';

// How a spreadsheet cell shows its number or date: the .xlsx reader and the .xls/.ods reader both need it.

/**
 * What a date cell shows when its format names a month and no day ("Sep
 * 2016"): the plan means the month, not the 1st it is stored as. Day formats
 * add nothing (and Excel's default short date shows per locale), so they are left out.
 */
export function shownDate(value: Date, numFmt: string | undefined): { shown?: string } {
  if (!numFmt || !isValidFormat(numFmt)) return {};
  const tokens = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
  if (tokens.includes('d') || !tokens.includes('m') || !tokens.includes('y')) return {};
  const shown = String(formatNumber(numFmt, value)).trim();
  return shown === '' ? {} : { shown };
}

/**
 * exceljs gives the stored number, not what the cell shows: `3.10` with the
 * format `0.00` would come back as `3.1`, which is another action reference.
 */
export function shownNumber(value: number, numFmt: string | undefined): string {
  if (numFmt && numFmt !== 'General' && isValidFormat(numFmt)) return formatNumber(numFmt, value);
  // Excel's General format shows at most 15 significant digits, which hides binary noise like 0.30000000000000004.
  return String(Number(value.toPrecision(15)));
}

/** A date format with no day in it ("mmm-yy", "mmmm yyyy"): quoted literals and colours aside, no "d". */
export function showsNoDay(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const codes = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[my]/i.test(codes) && !/d/i.test(codes);
}
