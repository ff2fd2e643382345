import type { z } from 'zod';
import { bodyChaseSettings, ChaseOverridesSchema, ChaseSettingsSchema, type ChaseOverrides, type ChaseSettings } from './chase-settings.js';
import { DomainError } from './errors.js';

/**
 * The chase settings as people type them, one word each, and what they are
 * told back: the CLI's `body chase --reminder-every 14` and the bot's
 * `chase reminders 14` read through here, each naming the settings its own
 * way (`name`), so both say the same thing about a bad value.
 */
export const CHASE_WORDS = ['prompts', 'reminders', 'escalate', 'round', 'summary', 'hours', 'send'] as const;
export type ChaseWord = (typeof CHASE_WORDS)[number];
export type ChaseTexts = Partial<Record<ChaseWord, string>>;

type Field = keyof ChaseOverrides;

/** Which word sets each field, and the unit its numbers count. */
const FIELDS: Record<Field, { word: ChaseWord; unit?: [string, string] }> = {
  workdayStart: { word: 'hours' },
  workdayEnd: { word: 'hours' },
  sendAt: { word: 'send' },
  promptDaysBefore: { word: 'prompts', unit: ['day', 'days'] },
  reminderEveryDays: { word: 'reminders', unit: ['day', 'days'] },
  escalateAfterReminders: { word: 'escalate', unit: ['reminder', 'reminders'] },
  roundOpensDaysBefore: { word: 'round', unit: ['day', 'days'] },
  summaryWorkingDaysBefore: { word: 'summary', unit: ['working day', 'working days'] },
};

const NUMBERS: Array<[ChaseWord, Field, string]> = [
  ['reminders', 'reminderEveryDays', '7'],
  ['escalate', 'escalateAfterReminders', '2'],
  ['round', 'roundOpensDaysBefore', '10'],
  ['summary', 'summaryWorkingDaysBefore', '2'],
];

/** What was typed, read as settings; each field keeps its text for the messages. A value that is not a number, a list or a time is refused here. */
export type ReadChase = { given: ChaseOverrides; typed: Partial<Record<Field, string>> };

export function readChaseTexts(texts: ChaseTexts, name: (word: ChaseWord) => string): ReadChase {
  const given: ChaseOverrides = {};
  const typed: Partial<Record<Field, string>> = {};
  const refuse = (message: string): never => {
    throw new DomainError('input-invalid', message);
  };
  if (texts.prompts !== undefined) {
    const text = texts.prompts.trim();
    const days = text.toLowerCase() === 'none' ? [] : text.split(',').map((d) => d.trim());
    const bad = days.find((d) => !/^\d+$/.test(d));
    if (bad !== undefined) {
      refuse(`${name('prompts')} "${texts.prompts}": "${bad}" is not a whole number of days; write the days before a deadline separated by commas, e.g. ${name('prompts')} 14,7,1 (or none).`);
    }
    given.promptDaysBefore = [...new Set(days.map(Number))].sort((a, b) => b - a);
    typed.promptDaysBefore = texts.prompts;
  }
  for (const [word, field, example] of NUMBERS) {
    const text = texts[word];
    if (text === undefined) continue;
    if (!/^\d+$/.test(text.trim())) refuse(`${name(word)} "${text}" is not a whole number: write e.g. ${name(word)} ${example}.`);
    (given as Record<Field, unknown>)[field] = Number(text.trim());
    typed[field] = text;
  }
  if (texts.hours !== undefined) {
    const hours = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(texts.hours);
    if (hours === null) refuse(`${name('hours')} "${texts.hours}" is not a span of the day: write its start and end, e.g. ${name('hours')} 09:00-17:00.`);
    given.workdayStart = hours![1]!.padStart(5, '0');
    given.workdayEnd = hours![2]!.padStart(5, '0');
    typed.workdayStart = typed.workdayEnd = texts.hours;
  }
  if (texts.send !== undefined) {
    const text = texts.send.trim();
    given.sendAt = /^\d:\d{2}$/.test(text) ? `0${text}` : text;
    typed.sendAt = texts.send;
  }
  return { given, typed };
}

