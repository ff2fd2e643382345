import { z } from 'zod';
import { BodyIdSchema } from './partnership.js';
import type { DueMessage } from './due-messages.js';
import { dateInWords } from './in-words.js';
import { daysBetween, localTime } from './working-time.js';

/**
 * One message a day per person (issue 15, item 2): what a tick has for one
 * recipient (prompts, reminders, a meeting's round, escalations to a chair)
 * goes as one digest instead of a message per action. Each action keeps its
 * own record and claim (`sent:kind:actionId:slot`); the digest has a record
 * of its own, `sent:digest:<recipient>:<local date>`, claimed after its
 * actions', so a repeated tick finds it and sends nothing twice, and a
 * digest of a day already sent is never sent again (what comes later that
 * day waits for the next one).
 */

/** The kinds a digest carries; a summary and an unreachable notice go on their own. */
export const DIGEST_KINDS: ReadonlySet<string> = new Set(['prompt', 'reminder', 'round', 'escalation']);

/** A card stays well inside Teams' 28 KB: past this many actions, the rest are named by ref in one line. */
export const DIGEST_ITEMS_MAX = 25;

/**
 * A digest's record keeps at most this many actions. A person owed more on
 * one day gets them all in that day's digest: these listed, the rest counted
 * ("and 40 others"), with `my actions` to see them; none waits for another day.
 */
export const DIGEST_ITEMS_RECORD_MAX = 200;

/** `recipient`: a person key, or `channel-<bodyId>` for a body's channel. */
export function digestRecordId(recipient: string, date: string): string {
  return `sent:digest:${recipient}:${date}`;
}

/** One action in a digest, as its record keeps it: enough to show the digest again when its card refreshes. */
export const DigestItemSchema = z.object({
  /** The action's own record (`sent:reminder:…`), marked sent with the digest. */
  recordId: z.string().min(1),
  bodyId: BodyIdSchema,
  actionId: z.string().min(1),
  year: z.string().min(1),
  ref: z.string().min(1),
  /** Whose it is to the reader: their own (they lead it) or one they chair (an escalation). */
  section: z.enum(['yours', 'chaired']),
  /** Why it is in the digest, in words: "due in 7 days, Tue 19 Sep 2017". */
  reason: z.string().min(1),
});
export type DigestItem = z.infer<typeof DigestItemSchema>;

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/**
 * Why an action is in a digest, in the words a person would use, dated in
 * the body's zone: "due in 7 days, Tue 19 Sep 2017", "overdue by 12 days,
 * 2nd reminder", "for the Purbeck PCG meeting on Wed 7 Mar 2018",
 * "overdue by 15 days; 2 reminders unanswered".
 */
export function digestReason(rule: Extract<DueMessage, { kind: 'prompt' | 'reminder' | 'round' | 'escalation' }>, bodyName: string, zone: string): string {
  switch (rule.kind) {
    case 'prompt': {
      const left = daysBetween(localTime(new Date(rule.scheduledFor), zone).date, rule.due);
      const when = dateInWords(rule.due, { weekday: true });
      return left <= 0 ? `due today, ${when}` : `due in ${days(left)}, ${when}`;
    }
    case 'reminder':
      return `overdue by ${days(rule.overdueDays)}, ${ordinal(rule.reminder)} reminder`;
    case 'round':
      return `for the ${bodyName} meeting on ${dateInWords(rule.meeting, { weekday: true })}`;
    case 'escalation':
      return `overdue by ${days(rule.overdueDays)}; ${rule.unansweredReminders === 1 ? '1 reminder' : `${rule.unansweredReminders} reminders`} unanswered`;
  }
}
