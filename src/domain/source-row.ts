import { z } from 'zod';

/**
 * One row as a reader found it, before any meaning is given to it. Every
 * reader (spreadsheet, CSV, Word table, text copied out of Word) turns its
 * file into these, so the plan rules in `read-plan.ts` are written once.
 */
export const SourceCellSchema = z.union([
  z.string(),
  /**
   * A spreadsheet date cell, as the calendar date it holds, and the text its
   * number format shows ("Sep 2016") when it has one. `month` when its
   * format shows no day ("Apr-21"): the plan means the month, not its first day.
   */
  z.object({ kind: z.literal('date'), iso: z.iso.date(), shown: z.string().optional(), month: z.literal(true).optional() }),
  /** A formula cell: never trusted, always reported. */
  z.object({ kind: z.literal('formula'), formula: z.string() }),
]);
export type SourceCell = z.infer<typeof SourceCellSchema>;

export const SourceRowSchema = z.object({
  /**
   * `table`: a row of a table (a spreadsheet row, a CSV record, a Word table
   * row, a tab-separated line). `paragraph`: running text between tables
   * (page titles, headings, a glossary).
   */
  kind: z.enum(['table', 'paragraph']),
  cells: z.array(SourceCellSchema),
  /** Where a person finds this row, as they would say it: `Line 14`, `Sheet "Plan" row 14`. */
  where: z.string(),
  /**
   * True when cell positions are exact (spreadsheets, CSV, Word tables);
   * false for text copied out of Word, where merged cells shift columns.
   */
  exactColumns: z.boolean(),
  /** A sheet or table boundary: a new sheet may hold a new plan. */
  section: z.string().optional(),
  /**
   * Each cell's fill colour as RGB hex (`00B050`), at the same index as its
   * cell, or null for no fill; absent when the file has no fills (CSV, text).
   * A RAG column may carry its rating only as a colour.
   */
  fills: z.array(z.string().regex(/^[0-9A-F]{6}$/).nullable()).optional(),
  /**
   * A paragraph Word shows as an item of a bulleted or numbered list. Its
   * bullet or number is not in its text: Word draws it.
   */
  listItem: z.literal(true).optional(),
});
export type SourceRow = z.infer<typeof SourceRowSchema>;

export function cellText(cell: SourceCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  return cell.kind === 'date' ? cell.iso : `=${cell.formula}`;
}
