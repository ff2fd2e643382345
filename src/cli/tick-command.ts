import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { createScheduler, type PlannedSend } from '../scheduler/scheduler.js';
import type { CommandIo } from './import-command.js';
import { noSharedStore, type WithStore } from './store-commands.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/**
 * `partnership-actions tick [--at <instant>]`: what the scheduler's tick
 * would send now (or at `--at`), read from the shared store with everything
 * already sent, failed or claimed taken into account.
 *
 * The CLI has no connection to Teams (the bot's credentials and its adapter
 * live in the running bot), so it claims nothing, sends nothing and writes
 * nothing: it prints the messages as "would send". The running bot's
 * scheduler sends them, on its timer or on `POST /api/tick`. Claiming here
 * would record as sent what nobody sent.
 */
export async function tickCommand(options: { at?: string; json?: boolean }, config: Config, withStore: WithStore, io: CommandIo): Promise<number> {
  if (noSharedStore(config, io)) return 2;
  let at: Date | undefined;
  if (options.at !== undefined) {
    const parsed = DateTime.fromISO(options.at, { setZone: true });
    if (!INSTANT.test(options.at) || !parsed.isValid) {
      io.err(`--at "${options.at}" is not an ISO instant: write a date, a time and Z or an offset, e.g. --at 2017-09-12T08:00:00Z.`);
      return 1;
    }
    at = parsed.toJSDate();
  }
  return withStore(async (deps) => {
    const now = at ?? deps.clock();
    const scheduler = createScheduler({
      store: deps.store,
      clock: () => now,
      send: async () => {
        throw new Error('the CLI cannot reach Teams');
      },
    });
    const planned = await scheduler.preview(now);
    if (options.json) {
      io.out(JSON.stringify({ at: now.toISOString(), sent: false, wouldSend: planned }, null, 2));
      return 0;
    }
    io.out(`Would send at ${now.toISOString()}: ${planned.length} message${planned.length === 1 ? '' : 's'}.`);
    io.out('Nothing was sent or recorded: the CLI has no Teams connection. The running bot sends these on its timer or on POST /api/tick.');
    if (planned.length > 0) io.out('');
    for (const p of planned) io.out(line(p));
    return 0;
  });
}

function line(p: PlannedSend): string {
  const m = p.message;
  const about = 'action' in m ? `${m.action.ref} ` : '';
  const problem = p.unreachable === null ? '' : `  (cannot be sent: ${p.unreachable}; the chair would be told)`;
  return `  ${m.kind.padEnd(11)} ${about}→ ${p.to}  [${m.body.name}] ${p.id}${problem}`;
}
