import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Config } from '../config.js';
import { bodyChaseSettings } from '../domain/chase-settings.js';
import { chaseProblems, chaseRows, readChaseTexts, type ChaseTexts, type ChaseWord } from '../domain/chase-settings-text.js';
import { BodyIdSchema, BodyKindSchema, roleHolder, TimeZoneSchema, type Body, type Person, type RoleHolder } from '../domain/partnership.js';
import { createBody } from '../services/create-body.js';
import { requireBody } from '../services/deps.js';
import { findCoordinator } from '../services/find-coordinator.js';
import { mapRole } from '../services/map-role.js';
import { setBodyPeople } from '../services/set-body-people.js';
import { setChaseSettings } from '../services/set-chase-settings.js';
import { addMeetings, meetingsOf, removeMeeting } from '../services/set-meetings.js';
import { importMeetingCalendar } from '../services/import-meetings.js';
import { MAX_CALENDAR_BYTES } from '../import/read-meeting-calendar.js';
import { DomainError } from '../domain/errors.js';
import { countInWords, dateInWords } from '../domain/in-words.js';
import type { ServiceDeps } from '../services/deps.js';
import { exampleMeeting, readMeetingsCommand } from '../domain/meeting-text.js';
import { setAsideLines } from '../domain/meeting-calendar.js';
import { localTime } from '../domain/working-time.js';
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
  return body.meetings.map((m) => `  ${meetingLine(m, body.timeZone)}`);
}

/** A meeting (a local date-time) with its weekday and zone: "Fri 15 Jan 2027, 14:00 GMT". */
function meetingLine(local: string, zone: string): string {
  return dateInWords(DateTime.fromISO(local, { zone }).toUTC().toISO() ?? local, { zone, weekday: true, zoneName: true });
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
      io.out(`Next: import its plan (partnership-actions import <file> --body ${body.id}), map the plan's roles to people (body role), add its meetings (body meetings ${body.id} add …), and link its channel in Teams (@Partnership Actions link ${body.id}).`);
      return 0;
    }, { setUp: true });
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
  return onBodyStore(config, withStore, io, async (deps) => {
    const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
    const person = readPerson(options.person, '--person', by.tenantId);
    const delegate = options.delegate === undefined ? null : readPerson(options.delegate, '--delegate', by.tenantId);
    const body = await mapRole(deps, { bodyId: id, roleKey, person, delegate, by });
    const mapped = roleHolder(body, roleKey)!;
    io.out(`${roleName(mapped)} in ${body.name} is now ${holder(mapped)} (by ${by.displayName}).`);
    return 0;
  });
}

/**
 * `body chairs|coordinators <id> [--add <oid=name>]… [--remove <oid>]… [--as <who>]`:
 * with neither, lists them; otherwise changes the list (setBodyPeople) and prints it.
 */
export async function bodyPeopleCommand(
  list: 'chairs' | 'coordinators',
  id: string,
  options: { add?: string[]; remove?: string[]; as?: string },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onBodyStore(config, withStore, io, async (deps) => {
    const changing = (options.add ?? []).length + (options.remove ?? []).length > 0;
    let body = (await requireBody(deps.store, id)).value;
    if (changing) {
      const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
      const add = (options.add ?? []).map((p) => readPerson(p, '--add', by.tenantId));
      body = await setBodyPeople(deps, { bodyId: id, list, add, remove: (options.remove ?? []).map((r) => r.trim()), by });
      io.out(`Changed ${body.name}'s ${list} (by ${by.displayName}).`);
    }
    io.out(`${body.name}'s ${list}: ${body[list].map(who).join(', ') || 'none'}.`);
    return 0;
  });
}

/**
 * `body meetings <id> [add|remove] [meeting…] [--as <who>]`, as `meetings`
 * in Teams and through the same services: alone it lists the meetings to
 * come and those held; `add` adds one or several (written as people write
 * them, separated by commas), `remove` takes one to come off. Held meetings
 * are the record and are never replaced; a past date, a clash or text that
 * is not a meeting refuses the whole command, and nothing is written.
 */
