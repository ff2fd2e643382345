import { isDeadlineReading, looksLikeDeadline, parseDeadline } from './deadline.js';
import { isRefCell, refAtStart } from './action-refs.js';
import type { Column, Field } from './plan-columns.js';
import { looksLikeStatus } from './status.js';

/**
 * Text copied out of Word loses merged cells: a row may have a cell more or
 * fewer than its header, and headers repeated at page breaks do not always
 * line up with the rows under them. So cells are matched to columns by
 * order and by what they hold (a deadline looks like a date, an update
 * starts with a status word), with the header's position as a tie-breaker.
 * Exact sources (spreadsheets, CSV, Word tables) weight position heavily.
 */
export type Alignment = {
  /** Column index → the index of the cell placed under it. */
  cells: Map<number, number>;
  /** Non-empty cells that fit no column. */
  unplaced: number[];
};

function fitness(field: Field | null, text: string): number {
  const dateish = looksLikeDeadline(text);
  const status = looksLikeStatus(text);
  switch (field) {
    case 'deadline': {
      if (isDeadlineReading(parseDeadline(text))) return 3;
      // A sentence is no deadline: better left under no heading than read as a date that is wrong.
      return dateish ? 2 : text.length > 25 ? -12 : -3;
    }
    case 'update':
    case 'status':
      return status ? 3 : dateish && text.length < 25 ? -2 : 0;
    case 'ref':
      return isRefCell(text) ? 3 : -5;
    case 'action':
      return refAtStart(text) !== null ? 1 : status || (dateish && text.length < 25) ? -2 : 0;
    case 'resources':
    case 'lead':
      return /^lead\b/i.test(text) ? 3 : status || (dateish && text.length < 25) ? -2 : 0;
    default:
      return status || (dateish && text.length < 25) ? -1 : 0;
  }
}

export function alignCells(
  cells: ReadonlyArray<string>,
  columns: ReadonlyArray<Pick<Column, 'field' | 'position'>>,
  exactColumns: boolean,
): Alignment {
  const positionWeight = exactColumns ? 6 : 1;
  const n = cells.length;
  const k = columns.length;
  // best[i][j]: best score placing cells i.. into columns j..
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(k + 1).fill(0));
  const choice: Array<Array<'assign' | 'skip' | 'leave'>> = Array.from({ length: n + 1 }, () => new Array(k + 1).fill('leave'));

  const skipCost = (i: number): number => {
    const text = cells[i]!.trim();
    if (text === '') return 0;
    // A merged cell copied twice ("Lead – CSO" in two columns) is one value.
    if (i > 0 && cells[i - 1]!.trim() === text) return 0;
    return -10;
  };

  for (let i = n; i >= 0; i--) {
    for (let j = k; j >= 0; j--) {
      if (i === n) continue;
      if (j === k) {
        best[i]![j] = skipCost(i) + best[i + 1]![j]!;
        choice[i]![j] = 'skip';
        continue;
      }
      const text = cells[i]!.trim();
      const column = columns[j]!;
      // In exact sources the position decides; content only breaks ties (a formula in the DEADLINE column is still that cell).
      const fit = exactColumns ? Math.max(-3, fitness(column.field, text)) : fitness(column.field, text);
      const here = (column.position === i ? positionWeight : 0) + (text === '' ? 0 : 1 + fit);
      let score = here + best[i + 1]![j + 1]!;
      let pick: 'assign' | 'skip' | 'leave' = 'assign';
      const skip = skipCost(i) + best[i + 1]![j]!;
      if (skip > score) [score, pick] = [skip, 'skip'];
      const leave = best[i]![j + 1]!;
      if (leave > score) [score, pick] = [leave, 'leave'];
      best[i]![j] = score;
      choice[i]![j] = pick;
    }
  }

  const alignment: Alignment = { cells: new Map(), unplaced: [] };
  let i = 0;
  let j = 0;
  while (i < n) {
    const pick = j === k ? 'skip' : choice[i]![j]!;
    if (pick === 'assign') {
      alignment.cells.set(j, i);
      i++;
      j++;
    } else if (pick === 'skip') {
      if (skipCost(i) < 0) alignment.unplaced.push(i);
      i++;
    } else {
      j++;
    }
  }
  return alignment;
}
