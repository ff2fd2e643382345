import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import type { SourceRow } from '../../src/domain/source-row.js';

/**
 * The same plan laid out every way councils lay it out must read as the same
 * plan: any column order, an extra column anywhere, the headings worded
 * otherwise, and a priority column instead of heading rows.
 */
type Field = 'ref' | 'action' | 'lead' | 'deadline' | 'update';
const FIELDS: Field[] = ['ref', 'action', 'lead', 'deadline', 'update'];

const HEADINGS: Record<Field, string[]> = {
  ref: ['Ref', 'No.', 'Action no', 'Reference', 'REF'],
  action: ['Action', 'Actions', 'What we will do', 'Activity', 'Action (what we will do)', 'Key actions'],
  lead: ['Lead', 'Lead officer', 'Owner', 'Responsible officer', 'Lead officer / agency'],
  deadline: ['Deadline', 'Target date', 'By when', 'Timescale', 'Completion date', 'Due date'],
  update: ['Progress', 'Progress update', 'Update', 'Comments', 'Progress update as at 31 March 2025', 'Latest update'],
};
const EXTRA_HEADINGS = ['Budget', 'Risk', 'Notes', 'Cost (£)', 'Funding'];

type Action = { text: string; lead: string; deadline: string; update: string };
type PlanShape = { priorities: Array<{ title: string; actions: Action[] }> };

const actionArb: fc.Arbitrary<Action> = fc.record({
  text: fc.constantFrom('Run the campaign', 'Train front-line staff', 'Review the protocol', 'Map the hotspots', 'Hold four surgeries'),
  lead: fc.constantFrom('Community Safety Officer', 'ASB Coordinator', 'CSP Manager', 'Licensing Officer'),
  deadline: fc.constantFrom('Sept 2025', 'March 2026', '31/12/2025', 'Ongoing'),
  update: fc.constantFrom('', 'Green', 'Amber – half done', 'COMPLETED in May', 'Red: no funding'),
});

const planArb: fc.Arbitrary<PlanShape> = fc.record({
  priorities: fc.uniqueArray(
    fc.record({ title: fc.constantFrom('Domestic abuse', 'Anti-social behaviour', 'Hate crime', 'Rural crime', 'Violence'), actions: fc.array(actionArb, { minLength: 1, maxLength: 4 }) }),
    { minLength: 1, maxLength: 3, selector: (p) => p.title },
  ),
});

type Layout = {
  order: Field[];
  headings: Record<Field, string>;
  extra: { heading: string; at: number } | null;
  priorities: 'heading rows' | 'column on every row' | 'column merged down';
};

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  order: fc.shuffledSubarray(FIELDS, { minLength: FIELDS.length, maxLength: FIELDS.length }),
  headings: fc.record({
    ref: fc.constantFrom(...HEADINGS.ref),
    action: fc.constantFrom(...HEADINGS.action),
    lead: fc.constantFrom(...HEADINGS.lead),
    deadline: fc.constantFrom(...HEADINGS.deadline),
    update: fc.constantFrom(...HEADINGS.update),
  }),
  extra: fc.option(fc.record({ heading: fc.constantFrom(...EXTRA_HEADINGS), at: fc.nat(FIELDS.length) }), { nil: null }),
  priorities: fc.constantFrom('heading rows' as const, 'column on every row' as const, 'column merged down' as const),
});

const CANONICAL: Layout = {
  order: FIELDS,
  headings: { ref: 'Ref', action: 'Action', lead: 'Lead', deadline: 'Deadline', update: 'Progress' },
  extra: null,
  priorities: 'heading rows',
};

function render(plan: PlanShape, layout: Layout): SourceRow[] {
  const columns: Array<Field | 'extra' | 'priority'> = [...layout.order];
  if (layout.extra) columns.splice(layout.extra.at, 0, 'extra');
  if (layout.priorities !== 'heading rows') columns.unshift('priority');
  const heading = (c: (typeof columns)[number]): string => (c === 'extra' ? layout.extra!.heading : c === 'priority' ? 'Priority' : layout.headings[c]);
  const lines: string[][] = [['Community Safety Action Plan 2025-26'], columns.map(heading)];
  plan.priorities.forEach((priority, p) => {
    if (layout.priorities === 'heading rows') lines.push([`${p + 1}. ${priority.title}`]);
    priority.actions.forEach((action, a) => {
      const value: Record<(typeof columns)[number], string> = {
        ref: `${p + 1}.${a + 1}`,
        action: action.text,
        lead: action.lead,
        deadline: action.deadline,
        update: action.update,
        extra: `note ${p + 1}.${a + 1}`,
        priority: layout.priorities === 'column merged down' && a > 0 ? '' : priority.title,
      };
      lines.push(columns.map((c) => value[c]));
    });
  });
  return lines.map((cells, i) => ({ kind: 'table', cells, where: `Row ${i + 1}`, exactColumns: true, section: 'Plan' }));
}

/** What the committee reads: everything but where each action sat and the extra column. */
function meaning(plans: Plan[]): unknown {
  return plans.map((plan) => ({
    title: plan.title,
    roles: plan.roles,
    priorities: plan.priorities.map((p) => ({
      number: p.number,
      title: p.title,
      actions: p.actions.map(({ source: _source, extra: _extra, ...rest }) => rest),
    })),
  }));
}

describe('readPlans, whatever the layout', () => {
  it('reads the same plan in any column order, with an extra column anywhere, headings worded otherwise, and a priority column instead of heading rows', () => {
    fc.assert(
      fc.property(planArb, layoutArb, (plan, layout) => {
        const expected = meaning(readPlans(render(plan, CANONICAL), { fallbackTitle: 'plan' }).plans);
        const reading = readPlans(render(plan, layout), { fallbackTitle: 'plan' });
        expect(meaning(reading.plans)).toEqual(expected);
        if (layout.extra) {
          const first = reading.plans[0]!.priorities[0]!.actions[0]!;
          expect(first.extra).toEqual({ [layout.extra.heading]: 'note 1.1' });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads the plan the same with its refs left out, numbering the actions in order', () => {
    fc.assert(
      fc.property(planArb, layoutArb, (plan, layout) => {
        const expected = meaning(readPlans(render(plan, CANONICAL), { fallbackTitle: 'plan' }).plans);
        const withoutRefs: Layout = { ...layout, order: layout.order.filter((f) => f !== 'ref') };
        const reading = readPlans(render(plan, withoutRefs), { fallbackTitle: 'plan' });
        expect(meaning(reading.plans)).toEqual(expected);
        expect(reading.warnings.filter((w) => /no number in the plan/.test(w))).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });
});
