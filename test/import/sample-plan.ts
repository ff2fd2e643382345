import type { SourceCell } from '../../src/domain/source-row.js';

/** A cell as the test writes it: spreadsheets get the typed value, text formats the text a person sees. */
export type SampleCell =
  | string
  | { date: Date; text: string }
  | { number: number; format: string; text: string };

export const WIDTH = 7;
export const TITLE = 'Purbeck Crime and Disorder Reduction Plan 2016–2017';
export const PRIORITY = '1. Serious sexual offences, including offences against children and young people';
/** Row index of the priority row, which spans the table. */
export const PRIORITY_ROW = 3;

export const SAMPLE: SampleCell[][] = [
  [TITLE],
  ['', 'SPECIFIC', 'MEASURABLE', 'ACHIEVABLE AND RELEVANT', '', 'TIMED', ''],
  ['REF', 'ACTION', 'MEASURE OF SUCCESS', 'PLANNED OUTCOME', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG'],
  [PRIORITY],
  [
    '1.1',
    'Update the Council’s safeguarding guidance for staff, to include "Modern Slavery"',
    'Guidance updated and understood by all staff',
    'Council responds to safeguarding issues in a consistent, effective manner',
    'Lead – GM-PHH, HO',
    { date: new Date(Date.UTC(2017, 2, 31)), text: '31/03/2017' },
    'COMPLETED Guidance updated.\nShared with all staff.',
  ],
  [
    '1.2',
    'Establish an internal safeguarding group',
    'Group established',
    '',
    'Lead – CSO, GM-PHH',
    'March 2017',
    'Amber – terms of reference drafted; £500 agreed',
  ],
  [
    { number: 3.1, format: '0.00', text: '3.10' },
    'Monitor the impact of youth services being withdrawn *CSP action',
    'Reduction in reported ASB',
    'Positive action against anti-social behaviour',
    'Lead – ASBRO',
    'Sept 2016',
    '',
  ],
];

/** What a reader that keeps spreadsheet types should return for a sample cell. */
export function typedCell(cell: SampleCell): SourceCell {
  if (typeof cell === 'string') return cell;
  return 'date' in cell ? { kind: 'date', iso: cell.date.toISOString().slice(0, 10) } : cell.text;
}

/** The text a person sees in a sample cell. */
export function shownText(cell: SampleCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}

export function dropTrailingEmpty<T>(cells: T[]): T[] {
  const kept = [...cells];
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  return kept;
}
