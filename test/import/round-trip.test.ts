import { stringify } from 'csv-stringify/sync';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/domain/source-row.js';
import { readSourceRows } from '../../src/import/read-source-rows.js';
import {
  dropTrailingEmpty,
  PRIORITY,
  PRIORITY_ROW,
  SAMPLE,
  type SampleCell,
  shownText,
  TITLE,
  typedCell,
  WIDTH,
} from './sample-plan.js';

const SHEET = 'Plan 2016-17';

async function sampleWorkbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(SHEET);
  SAMPLE.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      const target = sheet.getCell(r + 1, c + 1);
      if (typeof cell === 'string') {
        if (cell !== '') target.value = cell;
      } else if ('date' in cell) {
        target.value = cell.date;
        target.numFmt = 'dd/mm/yyyy';
      } else {
        target.value = cell.number;
        target.numFmt = cell.format;
      }
    }),
  );
  sheet.mergeCells(PRIORITY_ROW + 1, 1, PRIORITY_ROW + 1, WIDTH);
  const notes = book.addWorksheet('Notes');
  notes.getCell('A1').value = { formula: "COUNTA('Plan 2016-17'!B5:B7)", result: 3 };
  notes.getCell('B1').value = true;
  notes.getCell('C1').value = { error: '#REF!' };
  notes.getCell('A3').value = { richText: [{ text: 'Reviewed by ' }, { font: { bold: true }, text: 'the CSP' }] };
  notes.getCell('C3').value = { text: 'Home Office guidance', hyperlink: 'https://www.gov.uk/' };
  notes.getCell('D3').value = 0.1 + 0.2;
  notes.getCell('E3').value = '   ';
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Rows as Excel saves them to CSV: padded to the sheet's width, dates and numbers as shown. */
function sampleRecords(): string[][] {
  return SAMPLE.map((cells) => [...cells.map(shownText), ...Array<string>(WIDTH - cells.length).fill('')]);
}

/** Lines on which the sample's records start once written out: the 1.1 update cell holds a line break. */
const RECORD_LINES = [1, 2, 3, 4, 5, 7, 8];

function delimitedRows(): SourceRow[] {
  return SAMPLE.map((cells, i) => ({
    kind: 'table',
    cells: dropTrailingEmpty(cells.map(shownText)),
    where: `Row ${RECORD_LINES[i]}`,
    exactColumns: true,
  }));
}

/** The sample's characters are all in windows-1252; TextEncoder only writes UTF-8. */
function windows1252(text: string): Uint8Array {
  const high: Record<string, number> = { '–': 0x96, '’': 0x92 };
  return Uint8Array.from([...text], (char) => {
    const code = high[char] ?? char.charCodeAt(0);
    if (code > 0xff) throw new Error(`no windows-1252 byte for ${char}`);
    return code;
  });
}

