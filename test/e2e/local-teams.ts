import { startPlayground, type RunningPlayground } from '../../src/local/agents-playground.js';
import type { BotUseCases, ConversationLost, ConversationSeen } from '../../src/teams/bot-ports.js';
import { startBot, type RunningBot } from '../../src/teams/start-bot.js';
import { PLAYGROUND_PEOPLE, TENANT_ID } from './people.js';
import { PlaygroundClient } from './playground-client.js';

/**
 * The bot on a free loopback port, the Agents Playground in front of it, and
 * a client already listening to the bot's messages. The conversation ports
 * record what the bot reported, for the test to read.
 */
export type LocalTeams = {
  bot: RunningBot;
  playground: RunningPlayground;
  client: PlaygroundClient;
  seen: ConversationSeen[];
  lost: ConversationLost[];
  stop(): Promise<void>;
};

export async function startLocalTeams(useCases: BotUseCases, env: Readonly<Record<string, string | undefined>>): Promise<LocalTeams> {
  const seen: ConversationSeen[] = [];
  const lost: ConversationLost[] = [];
  const errors: string[] = [];
  const bot = await startBot({
    port: 0,
    tenantId: TENANT_ID,
    timeZone: 'Europe/London',
    auth: { kind: 'none' },
    useCases,
    conversations: {
      saveConversationReference: async (s) => void seen.push(s),
      reportConversationLost: async (l) => void lost.push(l),
    },
    log: { info: () => {}, warn: () => {}, error: (message, fields) => void errors.push(`${message} ${JSON.stringify(fields)}`) },
    health: { store: 'none', version: 'test' },
  });
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({ appEndpoint: `${bot.url}/api/messages`, tenantId: TENANT_ID, ...PLAYGROUND_PEOPLE, env });
  } catch (error) {
    await bot.stop();
    throw error;
  }
  const client = new PlaygroundClient(playground.url);
  await client.connect();
  return {
    bot,
    playground,
    client,
    seen,
    lost,
    async stop() {
      client.close();
      await playground.stop();
      await bot.stop();
      if (errors.length > 0) throw new Error(`the bot logged errors:\n${errors.join('\n')}`);
    },
  };
}
