/**
 * Plans laid out the way published UK partnership plans are (issue 11, item
 * 9), read through the importer's own front door. Each fixture under
 * test/fixtures/published-plans/ follows one public document, named in the
 * header of its layout under plans/; its .expected.json lists every action
 * as the committee reads it. The layouts are built again in memory here, so
 * the reading never runs against a stale file, and the committed file is
 * checked against a fresh build: byte for byte for text, part by part for
 * workbooks and documents (Word's core properties carry the build time).
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PlanAction } from '../../src/domain/plan.js';
import { StatusSchema } from '../../src/domain/status.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { PUBLISHED_PLANS } from '../fixtures/published-plans/index.js';
import { buildPlanFile, fileName, type PublishedPlan } from '../fixtures/published-plans/layout.js';

const FIXTURES = new URL('../fixtures/published-plans/', import.meta.url);

const ExpectedActionSchema = z.object({
  /** As the plan writes it; `<priority>.<n>` for an unnumbered action. */
  ref: z.string(),
  /** Words the priority's title holds; null when the plan has no priorities: the action's priority has no title at all. */
  priority: z.string().nullable(),
  /** The due date, or null when the plan's timescale has none. */
  deadline: z.iso.date().nullable(),
  /** The timescale kept as written, when it gives no due date. */
  deadlineText: z.string().optional(),
  status: StatusSchema,
  lead: z.string().nullable(),
});
/** A cell the reader does not yet read as the committee does: what it reads instead, and why. */
const NotReadSchema = z.object({ ref: z.string(), field: z.literal('lead'), read: z.string(), why: z.string() });
const ExpectationSchema = z.object({
  file: z.string(),
  notRead: z.array(NotReadSchema).optional(),
  /** Headings of columns the plan model has no field for: each must reach every action. */
  extraColumns: z.array(z.string()),
  actions: z.array(ExpectedActionSchema),
});
type Expectation = z.infer<typeof ExpectationSchema>;
type ExpectedAction = z.infer<typeof ExpectedActionSchema>;

async function expectationFor(plan: PublishedPlan): Promise<Expectation> {
  const text = await readFile(new URL(`${plan.name}.expected.json`, FIXTURES), 'utf8');
  return ExpectationSchema.parse(JSON.parse(text));
}

/** Word stamps the time a document was made into its core properties; nothing else in a build varies. */
const STAMPED_PARTS = new Set(['docProps/core.xml']);

/** A file as compared with a fresh build: its text, or each part of an Office zip but the stamped ones. */
async function contentOf(plan: PublishedPlan, bytes: Uint8Array): Promise<Record<string, string>> {
  if (plan.format === 'csv' || plan.format === 'txt') return { text: new TextDecoder().decode(bytes) };
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir && !STAMPED_PARTS.has(name)) parts[name] = await entry.async('string');
  }
  return parts;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The headings an action carries as extra fields, wherever the reader keeps
 * them: a record of heading → value, or a list of { heading | name | label }.
 */
function extraHeadings(action: PlanAction): string[] {
  return Object.values(action).flatMap((value): string[] => {
    if (value === null || typeof value !== 'object') return [];
    if (!Array.isArray(value)) return Object.keys(value).map(squash);
    return value.flatMap((item: unknown) => {
      if (item === null || typeof item !== 'object') return [];
      const named = item as Record<string, unknown>;
      const heading = named.heading ?? named.name ?? named.label;
      return typeof heading === 'string' ? [squash(heading)] : [];
    });
  });
}

/** The action in the expectation's terms, so one comparison shows every difference at once. */
function asRead(action: PlanAction, priorityTitle: string, expected: ExpectedAction | undefined, extraColumns: string[]) {
  const wantedPriority = expected?.priority ?? null;
  const title = squash(priorityTitle);
  // null is no title: an action read under an invented or misplaced heading shows that heading as the difference.
  const priority =
    wantedPriority === null
      ? title === ''
        ? null
        : priorityTitle
      : title.toLowerCase().includes(squash(wantedPriority).toLowerCase())
        ? wantedPriority
        : priorityTitle;
  const headings = extraHeadings(action);
  return {
    ref: action.ref,
    priority,
    deadline: action.deadline,
    ...(action.deadline === null ? { deadlineText: squash(action.deadlineText) } : {}),
    status: action.status,
    lead: action.lead,
    extraColumns: extraColumns.filter((heading) => headings.includes(squash(heading))),
  };
}

function asExpected(action: ExpectedAction, extraColumns: string[]) {
  return {
    ref: action.ref,
    priority: action.priority,
    deadline: action.deadline,
    ...(action.deadline === null ? { deadlineText: squash(action.deadlineText ?? '') } : {}),
    status: action.status,
    lead: action.lead,
    extraColumns,
  };
}

describe('published plans read as the committee reads them', () => {
  for (const plan of PUBLISHED_PLANS) {
    describe(`${fileName(plan)} (${plan.source.publisher}, ${plan.source.year})`, () => {
      it('is committed as the builder writes it', async () => {
        const built = await buildPlanFile(plan);
        const committed = new Uint8Array(await readFile(new URL(fileName(plan), FIXTURES)));
        expect(await contentOf(plan, committed)).toEqual(await contentOf(plan, built));
      });

      it('reads every action with its ref, priority, deadline, status, lead and extra columns', async () => {
        const expectation = await expectationFor(plan);
        expect(expectation.file).toBe(fileName(plan));
        const reading = await readPlanFile(await buildPlanFile(plan), fileName(plan));
        const read = reading.plans.flatMap((p) => p.priorities.flatMap((priority) => priority.actions.map((action) => ({ action, title: priority.title }))));
        const gaps = new Map((expectation.notRead ?? []).map((gap) => [gap.ref, gap]));
        expect(read.map(({ action, title }, i) => asRead(action, title, expectation.actions[i], expectation.extraColumns))).toEqual(
          expectation.actions.map((action) => {
            const gap = gaps.get(action.ref);
            // The committee's reading differs here, and the difference is exactly the one written down.
            if (gap) expect(gap.read).not.toBe(action[gap.field]);
            return asExpected(gap ? { ...action, [gap.field]: gap.read } : action, expectation.extraColumns);
          }),
        );
      });
    });
  }
});
