import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Config } from '../config.js';
import { bodyChaseSettings, ChaseOverridesSchema, ChaseSettingsSchema, type ChaseOverrides, type ChaseSettings } from '../domain/chase-settings.js';
import { BodyIdSchema, BodyKindSchema, roleHolder, TimeZoneSchema, type Body, type Person, type RoleHolder } from '../domain/partnership.js';
import { createBody } from '../services/create-body.js';
import { requireBody, type ServiceDeps } from '../services/deps.js';
import { findCoordinator } from '../services/find-coordinator.js';
import { mapRole } from '../services/map-role.js';
import { setChaseSettings } from '../services/set-chase-settings.js';
import { setMeetings } from '../services/set-meetings.js';
import { CommandProblem } from './choose-plan.js';
import type { CommandIo } from './import-command.js';
import { onSharedStore, type WithStore } from './store-commands.js';

/**
 * `partnership-actions body …`: a coordinator sets up a CSP or PCG from the
 * command line, through the same services as the bot: create it, map the
 * plan's roles to people, set its meeting dates and how it is chased, and
 * show all of it. Every command needs the shared store (exit 2 without it);
 * a bad option is named with what to type instead and a service's refusal
 * is printed as it comes (exit 1), and neither writes anything.
 */

const EXAMPLE_OID = '4b1f2c3d-0000-4000-8000-000000000001';

/** "<Entra object id>=<Display Name>": the CLI has no Teams sign-in, so people are named by their object id in the body's tenant. */
function readPerson(text: string, option: string, tenantId: string): Person {
  const at = text.indexOf('=');
  const aadObjectId = at < 0 ? '' : text.slice(0, at).trim();
  const displayName = at < 0 ? '' : text.slice(at + 1).trim();
  if (!z.guid().safeParse(aadObjectId).success || displayName === '') {
    throw new CommandProblem(
      `${option} "${text}" is not a person: write their Microsoft Entra object id (a GUID; Entra admin centre → Users → the person → Object ID), "=" and their name, e.g. ${option} "${EXAMPLE_OID}=Alex Hale".`,
    );
  }
  return { tenantId, aadObjectId: aadObjectId.toLowerCase(), displayName };
}

/** An option checked by the domain's own schema, its message naming the option. */
function checked<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const result = schema.safeParse(text);
  if (result.success) return result.data;
  throw new CommandProblem(`${what} "${text}" is not ${result.error.issues[0]?.message ?? 'valid'}.`);
}

function who(p: Person): string {
  return `${p.displayName} (${p.aadObjectId})`;
}

function people(list: readonly Person[]): string {
  return list.length === 0 ? 'none' : list.map(who).join(', ');
}

function meetingLines(body: Body): string[] {
  if (body.meetings.length === 0) return ['  none set'];
  return body.meetings.map((m) => `  ${DateTime.fromISO(m, { zone: body.timeZone, locale: 'en-GB' }).toFormat('ccc d LLL yyyy HH:mm ZZZZ')}`);
}

export type BodyCreateOptions = {
  kind: string;
  name: string;
  csp?: string;
  timeZone?: string;
  tenant?: string;
  chair?: string[];
  coordinator?: string[];
};

