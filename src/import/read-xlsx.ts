import ExcelJS from 'exceljs';
import { format as formatNumber, isValidFormat } from 'numfmt';
import type { SourceCell, SourceRow } from '../domain/source-row.js';
import { htmlText } from './html-text.js';

/**
 * Every row with something in it, from every sheet in tab order. A cell
 * stays at its column (column A at index 0) and reads as the person sees it;
 * trailing empty cells are dropped.
 */
export async function readXlsx(bytes: Uint8Array): Promise<SourceRow[]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types the input as an ArrayBuffer but hands it straight to JSZip, which reads bytes as they are.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: SourceRow[] = [];
  // In tab order, which exceljs keeps even when sheets were moved after they were created.
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row, rowNumber) => {
      const cells: SourceCell[] = [];
      row.eachCell((cell, column) => {
        const value = cellValue(cell);
        if (value === '') return;
        while (cells.length < column - 1) cells.push('');
        cells[column - 1] = value;
      });
      if (cells.length === 0) return;
      const where = `Sheet "${sheet.name}" row ${rowNumber}`;
      rows.push({ kind: 'table', cells, where, exactColumns: true, section: sheet.name });
    });
  }
  return rows;
}

function cellValue(cell: ExcelJS.Cell): SourceCell {
  // exceljs repeats the value of a merged range in every cell of it; only the top-left cell holds it.
  if (cell.isMerged && cell.master !== cell) return '';
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Formula:
      return { kind: 'formula', formula: cell.formula };
    case ExcelJS.ValueType.Date:
      // exceljs reads the serial as UTC midnight, so the UTC date is the one the cell shows. Excel shows ##### for
      // a number too large to be a date.
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) return '';
      return { kind: 'date', iso: value.toISOString().slice(0, 10) };
    case ExcelJS.ValueType.Number:
      return typeof value === 'number' ? shownNumber(value, cell.numFmt) : '';
    case ExcelJS.ValueType.Boolean:
      return value ? 'TRUE' : 'FALSE';
    case ExcelJS.ValueType.Error:
      return (value as ExcelJS.CellErrorValue).error;
    case ExcelJS.ValueType.RichText:
      return htmlText(richText(value as ExcelJS.CellRichTextValue));
    case ExcelJS.ValueType.Hyperlink: {
      const text = (value as ExcelJS.CellHyperlinkValue).text as string | ExcelJS.CellRichTextValue;
      return htmlText(typeof text === 'string' ? text : richText(text));
    }
    case ExcelJS.ValueType.String:
    case ExcelJS.ValueType.SharedString:
      return htmlText(String(value));
    default:
      return '';
  }
}

function richText(value: ExcelJS.CellRichTextValue): string {
  return value.richText.map((run) => run.text).join('');
}

/**
 * exceljs gives the stored number, not what the cell shows: `3.10` with the
 * format `0.00` would come back as `3.1`, which is another action reference.
 */
function shownNumber(value: number, numFmt: string | undefined): string {
  if (numFmt && numFmt !== 'General' && isValidFormat(numFmt)) return formatNumber(numFmt, value);
  // Excel's General format shows at most 15 significant digits, which hides binary noise like 0.30000000000000004.
  return String(Number(value.toPrecision(15)));
}
