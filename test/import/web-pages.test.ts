import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

/**
 * Plans kept as web pages. The first follows the Royal Borough of Kensington
 * and Chelsea's "Council Plan Action Plan 2025 to 2027" pages (stored in the
 * search tool's pages corpus at rbkc.gov.uk/council-councillors-and-democracy/
 * how-council-works/council-plan-action-plan-2025-2027/caring-and-competent-
 * our-deliverables): the site's header, menu and breadcrumbs, the plan's title,
 * a theme heading, then Action | What we will do and when | What residents
 * will see with bulleted lists in the cells; texts as published, shortened.
 * A coordinator saves the page (File › Save page as) and uploads it.
 */
const RBKC_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Caring and Competent: Our Deliverables | RBKC</title>
<style>.x{color:red}</style><script>window.dataLayer=[];</script></head>
<body>
<header><a href="#main">Skip to main content</a><nav><ul><li><a href="/">Home</a></li><li><a href="/bins">Bins and recycling</a></li><li><a href="/parking">Parking</a></li></ul></nav></header>
<nav aria-label="Breadcrumb"><ol><li>Home</li><li>Council, councillors and democracy</li><li>How the council works</li></ol></nav>
<main id="main"><article>
<h1>Council Plan Action Plan 2025 to 2027</h1>
<h2>Caring and Competent: Our Deliverables</h2>
<p>&nbsp;</p>
<table><thead><tr><th scope="col">Action</th><th scope="col">What we will do and when</th><th scope="col">What residents will see</th></tr></thead>
<tbody>
<tr><td><p>24. Certainty on future locations for key operational services.</p></td>
<td><p>Decision on the future of the waste depot arrangements currently at Pembroke Road North by Summer 2025.</p><ul><li>Deliver a remediated depot site by early 2027.</li><li>Finalise a recommendation on the acquisition of an alternative depot site.</li></ul></td>
<td><p>Continuity to council services, without disruption, particularly the waste/recycling collection service.</p></td></tr>
<tr><td><p>25. Strengthen our workforce management approach.</p></td>
<td><ul><li>Introduce mechanisms to strengthen our workforce data (July 2025).</li><li>Enhance our line management learning offer (March 2026).</li></ul></td>
<td><p>Accurately report and control on our headcount position.</p></td></tr>
</tbody></table>
</article></main>
<footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul><p>&copy; Royal Borough of Kensington and Chelsea</p></footer>
</body></html>`;

/** The HTML a web system (or Excel's "Save as Web Page") writes under an Excel name: Excel opens it as a sheet. */
const EXCEL_WEB_EXPORT = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Actions</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>
<body><table border=0 cellpadding=0 cellspacing=0>
<tr><td colspan=5 class=xl65>Safer Neighbourhoods Board ASB Action Plan 2025/26</td></tr>
<tr><td class=xl66>Ref</td><td class=xl66>Action</td><td class=xl66>Lead</td><td class=xl66>Target date</td><td class=xl66>RAG</td></tr>
<tr><td>ASB1</td><td>Hold a monthly ASB case review panel</td><td>ASB Team Leader</td><td x:num="46112">31/03/2026</td><td>G</td></tr>
<tr><td>ASB2</td><td>Review the town centre PSPO</td><td>Licensing Manager</td><td>Dec-25</td><td>Amber</td></tr>
</table></body></html>`;

const bytes = (text: string) => new TextEncoder().encode(text);

describe('plans kept as web pages', () => {
  it('reads a saved council web page: title, theme, numbered actions and the columns in its cells, none of the site around it', async () => {
    const reading = await readPlanFile(bytes(RBKC_PAGE), 'Caring and Competent_ Our Deliverables _ RBKC.html');
    expect(reading.plans).toHaveLength(1);
    const plan = reading.plans[0]!;
    expect(plan.title).toBe('Council Plan Action Plan 2025 to 2027');
    expect(plan.priorities.map((p) => p.title)).toEqual(['Caring and Competent']);
    const actions = planActions(plan);
    expect(actions.map((a) => [a.ref, a.action])).toEqual([
      ['24', 'Certainty on future locations for key operational services.'],
      ['25', 'Strengthen our workforce management approach.'],
    ]);
    expect(actions[0]!.outcome).toBe('Continuity to council services, without disruption, particularly the waste/recycling collection service.');
    expect(actions[0]!.extra?.['What we will do and when']).toContain('Deliver a remediated depot site by early 2027.');
    const everything = JSON.stringify(reading);
    for (const chrome of ['Skip to main content', 'Bins and recycling', 'Breadcrumb', 'Cookies', 'dataLayer', 'color:red']) expect(everything).not.toContain(chrome);
  });

  it('reads the HTML table a web system exports under an Excel name, as Excel would open it', async () => {
    const reading = await readPlanFile(bytes(EXCEL_WEB_EXPORT), 'asb-actions.xls');
    const actions = planActions(reading.plans[0]!);
    expect(reading.plans[0]!.title).toBe('Safer Neighbourhoods Board ASB Action Plan 2025/26');
    expect(actions.map((a) => [a.ref, a.lead, a.deadline, a.status])).toEqual([
      ['ASB1', 'ASB Team Leader', '2026-03-31', 'green'],
      ['ASB2', 'Licensing Manager', '2025-12-31', 'amber'],
    ]);
  });

  it('says what is missing when a saved page holds no plan', async () => {
    const page = '<!doctype html><html><body><h1>Community safety</h1><p>Our partnership meets four times a year.</p><ul><li>Home</li></ul></body></html>';
    await expect(readPlanFile(bytes(page), 'community-safety.html')).rejects.toMatchObject({
      problems: [expect.stringMatching(/^community-safety: no action table found; the plan needs a header row/)],
    });
  });
});