/** `body create <id> --kind pcg|csp --name <name> [--csp <id>] [--time-zone <zone>] [--tenant <guid>] --chair <oid=name>… --coordinator <oid=name>…` */
export async function bodyCreateCommand(id: string, options: BodyCreateOptions, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onSharedStore(config, io, 'Not set up', async () => {
    const bodyId = checked(BodyIdSchema, id, 'The body id');
    const kindOf = BodyKindSchema.safeParse(options.kind.trim().toLowerCase());
    if (!kindOf.success) throw new CommandProblem(`--kind "${options.kind}" is not a kind of body: use --kind pcg (a Partnership Co-ordinating Group) or --kind csp (a Community Safety Partnership).`);
    const kind = kindOf.data;
    const name = options.name.trim();
    if (name === '') throw new CommandProblem('--name is empty: give the body\'s name as people know it, e.g. --name "Purbeck PCG".');
    if (kind === 'pcg' && options.csp === undefined) throw new CommandProblem(`A PCG belongs to a CSP: give its CSP's id with --csp, e.g. --csp dorset-csp.`);
    if (kind === 'csp' && options.csp !== undefined) throw new CommandProblem('--csp is for a PCG: a CSP belongs to no other body. Leave out --csp, or use --kind pcg.');
    const parentId = options.csp === undefined ? null : checked(BodyIdSchema, options.csp, '--csp');
    const timeZone = options.timeZone === undefined ? undefined : checked(TimeZoneSchema, options.timeZone, '--time-zone');
    const tenantText = options.tenant ?? config.bot.tenantId;
    if (tenantText === null) {
      throw new CommandProblem('Say which Microsoft Entra tenant the partnership works in: --tenant <tenant id, a GUID>, or set MicrosoftAppTenantId.');
    }
    const tenantId = checked(z.guid({ error: 'a Microsoft Entra tenant id (a GUID)' }), tenantText, options.tenant === undefined ? 'MicrosoftAppTenantId' : '--tenant').toLowerCase();
    const chairs = (options.chair ?? []).map((p) => readPerson(p, '--chair', tenantId));
    const coordinators = (options.coordinator ?? []).map((p) => readPerson(p, '--coordinator', tenantId));
    if (chairs.length === 0) throw new CommandProblem(`Name the chair: --chair "<Entra object id>=<name>", e.g. --chair "${EXAMPLE_OID}=Cllr Pat Dunmore" (repeat --chair for more).`);
    if (coordinators.length === 0) {
      throw new CommandProblem(`Name the coordinator: --coordinator "<Entra object id>=<name>", e.g. --coordinator "${EXAMPLE_OID}=Alex Hale" (repeat --coordinator for more).`);
    }
    return await withStore(async (deps) => {
      const body = await createBody(deps, { id: bodyId, kind, name, parentId, tenantId, chairs, coordinators, ...(timeZone === undefined ? {} : { timeZone }) });
      const parent = parentId === null ? null : (await requireBody(deps.store, parentId)).value;
      io.out(`Set up ${body.name} (${body.id}): a ${body.kind === 'pcg' ? `PCG of ${parent?.name} (${parentId})` : 'CSP'}, in tenant ${body.tenantId}, time zone ${body.timeZone}.`);
      io.out(`  chairs: ${people(body.chairs)}`);
      io.out(`  coordinators: ${people(body.coordinators)}`);
      io.out(`Next: import its plan (partnership-actions import <file> --body ${body.id}), map the plan's roles to people (body role), set its meetings (body meetings), and link its channel in Teams (@Partnership Actions link ${body.id}).`);
      return 0;
    });
  });
}

/** `body show <id> [--json]`: everything a coordinator set up, and what is still missing. */
export async function bodyShowCommand(id: string, options: { json?: boolean }, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onSharedStore(config, io, `Cannot show ${id}`, async () => {
    return await withStore(async (deps) => {
      const { value: body } = await requireBody(deps.store, id);
      const related = await Promise.all((body.parentId === null ? body.memberIds : [body.parentId]).map(async (other) => ({ id: other, name: (await deps.store.readBody(other))?.value.name ?? '(missing)' })));
      const planRoles = body.currentPlanYear === null ? [] : ((await deps.store.readPlanHead(body.id, body.currentPlanYear))?.value.roles ?? []);
      const unmapped = planRoles.filter((r) => roleHolder(body, r.key) === undefined);
      if (options.json) {
        const chase = { inForce: bodyChaseSettings(body), own: body.chase ?? {} };
        io.out(JSON.stringify({ body, ...(body.parentId === null ? { pcgs: related } : { csp: related[0] }), unmappedRoles: unmapped, chase }, null, 2));
        return 0;
      }
      const links = related.map((r) => `${r.name} (${r.id})`).join(', ');
      io.out(`${body.name} (${body.id})`);
      io.out(`  kind          ${body.kind === 'pcg' ? `PCG of ${links}` : `CSP; its PCGs: ${links || 'none yet'}`}`);
      io.out(`  time zone     ${body.timeZone}`);
      io.out(`  tenant        ${body.tenantId}`);
      io.out(`  chairs        ${people(body.chairs)}`);
      io.out(`  coordinators  ${people(body.coordinators)}`);
      io.out(`  plan          ${body.currentPlanYear === null ? `none imported yet (partnership-actions import <file> --body ${body.id})` : `${body.currentPlanYear} (current)`}`);
      io.out(`  channel       ${body.channel === null ? `not linked (in the channel: @Partnership Actions link ${body.id})` : body.channel.name}`);
      io.out('Roles:');
      const roleRows = [
        ...body.roles.map((r): [string, string] => [roleName(r), holder(r)]),
        ...unmapped.map((r): [string, string] => [roleName(r), 'no one yet']),
      ].sort((a, b) => a[0].localeCompare(b[0]));
      if (roleRows.length === 0) io.out('  none yet');
      const width = Math.max(0, ...roleRows.map((r) => r[0].length));
      for (const [role, person] of roleRows) io.out(`  ${role.padEnd(width)} → ${person}`);
      io.out(`Meetings (${body.timeZone}):`);
      for (const line of meetingLines(body)) io.out(line);
      for (const line of chaseLines(body)) io.out(line);
      return 0;
    });
  });
}