export async function bodyMeetingsCommand(id: string, words: string[], options: { as?: string; dryRun?: boolean }, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  if (words[0]?.toLowerCase() === 'import') return bodyMeetingsImport(id, words.slice(1), options, config, withStore, io);
  const command = readMeetingsCommand(meetingWords(words));
  return onBodyStore(config, withStore, io, async (deps) => {
    if (command.verb === 'list' || command.named === '') {
      const { value: body } = await requireBody(deps.store, id);
      if (command.verb === 'list') {
        for (const line of calendarLines(deps, body)) io.out(line);
        return 0;
      }
      const example = exampleMeeting(localTime(deps.clock(), body.timeZone).date, 'words');
      throw new CommandProblem(`Name the meeting to ${command.verb}, e.g. body meetings ${id} ${command.verb} ${command.verb === 'add' ? example : example.replace(/ \S+$/, '')} (several to add: separated by commas).`);
    }
    const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
    if (command.verb === 'add') {
      const { body, added, setAside } = await addMeetings(deps, { bodyId: id, text: command.named, by });
      io.out(`Added ${added.map((m) => meetingLine(m, body.timeZone)).join('; ')} to ${body.name}'s meetings (by ${by.displayName}).`);
      for (const line of setAsideLines(setAside, (m) => meetingLine(m, body.timeZone))) io.out(line.replace(/^- /, '  '));
      for (const line of calendarLines(deps, body)) io.out(line);
      return 0;
    }
    const { body, removed } = await removeMeeting(deps, { bodyId: id, text: command.named, by });
    io.out(`Removed ${meetingLine(removed, body.timeZone)} from ${body.name}'s meetings (by ${by.displayName}).`);
    for (const line of calendarLines(deps, body)) io.out(line);
    return 0;
  });
}

/**
 * `body meetings <id> import <file.ics> [--dry-run]`: the meetings of a
 * calendar exported from Outlook or Google, shown as read (each with its
 * weekday) with what was set aside and why, then added through the same
 * rules as typed ones; `--dry-run` shows and stores nothing.
 */
async function bodyMeetingsImport(id: string, files: string[], options: { as?: string; dryRun?: boolean }, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onBodyStore(config, withStore, io, async (deps) => {
    if (files.length !== 1) throw new CommandProblem(`Name one calendar file to import, e.g. body meetings ${id} import meetings.ics (from Outlook: File → Save Calendar).`);
    const file = files[0]!;
    const size = await stat(file).then((s) => s.size, () => null);
    if (size === null) throw new CommandProblem(`${file} is not a file I can open: check the path.`);
    if (size > MAX_CALENDAR_BYTES) throw new CommandProblem(`${file} is ${Math.ceil(size / 1000).toLocaleString('en-GB')} KB; a calendar file may be at most ${MAX_CALENDAR_BYTES / 1000} KB. Export only the partnership's meetings.`);
    const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
    const result = await importMeetingCalendar(deps, { bodyId: id, bytes: await readFile(file), fileName: basename(file), by, dryRun: options.dryRun === true });
    const { body, reading } = result;
    const shown = (local: string) => (local.length === 10 ? DateTime.fromISO(local, { locale: 'en-GB' }).toFormat('ccc d LLL yyyy') : meetingLine(local, body.timeZone));
    if (result.problems.length > 0) throw new DomainError('input-invalid', `Cannot add the meetings of ${result.fileName}: ${result.problems.join('; ')}`, { problems: result.problems });
    io.out(`${result.fileName}: ${countInWords(result.added.length, 'meeting')} to add to ${body.name} up to ${shown(reading.horizon)} (${body.timeZone}):`);
    for (const m of reading.meetings.filter((x) => result.added.includes(x.local))) io.out(`  ${meetingLine(m.local, body.timeZone)}  ${m.title}`);
    if (result.already.length > 0) io.out(`Already on the calendar: ${result.already.map((m) => meetingLine(m, body.timeZone)).join('; ')}`);
    if (reading.setAside.length > 0) io.out('Set aside:');
    for (const s of reading.setAside) io.out(`  ${s.local === null ? '' : `${shown(s.local)}  `}${s.title}: ${s.why}`);
    const kept = [reading.past > 0 ? `${reading.past} past (held meetings are the record)` : '', reading.later > 0 ? `${reading.later} after ${shown(reading.horizon)} (import again nearer the time)` : ''].filter((k) => k !== '');
    if (kept.length > 0) io.out(`Kept out: ${kept.join(', ')}.`);
    if (options.dryRun === true) io.out(`Dry run: nothing stored. Run it again without --dry-run to add ${result.added.length === 1 ? 'it' : 'them'}.`);
    else if (result.stored) io.out(`Added ${countInWords(result.added.length, 'meeting')} to ${body.name}'s meetings (by ${by.displayName}).`);
    else io.out(`Nothing to add: ${body.name}'s calendar already has every meeting to come in ${result.fileName}.`);
    return 0;
  });
}

