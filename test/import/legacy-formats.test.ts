/**
 * Old Office (.xls, .doc) and OpenDocument (.ods, .odt) plans, read through
 * the importer's front door. Each file under test/fixtures/published-plans/
 * converted/ is a published-plan fixture saved in another format by
 * LibreOffice (the command is in that folder's README), so it must read to
 * the same actions as the file it was made from.
 */
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { PlanReading } from '../../src/domain/plan.js';
import { readSourceFile } from '../../src/import/read-source-rows.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { odfOf } from './hostile-legacy.js';

const FIXTURES = new URL('../fixtures/published-plans/', import.meta.url);

async function reading(path: string): Promise<PlanReading> {
  return readPlanFile(new Uint8Array(await readFile(new URL(path, FIXTURES))), path.split('/').pop()!);
}

/** What the committee reads of every action: enough to tell two readings apart. */
function actions(plan: PlanReading) {
  return plan.plans.flatMap((p) =>
    p.priorities.flatMap((priority) =>
      priority.actions.map((action) => ({
        ref: action.ref,
        priority: priority.title,
        deadline: action.deadline,
        deadlineText: action.deadlineText,
        status: action.status,
        lead: action.lead,
      })),
    ),
  );
}

describe('old Office and OpenDocument plans read as the file they were saved from', () => {
  it.each([
    ['thames-valley-opcc-delivery-2016.xlsx', 'converted/thames-valley-opcc-delivery-2016.xls', 'merged caption rows, R/A/G painted without words'],
    ['slough-lscb-business-plan-2012.xlsx', 'converted/slough-lscb-business-plan-2012.xls', 'RAG cells coloured with no words, caption rows'],
    ['dorset-da-bill-2021.xlsx', 'converted/dorset-da-bill-2021.ods', 'merged title rows, a date cell shown "Apr-21"'],
    ['thames-valley-opcc-delivery-2016.xlsx', 'converted/thames-valley-opcc-delivery-2016.ods', 'R/A/G painted without words, read from the XML'],
    ['cctv-scrutiny-2010.docx', 'converted/cctv-scrutiny-2010.odt', 'cells merged across and down'],
    ['doncaster-hate-crime-q2-2017.docx', 'converted/doncaster-hate-crime-q2-2017.doc', 'objective merged down, two paragraphs in a cell'],
  ])('%s as %s (%s)', async (source, converted) => {
    const expected = actions(await reading(source));
    expect(expected.length).toBeGreaterThan(1);
    expect(actions(await reading(converted))).toEqual(expected);
  });

  it.each(['xls', 'ods'])('keeps the painted rating of a .%s cell as its fill colour', async (extension) => {
    const path = `converted/thames-valley-opcc-delivery-2016.${extension}`;
    const file = await readSourceFile(new Uint8Array(await readFile(new URL(path, FIXTURES))), `plan.${extension}`);
    const painted = file.rows.flatMap((row) => row.fills ?? []).filter((fill) => fill !== null);
    expect(painted).toEqual(expect.arrayContaining(['00B050', 'FFC000', 'FF0000']));
  });

  it('reads an .odt table cell merged across as its text followed by empty cells, and one merged down as empty below', async () => {
    const file = await readSourceFile(new Uint8Array(await readFile(new URL('converted/cctv-scrutiny-2010.odt', FIXTURES))), 'plan.odt');
    const header = file.rows.find((row) => row.cells[0] === 'Recommendation');
    expect(header?.cells.slice(0, 3)).toEqual(['Recommendation', '', 'Cabinet Members Comments']);
    expect(header?.exactColumns).toBe(true);
  });

  it('reads each .doc table row apart, also where Word keeps a row-end mark in its Data stream (a table with merged cells)', async () => {
    const file = await readSourceFile(new Uint8Array(await readFile(new URL('converted/cctv-scrutiny-2010.doc', FIXTURES))), 'plan.doc');
    const table = file.rows.filter((row) => row.kind === 'table');
    expect(table[0]?.cells).toEqual(['Recommendation', 'Cabinet Members Comments', 'Accept (Y/N)', 'Target Date', 'Lead Officer', 'OSC Update', 'Notes']);
    expect(table[1]?.cells[0]).toBe('1. Purpose of CCTV');
    expect(table.find((row) => row.cells[0] === 'R1')?.cells[1]).toMatch(/^That the Council continue to maintain its obligations/);
    // A .doc keeps no grid positions for merged cells: its columns are matched as text copied out of Word is.
    expect(table.every((row) => !row.exactColumns)).toBe(true);
  });

  it.each(['biff8', 'ods'] as const)('gives the Title property of a workbook saved as %s', async (bookType) => {
    const title = 'Safer Communities Delivery Plan 2025/26';
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['ACTION'], ['1.1 act']]), 'Plan');
    book.Props = { Title: title };
    let bytes: Uint8Array = new Uint8Array(XLSX.write(book, { type: 'array', bookType }) as ArrayBuffer);
    if (bookType === 'ods') {
      // SheetJS writes no title into an .ods; LibreOffice writes it in meta.xml.
      const zip = await JSZip.loadAsync(bytes);
      zip.file('meta.xml', `<office:document-meta xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>${title}</dc:title></office:meta></office:document-meta>`);
      bytes = await zip.generateAsync({ type: 'uint8array' });
    }
    const file = await readSourceFile(bytes, bookType === 'ods' ? 'plan.ods' : 'plan.xls');
    expect(file.title).toBe(title);
  });

  it('gives the Title an .odt carries in meta.xml', async () => {
    const zip = await JSZip.loadAsync(await odfOf('text', '<text:p>1.1 act</text:p>'));
    zip.file('meta.xml', '<office:document-meta xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:title>Hate Crime Delivery Plan</dc:title></office:meta></office:document-meta>');
    const file = await readSourceFile(await zip.generateAsync({ type: 'uint8array' }), 'plan.odt');
    expect(file.title).toBe('Hate Crime Delivery Plan');
    expect(file.rows.map((row) => row.cells)).toEqual([['1.1 act']]);
  });
});
