import { z } from 'zod';
import { RoleSchema } from './roles.js';
import { StatusSchema } from './status.js';

/** An action's number as the plan writes it: "3.2" is priority 3's second action. */
export const ActionRefSchema = z.string().regex(/^\d{1,3}(\.\d{1,3}){0,2}$/, 'an action number such as "3.2"');

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
});
export type PlanAction = z.infer<typeof PlanActionSchema>;

export const PrioritySchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  corporatePriority: z.string().nullable(),
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

export const PlanReadingSchema = z.object({
  plans: z.array(PlanSchema),
  warnings: z.array(z.string()),
});
export type PlanReading = z.infer<typeof PlanReadingSchema>;

export function planActions(plan: Plan): PlanAction[] {
  return plan.priorities.flatMap((p) => p.actions);
}
