import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';
import { startApp } from './start-app.js';
import { StoreSetupError } from './store/open-store.js';

export { startApp } from './start-app.js';

/** Composition root of the bot: `npm start`. The Teams bot arrives in the next step. */
function log(event: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
}

async function main(): Promise<void> {
  let app;
  try {
    app = await startApp(loadConfig());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreSetupError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  process.stdout.write(`${app.banner.join('\n')}\n`);
  log({ level: 'info', event: 'started', endpoint: app.store.endpoint, inMemory: app.store.inMemory });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await app.stop();
    log({ level: 'info', event: 'stopped', signal });
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const entry = process.argv[1] === undefined ? '' : realpathSync(process.argv[1]);
if (entry === fileURLToPath(import.meta.url)) await main();
