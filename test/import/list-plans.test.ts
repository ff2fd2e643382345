import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { planActions, type PlanReading } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';

/**
 * Plans written as lists, not tables. The first follows the London Borough of
 * Bexley's "Modern Slavery Partnership Action Plan" for 2023/24 (its web page,
 * stored in the search tool's pages corpus at
 * bexley.gov.uk/about-the-council/strategies-plans-and-policies/modern-slavery-
 * and-exploitation-bexley-strategy-2023-2028/modern-slavery-partnership-action-plan):
 * a priority per "P", an outcome under it, "Actions", then bullets; texts as
 * published, lists shortened. The refusal follows Medway's and Herefordshire's
 * cabinet pages, whose bullets list the partnership's priorities, not actions.
 */
const BEXLEY = [
  'Modern Slavery Partnership Action Plan',
  'To deliver on our commitment to identify Modern Slavery in the 5-year Strategy, the Modern Slavery Working Group have produced the following Action Plan for 2023/24.',
  'Priority 1 - Prepare',
  'Outcome 1: All frontline staff are aware of the Modern Slavery and Exploitation Strategy and Toolkit and have completed required training',
  'Actions',
  '• Encourage management to ensure 100% of current staff completed online Evolve module.',
  '• Ensure managers across Bexley understand the context and implications of Modern Slavery.',
  '• Level 2 training to be updated and published.',
  'Outcome 2: All SNTs, School Officers and LFB have attended training sessions',
  'Actions',
  '• Invite all partners to Modern Slavery Working Group.',
  '• Consider creation/delivery of joint training.',
  'Priority 2 - Prevent',
  'Outcome 5: To raise awareness of the issues of modern slavery in Bexley through annual awareness campaigns',
  'Actions',
  '• Create campaigns on the back of the Stop the Traffik data project findings',
  '• Maintain up-to-date list of SPOCs',
];

const text = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n'));

