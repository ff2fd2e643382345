import { z } from 'zod';
import { botAuth } from '../teams/bot-auth.js';
import { botUseCases, conversationPorts, schedulerSender } from './bot-wiring.js';
import type { Config, PlaygroundUserRole } from '../config.js';
import type { PlaygroundUser, RunningPlayground } from '../local/agents-playground.js';
import { reportDownloadRoute } from '../http/report-route.js';
import { loadSampleFiles } from './sample-files.js';
import { linkChannel } from '../services/link-channel.js';
import { createScheduler, type Scheduler } from '../scheduler/scheduler.js';
import { createTickHandler, startSchedulerTimer, TICK_SECRET_HEADER } from '../scheduler/triggers.js';
import { startApp, type App } from './start-app.js';
import { appMetrics, countUpdates, instrumentScheduler, type AppMetrics } from '../telemetry/metrics.js';
import { tickRoute, TICK_ROUTE } from '../http/tick-route.js';
import type { BotLogger } from '../teams/bot-ports.js';
import type { BotFrameworkKeys, SendProactive, SendView } from '../teams/create-bot.js';
import { startBot, type ExtraRoute, type RunningBot } from '../teams/start-bot.js';

export type RunningServer = {
  app: App;
  bot: RunningBot;
  /** The chase: ticked by the timer (unless SCHEDULER=off), `POST /api/tick`, or a caller. */
  scheduler: Scheduler;
  /** The local Teams client, when it runs (local mode, PLAYGROUND not off). */
  playground: RunningPlayground | null;
  /** Who is who in the Playground: the person you are and the others in its chats. */
  playgroundPeople: { currentUser: PlaygroundUser; users: PlaygroundUser[]; tenantId: string } | null;
  /** What to print: where the data lives, then the one URL to open. */
  banner: string[];
  stop(): Promise<void>;
};

export type ServerOptions = {
  /** The environment the Playground's process starts from (the composition root passes its own, from config). */
  env: Readonly<Record<string, string | undefined>>;
  log: BotLogger;
  clock?: () => Date;
  /** Where the counters go (see telemetry/metrics.ts); default: nowhere. */
  metrics?: AppMetrics;
  /** Extra endpoints on the bot's server, e.g. the scheduler's tick. */
  routes?: readonly ExtraRoute[];
  /** Where tokens' signing keys are published; unset: the Bot Framework's (tests: a stand-in on loopback). */
  keys?: BotFrameworkKeys;
};

const VERSION = '0.1.0';

const SamplePeopleSchema = z.object({
  tenantId: z.string(),
  playground: z.object({ lead: z.string(), chair: z.string(), coordinator: z.string(), others: z.array(z.string()).length(3) }),
  pcg: z.object({
    chairs: z.array(z.object({ aadObjectId: z.string(), displayName: z.string() })),
    coordinators: z.array(z.object({ aadObjectId: z.string(), displayName: z.string() })),
    roles: z.array(
      z.object({
        key: z.string(),
        person: z.object({ aadObjectId: z.string(), displayName: z.string() }),
        delegate: z.object({ aadObjectId: z.string(), displayName: z.string() }).nullable(),
      }),
    ),
  }),
});

/**
 * The Playground's six seats filled with the sample partnership's people, by
 * their object ids and in its tenant, so the bot finds their actions: the
 * chosen person as the current user, everyone else as the five others.
 */
export function samplePlaygroundPeople(rawSample: unknown, as: PlaygroundUserRole): { currentUser: PlaygroundUser; users: PlaygroundUser[]; tenantId: string } {
  const sample = SamplePeopleSchema.parse(rawSample);
  const names = new Map<string, string>();
  for (const p of [...sample.pcg.chairs, ...sample.pcg.coordinators, ...sample.pcg.roles.flatMap((r) => (r.delegate ? [r.person, r.delegate] : [r.person]))]) {
    names.set(p.aadObjectId, p.displayName);
  }
  const user = (aadObjectId: string): PlaygroundUser => {
    const name = names.get(aadObjectId);
    if (name === undefined) throw new Error(`examples/sample-partnership.json: playground names ${aadObjectId}, who is not among the PCG's people`);
    const [given = name, ...rest] = name.split(' ');
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
    return { id: `user-${slug.replace(/\./g, '-')}`, name, aadObjectId, givenName: given, surname: rest.join(' '), email: `${slug}@purbeck.example.org`, userPrincipalName: `${slug}@purbeck.example.org` };
  };
  const seats = { lead: sample.playground.lead, chair: sample.playground.chair, coordinator: sample.playground.coordinator };
  const everyone = [seats.lead, seats.chair, seats.coordinator, ...sample.playground.others];
  const currentUser = user(seats[as]);
  return { currentUser, users: everyone.filter((id) => id !== seats[as]).map(user), tenantId: sample.tenantId };
}

