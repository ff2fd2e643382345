import { Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSourceRows } from '../../src/import/read-source-rows.js';

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  // Added out of tab order, then moved: the rows come back in tab order.
  const notes = book.addWorksheet('Notes');
  notes.addRow(['Key: Blue = complete']);
  const sheet = book.addWorksheet('Plan');
  sheet.addRow(['REF', 'ACTION', 'DEADLINE', 'RAG']);
  const one = sheet.addRow(['1.1', 'Run the campaign', new Date(Date.UTC(2025, 5, 30)), '']);
  one.getCell(4).fill = solid('FF00B050');
  const two = sheet.addRow(['1.2', 'Train staff', 'Q3 2024/25', 'Amber']);
  two.getCell(4).fill = solid('FFFFC000');
  const three = sheet.addRow(['1.3', 'Count the returns', { formula: 'TODAY()' }, '']);
  three.getCell(4).fill = { type: 'pattern', pattern: 'solid', fgColor: { theme: 6, tint: 0.6 } as unknown as ExcelJS.Color };
  const merged = sheet.addRow(['Priority 2 – Reduce reoffending']);
  sheet.mergeCells(merged.number, 1, merged.number, 4);
  const grey = sheet.addRow(['2.1', 'Grey banded row', '', '']);
  for (let c = 1; c <= 4; c++) grey.getCell(c).fill = solid('FFD9D9D9');
  book.worksheets.forEach((ws, i) => {
    (ws as unknown as { orderNo: number }).orderNo = i === 0 ? 1 : 0;
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('cell fills and the stream reader', () => {
  it('reads an XLSX sheet as before, with each rating colour beside its cell', async () => {
    const rows = await readSourceRows(await workbook(), 'plan.xlsx');
    const plan = rows.filter((row) => row.section === 'Plan');
    expect(plan.map((row) => row.cells)).toEqual([
      ['REF', 'ACTION', 'DEADLINE', 'RAG'],
      ['1.1', 'Run the campaign', { kind: 'date', iso: '2025-06-30' }, ''],
      ['1.2', 'Train staff', 'Q3 2024/25', 'Amber'],
      ['1.3', 'Count the returns', { kind: 'formula', formula: 'TODAY()' }, ''],
      ['Priority 2 – Reduce reoffending'],
      ['2.1', 'Grey banded row'],
    ]);
    expect(plan.map((row) => row.fills)).toEqual([
      undefined,
      [null, null, null, '00B050'],
      [null, null, null, 'FFC000'],
      // The workbook's own theme (exceljs writes Office 2007's): accent 3, 9BBB59, lightened 60%.
      [null, null, null, 'D7E4BD'],
      undefined,
      ['D9D9D9', 'D9D9D9'],
    ]);
    expect(plan[1]!.where).toBe('Sheet "Plan" row 2');
  });

  it('reads a Word table cell’s shading beside its text, at its grid column', async () => {
    const cell = (text: string, fill?: string, columnSpan?: number): TableCell =>
      new TableCell({
        children: [new Paragraph(text)],
        ...(fill ? { shading: { type: ShadingType.CLEAR, fill, color: 'auto' } } : {}),
        ...(columnSpan ? { columnSpan } : {}),
      });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('Delivery plan'),
            new Table({
              rows: [
                new TableRow({ children: [cell('REF'), cell('ACTION'), cell('RAG')] }),
                new TableRow({ children: [cell('1.1'), cell('Run the campaign'), cell('', 'FF0000')] }),
                new TableRow({ children: [cell('Priority 2', 'D9D9D9', 2), cell('', '0070C0')] }),
              ],
            }),
          ],
        },
      ],
    });
    const rows = await readSourceRows(new Uint8Array(await Packer.toBuffer(doc)), 'plan.docx');
    expect(rows.map((row) => [row.cells, row.fills])).toEqual([
      [['Delivery plan'], undefined],
      [['REF', 'ACTION', 'RAG'], undefined],
      [['1.1', 'Run the campaign', ''], [null, null, 'FF0000']],
      [['Priority 2', '', ''], ['D9D9D9', null, '0070C0']],
    ]);
  });
});
