import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { StatusUpdate } from '../domain/action-record.js';
import { DomainError } from '../domain/errors.js';
import { chooseYears, planYearWords, readPlanYear } from '../domain/plan-year.js';
import { dateInWords } from '../domain/in-words.js';
import { STATUS_LABELS } from '../domain/status.js';
import type { ServiceDeps } from '../services/deps.js';
import { actionHistory } from '../services/action-history.js';
import { findBodyPerson, findCoordinator } from '../services/find-coordinator.js';
import { recordUpdate } from '../services/record-update.js';
import { importPlan, type ImportPlanResult } from '../services/import-plan.js';
import { parseColumnOverrides } from './column-overrides.js';
import { CommandProblem } from './choose-plan.js';
import { linkLines, readLinkChoices } from './format-carry-forward.js';
import { carryEachForward } from '../services/carry-forward.js';
import type { CommandIo } from './import-command.js';

/**
 * Opens the configured shared store for one command and closes it after.
 * `setUp`: the command sets a store up, so it may create it (open-store.ts).
 */
export type WithStore = <T>(use: (deps: ServiceDeps) => Promise<T>, options?: { setUp?: boolean }) => Promise<T>;

/**
 * With no COSMOS_ENDPOINT there is no shared store: writing to a throwaway
 * in-memory one would lose the coordinator's work at exit, so the CLI says
 * what to set instead.
 */
export function noSharedStore(config: Config, io: CommandIo): boolean {
  if (config.cosmos.mode !== 'embedded') return false;
  io.err('This command needs the shared store: set COSMOS_ENDPOINT.');
  io.err('  - for the store `npm start` runs, use the endpoint it printed, e.g. COSMOS_ENDPOINT=http://127.0.0.1:PORT');
  io.err('  - for a separately started server: npx cosmosdb-server -p 8081 --host 127.0.0.1 --no-ssl, then COSMOS_ENDPOINT=http://127.0.0.1:8081');
  io.err('  - for Azure Cosmos DB: COSMOS_ENDPOINT=https://<account>.documents.azure.com:443/ with COSMOS_KEY, or managed identity');
  return true;
}

/**
 * A command on the shared store: without one, says what to set (exit 2); a
 * refusal the person can act on is printed after `what` (exit 1).
 */
export async function onSharedStore(config: Config, io: CommandIo, what: string, run: () => Promise<number>): Promise<number> {
  if (noSharedStore(config, io)) return 2;
  try {
    return await run();
  } catch (error) {
    return fail(io, what, error);
  }
}

function report(io: CommandIo, title: string, bodyName: string, r: ImportPlanResult, by: string): void {
  if (r.unchanged) {
    io.out(`No change: ${bodyName}'s ${r.year} plan is already version ${r.version} with the same content.`);
    return;
  }
  io.out(`Imported "${title}" into ${bodyName} as the ${r.year} plan, version ${r.version}.`);
  const c = r.changes;
  if (c.added.length > 0) io.out(`  added (${c.added.length}): ${c.added.join(', ')}`);
  if (c.removed.length > 0) io.out(`  removed (${c.removed.length}): ${c.removed.join(', ')} (kept, with their history)`);
  if (c.changed.length > 0) io.out(`  changed (${c.changed.length}): ${c.changed.map((x) => `${x.ref} (${x.fields.join(', ')})`).join('; ')}`);
  if (c.statusUpdates.length > 0) io.out(`  statuses from the file recorded as imported updates by ${by} (${c.statusUpdates.length}): ${c.statusUpdates.join(', ')}`);
}

/**
 * A refusal the person can act on, exit 1: a problem with what they typed
 * is printed as it is; a service's refusal after what was being done.
 * Anything else is a fault and is thrown.
 */
function fail(io: CommandIo, what: string, error: unknown): number {
  if (error instanceof CommandProblem) {
    io.err(error.message);
    return 1;
  }
  if (!(error instanceof DomainError)) throw error;
  io.err(`${what}: ${error.message}`);
  if (error.problems.length > 1) for (const p of error.problems) io.err(`  - ${p}`);
  return 1;
}