/**
 * Every problem with the settings a body would have (its own, `reset` or
 * not, with these over them), each naming the word that set it; empty when
 * they hold together. The service decides again when it writes: this only
 * says it in the asker's terms.
 */
export function chaseProblems(body: { timeZone: string; chase: ChaseOverrides | null }, read: ReadChase, reset: boolean, name: (word: ChaseWord) => string): string[] {
  const inForce = bodyChaseSettings({ timeZone: body.timeZone, chase: { ...(reset ? {} : body.chase), ...read.given } });
  const own = ChaseOverridesSchema.safeParse(read.given);
  const issues = own.success ? (ChaseSettingsSchema.safeParse(inForce).error?.issues ?? []) : own.error.issues;
  return [...new Set(issues.map((i) => problem(i, read.typed, inForce, name)))];
}

function problem(issue: z.core.$ZodIssue, typed: Partial<Record<Field, string>>, inForce: ChaseSettings, name: (word: ChaseWord) => string): string {
  const field = issue.path[0] as Field;
  if (!(field in FIELDS)) return issue.message;
  const { word, unit } = FIELDS[field];
  const shown = typed[field] === undefined ? `is ${String(inForce[field])} (in force; give ${name(word)} to change it)` : `"${typed[field]}"`;
  const each = issue.path.length > 1 ? 'each must be ' : 'must be ';
  const count = (n: unknown) => `${String(n)}${unit === undefined ? '' : ` ${Number(n) === 1 ? unit[0] : unit[1]}`}`;
  let why: string;
  if (issue.code === 'too_small') why = `${each}at least ${count(issue.minimum)}`;
  else if (issue.code === 'too_big') why = issue.origin === 'array' ? `at most ${String(issue.maximum)} days may be given` : `${each}at most ${count(issue.maximum)}`;
  else if (field === 'sendAt' && issue.code === 'custom') why = `${issue.message} (${inForce.workdayStart}-${inForce.workdayEnd})`;
  else if (issue.code === 'invalid_format') why = `not ${issue.message}`;
  else why = issue.message;
  return `${name(word)} ${shown}: ${why}.`;
}

/** The settings in force as people read them, each marked as the body's own or the default. */
export function chaseRows(body: { timeZone: string; chase: ChaseOverrides | null }): Array<{ label: string; value: string; own: boolean }> {
  const s = bodyChaseSettings(body);
  const own = body.chase ?? {};
  const mark = (...fields: Field[]) => fields.some((f) => own[f] !== undefined);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    { label: 'working hours', value: `${s.workdayStart}-${s.workdayEnd} on working days`, own: mark('workdayStart', 'workdayEnd') },
    { label: 'messages sent at', value: s.sendAt, own: mark('sendAt') },
    {
      label: 'prompts',
      value: s.promptDaysBefore.length === 0 ? 'none' : `${s.promptDaysBefore.join(', ')} ${s.promptDaysBefore.join() === '1' ? 'day' : 'days'} before a deadline`,
      own: mark('promptDaysBefore'),
    },
    { label: 'overdue reminders', value: `every ${plural(s.reminderEveryDays, 'day', 'days')}`, own: mark('reminderEveryDays') },
    { label: 'escalation', value: `after ${plural(s.escalateAfterReminders, 'unanswered reminder', 'unanswered reminders')} in a row`, own: mark('escalateAfterReminders') },
    { label: 'update round opens', value: `${plural(s.roundOpensDaysBefore, 'day', 'days')} before a meeting`, own: mark('roundOpensDaysBefore') },
    { label: 'summary posted', value: `${plural(s.summaryWorkingDaysBefore, 'working day', 'working days')} before a meeting`, own: mark('summaryWorkingDaysBefore') },
  ];
}
