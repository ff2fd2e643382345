import { z } from 'zod';
import { RoleSchema } from './roles.js';
import { StatusSchema } from './status.js';

/**
 * An action's number as the plan writes it: "3.2" is priority 3's second
 * action; plans also write "1.1.2", "1a", "A1", "DAB 1" or "7". Letters,
 * digits, dots, hyphens and single spaces only, so it is safe inside a record id.
 */
export const ActionRefSchema = z
  .string()
  .max(20)
  .regex(/^[A-Za-z0-9]+(?:[. -][A-Za-z0-9]+)*$/, 'an action number such as "3.2"');

export const PlanActionSchema = z.object({
  ref: ActionRefSchema,
  action: z.string(),
  measure: z.string(),
  outcome: z.string(),
  /** The RESOURCES/PARTNERS cell as written. */
  resources: z.string(),
  /** Role key of the lead: the first role named. */
  lead: z.string().nullable(),
  support: z.array(z.string()),
  /** Organisations named as partners: not people the bot can prompt. */
  partners: z.array(z.string()),
  /** ISO date the action is due (end of month for "Sept 2016"), or null. */
  deadline: z.iso.date().nullable(),
  deadlineText: z.string(),
  status: StatusSchema,
  /** The prose after the status words in the update column, kept whole. */
  update: z.string(),
  /** Marked "*CSP action" in the plan: delivered at CSP level and rolled up to the CSP. */
  cspAction: z.boolean(),
  /** Where the action was read, e.g. "Line 120" or 'Sheet "Plan" row 14'. */
  source: z.string(),
  /** The plan's other columns (budget, risk, notes…), heading → value: nothing in the file is dropped. */
  extra: z.record(z.string(), z.string()).optional(),
});
export type PlanAction = z.infer<typeof PlanActionSchema>;

export const PrioritySchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  corporatePriority: z.string().nullable(),
  /** Measures a plan gives for the whole priority rather than per action. */
  measures: z.array(z.string()).optional(),
  actions: z.array(PlanActionSchema),
});
export type Priority = z.infer<typeof PrioritySchema>;

export const PlanSchema = z.object({
  title: z.string().min(1),
  priorities: z.array(PrioritySchema),
  /** Every role the plan names, with its full name where the plan defines one. */
  roles: z.array(RoleSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

/** How one table of the file was read: shown before the actions so the coordinator can check it. */
export const TableReadingSchema = z.object({
  /** Where its header is. */
  where: z.string(),
  /** Each heading and the field it was read as (null: kept as an extra column under its own heading). */
  columns: z.array(
    z.object({
      heading: z.string(),
      field: z.string().nullable(),
      /** One of a row of period columns ("Q1 update | Q2 update"): the field is the latest filled. */
      period: z.literal(true).optional(),
    }),
  ),
});
export type TableReading = z.infer<typeof TableReadingSchema>;

export const IgnoredRowSchema = z.object({ where: z.string(), text: z.string(), why: z.string() });
export type IgnoredRow = z.infer<typeof IgnoredRowSchema>;

export const PlanReadingSchema = z.object({
  plans: z.array(PlanSchema),
  warnings: z.array(z.string()),
  /** The column mapping of every table read. */
  tables: z.array(TableReadingSchema).optional(),
  /** Rows read but not taken as actions: a key, a title. */
  ignored: z.array(IgnoredRowSchema).optional(),
  /** What the plan's key says each colour or letter means. */
  key: z.array(z.object({ term: z.string(), meaning: z.string() })).optional(),
});
export type PlanReading = z.infer<typeof PlanReadingSchema>;

export function planActions(plan: Plan): PlanAction[] {
  return plan.priorities.flatMap((p) => p.actions);
}
