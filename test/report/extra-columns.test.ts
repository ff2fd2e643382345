import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { progressReportFromPlan } from '../../src/domain/progress-report.js';
import { readPlans } from '../../src/domain/read-plan.js';
import type { SourceRow } from '../../src/domain/source-row.js';
import { writeProgressCsv } from '../../src/report/write-progress-csv.js';
import { writeProgressDocx } from '../../src/report/write-progress-docx.js';
import { writeProgressXlsx } from '../../src/report/write-progress-xlsx.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import JSZip from 'jszip';

/** A plan with columns the reader does not know: the exports show them, and a re-import keeps them. */
const rows: SourceRow[] = [
  ['Safer Streets Action Plan 2025-26'],
  ['Ref', 'Action', 'Lead', 'Budget (£)', 'Deadline', 'RAG', 'Risk'],
  ['1. Night-time economy'],
  ['1.1', 'Train door staff', 'Licensing Officer', '2,000', 'June 2025', 'Green', 'Low take-up'],
  ['1.2', 'Review CCTV coverage', 'CCTV Manager', '', 'Sept 2025', '', ''],
].map((cells, i) => ({ kind: 'table', cells, where: `Row ${i + 1}`, exactColumns: true, section: 'Plan' }));

const plan = readPlans(rows, { fallbackTitle: 'plan' }).plans[0]!;
const report = progressReportFromPlan(plan, '2025-07-01');

describe('the exports of a plan with extra columns', () => {
  it('CSV and XLSX carry each extra column under its own heading, and read back with the same extra fields', async () => {
    for (const [name, bytes] of [['plan.csv', writeProgressCsv(report)], ['plan.xlsx', await writeProgressXlsx(report)]] as const) {
      const back = await readPlanFile(bytes, name);
      expect(planActions(back.plans[0]!).map((a) => [a.ref, a.extra])).toEqual([
        ['1.1', { 'Budget (£)': '2,000', Risk: 'Low take-up' }],
        ['1.2', { 'Budget (£)': '', Risk: '' }],
      ]);
    }
  });

  it('the Word paper lists them after the table, action by action', async () => {
    const zip = await JSZip.loadAsync(await writeProgressDocx(report));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Other columns of the plan');
    expect(xml).toContain('Budget (£): 2,000; Risk: Low take-up');
    expect(xml).not.toContain('Action 1.2:');
    const back = await readPlanFile(await writeProgressDocx(report), 'plan.docx');
    expect(planActions(back.plans[0]!).map((a) => a.action)).toEqual(['Train door staff', 'Review CCTV coverage']);
  });
});
