import { loadConfig } from '../../src/config.js';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { startServer, type RunningServer } from '../../src/app/start-server.js';
import { freshDataDir } from '../data-dir.js';
import { PlaygroundClient, type BotMessage } from './playground-client.js';

/**
 * What `npm start` runs with no Azure settings (the embedded store in a fresh
 * DATA_DIR, the sample partnership, the Agents Playground), on free ports and
 * with the timer off so the test decides when ticks happen, plus a client
 * already listening to the bot. Every e2e file starts the app through this one
 * helper, so a change to start-up is made once.
 */
export type EmbeddedApp = {
  server: RunningServer;
  client: PlaygroundClient;
  ids: NonNullable<RunningServer['playground']>['ids'];
  /** The Playground's current user (the sample's lead unless PLAYGROUND_USER says otherwise). */
  me: PlaygroundUser;
  /** Everyone in the Playground's chats, the current user included. */
  people: PlaygroundUser[];
  person(name: string): PlaygroundUser;
  /** The bot's welcome when the app was installed in the current user's chat (null with `install: false`). */
  welcome: BotMessage | null;
  /** What the bot logged as errors; `stop` fails the test when there are any. */
  errors: string[];
  stop(): Promise<void>;
};

export type EmbeddedAppOptions = {
  /** Settings beside the defaults (e.g. TICK_SECRET, REPORT_LINK_SECRET, PLAYGROUND_USER; COSMOS_ENDPOINT for a store set up with the sample beforehand). */
  settings?: Readonly<Record<string, string>>;
  clock?: () => Date;
  /** Open the app in the current user's 1:1 chat first, as a person does (default true). */
  install?: boolean;
  /** Only the server: no PlaygroundClient (the browser tests drive the Playground's page instead). */
  client?: boolean;
};

export async function startEmbeddedApp(options: EmbeddedAppOptions = {}): Promise<EmbeddedApp> {
  const errors: string[] = [];
  // With COSMOS_ENDPOINT (a store the test set up, e.g. behind a fault proxy) there is no embedded store's folder.
  const dataDir = options.settings?.['COSMOS_ENDPOINT'] === undefined ? { DATA_DIR: freshDataDir() } : {};
  const config = loadConfig({ ...dataDir, PORT: '0', PLAYGROUND_PORT: '0', SCHEDULER: 'off', ...options.settings });
  const server = await startServer(config, {
    env: process.env,
    ...(options.clock ? { clock: options.clock } : {}),
    log: { info: () => {}, warn: () => {}, error: (message, fields) => void errors.push(`${message} ${JSON.stringify(fields)}`) },
  });
  const ids = server.playground!.ids;
  const people = [server.playgroundPeople!.currentUser, ...server.playgroundPeople!.users];
  const client = new PlaygroundClient(server.playground!.url);
  let welcome: BotMessage | null = null;
  if (options.client !== false) {
    await client.connect();
    if (options.install !== false) {
      await client.install(ids.personalChatId);
      // Taken here, so a test's first wait for a reply is not answered by it.
      welcome = await client.waitForBotMessage(ids.personalChatId, (m) => (m.message.text ?? '').startsWith('Welcome to Partnership Actions'));
    }
  }
  return {
    server,
    client,
    ids,
    me: server.playgroundPeople!.currentUser,
    people,
    person(name) {
      const found = people.find((p) => p.name === name);
      if (!found) throw new Error(`no one called ${name} in the Playground; there are ${people.map((p) => p.name).join(', ')}`);
      return found;
    },
    welcome,
    errors,
    async stop() {
      client.close();
      await server.stop();
      if (errors.length > 0) throw new Error(`the bot logged errors:\n${errors.join('\n')}`);
    },
  };
}