function roleName(r: { key: string; name: string }): string {
  return r.name === r.key ? r.key : `${r.key} (${r.name})`;
}

function holder(r: RoleHolder): string {
  return `${who(r.person)}${r.delegate === null ? '' : `, delegate ${who(r.delegate)}`}`;
}

/** `body role <id> <role key> --person <oid=name> [--delegate <oid=name>] [--as <who>]`: maps a role of the current plan to a person. */
export async function bodyRoleCommand(
  id: string,
  roleKey: string,
  options: { person: string; delegate?: string; as?: string },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onSharedStore(config, io, 'Not changed', async () => {
    return await withStore(async (deps) => {
      const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
      const person = readPerson(options.person, '--person', by.tenantId);
      const delegate = options.delegate === undefined ? null : readPerson(options.delegate, '--delegate', by.tenantId);
      const body = await mapRole(deps, { bodyId: id, roleKey, person, delegate, by });
      const mapped = roleHolder(body, roleKey)!;
      io.out(`${roleName(mapped)} in ${body.name} is now ${holder(mapped)} (by ${by.displayName}).`);
      return 0;
    });
  });
}

/** `body meetings <id> <date-time>… [--as <who>]`: sets the meeting dates, local to the body. */
export async function bodyMeetingsCommand(id: string, dates: string[], options: { as?: string }, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onSharedStore(config, io, 'Not changed', async () => {
    // `body meetings x 2018-01-15 14:00` unquoted reaches us as two words.
    const split = dates.findIndex((d, i) => /^\d{4}-\d{2}-\d{2}$/.test(d.trim()) && /^\d{1,2}:\d{2}$/.test(dates[i + 1]?.trim() ?? ''));
    if (split >= 0) throw new CommandProblem(`Put each meeting's date and time in quotes: "${dates[split]!.trim()} ${dates[split + 1]!.trim()}" (or write ${dates[split]!.trim()}T${dates[split + 1]!.trim()}).`);
    return await withStore(async (deps) => {
      const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
      const body = await setMeetings(deps, { bodyId: id, meetings: dates, by });
      io.out(`${body.name} meets (${body.timeZone}; set by ${by.displayName}):`);
      for (const line of meetingLines(body)) io.out(line);
      return 0;
    });
  });
}

export type BodyChaseOptions = {
  promptDays?: string;
  reminderEvery?: string;
  escalateAfter?: string;
  roundDays?: string;
  summaryDays?: string;
  workingHours?: string;
  sendAt?: string;
  reset?: boolean;
  as?: string;
};

type Field = keyof ChaseOverrides;