/** The same lines as a Word document, each "• " line a bulleted paragraph Word draws the bullet of. */
async function asDocx(lines: string[]): Promise<Uint8Array> {
  const children = lines.map((line) => (line.startsWith('• ') ? new Paragraph({ text: line.slice(2), bullet: { level: 0 } }) : new Paragraph({ text: line })));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function outline(reading: PlanReading) {
  return reading.plans.map((plan) => ({
    title: plan.title,
    priorities: plan.priorities.map((p) => ({ number: p.number, title: p.title, corporate: p.corporatePriority, measures: p.measures ?? [], refs: p.actions.map((a) => a.ref) })),
  }));
}

describe('a plan written as lists under headings', () => {
  it('reads each bullet under "Actions" as an action, its outcome as the priority and the P above it as the corporate priority', async () => {
    const reading = await readPlanFile(text(BEXLEY), 'bexley-modern-slavery.txt');
    expect(outline(reading)).toEqual([
      {
        // The year from the line under the title: a plan is stored by its year.
        title: 'Modern Slavery Partnership Action Plan 2023/24',
        priorities: [
          { number: 1, title: expect.stringMatching(/^All frontline staff are aware/), corporate: 'Priority 1 - Prepare', measures: [], refs: ['1.1', '1.2', '1.3'] },
          { number: 2, title: 'All SNTs, School Officers and LFB have attended training sessions', corporate: 'Priority 1 - Prepare', measures: [], refs: ['2.1', '2.2'] },
          { number: 5, title: expect.stringMatching(/^To raise awareness/), corporate: 'Priority 2 - Prevent', measures: [], refs: ['5.1', '5.2'] },
        ],
      },
    ]);
    const actions = planActions(reading.plans[0]!);
    expect(actions[0]!.action).toBe('Encourage management to ensure 100% of current staff completed online Evolve module.');
    expect(actions.every((a) => a.deadline === null && a.lead === null && a.status === 'not-reported')).toBe(true);
    // The first warning says how the file was read; then each action without a lead, and how to name one.
    expect(reading.warnings[0]).toMatch(/no action table found, so the plan was read as lists: the 7 bullet points under an actions heading/);
    expect(reading.warnings.slice(1)).toEqual(actions.map((a) => `${a.source}: action ${a.ref} names no lead role; end its bullet with e.g. "– Lead: Community Safety Team, by March 2025"`));
    expect(reading.ignored?.map((r) => r.why)).toEqual(["the plan's title", 'text between the lists']);
  });

  it('reads the same plan from a Word document whose bullets Word draws', async () => {
    const fromText = await readPlanFile(text(BEXLEY), 'bexley.txt');
    const fromWord = await readPlanFile(await asDocx(BEXLEY), 'bexley.docx');
    expect(outline(fromWord)).toEqual(outline(fromText));
    expect(planActions(fromWord.plans[0]!).map((a) => a.action)).toEqual(planActions(fromText.plans[0]!).map((a) => a.action));
  });

  it('keeps a list under "Measures of success" as its priority\'s measures, and reads "We will:" with numbered items under plain numbered headings', async () => {
    const reading = await readPlanFile(
      text([
        'Safer Eastfield Partnership Plan 2024-27',
        '1. Anti-social behaviour',
        'To reduce anti-social behaviour we will:',
        '1) Run a multi-agency ASB case review panel every month – Lead: Community Safety Team, by March 2025',
        '2) Publish the Community Trigger on the council website (Lead: Eastfield Homes; timescale: Q3 2024/25)',
        'Measures of success',
        '• Fewer repeat callers to the police',
        '2. Domestic abuse',
        'What we will do',
        '- Commission a refuge service for men',
      ]),
      'eastfield.txt',
    );
    expect(outline(reading)[0]!.priorities).toEqual([
      { number: 1, title: 'Anti-social behaviour', corporate: null, measures: ['Fewer repeat callers to the police'], refs: ['1.1', '1.2'] },
      { number: 2, title: 'Domestic abuse', corporate: null, measures: [], refs: ['2.1'] },
    ]);
    const [first, second] = planActions(reading.plans[0]!);
    expect(first).toMatchObject({ action: 'Run a multi-agency ASB case review panel every month', deadline: '2025-03-31' });
    expect(reading.plans[0]!.roles.find((r) => r.key === first!.lead)?.name).toBe('Community Safety Team');
    expect(second).toMatchObject({ action: 'Publish the Community Trigger on the council website', deadline: '2024-12-31' });
    expect(reading.plans[0]!.roles.find((r) => r.key === second!.lead)?.name).toBe('Eastfield Homes');
  });

  it('numbers priorities in order when their headings repeat a number', async () => {
    const reading = await readPlanFile(
      text(['Priority 1 - Prepare', 'Outcome 1: Staff trained', 'Actions', '• Train staff', 'Priority 2 - Prevent', 'Outcome 1: Public aware', 'Actions', '• Run a campaign']),
      'repeat.txt',
    );
    expect(outline(reading)[0]!.priorities.map((p) => [p.number, p.title, p.refs])).toEqual([
      [1, 'Staff trained', ['1.1']],
      [2, 'Public aware', ['2.1']],
    ]);
  });

  it('refuses a page whose bullets only list the priorities: they are not actions', async () => {
    const read = readPlanFile(
      text([
        'Community Safety Plan - Action Plan',
        'The current Community Safety Plan covered the period 2013 to 2016. Adopted in 2013 it identified five priorities:',
        '• Tackle substance and alcohol abuse;',
        '• Tackle anti-social behaviour (ASB) and Envirocrime;',
        '• Reduce re-offending;',
      ]),
      'medway.txt',
    );
    await expect(read).rejects.toBeInstanceOf(DomainError);
    await expect(read).rejects.toMatchObject({ problems: [expect.stringMatching(/no action table found; the plan needs a header row/)] });
  });
});