/** `import <file> --body <id>`: reads the file, stores each plan in it, prints what changed. */
export async function importToStore(
  file: string,
  options: { body: string; year?: string; as?: string; json?: boolean; column?: string[]; link?: string[]; noLink?: string[] },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onSharedStore(config, io, `Cannot import ${file}`, async () => {
    const choices = readLinkChoices(options);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new DomainError('file-unreadable', `${file}: no such file`);
    // The file readers load only for an import: history and update start without them.
    const { readPlanFile } = await import('../services/read-plan-file.js');
    const reading = await readPlanFile(await readFile(file), file, { columns: parseColumnOverrides(options.column ?? []) });
    return await withStore(async (deps) => {
      const by = await findCoordinator(deps, { bodyId: options.body, as: options.as ?? config.cliAs });
      const body = (await deps.store.readBody(options.body))!.value;
      const years = chooseYears(reading.plans, deps.clock(), options.year === undefined ? null : readPlanYear(options.year));
      const results: ImportPlanResult[] = [];
      for (const [i, plan] of reading.plans.entries()) {
        const result = await importPlan(deps, { bodyId: options.body, plan, fileName: file, by, year: years[i]!.year });
        results.push(result);
        if (!options.json) report(io, plan.title, body.name, result, by.displayName);
        if (!options.json && years[i]!.from !== 'title' && years[i]!.from !== 'chosen') io.out(`  Plan year ${planYearWords(years[i]!)} (import again with --year to file it under another).`);
      }
      const carried = await carryEachForward(deps, { bodyId: options.body, years: results.map((r) => r.year), by, choices });
      if (options.json) io.out(JSON.stringify({ results, carried, warnings: reading.warnings }, null, 2));
      else {
        for (const w of reading.warnings) io.out(`  warning: ${w}`);
        for (const c of carried) {
          io.out(`${c.links.length} of the ${c.year} plan's actions continue ${c.previousYear}'s (correct with --link 4.1=${c.previousYear}:4.7, refuse with --no-link 4.1):`);
          io.out(linkLines(c.links, io.width).join('\n'));
        }
      }
      return 0;
    });
  });
}

/** `history <ref> --body <id>`: every update of an action, oldest first, with author and time. */
export async function historyCommand(
  ref: string,
  options: { body: string; year?: string; json?: boolean },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onSharedStore(config, io, `Cannot show the history of ${ref}`, async () => {
    return await withStore(async (deps) => {
      const h = await actionHistory(deps, { bodyId: options.body, ref, ...(options.year ? { year: options.year } : {}) });
      if (options.json) {
        io.out(JSON.stringify({ action: h.action, updates: h.updates, earlier: h.earlier }, null, 2));
        return 0;
      }
      const a = h.action;
      io.out(`${a.ref} ${a.plan.action}`);
      const continues = a.continues ? ` · continues ${a.continues.year} ${a.continues.ref}` : '';
      io.out(`${h.bodyName}, ${a.year} plan · lead ${a.plan.lead ?? '—'} · deadline ${a.revisedDeadline ?? a.plan.deadline ?? (a.plan.deadlineText || '—')}${a.removedInVersion !== null ? ` · removed in plan version ${a.removedInVersion}` : ''}${continues}`);
      if (h.updates.length === 0) io.out('No updates yet.');
      printUpdates(io, h.updates, h.timeZone);
      for (const earlier of h.earlier) {
        io.out('');
        io.out(`Carried forward from ${earlier.action.year} ${earlier.action.ref} ${earlier.action.plan.action}`);
        if (earlier.updates.length === 0) io.out('No updates.');
        printUpdates(io, earlier.updates, h.timeZone, `${earlier.action.year} ${earlier.action.ref}`);
      }
      return 0;
    });
  });
}

/**
 * Who is at the keyboard, as the history will name them beside the author:
 * `--operator`, else their login. A name, not an Entra id: the CLI has no sign-in.
 */
function operatorName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new CommandProblem(`--operator "${raw.slice(0, 40)}" is not a name: give who is typing this in, e.g. --operator "Alex Hale" (at most 100 characters).`);
  }
  return name;
}

function printUpdates(io: CommandIo, updates: readonly StatusUpdate[], timeZone: string, under = ''): void {
  updates.forEach((u, i) => {
    const label = STATUS_LABELS[u.status];
    const when = dateInWords(u.at, { zone: timeZone, zoneName: true });
    const revised = u.revisedDeadline ? ` · revised deadline ${u.revisedDeadline}` : '';
    const entered = u.enteredBy ? `, entered by ${u.enteredBy.operator}` : '';
    const ref = under === '' ? '' : `${under}  `;
    io.out(`${String(i + 1).padStart(3)}. ${ref}${when}  ${label.symbol} ${label.word}  by ${u.author.displayName} (${u.author.aadObjectId}) via ${u.source}${entered}${revised}`);
    if (u.narrative !== '') io.out(u.narrative.replace(/^/gm, '       '));
  });
}

/** `update <ref> --body <id> --status <s> [--narrative] [--deadline] --as <who>`: records an update with source `cli`. */
export async function updateCommand(
  ref: string,
  options: { body: string; status: string; narrative?: string; deadline?: string; as?: string; year?: string; operator: string },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
): Promise<number> {
  return onSharedStore(config, io, `Not recorded`, async () => {
    const operator = operatorName(options.operator);
    return await withStore(async (deps) => {
      const author = await findBodyPerson(deps, { bodyId: options.body, as: options.as ?? config.cliAs });
      const r = await recordUpdate(deps, {
        bodyId: options.body,
        ref,
        status: options.status,
        narrative: options.narrative ?? '',
        revisedDeadline: options.deadline ?? null,
        author,
        source: 'cli',
        enteredBy: { operator },
        ...(options.year ? { year: options.year } : {}),
      });
      const label = STATUS_LABELS[r.update.status];
      const revised = r.update.revisedDeadline ? `, revised deadline ${r.update.revisedDeadline}` : '';
      io.out(`Recorded ${label.symbol} ${label.word} for ${r.update.ref} by ${author.displayName} at ${r.update.at}${revised}, entered by ${operator}.`);
      return 0;
    });
  });
}
