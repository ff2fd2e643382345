import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReportFromPlan } from '../../src/domain/progress-report.js';
import { writeProgressDocx } from '../../src/report/write-progress-docx.js';
import { ARTIFACTS, pageTexts, tool } from './render-pdf.js';
import { SEED_AS_AT, seedPlans, seedReportWithLongUpdate } from './seed-report.js';

/**
 * The committee paper as a reader sees it: the DOCX rendered to PDF by
 * LibreOffice, the nearest thing to Word a CI machine has.
 */
describe('the progress table rendered by LibreOffice', () => {
  let dir: string;
  let pdf: string;
  let pages: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pa-render-'));
    await writeFile(join(dir, 'progress.docx'), await writeProgressDocx(progressReportFromPlan((await seedPlans())[0]!, SEED_AS_AT)));
    await writeFile(join(dir, 'long.docx'), await writeProgressDocx(await seedReportWithLongUpdate()));
    // A profile of its own, so a LibreOffice already open on this machine neither blocks nor is disturbed by the test.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await tool('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'progress.docx'), join(dir, 'long.docx')]);
    pdf = join(dir, 'progress.pdf');
    pages = await pageTexts(pdf);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs to more than one page for the 27-action plan, every page A4 landscape', async () => {
    expect(pages.length).toBeGreaterThan(1);
    const sizes = [...(await tool('pdfinfo', ['-f', '1', '-l', `${pages.length}`, pdf])).matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)];
    expect(sizes).toHaveLength(pages.length);
    for (const [, width, height] of sizes) {
      expect(Number(width)).toBeCloseTo(841.9, 0);
      expect(Number(height)).toBeCloseTo(595.3, 0);
    }
  });

  it('repeats the header row on every page that holds part of the table', () => {
    const withTable = pages.filter((text) => /^\s*\d\.\d{1,2} /m.test(text));
    expect(withTable.length).toBeGreaterThan(1);
    for (const text of withTable) expect(text).toMatch(/ACTION\s+MEASURE OF SUCCESS\s+PLANNED OUTCOME\s+RESOURCES\/\s*DEADLINE\s+ACTION UPDATE\/RAG/);
  });

  it('shows each status in words with its symbol, "not reported" included', () => {
    const all = pages.join('\n');
    expect(all).toContain('✔ COMPLETED');
    expect(all).toContain('✘ NOT COMPLETED');
    expect(all).toContain('● GREEN');
    expect(all).toContain('◐ IN PROGRESS');
    expect(all.match(/○ NOT REPORTED/g)?.length).toBeGreaterThanOrEqual(2);
    expect(all).toContain('*CSP action');
  });

  it('ends with the actions not completed and their reasons', () => {
    const last = pages.at(-1)!;
    expect(last).toContain('Progress against the plan');
    expect(last).toMatch(/Action 3\.1 – Whilst 2 events haven't been held/);
    expect(last).toMatch(/Action 4\.4 – This action was proposed by the PCC/);
  });

  it('prints a row too tall for one page in full, across pages', async () => {
    const text = (await pageTexts(join(dir, 'long.pdf'))).join('\n');
    expect(text).toContain('Sentence 1 of a very long update');
    expect(text).toContain('LastWordOfUpdate');
  });

  it('leaves a picture of the first page for a person to look at', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    await tool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, 'page-1')]);
    await copyFile(join(dir, 'page-1.png'), join(ARTIFACTS, 'progress-docx-page-1.png'));
  });
});
