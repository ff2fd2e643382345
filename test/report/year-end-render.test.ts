import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestCarryForward } from '../../src/domain/carry-forward.js';
import { planActions } from '../../src/domain/plan.js';
import { progressReportFromPlan } from '../../src/domain/progress-report.js';
import { yearEndReport, type YearEndReport } from '../../src/domain/year-end-report.js';
import { writeYearEndDocx } from '../../src/report/write-year-end-docx.js';
import { ARTIFACTS, pageTexts, tool } from './render-pdf.js';
import { SEED_AS_AT, seedPlans } from './seed-report.js';

/** Seed 000's sign-off paper as the product drafts it: the 2016-17 plan, carried forward into 2017-18 by the matcher's suggestions. */
async function seedYearEnd(): Promise<YearEndReport> {
  const [old, next] = await seedPlans();
  const carriedAs = new Map(suggestCarryForward(planActions(old!), planActions(next!)).map((s) => [s.from, s.ref]));
  return yearEndReport(progressReportFromPlan(old!, SEED_AS_AT), '2016-17', { year: '2017-18', carriedAs });
}

/**
 * The year-end paper rendered by LibreOffice, the nearest thing to Word a CI
 * machine has; the first pages are kept as PNGs in test-artifacts/ to look at.
 */
describe('the year-end sign-off report rendered by LibreOffice', () => {
  let dir: string;
  let pdf: string;
  let pages: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pa-year-end-'));
    await writeFile(join(dir, 'year-end.docx'), await writeYearEndDocx(await seedYearEnd()));
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await tool('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'year-end.docx')]);
    pdf = join(dir, 'year-end.pdf');
    pages = await pageTexts(pdf);
    await mkdir(ARTIFACTS, { recursive: true });
    await tool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, join(ARTIFACTS, 'year-end-page')]);
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens with the purpose and the progress in numbers, on portrait pages', async () => {
    const first = pages[0]!.replace(/\s+/g, ' ');
    expect(first).toContain('1. Purpose of report');
    expect(first).toContain('To formally sign off, and note progress against, the Purbeck Crime and Disorder Reduction Plan 2016-2017.');
    expect(first).toContain('To seek endorsement of the 2017-18 plan.');
    expect(first).toContain('Of the 27 actions in the 2016-17 plan, 21 were completed, 2 were not completed, 2 are still open and 2 have no progress reported. 2 of the actions not completed continue in the 2017-18 plan.');
    const size = /^Page\s+1 size:\s+([\d.]+) x ([\d.]+) pts/m.exec(await tool('pdfinfo', ['-f', '1', '-l', '1', pdf]))!;
    expect(Number(size[1])).toBeLessThan(Number(size[2]));
  });

  it('lists the exceptions as seed 000 does: 3.1 and 4.4 with their reasons, 4.7 carried forward as 4.1, 2.2 and 3.12 not reported', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('All actions within the 2016-17 plan have been completed with the exception of the following:');
    expect(text).toMatch(/Action 3\.1 – Whilst 2 events haven't been held dog chipping and dog watch are actively promoted\. Dog chipping now cannot be offered free by Margaret Green/);
    expect(text).toContain('Action 4.4 – This action was proposed by the PCC Martyn Underhill');
    expect(text).toContain('Action 4.7 – Carried forward as action 4.1 of the 2017-18 plan. Work has just started.');
    expect(text).toContain('Action 4.5 – Carried forward as action 2.2 of the 2017-18 plan.');
    expect(text).toMatch(/Action 2\.2 – No progress has been reported/);
    expect(text).toMatch(/Action 3\.12 – No progress has been reported/);
  });

  it('gives key achievements per priority from the completed actions, then the progress table as a landscape appendix', async () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('3. Key achievements for 2016-17');
    expect(text).toMatch(/4\.6 Manage the Dorset Rural Crime Project, specifically addressing Poaching – Project team established/);
    const appendix = pages.findIndex((p) => p.includes('Appendix 1 –'));
    expect(appendix).toBeGreaterThan(0);
    expect(pages[appendix]).toMatch(/ACTION\s+MEASURE OF SUCCESS\s+PLANNED OUTCOME/);
    const size = new RegExp(`^Page\\s+${appendix + 1} size:\\s+([\\d.]+) x ([\\d.]+) pts`, 'm').exec(await tool('pdfinfo', ['-f', `${appendix + 1}`, '-l', `${appendix + 1}`, pdf]))!;
    expect(Number(size[1])).toBeGreaterThan(Number(size[2]));
    expect(pages.slice(appendix).join('\n')).toContain('✘ NOT COMPLETED');
  });
});
