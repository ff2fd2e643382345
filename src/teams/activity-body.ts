import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * What an activity must be before anything looks at its token: the fields
 * the token is checked against (`serviceUrl`, `channelId`) and the type the
 * turn routes on. The rest is botbuilder's to read.
 */
const ActivityBodySchema = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  id: z.string().max(512).optional(),
  timestamp: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  from: z.looseObject({ id: z.string().max(512) }).optional(),
  recipient: z.looseObject({ id: z.string().max(512) }).optional(),
  conversation: z.looseObject({ id: z.string().max(1024) }).optional(),
});

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; problem: string };

/** The request body as an activity, or what is wrong with it (for a 400). Dates become Dates, as botbuilder's own check makes them. */
export function checkActivityBody(body: Record<string, unknown>): ActivityCheck {
  const parsed = ActivityBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `request body is not an activity: ${issue.path.join('.') || 'body'} ${issue.message}` };
  }
  const activity = { ...parsed.data } as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    if (typeof activity[field] === 'string') {
      activity[raw] = activity[field];
      activity[field] = new Date(activity[field]);
    }
  }
  return { ok: true, activity: activity as unknown as Activity };
}