/** Each chase setting: the option that sets it and the unit its numbers count. */
const CHASE_OPTIONS: Record<Field, { option: string; unit?: [string, string] }> = {
  workdayStart: { option: '--working-hours' },
  workdayEnd: { option: '--working-hours' },
  sendAt: { option: '--send-at' },
  promptDaysBefore: { option: '--prompt-days', unit: ['day', 'days'] },
  reminderEveryDays: { option: '--reminder-every', unit: ['day', 'days'] },
  escalateAfterReminders: { option: '--escalate-after', unit: ['reminder', 'reminders'] },
  roundOpensDaysBefore: { option: '--round-days', unit: ['day', 'days'] },
  summaryWorkingDaysBefore: { option: '--summary-days', unit: ['working day', 'working days'] },
};

function wholeNumber(text: string, option: string, example: string): number {
  if (!/^\d+$/.test(text.trim())) throw new CommandProblem(`${option} "${text}" is not a whole number: write e.g. ${option} ${example}.`);
  return Number(text.trim());
}

/** The options given, as chase settings, each option's text kept for messages. */
function readChaseOptions(o: BodyChaseOptions): { given: ChaseOverrides; typed: Partial<Record<Field, string>> } {
  const given: ChaseOverrides = {};
  const typed: Partial<Record<Field, string>> = {};
  if (o.promptDays !== undefined) {
    const text = o.promptDays.trim();
    const days = text.toLowerCase() === 'none' ? [] : text.split(',').map((d) => d.trim());
    const bad = days.find((d) => !/^\d+$/.test(d));
    if (bad !== undefined) {
      throw new CommandProblem(`--prompt-days "${o.promptDays}": "${bad}" is not a whole number of days; write the days before a deadline separated by commas, e.g. --prompt-days 14,7,1 (or none).`);
    }
    given.promptDaysBefore = [...new Set(days.map(Number))].sort((a, b) => b - a);
    typed.promptDaysBefore = o.promptDays;
  }
  const numbers: Array<[keyof BodyChaseOptions, Field, string]> = [
    ['reminderEvery', 'reminderEveryDays', '7'],
    ['escalateAfter', 'escalateAfterReminders', '2'],
    ['roundDays', 'roundOpensDaysBefore', '10'],
    ['summaryDays', 'summaryWorkingDaysBefore', '2'],
  ];
  for (const [key, field, example] of numbers) {
    const text = o[key];
    if (typeof text !== 'string') continue;
    (given as Record<Field, unknown>)[field] = wholeNumber(text, CHASE_OPTIONS[field].option, example);
    typed[field] = text;
  }
  if (o.workingHours !== undefined) {
    const hours = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(o.workingHours);
    if (hours === null) throw new CommandProblem(`--working-hours "${o.workingHours}" is not a span of the day: write its start and end, e.g. --working-hours 09:00-17:00.`);
    given.workdayStart = hours[1]!.padStart(5, '0');
    given.workdayEnd = hours[2]!.padStart(5, '0');
    typed.workdayStart = typed.workdayEnd = o.workingHours;
  }
  if (o.sendAt !== undefined) {
    given.sendAt = /^\d:\d{2}$/.test(o.sendAt.trim()) ? `0${o.sendAt.trim()}` : o.sendAt.trim();
    typed.sendAt = o.sendAt;
  }
  return { given, typed };
}

/** A zod issue about a chase setting, as a sentence naming the option that set it. */
function chaseProblem(issue: z.core.$ZodIssue, typed: Partial<Record<Field, string>>, inForce: ChaseSettings): string {
  const field = issue.path[0] as Field;
  if (!(field in CHASE_OPTIONS)) return issue.message;
  const { option, unit } = CHASE_OPTIONS[field];
  const shown = typed[field] === undefined ? `is ${String(inForce[field])} (in force; give ${option} to change it)` : `"${typed[field]}"`;
  const each = issue.path.length > 1 ? 'each must be ' : 'must be ';
  const count = (n: unknown) => `${String(n)}${unit === undefined ? '' : ` ${Number(n) === 1 ? unit[0] : unit[1]}`}`;
  let why: string;
  if (issue.code === 'too_small') why = `${each}at least ${count(issue.minimum)}`;
  else if (issue.code === 'too_big') why = issue.origin === 'array' ? `at most ${String(issue.maximum)} days may be given` : `${each}at most ${count(issue.maximum)}`;
  else if (field === 'sendAt' && issue.code === 'custom') why = `${issue.message} (${inForce.workdayStart}-${inForce.workdayEnd})`;
  else if (issue.code === 'invalid_format') why = `not ${issue.message}`;
  else why = issue.message;
  return `${option} ${shown}: ${why}.`;
}

