import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { ProactiveSender } from '../scheduler/outbound.js';
import { createScheduler, type PlannedSend, type SchedulerLog, type TickReport } from '../scheduler/scheduler.js';
import type { ServiceDeps } from '../services/deps.js';
import type { CommandIo } from './import-command.js';
import { noSharedStore, type WithStore } from './store-commands.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** Builds the way into Teams the tick sends through; the composition root gives the bot's. */
export type SenderFactory = (deps: ServiceDeps, log: SchedulerLog) => Promise<ProactiveSender>;

/**
 * `partnership-actions tick [--at <instant>] [--dry-run] [--json]`: one tick
 * of the scheduler against the shared store, a trigger like the bot's timer
 * and `POST /api/tick` (a cron job may run it). It sends through Teams with
 * the bot's credentials (in local mode, token-less, to the local Teams
 * client), claims and records each message as the bot's tick does, and
 * prints the tick's report.
 *
 * `--dry-run` prints what the tick would send, with what has been sent,
 * failed or is claimed taken into account, and writes nothing. `--at` looks
 * at another instant; with real Teams (an app id) it needs `--dry-run`, as
 * people would get messages written for another day.
 */
export async function tickCommand(
  options: { at?: string; json?: boolean; dryRun?: boolean },
  config: Config,
  withStore: WithStore,
  io: CommandIo,
  sender: SenderFactory,
  log: SchedulerLog,
): Promise<number> {
  if (noSharedStore(config, io)) return 2;
  let at: Date | undefined;
  if (options.at !== undefined) {
    const parsed = DateTime.fromISO(options.at, { setZone: true });
    if (!INSTANT.test(options.at) || !parsed.isValid) {
      io.err(`--at "${options.at}" is not an ISO instant: write a date, a time and Z or an offset, e.g. --at 2017-09-12T08:00:00Z.`);
      return 1;
    }
    if (options.dryRun !== true && config.bot.mode === 'azure') {
      io.err('--at sends real Teams messages written for another instant: add --dry-run to look, or leave --at out to tick now.');
      return 1;
    }
    at = parsed.toJSDate();
  }
  return withStore(async (deps) => {
    const now = at ?? deps.clock();
    if (options.dryRun === true) {
      const scheduler = createScheduler({
        store: deps.store,
        clock: () => now,
        send: async () => {
          throw new Error('a dry run sends nothing');
        },
      });
      const planned = await scheduler.preview(now);
      if (options.json) {
        io.out(JSON.stringify({ at: now.toISOString(), sent: false, wouldSend: planned }, null, 2));
        return 0;
      }
      io.out(`Would send at ${now.toISOString()}: ${planned.length} message${planned.length === 1 ? '' : 's'}.`);
      io.out('Nothing was sent or recorded (--dry-run).');
      if (planned.length > 0) io.out('');
      for (const p of planned) io.out(line(p));
      return 0;
    }
    const scheduler = createScheduler({ store: deps.store, clock: deps.clock, send: await sender(deps, log), log });
    const report = await scheduler.tick(now);
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else io.out(summary(report));
    return report.failed.length > 0 ? 1 : 0;
  });
}

function summary(report: TickReport): string {
  if (report.skipped !== null) return `Tick at ${report.at}: nothing done, ${report.skipped}.`;
  const lines = [
    `Tick at ${report.at}: ${report.sent.length} sent, ${report.failed.length} failed, ${report.unreachable.length} unreachable, ${report.deferred.length} left for the next tick (rate limit), ${report.noLongerDue.length} no longer due${report.taken > 0 ? `, ${report.taken} taken by another tick` : ''}.`,
  ];
  for (const [title, ids] of [
    ['sent', report.sent],
    ['failed (retried by later ticks)', report.failed],
    ['unreachable (the chair is told)', report.unreachable],
    ['left for the next tick', report.deferred],
  ] as const) {
    if (ids.length === 0) continue;
    lines.push('', `${title}:`, ...ids.map((id) => `  ${id}`));
  }
  return lines.join('\n');
}

function line(p: PlannedSend): string {
  const m = p.message;
  const about = 'action' in m ? `${m.action.ref} ` : '';
  const body = m.kind === 'digest' ? `${m.entries.length} actions` : m.body.name;
  const problem = p.unreachable === null ? '' : `  (cannot be sent: ${p.unreachable}; the chair would be told)`;
  return `  ${m.kind.padEnd(11)} ${about}→ ${p.to}  [${body}] ${p.id}${problem}`;
}
