/**
 * Where a plan's title comes from (issue 11, reader gaps): a title line in
 * the sheet, a sheet name that reads as a title, the workbook's own Title
 * property, then the file name; a sheet name such as "Sheet1" or "Tracker"
 * never. Reading Borough Council's audit tracker (test/fixtures/published-
 * plans/reading-audit-tracker-2019.xlsx) was titled by its tab, "DENS".
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDocumentTitle } from '../../src/import/document-title.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

async function workbook(sheetName: string, rows: string[][], title?: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  if (title !== undefined) book.title = title;
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const TABLE = [
  ['Ref', 'Recommendation', 'Responsible officer', 'Agreed completion date', 'RAG'],
  ['3.1', 'Require quarterly monitoring returns', 'Community Safety Manager', '30/09/2019', 'Amber'],
];

describe('a plan’s title', () => {
  it('is the title line at the top of its sheet, not the sheet’s name (Reading audit tracker)', async () => {
    const file = 'reading-audit-tracker-2019.xlsx';
    const bytes = new Uint8Array(await readFile(new URL(`../fixtures/published-plans/${file}`, import.meta.url)));
    const reading = await readPlanFile(bytes, file);
    expect(reading.plans.map((p) => p.title)).toEqual(['Implementation of Audit Recommendations – Directorate of Environment and Neighbourhood Services']);
  });

  it('is the workbook’s Title property when the sheet has no title line, before the file name', async () => {
    const bytes = await workbook('Tracker', TABLE, 'Audit Recommendations Follow-up 2019/20');
    expect((await readPlanFile(bytes, 'Appendix 1 v3 FINAL.xlsx')).plans[0]!.title).toBe('Audit Recommendations Follow-up 2019/20');
  });

  it('is a sheet name that reads as a title, before the Title property a copied template carries', async () => {
    const bytes = await workbook('VAWG Action Plan 2024-28', TABLE, 'Action plan template');
    expect((await readPlanFile(bytes, 'appendix-b.xlsx')).plans[0]!.title).toBe('VAWG Action Plan 2024-28');
  });

  it.each(['Sheet1', 'Tracker', 'DENS', '2019-20'])('is the file name when the only other name is the sheet’s, "%s"', async (name) => {
    const bytes = await workbook(name, TABLE);
    expect((await readPlanFile(bytes, 'audit-tracker-2019.xlsx')).plans[0]!.title).toBe('audit-tracker-2019');
  });

  it('prefers a title line in the sheet to the Title property', async () => {
    const bytes = await workbook('Sheet1', [['Implementation of Audit Recommendations – Place Directorate'], ...TABLE], 'Book1 template');
    expect((await readPlanFile(bytes, 'x.xlsx')).plans[0]!.title).toBe('Implementation of Audit Recommendations – Place Directorate');
  });

  it('reads the Title property, and none from a missing, empty or malformed part', () => {
    const core = (title: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title><dc:creator>CSO</dc:creator></cp:coreProperties>`;
    expect(readDocumentTitle(core('Safer Streets &amp; Spaces   Plan'))).toBe('Safer Streets & Spaces Plan');
    expect(readDocumentTitle(core(''))).toBeNull();
    expect(readDocumentTitle(undefined)).toBeNull();
    expect(readDocumentTitle('<cp:coreProperties><dc:title>unclosed')).toBeNull();
    expect(readDocumentTitle(core('x'.repeat(5000)))?.length).toBe(200);
  });
});
