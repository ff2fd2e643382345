import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../domain/errors.js';
import type { SourceRow } from '../domain/source-row.js';
import { htmlText } from './html-text.js';

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];
/** Enough of the file to see the pattern without reading a large file twice. */
const SNIFF_LINES = 20;
const SNIFF_CHARS = 64 * 1024;

/**
 * Records of a CSV or TSV file. Excel pads every record to the width of the
 * sheet, so trailing empty cells carry nothing and are dropped; other empty
 * cells stay, because positions are exact.
 */
export function readDelimited(text: string, format: 'csv' | 'tsv'): SourceRow[] {
  const delimiter = format === 'tsv' ? '\t' : sniffDelimiter(text);
  // Blank lines come back as records too, so each record starts on the line after the previous one ended.
  const startLines: number[] = [];
  let lastLine = 0;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      // A stray quote inside an unquoted cell (`5" screen`) is text, as Excel reads it.
      relax_quotes: true,
      on_record: (record: string[], context) => {
        startLines.push(lastLine + 1);
        lastLine = context.lines;
        return record;
      },
    });
  } catch (error) {
    throw unreadable(error, lastLine + 1, format);
  }

  const rows: SourceRow[] = [];
  records.forEach((record, index) => {
    const cells = record.map(htmlText);
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length === 0) return;
    rows.push({ kind: 'table', cells, where: `Row ${startLines[index]}`, exactColumns: true });
  });
  return rows;
}

/**
 * Excel writes `;` where the decimal separator is a comma, and a spreadsheet
 * pads every record to the same width, so the delimiter is the character
 * found the same number of times on the most lines, counting only outside
 * quoted cells (prose commas in a `;` file vary from line to line).
 */
function sniffDelimiter(text: string): Delimiter {
  const lines: Map<Delimiter, number>[] = [new Map()];
  let quoted = false;
  for (const char of text.slice(0, SNIFF_CHARS)) {
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n') {
      if (lines.length === SNIFF_LINES) break;
      lines.push(new Map());
    } else if (isDelimiter(char)) {
      const line = lines.at(-1)!;
      line.set(char, (line.get(char) ?? 0) + 1);
    }
  }
  let best = { delimiter: DELIMITERS[0] as Delimiter, lines: 0, width: 0 };
  for (const delimiter of DELIMITERS) {
    const { width, lines: agreeing } = commonestWidth(lines.map((line) => line.get(delimiter) ?? 0));
    if (agreeing > best.lines || (agreeing === best.lines && width > best.width)) {
      best = { delimiter, lines: agreeing, width };
    }
  }
  return best.delimiter;
}

function isDelimiter(char: string): char is Delimiter {
  return (DELIMITERS as readonly string[]).includes(char);
}

/** The most common non-zero count per line, and on how many lines it occurs. */
function commonestWidth(counts: number[]): { width: number; lines: number } {
  const lines = new Map<number, number>();
  for (const count of counts) if (count > 0) lines.set(count, (lines.get(count) ?? 0) + 1);
  let best = { width: 0, lines: 0 };
  for (const [width, agreeing] of lines) {
    if (agreeing > best.lines || (agreeing === best.lines && width > best.width)) best = { width, lines: agreeing };
  }
  return best;
}

function unreadable(error: unknown, row: number, format: 'csv' | 'tsv'): unknown {
  if (!(error instanceof CsvError)) return error;
  const resave = `open the file in Excel, check that row and save it again as ${
    format === 'csv' ? 'CSV' : 'tab-separated text'
  }`;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    const column = typeof error.column === 'number' ? ` in column ${columnLetters(error.column + 1)}` : '';
    return new DomainError(
      'file-unreadable',
      `Row ${row}: the cell${column} starts with a quote mark (") that is never closed, so everything after it ` +
        `would be read as one cell. Add the closing " at the end of that cell, or ${resave}.`,
      { cause: error },
    );
  }
  return new DomainError(
    'file-unreadable',
    `Row ${row}: this record could not be read (${error.message}). To fix it, ${resave}.`,
    { cause: error },
  );
}

/** Column 1 → A, 27 → AA, as Excel labels columns. */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
