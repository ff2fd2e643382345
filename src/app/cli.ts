import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { ConfigError, loadCliConfig, type Config } from '../config.js';
import { historyCommand, importToStore, noSharedStore, updateCommand, type WithStore } from '../cli/store-commands.js';
import { jsonLogger } from '../telemetry/json-log.js';
import { loadSampleFiles } from './sample-files.js';
import type { SchedulerLog } from '../scheduler/scheduler.js';
import type { ServiceDeps } from '../services/deps.js';

/** Composition root of the admin CLI. */
const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  width: process.stdout.columns ?? 120,
};

/** Settings are read once, when a command first needs the store: a dry run needs none. */
let config: Config | null = null;
function settings(): Config {
  config ??= loadCliConfig();
  return config;
}

/** Loaded on use: a dry run needs no Cosmos client. */
const openConfigured = async (setUp: boolean) => (await import('../store/open-store.js')).openStore(settings().cosmos, { setUp });

const withStore: WithStore = async (use, options) => {
  const opened = await openConfigured(options?.setUp ?? false);
  try {
    return await use({ store: opened.store, clock: () => new Date(), newId: randomUUID });
  } finally {
    await opened.close();
  }
};

/** The operating system's name for whoever runs the CLI: the default operator of `update`. */
function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown login';
  }
}

/** What the scheduler logs while the CLI ticks: JSON lines on stderr, as the bot's. */
const jsonLog = jsonLogger(io.err);