describe('readSourceRows round trips', () => {
  it('reads an .xlsx written by exceljs: every sheet, merged priority row, date, number format, formula', async () => {
    const rows = await readSourceRows(await sampleWorkbook(), 'plan.xlsx');
    expect(rows).toEqual([
      ...SAMPLE.map(
        (cells, i): SourceRow => ({
          kind: 'table',
          cells: dropTrailingEmpty(cells.map(typedCell)),
          where: `Sheet "${SHEET}" row ${i + 1}`,
          exactColumns: true,
          section: SHEET,
        }),
      ),
      {
        kind: 'table',
        cells: [{ kind: 'formula', formula: "COUNTA('Plan 2016-17'!B5:B7)" }, 'TRUE', '#REF!'],
        where: 'Sheet "Notes" row 1',
        exactColumns: true,
        section: 'Notes',
      },
      {
        kind: 'table',
        cells: ['Reviewed by the CSP', '', 'Home Office guidance', '0.3'],
        where: 'Sheet "Notes" row 3',
        exactColumns: true,
        section: 'Notes',
      },
    ]);
    expect(rows[PRIORITY_ROW]?.cells).toEqual([PRIORITY]);
    expect(rows[4]?.cells[5]).toEqual({ kind: 'date', iso: '2017-03-31' });
    expect(rows[6]?.cells[0]).toBe('3.10');
  });

  it('reads a UTF-8 .csv with commas, quotes and line breaks inside cells', async () => {
    const csv = stringify(sampleRecords());
    expect(csv).toContain('""Modern Slavery""');
    expect(await readSourceRows(new TextEncoder().encode(csv), 'plan.csv')).toEqual(delimitedRows());
  });

  it('reads a .csv saved by Excel on Windows (windows-1252, CRLF)', async () => {
    // Excel quotes a cell with a line break; csv-stringify only does when the break matches its record delimiter.
    const csv = stringify(sampleRecords(), { record_delimiter: 'windows', quoted_match: '\n' });
    expect(csv).toContain('updated.\nShared');
    expect(await readSourceRows(windows1252(csv), 'plan.csv')).toEqual(delimitedRows());
  });

  it('reads a .csv with semicolons, as Excel writes where the decimal separator is a comma, and a byte order mark', async () => {
    const csv = `\uFEFF${stringify(sampleRecords(), { delimiter: ';' })}`;
    expect(await readSourceRows(new TextEncoder().encode(csv), 'plan.csv')).toEqual(delimitedRows());
  });

  it('reads a UTF-16 .tsv', async () => {
    const tsv = stringify(sampleRecords(), { delimiter: '\t' });
    const utf16 = new Uint8Array(Buffer.from(`\uFEFF${tsv}`, 'utf16le'));
    expect(await readSourceRows(utf16, 'plan.tsv')).toEqual(delimitedRows());
  });

  it('reads a .docx: paragraphs between tables, a spanned priority row, vertical merges and a nested table', async () => {
    const rows = await readSourceRows(await sampleDocument(), 'plan.docx');
    const table1 = SAMPLE.slice(1).map(
      (cells, i): SourceRow => ({
        kind: 'table',
        cells: [...cells.map(shownText), ...Array<string>(WIDTH - cells.length).fill('')],
        where: `Table 1 row ${i + 1}`,
        exactColumns: true,
        section: 'Table 1',
      }),
    );
    const table2 = (row: number, cells: string[]): SourceRow => ({
      kind: 'table',
      cells,
      where: `Table 2 row ${row}`,
      exactColumns: true,
      section: 'Table 2',
    });
    const paragraph = (n: number, text: string): SourceRow => ({
      kind: 'paragraph',
      cells: [text],
      where: `Paragraph ${n}`,
      exactColumns: true,
    });
    expect(rows).toEqual([
      paragraph(1, TITLE),
      paragraph(2, 'Background papers: Community Safety Partnership Plan 2017–2020'),
      // Bulleted in the document: Word draws the bullets, the rows say they are list items.
      { ...paragraph(3, 'Partners'), listItem: true },
      { ...paragraph(4, 'Police & Council'), listItem: true },
      ...table1,
      paragraph(5, TITLE),
      table2(1, ['REF', 'ACTION', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG']),
      table2(2, ['3.5', 'Map support services', 'Lead – ASBRO, CSO', 'March 2017', 'COMPLETED available via ASBRO']),
      table2(3, ['3.6', 'Trial proforma', '', 'March 2017', '']),
      table2(4, ['3.7', 'Hold a problem-solving meeting', 'Lead – CSO', 'Oct 2016', 'Attended by:\nPolice\nCouncil']),
    ]);
  });
});

async function sampleDocument(): Promise<Uint8Array> {
  const cell = (sample: SampleCell, options: { columnSpan?: number; rowSpan?: number } = {}): TableCell =>
    new TableCell({ children: shownText(sample).split('\n').map((text) => new Paragraph(text)), ...options });
  const row = (cells: TableCell[]): TableRow => new TableRow({ children: cells });
  const table1 = new Table({
    rows: SAMPLE.slice(1).map((cells, i) =>
      i + 1 === PRIORITY_ROW
        ? row([cell(PRIORITY, { columnSpan: WIDTH })])
        : row(cells.map((sample) => cell(sample))),
    ),
  });
  const table2 = new Table({
    rows: [
      row(['REF', 'ACTION', 'RESOURCES/PARTNERS', 'DEADLINE', 'ACTION UPDATE/RAG'].map((text) => cell(text))),
      row([
        cell('3.5'),
        cell('Map support services'),
        cell('Lead – ASBRO, CSO', { rowSpan: 2 }),
        cell('March 2017'),
        cell('COMPLETED available via ASBRO', { rowSpan: 2 }),
      ]),
      row([cell('3.6'), cell('Trial proforma'), cell('March 2017')]),
      row([
        cell('3.7'),
        cell('Hold a problem-solving meeting'),
        cell('Lead – CSO'),
        cell('Oct 2016'),
        new TableCell({
          children: [
            new Paragraph('Attended by:'),
            new Table({ rows: [row([cell('Police')]), row([cell('Council')])] }),
          ],
        }),
      ]),
    ],
  });
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: TITLE, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun({ text: 'Background papers:', bold: true }),
              new TextRun(' Community Safety Partnership Plan 2017–2020'),
            ],
          }),
          new Paragraph({ text: '   ' }),
          new Paragraph({ text: 'Partners', bullet: { level: 0 } }),
          new Paragraph({ text: 'Police & Council', bullet: { level: 1 } }),
          table1,
          new Paragraph({ text: TITLE, heading: HeadingLevel.HEADING_2 }),
          table2,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