/**
 * `body chase <id> [--prompt-days 14,7,1] [--reminder-every <days>] [--escalate-after <n>] [--round-days <days>]
 * [--summary-days <working days>] [--working-hours 09:00-17:00] [--send-at 09:00] [--reset] [--as <who>]`:
 * with no setting, prints the settings in force; otherwise changes them (setChaseSettings) and prints the result.
 */
export async function bodyChaseCommand(id: string, options: BodyChaseOptions, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onSharedStore(config, io, 'Not changed', async () => {
    const { given, typed } = readChaseOptions(options);
    const changing = options.reset === true || Object.keys(given).length > 0;
    return await withStore(async (deps) => {
      if (!changing) {
        const { value: body } = await requireBody(deps.store, id);
        for (const line of chaseLines(body)) io.out(line);
        io.out('Change them with --prompt-days, --reminder-every, --escalate-after, --round-days, --summary-days, --working-hours or --send-at; --reset returns to the defaults.');
        return 0;
      }
      const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
      await checkChase(deps, id, given, typed, options.reset === true);
      const body = await setChaseSettings(deps, { bodyId: id, settings: given, reset: options.reset === true, by });
      io.out(`Changed how ${body.name} is chased (by ${by.displayName}).`);
      for (const line of chaseLines(body)) io.out(line);
      return 0;
    });
  });
}

/**
 * Checks the settings against the domain's rules before the service does,
 * to name the option at fault: the service's own check stays the one that
 * decides (it re-reads the body), this one only says it in the CLI's terms.
 */
async function checkChase(deps: ServiceDeps, id: string, given: ChaseOverrides, typed: Partial<Record<Field, string>>, reset: boolean): Promise<void> {
  const { value: body } = await requireBody(deps.store, id);
  const inForce = bodyChaseSettings({ timeZone: body.timeZone, chase: { ...(reset ? {} : body.chase), ...given } });
  const own = ChaseOverridesSchema.safeParse(given);
  const issues = own.success ? ChaseSettingsSchema.safeParse(inForce).error?.issues ?? [] : own.error.issues;
  const problems = [...new Set(issues.map((i) => chaseProblem(i, typed, inForce)))];
  if (problems.length > 0) throw new CommandProblem(problems.join('\n'));
}

/** The chase settings in force, the body's own marked "own", the rest "default". */
function chaseLines(body: Body): string[] {
  const s = bodyChaseSettings(body);
  const own = body.chase ?? {};
  const mark = (...fields: Field[]) => (fields.some((f) => own[f] !== undefined) ? 'own' : 'default');
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const rows: Array<[string, string, string]> = [
    ['working hours', `${s.workdayStart}-${s.workdayEnd} on working days`, mark('workdayStart', 'workdayEnd')],
    ['messages sent at', s.sendAt, mark('sendAt')],
    ['prompts', s.promptDaysBefore.length === 0 ? 'none' : `${s.promptDaysBefore.join(', ')} ${s.promptDaysBefore.join() === '1' ? 'day' : 'days'} before a deadline`, mark('promptDaysBefore')],
    ['overdue reminders', `every ${plural(s.reminderEveryDays, 'day', 'days')}`, mark('reminderEveryDays')],
    ['escalation', `after ${plural(s.escalateAfterReminders, 'unanswered reminder', 'unanswered reminders')} in a row`, mark('escalateAfterReminders')],
    ['update round opens', `${plural(s.roundOpensDaysBefore, 'day', 'days')} before a meeting`, mark('roundOpensDaysBefore')],
    ['summary posted', `${plural(s.summaryWorkingDaysBefore, 'working day', 'working days')} before a meeting`, mark('summaryWorkingDaysBefore')],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return [`Chase settings (${s.timeZone}):`, ...rows.map(([label, value, m]) => `  ${label.padEnd(w0)}  ${value.padEnd(w1)}  ${m}`)];
}