/**
 * The words after the body id as one line, as they would be typed in Teams:
 * a word with a space in it was quoted as one meeting, so quoted meetings
 * are separated as a comma would separate them.
 */
function meetingWords(words: readonly string[]): string {
  const given = words.map((w) => w.trim()).filter((w) => w !== '');
  return given.join(given.some((w) => /\s/.test(w)) ? ', ' : ' ');
}

/** The meetings to come and the ones held, in the body's zone. */
function calendarLines(deps: ServiceDeps, body: Body): string[] {
  const { upcoming, past } = meetingsOf(deps, body);
  return [
    `${body.name} meets (${body.timeZone}):`,
    ...(upcoming.length === 0 ? [`  no meetings to come: add one, e.g. body meetings ${body.id} add ${exampleMeeting(localTime(deps.clock(), body.timeZone).date, 'words')}`] : upcoming.map((m) => `  ${meetingLine(m, body.timeZone)}`)),
    ...(past.length === 0 ? [] : ['Held (kept as the record):', ...past.map((m) => `  ${meetingLine(m, body.timeZone)}`)]),
  ];
}

/** A change to a body on the shared store: refused with "Not changed" and what to do. */
function onBodyStore(config: Config, withStore: WithStore, io: CommandIo, use: (deps: ServiceDeps) => Promise<number>): Promise<number> {
  return onSharedStore(config, io, 'Not changed', () => withStore(use));
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

/** How the CLI names each chase setting: its option. */
const OPTION: Record<ChaseWord, string> = {
  prompts: '--prompt-days',
  reminders: '--reminder-every',
  escalate: '--escalate-after',
  round: '--round-days',
  summary: '--summary-days',
  hours: '--working-hours',
  send: '--send-at',
};
const optionFor = (word: ChaseWord) => OPTION[word];

function chaseTexts(o: BodyChaseOptions): ChaseTexts {
  const texts: ChaseTexts = { prompts: o.promptDays, reminders: o.reminderEvery, escalate: o.escalateAfter, round: o.roundDays, summary: o.summaryDays, hours: o.workingHours, send: o.sendAt };
  return Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined));
}

/**
 * `body chase <id> [--prompt-days 14,7,1] [--reminder-every <days>] [--escalate-after <n>] [--round-days <days>]
 * [--summary-days <working days>] [--working-hours 09:00-17:00] [--send-at 09:00] [--reset] [--as <who>]`:
 * with no setting, prints the settings in force; otherwise changes them (setChaseSettings) and prints the result.
 */
export async function bodyChaseCommand(id: string, options: BodyChaseOptions, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  return onSharedStore(config, io, 'Not changed', async () => {
    const read = readChaseTexts(chaseTexts(options), optionFor);
    const changing = options.reset === true || Object.keys(read.given).length > 0;
    return await withStore(async (deps) => {
      if (!changing) {
        const { value: body } = await requireBody(deps.store, id);
        for (const line of chaseLines(body)) io.out(line);
        io.out('Change them with --prompt-days, --reminder-every, --escalate-after, --round-days, --summary-days, --working-hours or --send-at; --reset returns to the defaults.');
        return 0;
      }
      const by = await findCoordinator(deps, { bodyId: id, as: options.as ?? config.cliAs });
      const problems = chaseProblems((await requireBody(deps.store, id)).value, read, options.reset === true, optionFor);
      if (problems.length > 0) throw new CommandProblem(problems.join('\n'));
      const body = await setChaseSettings(deps, { bodyId: id, settings: read.given, reset: options.reset === true, by });
      io.out(`Changed how ${body.name} is chased (by ${by.displayName}).`);
      for (const line of chaseLines(body)) io.out(line);
      return 0;
    });
  });
}

/** The chase settings in force, the body's own marked "own", the rest "default". */
function chaseLines(body: Body): string[] {
  const rows = chaseRows(body);
  const w0 = Math.max(...rows.map((r) => r.label.length));
  const w1 = Math.max(...rows.map((r) => r.value.length));
  return [`Chase settings (${body.timeZone}):`, ...rows.map((r) => `  ${r.label.padEnd(w0)}  ${r.value.padEnd(w1)}  ${r.own ? 'own' : 'default'}`)];
}