/**
 * Everything `npm start` runs: the store (embedded with the sample, or the
 * configured Cosmos DB), the bot on its port, the chase (the scheduler on
 * its timer and on `POST /api/tick`, sending through the bot), and in local
 * mode the Agents Playground in front of it with the sample's people, its
 * channel linked to the sample PCG so `@bot summary` works there. Stops what
 * it started, in reverse (the timer before the bot), and so if a later part
 * fails.
 */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const app = await startApp(config, options.clock === undefined ? {} : { clock: options.clock });
  const stops: Array<() => Promise<void>> = [() => app.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => options.log.error('stop failed', { error: String(error) }));
  };
  try {
    // Local mode works in the sample's tenant, on every start, not only the first (which loads it).
    const rawSample = config.bot.mode === 'local' ? (await loadSampleFiles()).sample : null;
    const people = rawSample === null || config.bot.playground === null ? null : samplePlaygroundPeople(rawSample, config.bot.playground.user);
    const tenantId = config.bot.tenantId ?? (rawSample === null ? null : SamplePeopleSchema.parse(rawSample).tenantId);
    if (tenantId === null) throw new Error('Cannot start: MicrosoftAppTenantId is missing and there is no sample partnership to take a tenant from');

    let send: SendProactive | null = null;
    let sendView: SendView | null = null;
    const reports = { secret: config.reports.secret, publicBaseUrl: () => config.reports.publicBaseUrl ?? bot.url.replace('://0.0.0.0:', '://127.0.0.1:') };
    const metrics = options.metrics ?? appMetrics(null);
    const untraced = createScheduler({
      store: app.deps.store,
      clock: app.deps.clock,
      log: options.log,
      send: schedulerSender(app.deps, {
        reports,
        send: () => {
          if (sendView === null) throw new Error('the bot is not started yet');
          return sendView;
        },
      }),
    });
    // Each tick one correlated, measured unit of work, whoever starts it.
    const scheduler = instrumentScheduler(untraced, metrics);
    const tick =
      config.scheduler.tickSecret === null
        ? []
        : [tickRoute(createTickHandler(scheduler, { secret: config.scheduler.tickSecret, clock: app.deps.clock, chooseInstant: config.bot.mode === 'local' }))];
    const bot = await startBot({
      host: config.bot.host,
      port: config.bot.port,
      tenantId,
      timeZone: 'Europe/London',
      auth: await botAuth(config),
      ...(options.keys === undefined ? {} : { keys: options.keys }),
      // In local mode the links point where the bot listens, known once it does.
      useCases: countUpdates(botUseCases(app.deps, reports, { mode: config.bot.mode }), metrics),
      conversations: conversationPorts(app.deps, {
        tenantId,
        log: options.log,
        send: () => {
          if (send === null) throw new Error('the bot is not started yet');
          return send;
        },
      }),
      log: options.log,
      health: {
        store: app.store.dataDir === null ? 'cosmos' : 'embedded',
        version: VERSION,
        check: () => app.store.health(),
        more: () => ({ scheduler: { timer: config.scheduler.timer === null ? 'off' : `every ${config.scheduler.timer.everyMs / 1000} s`, lastTick: scheduler.lastTick() } }),
      },
      routes: [reportDownloadRoute(app.deps, config.reports.secret), ...tick, ...(options.routes ?? [])],
    });
    send = bot.sendProactive;
    sendView = bot.sendView;
    stops.push(() => bot.stop());
    if (config.scheduler.timer !== null) {
      const timer = startSchedulerTimer(scheduler, { everyMs: config.scheduler.timer.everyMs, log: options.log, clock: app.deps.clock });
      // Stopped before the bot: a tick in progress finishes its sends first.
      stops.push(() => timer.stop());
    }

    const banner = app.banner.filter((line) => !line.startsWith('The Teams bot arrives'));
    banner.push(`Bot: ${bot.url}/api/messages (tenant ${tenantId}${config.bot.mode === 'local' ? ', local mode: no Azure sign-in' : ''}).`);
    banner.push(...schedulerBanner(config, bot.url));
    let playground: RunningPlayground | null = null;
    if (config.bot.playground !== null && people !== null) {
      const botAddress = bot.url.replace('://0.0.0.0:', '://127.0.0.1:');
      // Loaded only here: a production install has no Playground (see dev-dependencies.ts).
      const { startPlayground } = await import('../local/agents-playground.js');
      playground = await startPlayground({ appEndpoint: `${botAddress}/api/messages`, tenantId, currentUser: people.currentUser, users: people.users, env: options.env, ...(config.bot.playground.port === 0 ? {} : { port: config.bot.playground.port }) });
      stops.push(() => playground!.stop());
      banner.push(...(await linkPlaygroundChannel(app, playground, tenantId, options.log)));
      const others = people.users.map((u) => u.name).join(', ');
      banner.push(
        '',
        `You are ${people.currentUser.name} (PLAYGROUND_USER=${config.bot.playground.user}); also in its chats: ${others}.`,
        'Type "my actions" or "update 2.3" in the chat with the bot; "@Partnership Actions summary" in the team\'s PCG channel.',
        '',
        `Open ${playground.url} in a browser. Ctrl-C stops everything.`,
      );
    } else {
      banner.push('', 'Ctrl-C stops.');
    }
    return { app, bot, scheduler, playground, playgroundPeople: people, banner, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** How the chase runs, and in local mode how to run one by hand at any instant. */
function schedulerBanner(config: Config, botUrl: string): string[] {
  const { timer, tickSecret } = config.scheduler;
  const lines = [
    timer === null
      ? 'The chase: the timer is off (SCHEDULER=off); ticks come only from POST /api/tick.'
      : `The chase: a tick every ${timer.everyMs / 1000} s sends prompts, reminders, escalations, rounds and summaries in working hours (09:00-17:00, Mon-Fri but bank holidays, the body's zone).`,
  ];
  if (tickSecret !== null && config.bot.mode === 'local') {
    const address = botUrl.replace('://0.0.0.0:', '://127.0.0.1:');
    lines.push(
      'Run one tick at an instant of your choosing (the sample plan is 2017-18), once the Playground is open (opening it installs the app for you):',
      'this one sends the 7-day prompts for 2.3 and 2.4 to your chat, and tells the PCG channel whom the bot cannot reach.',
      `  curl -s -X POST ${address}${TICK_ROUTE} -H 'content-type: application/json' -H '${TICK_SECRET_HEADER}: ${tickSecret}' -d '{"at":"2018-03-23T09:00:00Z"}'`,
    );
  }
  return lines;
}

/** The sample PCG's channel is the Playground team's channel, linked as its chair would. */
async function linkPlaygroundChannel(app: App, playground: RunningPlayground, tenantId: string, log: BotLogger): Promise<string[]> {
  const { channelId, botId } = playground.ids;
  const pcg = app.sample?.pcg ?? (await app.deps.store.readBody('purbeck-pcg'))?.value ?? null;
  if (channelId === null || pcg === null || pcg.chairs[0] === undefined) return ['The Playground\'s channel is not linked to a body: "summary" there will say so.'];
  const port = new URL(playground.url).port;
  try {
    await linkChannel(app.deps, {
      bodyId: pcg.id,
      name: 'PCG',
      reference: {
        channelId: 'msteams',
        // The Playground's Bot Connector, as it names itself in the activities it sends.
        serviceUrl: `http://localhost:${port}/_connector`,
        conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId },
        bot: { id: botId, name: 'Partnership Actions' },
      },
      by: pcg.chairs[0],
    });
    return [`Linked the Playground's PCG channel to ${pcg.name}.`];
  } catch (error) {
    log.warn('could not link the Playground channel', { error: String(error) });
    return [`The Playground's channel could not be linked to ${pcg.name}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
