import { DomainError } from '../../src/domain/errors.js';
import type { SourceCell, SourceRow } from '../../src/domain/source-row.js';

/** Rows as a spreadsheet reader gives them: exact columns, one row a line. */
export function sheet(name: string, lines: SourceCell[][], startRow = 1): SourceRow[] {
  return lines.map((cells, i) => ({
    kind: 'table',
    cells,
    where: `Sheet "${name}" row ${startRow + i}`,
    exactColumns: true,
    section: name,
  }));
}

/** The problems a DomainError lists; fails when the call does not throw one. */
export function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.problems;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** Rows as text copied out of Word gives them: tabs between cells, columns that shift. */
export function wordText(text: string): SourceRow[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => ({
      kind: line.includes('\t') ? 'table' : 'paragraph',
      cells: line.split('\t'),
      where: `Line ${number}`,
      exactColumns: false,
    }));
}
