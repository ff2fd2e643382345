/**
 * Old Office (.xls, .doc) and OpenDocument (.ods, .odt) plans, read through
 * the importer's front door. Each file under test/fixtures/published-plans/
 * converted/ is a published-plan fixture saved in another format by
 * LibreOffice (the command is in that folder's README), so it must read to
 * the same actions as the file it was made from.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { PlanReading } from '../../src/domain/plan.js';
import { readSourceFile } from '../../src/import/read-source-rows.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

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
});
