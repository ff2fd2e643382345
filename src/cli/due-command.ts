import { readFile, stat } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { bankHolidayWarning } from '../domain/bank-holidays.js';
import { ChaseSettingsSchema, type ChaseSettings } from '../domain/chase-settings.js';
import { chasedFromPlan, dueMessages, type DueMessage } from '../domain/due-messages.js';
import { DomainError } from '../domain/errors.js';
import { dateInWords } from '../domain/in-words.js';
import { planActions, type Plan } from '../domain/plan.js';
import { isWorkingTime, localTime, nextWorkingMoment } from '../domain/working-time.js';
import { readPlanFile } from '../services/read-plan-file.js';
import type { CommandIo } from './import-command.js';
import { choosePlan, CommandProblem } from './choose-plan.js';

export type DueOptions = {
  plan?: string;
  at?: string;
  meetings?: string;
  json?: boolean;
  tz?: string;
  title?: string;
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const MEETING = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;

/**
 * `partnership-actions due --plan <file> --at <instant>`: what the scheduler
 * would send at that instant for the plan in the file, as if nothing had been
 * sent before and no one had reported. Returns the exit code.
 */
export async function dueCommand(options: DueOptions, io: CommandIo): Promise<number> {
  try {
    if (options.plan === undefined) throw new CommandProblem('Say which plan to look at: --plan <file>, e.g. --plan examples/purbeck-2017-18.txt.');
    const now = readInstant(options.at);
    const settings = readSettings(options.tz);
    const meetings = readMeetingList(options.meetings, settings.timeZone);
    const plan = choosePlan(await readPlan(options.plan), options.title, options.plan);

    const messages = dueMessages({ now, settings, actions: planActions(plan).map(chasedFromPlan), meetings });
    const warning = bankHolidayWarning(localTime(now, settings.timeZone).date);
    if (warning !== null) io.err(`Warning: ${warning}`);
    io.out(options.json ? JSON.stringify(messages.map(forJson), null, 2) : formatDue(messages, now, settings, plan.title));
    return 0;
  } catch (error) {
    if (error instanceof CommandProblem) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof DomainError) {
      io.err(`Cannot read the plan ${options.plan}:`);
      for (const problem of error.problems) io.err(`  - ${problem}`);
      return 1;
    }
    throw error;
  }
}

function readInstant(text: string | undefined): Date {
  const example = 'e.g. --at 2017-09-15T08:00:00Z (UTC) or --at 2017-09-15T09:00:00+01:00';
  if (text === undefined) throw new CommandProblem(`Say when to look: --at <ISO instant>, ${example}.`);
  const instant = DateTime.fromISO(text, { setZone: true });
  if (!INSTANT.test(text) || !instant.isValid) {
    throw new CommandProblem(`--at "${text}" is not an ISO instant: write a date, a time and Z or an offset, ${example}.`);
  }
  return instant.toJSDate();
}

function readSettings(tz: string | undefined): ChaseSettings {
  const parsed = ChaseSettingsSchema.safeParse(tz === undefined ? {} : { timeZone: tz });
  if (!parsed.success) throw new CommandProblem(`--tz "${tz}" is not a time zone: write an IANA zone such as Europe/London.`);
  return parsed.data;
}

function readMeetingList(text: string | undefined, zone: string): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '')
    .map((m) => {
      if (!MEETING.test(m) || !DateTime.fromISO(m, { zone }).isValid) {
        throw new CommandProblem(
          `--meetings: "${m}" is not a meeting date: write local dates as YYYY-MM-DD (or YYYY-MM-DDTHH:mm with the time), separated by commas, e.g. --meetings 2017-07-19,2017-09-06.`,
        );
      }
      return m;
    });
}

async function readPlan(file: string): Promise<Plan[]> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new CommandProblem(`Cannot read the plan ${file}: no such file. Give the plan file as import reads it, e.g. --plan plan.xlsx.`);
  return (await readPlanFile(await readFile(file), file)).plans;
}

/** The preview's JSON: the message without `actionId`, which for a plan file is its ref. */
function forJson(message: DueMessage): Omit<DueMessage, 'actionId'> {
  const { actionId: _actionId, ...rest } = message;
  return rest;
}

function localLabel(instant: string | Date, zone: string): string {
  return dateInWords(typeof instant === 'string' ? instant : instant.toISOString(), { zone, weekday: true });
}

function about(message: DueMessage): string {
  switch (message.kind) {
    case 'prompt':
      return `${message.daysBefore} day${message.daysBefore === 1 ? '' : 's'} before it is due on ${dateInWords(message.due)}`;
    case 'reminder':
      return `reminder ${message.reminder}: due ${dateInWords(message.due)}, ${message.overdueDays} days overdue`;
    case 'escalation':
      return `${message.lead ?? 'no lead'} has not answered ${message.unansweredReminders} reminders; ${message.overdueDays} days overdue`;
    case 'round':
      return `update round for the meeting on ${dateInWords(message.meeting)}`;
    case 'summary':
      return `summary for the meeting on ${dateInWords(message.meeting)}`;
  }
}

function formatDue(messages: DueMessage[], now: Date, settings: ChaseSettings, title: string): string {
  const zone = settings.timeZone;
  const head = `${title}: what would go out at ${localLabel(now, zone)} (${zone}), with nothing sent before`;
  if (!isWorkingTime(now, settings)) {
    return [
      head,
      `Nothing: messages go out only ${settings.workdayStart}–${settings.workdayEnd} on working days (Monday to Friday, not an England and Wales bank holiday).`,
      `The next working moment is ${localLabel(nextWorkingMoment(now, settings), zone)}.`,
    ].join('\n');
  }
  if (messages.length === 0) return `${head}\nNothing is due.`;
  const rows = messages.map((m) => [m.kind, m.ref ?? '—', m.to, m.slot, localLabel(m.scheduledFor, zone), about(m)]);
  const header = ['KIND', 'REF', 'TO', 'SLOT', 'SCHEDULED FOR', 'ABOUT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [head, '', line(header), ...rows.map(line), '', `${messages.length} message${messages.length === 1 ? '' : 's'}.`].join('\n');
}
