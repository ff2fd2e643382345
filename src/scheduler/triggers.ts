import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Scheduler, SchedulerLog, TickReport } from './scheduler.js';

/**
 * The ways a tick starts: an in-process timer, `POST /api/tick` from an
 * external cron (Azure Functions timer, Logic App, cron + curl), and the CLI.
 * Any number of them may run against one store, on any number of instances:
 * a tick with something to send takes the tick lease in the store (see
 * tick-lease.ts), so one runs at a time and paces the bot's sends for all;
 * the others report that they skipped. The claims keep every message to one
 * send even so.
 */

export type SchedulerTimer = {
  /** Stops the timer and waits for a tick in progress to finish. */
  stop(): Promise<void>;
};

/**
 * Ticks every `everyMs` (one minute by default). A tick still running when
 * the next is due is not doubled up: the next starts after it ends.
 */
export function startSchedulerTimer(scheduler: Pick<Scheduler, 'tick'>, options: { everyMs?: number; log: SchedulerLog; clock?: () => Date }): SchedulerTimer {
  const everyMs = options.everyMs ?? 60_000;
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = scheduler
        .tick(clock())
        .then(
          () => undefined,
          (error: unknown) => options.log.error('scheduler tick failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
        )
        .finally(schedule);
    }, everyMs);
    // The timer alone must not keep a process alive that is otherwise done.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running;
    },
  };
}

/** The header `POST /api/tick` must carry: the shared secret, as configured. */
export const TICK_SECRET_HEADER = 'x-partnership-tick-secret';

export type TickResponse = { status: number; json: unknown };
export type TickHandler = (headers: Record<string, string | string[] | undefined>, body: unknown) => Promise<TickResponse>;

// Strict: a body with anything else in it is not a caller of ours, and is refused rather than read as "now".
const ChosenInstantSchema = z.strictObject({ at: z.iso.datetime({ offset: true }) }).partial();

/**
 * `POST /api/tick`, framework-free: the server mounts it and writes back
 * `status` and `json`. The secret is compared in constant time over SHA-256
 * digests, so neither its content nor its length leaks through timing.
 * The tick runs at the clock's instant: the body is ignored, unless
 * `chooseInstant` (local mode only, where the data is the sample's and in
 * memory) lets `{"at": "<ISO instant>"}` pick another, to try the chase on
 * a plan of another year.
 */
export function createTickHandler(scheduler: Pick<Scheduler, 'tick'>, options: { secret: string; clock?: () => Date; chooseInstant?: boolean }): TickHandler {
  if (options.secret.length < 16) throw new Error('The tick endpoint needs a shared secret of at least 16 characters.');
  const expected = digest(options.secret);
  const clock = options.clock ?? (() => new Date());
  return async (headers, body) => {
    const given = headers[TICK_SECRET_HEADER];
    const value = Array.isArray(given) ? given[0] : given;
    if (value === undefined || !timingSafeEqual(digest(value), expected)) {
      return { status: 401, json: { error: `missing or wrong ${TICK_SECRET_HEADER} header` } };
    }
    let at = clock();
    if (options.chooseInstant === true && body !== null && body !== undefined) {
      const chosen = ChosenInstantSchema.safeParse(body);
      if (!chosen.success) return { status: 400, json: { error: 'the body must be {"at": "<ISO instant>"}, e.g. {"at": "2017-09-12T08:00:00Z"}, or empty' } };
      if (chosen.data.at !== undefined) at = new Date(chosen.data.at);
    }
    const report: TickReport = await scheduler.tick(at);
    return { status: 200, json: report };
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