async function run(command: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof Error && error.name === 'StoreSetupError')) {
      io.err(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * A repeatable option whose name starts "--no-": commander would read it as
 * the negation of the option without "no-" (so `--no-link 4.1` would land in
 * `link`); this keeps it a list of its own under `attribute`.
 */
function listOption(flags: string, description: string, attribute: string): Option {
  const option = new Option(flags, description).argParser(repeatable);
  option.negate = false;
  option.attributeName = () => attribute;
  return option;
}

type BodyCommands = typeof import('../cli/body-commands.js');

/**
 * The action of a `body` subcommand: its command from body-commands.ts,
 * loaded on use, given the arguments and options commander read (the last
 * thing commander passes is the Command itself), then the settings, the
 * store and the output.
 */
function bodyAction<A extends unknown[]>(pick: (commands: BodyCommands) => (...args: [...A, Config, WithStore, typeof io]) => Promise<number>) {
  return async (...parsed: [...A, Command]) => {
    const command = pick(await import('../cli/body-commands.js'));
    const args = parsed.slice(0, -1) as unknown as A;
    await run(() => command(...args, settings(), withStore, io));
  };
}

const program = new Command()
  .name('partnership-actions')
  .description('Partnership Actions: the action-plan cycle of a Community Safety Partnership');

program
  .command('import')
  .description('Read an action plan from a spreadsheet (.xlsx, .xls, .ods), CSV/TSV, Word (.docx, .doc), OpenDocument text (.odt) or text copied out of Word')
  .argument('<file>', 'the plan file')
  .option('--dry-run', 'read and check the file, store nothing')
  .option('--json', 'print what was read (or what changed) as JSON')
  .option('--body <id>', 'store the plan in this partnership body (needs COSMOS_ENDPOINT)')
  .option('--year <year>', 'the plan year, e.g. 2017-18 (default: the one its title names, else the financial year most of its deadlines fall in, else this one)')
  .option('--as <coordinator>', "the importing coordinator's Entra object id or name (default: PARTNERSHIP_CLI_AS, else the body's only coordinator)")
  .option('--column <heading=field>', 'read the column with this heading as this field, e.g. "Milestone=action" (repeatable; field "extra" keeps it as an extra column)', (value: string, all: string[]) => [...all, value], [] as string[])
  .option('--link <new=year:ref>', "confirm or correct which of last year's actions a new one continues, e.g. 4.1=2016-17:4.7; repeat for more", repeatable)
  .addOption(listOption('--no-link <ref>', "the new action continues none of last year's (refuses the suggestion), e.g. 4.1; repeat for more", 'noLink'))
  .action(async (file: string, options: { dryRun?: boolean; json?: boolean; body?: string; year?: string; as?: string; column: string[]; link?: string[]; noLink?: string[] }) => {
    if (options.dryRun || options.body === undefined) {
      const { importCommand } = await import('../cli/import-command.js');
      await run(() => importCommand(file, options, io));
      return;
    }
    const body = options.body;
    await run(() => importToStore(file, { ...options, body }, settings(), withStore, io));
  });

program
  .command('history')
  .description('Every update of an action, oldest first, with author and time')
  .argument('<ref>', 'the action number, e.g. 2.3')
  .requiredOption('--body <id>', 'the partnership body')
  .option('--year <year>', "the plan year (default: the body's current plan)")
  .option('--json', 'print the action and its updates as JSON')
  .action(async (ref: string, options: { body: string; year?: string; json?: boolean }) => {
    await run(() => historyCommand(ref, options, settings(), withStore, io));
  });

program
  .command('update')
  .description("Record a status update for an action, as its lead, a supporting role's person, their delegate or a chair")
  .argument('<ref>', 'the action number, e.g. 2.3')
  .requiredOption('--body <id>', 'the partnership body')
  .requiredOption('--status <status>', 'green, amber, red, completed or not-completed')
  .option('--narrative <text>', 'what is happening (needed for amber, red and not-completed)')
  .option('--deadline <date>', 'a revised deadline, e.g. 30/06/2018 or "June 2018"')
  .option('--as <person>', 'who is reporting: Entra object id or name (default: PARTNERSHIP_CLI_AS)')
  .option('--operator <name>', 'who is typing it in for them, recorded beside the author (default: your login name)')
  .option('--year <year>', "the plan year (default: the body's current plan)")
  .action(async (ref: string, options: { body: string; status: string; narrative?: string; deadline?: string; as?: string; year?: string; operator?: string }) => {
    await run(() => updateCommand(ref, { ...options, operator: options.operator ?? loginName() }, settings(), withStore, io));
  });

program
  .command('load-sample')
  .description('Load the sample partnership (examples/) into the store COSMOS_ENDPOINT names')
  .action(async () => {
    await run(async () => {
      if (noSharedStore(settings(), io)) return 2;
      const files = await loadSampleFiles();
      const { loadSamplePartnership } = await import('../services/load-sample-partnership.js');
      const loaded = await withStore((deps) => loadSamplePartnership(deps, files), { setUp: true });
      io.out(`Loaded ${loaded.csp.name} and ${loaded.pcg.name} (${loaded.pcg.id}) with its ${loaded.year} plan: ${loaded.actions} actions, ${loaded.pcg.roles.length} roles mapped.`);
      return 0;
    });
  });

program
  .command('setup')
  .description('Set the store up once: create the database and its containers (with COSMOS_KEY) and mark it as set up, so a store that later loses its data is noticed')
  .action(async () => {
    const { setupCommand } = await import('../cli/backup-command.js');
    await run(() => setupCommand(openConfigured, io));
  });

program
  .command('backup')
  .description('Write every document of the store (COSMOS_ENDPOINT, else the embedded store in DATA_DIR while npm start is stopped) to one JSON file')
  .argument('<file>', 'the backup file to write')
  .action(async (file: string) => {
    const { backupCommand } = await import('../cli/backup-command.js');
    await run(() => backupCommand(file, openConfigured, io));
  });

program
  .command('restore')
  .description('Write a backup into the store: an empty one, or any with --replace')
  .argument('<file>', 'the backup file, as backup wrote it')
  .option('--replace', 'make the store exactly the backup, deleting what the backup lacks')
  .action(async (file: string, options: { replace?: boolean }) => {
    const { restoreCommand } = await import('../cli/backup-command.js');
    await run(() => restoreCommand(file, options, openConfigured, io));
  });

program
  .command('export')
  .description('Write the progress table for the committee papers as Word (.docx), Excel (.xlsx) or CSV')
  .option('--plan <file>', 'the plan file, as import reads it')
  .option('--title <text>', 'when the file holds several plans, the one whose title contains this')
  .option('--format <format>', 'docx, xlsx or csv (default: from the --out file name)')
  .requiredOption('--out <file>', 'the file to write')
  .option('--as-at <date>', 'the date progress is reported at, e.g. 2017-07-19 (default: today)')
  .option('--body <id>', "a partnership body's stored actions with their latest updates (needs COSMOS_ENDPOINT)")
  .option('--year <year>', "with --body: the plan year (default: the body's current plan)")
  .option('--flat', 'with csv: one row per action (ref, priority, lead, deadline, status, last update date, extra columns) instead of the committee layout')
  .option('--year-end', "the year's sign-off report as a Word draft (--body, or --plan <file> holding the year's plan and the next): see docs/year-end.md")
  .option('--highlights', "a period's activities and achievements as a Word draft, with --body, --from and --to")
  .option('--from <date>', 'with --highlights: the first day of the period, e.g. 2017-04-01')
  .option('--to <date>', 'with --highlights: the last day of the period, e.g. 2017-06-30')
  .action(async (options: { plan?: string; title?: string; format?: string; out: string; asAt?: string; body?: string; year?: string; flat?: boolean; yearEnd?: boolean; highlights?: boolean; from?: string; to?: string }) => {
    if (options.yearEnd || options.highlights) {
      const { exportYearEndCommand } = await import('../cli/year-end-command.js');
      await run(() => exportYearEndCommand(options, settings(), withStore, io));
      return;
    }
    // Loaded on use: the document libraries are not needed by any other command.
    const { exportCommand } = await import('../cli/export-command.js');
    await run(async () => {
      const store = options.body === undefined || settings().cosmos.mode === 'embedded' ? null : { withStore };
      return exportCommand(options, io, undefined, store);
    });
  });

program
  .command('year-end')
  .description("Last year's actions still open and not carried forward into the new plan; --close one with a status and reason (needs COSMOS_ENDPOINT)")
  .argument('<body>', 'the partnership body')
  .option('--year <year>', "the plan year to close (default: the year before the body's current plan)")
  .option('--close <ref>', 'the action to close, e.g. 2.2')
  .option('--status <status>', 'with --close: completed or not-completed')
  .option('--reason <text>', 'with --close: why, as the sign-off report will say it')
  .option('--as <coordinator>', "who is closing it, a coordinator or chair: Entra object id or name (default: PARTNERSHIP_CLI_AS, else the body's only coordinator)")
  .action(async (bodyId: string, options: { year?: string; close?: string; status?: string; reason?: string; as?: string }) => {
    const { yearEndCommand } = await import('../cli/year-end-command.js');
    await run(() => yearEndCommand(bodyId, options, settings(), withStore, io));
  });

program
  .command('due')
  .description('What the scheduler would send at an instant for a plan file, with nothing sent before: prompts, reminders, escalations, rounds, summaries')
  .option('--plan <file>', 'the plan file, as import reads it')
  .option('--at <instant>', 'the ISO instant to look at, e.g. 2017-09-15T08:00:00Z')
  .option('--meetings <dates>', 'meeting dates, local, comma-separated, e.g. 2017-07-19,2017-09-06 (or 2017-07-19T14:00)')
  .option('--tz <zone>', 'the partnership\'s IANA time zone (default: Europe/London)')
  .option('--title <text>', 'when the file holds several plans, the one whose title contains this')
  .option('--json', 'print the messages as JSON')
  .action(async (options: { plan?: string; at?: string; meetings?: string; tz?: string; title?: string; json?: boolean }) => {
    const { dueCommand } = await import('../cli/due-command.js');
    process.exitCode = await dueCommand(options, io);
  });

{
  // Set-up of a CSP or PCG by its coordinator, against the shared store.
  const body = program.command('body').description('Set up a CSP or PCG (needs COSMOS_ENDPOINT): create, show, map roles to people, add and remove meetings, and how it is chased');
  const person = '"<Entra object id>=<name>"';
  /** A subcommand of one existing body, named by its id. */
  const bodyCommand = (name: string, description: string) => body.command(name).description(description).argument('<id>', 'the body');
  const as = ['--as <coordinator>', "who is making the change, a coordinator or chair: Entra object id or name (default: PARTNERSHIP_CLI_AS, else the body's only coordinator)"] as const;
  body
    .command('create')
    .description('Set up a CSP or a PCG with its chairs and coordinators')
    .argument('<id>', 'its id: lower-case letters, digits and hyphens, e.g. purbeck-pcg')
    .requiredOption('--kind <kind>', 'pcg or csp')
    .requiredOption('--name <name>', 'its name as people know it, e.g. "Purbeck PCG"')
    .option('--csp <id>', "a PCG's CSP (created first)")
    .option('--time-zone <zone>', 'its IANA time zone (default: Europe/London)')
    .option('--tenant <guid>', "its Microsoft Entra tenant id (default: MicrosoftAppTenantId)")
    .option('--chair <person>', `a chair, ${person}; repeat for more`, repeatable)
    .option('--coordinator <person>', `a coordinator, ${person}; repeat for more`, repeatable)
    .action(bodyAction((c) => c.bodyCreateCommand));
  bodyCommand('show', 'Its kind, CSP or PCGs, time zone, chairs, coordinators, roles, channel, meetings, plan and chase settings')
    .option('--json', 'print it as JSON')
    .action(bodyAction((c) => c.bodyShowCommand));
  bodyCommand('role', "Map a role named in the body's current plan (e.g. CSO) to a person, and optionally their delegate")
    .argument('<role>', 'the role key as the plan names it, e.g. CSO')
    .requiredOption('--person <person>', `who holds the role, ${person}`)
    .option('--delegate <person>', `who may act for them, ${person}`)
    .option(...as)
    .action(bodyAction((c) => c.bodyRoleCommand));
  for (const list of ['chairs', 'coordinators'] as const) {
    bodyCommand(list, `List the body's ${list}, or add and remove them (it always keeps at least one chair or coordinator)`)
      .option('--add <person>', `someone to add, ${person}; repeat for more`, repeatable)
      .option('--remove <object id>', 'the Entra object id of someone to remove; repeat for more', repeatable)
      .option(...as)
      .action(bodyAction((c) => c.bodyPeopleCommand.bind(null, list)));
  }
  bodyCommand('meetings', "List the body's meetings (to come, and held), add some or remove one to come, as `meetings` in Teams; local to its time zone")
    .argument('[change...]', 'nothing to list them; add <meeting>[, <meeting>…], e.g. add 15 January 2pm, 10 March 2pm; remove <day> [<time>], e.g. remove 10 March; import <file.ics> (a calendar from Outlook or Google)')
    .option('--dry-run', 'with import: show the meetings read and set aside; store nothing')
    .option(...as)
    .action(bodyAction((c) => c.bodyMeetingsCommand));
  bodyCommand('chase', 'Show how the body is chased, or change it: with no setting, prints the settings in force')
    .option('--prompt-days <days>', 'prompts this many days before a deadline, e.g. 14,7,1 (or none)')
    .option('--reminder-every <days>', 'overdue reminders this many days apart (at least 5)')
    .option('--escalate-after <n>', 'escalate to the channel and chair after this many unanswered reminders')
    .option('--round-days <days>', 'the update round opens this many days before a meeting')
    .option('--summary-days <working days>', 'the summary is posted this many working days before a meeting')
    .option('--working-hours <start-end>', 'messages go out only in these local hours, e.g. 09:00-17:00')
    .option('--send-at <time>', 'the local time messages are sent, within working hours, e.g. 09:00')
    .option('--reset', 'return to the defaults first (then apply any settings given)')
    .option(...as)
    .action(bodyAction((c) => c.bodyChaseCommand));
}

program
  .command('tick')
  .description("Run the scheduler's tick once against the shared store (needs COSMOS_ENDPOINT): send what is due through Teams with the bot's settings, and record it")
  .option('--at <instant>', 'the ISO instant to tick at, e.g. 2017-09-12T08:00:00Z (default: now; with an app id, only with --dry-run)')
  .option('--dry-run', 'print what the tick would send; send and record nothing')
  .option('--json', 'print the report (or the messages) as JSON')
  .action(async (options: { at?: string; json?: boolean; dryRun?: boolean }) => {
    const { tickCommand } = await import('../cli/tick-command.js');
    // Loaded on use: only a tick that sends needs the Teams libraries.
    const sender = async (deps: ServiceDeps, log: SchedulerLog) => (await import('./teams-sender.js')).cliTeamsSender(settings(), deps, log);
    await run(() => tickCommand(options, settings(), withStore, io, sender, jsonLog));
  });

program
  .command('package')
  .description('Write the Teams app package (manifest.json and the two icons in a .zip) to upload to Teams: see docs/install-in-teams.md')
  .option('--app-id <guid>', "the Azure Bot's Microsoft App ID (MicrosoftAppId); also the app's id")
  .option('--host <host>', "the bot's public host name, as in PUBLIC_BASE_URL, e.g. actions.example.org")
  .option('--name <name>', 'the name people see in Teams, 30 characters at most (default: Partnership Actions)')
  .option('--version <version>', 'the package version, e.g. 1.0.0: raise it for each changed upload (default: 1.0.0)')
  .option('--developer <organisation>', 'who publishes the app, e.g. "Dorset Council"')
  .option('--website <url>', "the publisher's https website")
  .option('--privacy <url>', 'the https privacy notice that covers the app')
  .option('--terms <url>', 'the https terms of use')
  .option('--web-application-info', 'add webApplicationInfo (the app id): only to install the app for people through Microsoft Graph')
  .option('--out <file.zip>', 'the package to write')
  .action(async (options: { appId?: string; host?: string; name?: string; version?: string; developer?: string; website?: string; privacy?: string; terms?: string; webApplicationInfo?: boolean; out?: string }) => {
    const { packageCommand } = await import('../cli/package-command.js');
    await run(() => packageCommand(options, io));
  });

await program.parseAsync(process.argv);
