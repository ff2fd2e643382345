import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, childProcessEnvironment, loadConfig } from '../config.js';
import { jsonLogger } from '../telemetry/json-log.js';
import { startServer } from './start-server.js';
import { StoreSetupError } from '../store/open-store.js';
import { appMetrics } from '../telemetry/metrics.js';
import { startTelemetry } from '../telemetry/start-telemetry.js';
import type { BotLogger } from '../teams/bot-ports.js';

export { startApp } from './start-app.js';
export { startServer } from './start-server.js';

/** Composition root of the bot: `npm start`. Logs are JSON lines on stderr; the banner goes to stdout. */
const log: BotLogger = jsonLogger((line) => process.stderr.write(`${line}\n`));

/** Starts the server and prints the banner; `scripts/start.js` (npm start) calls it after checking the build. */
export async function main(): Promise<void> {
  let server;
  let telemetry: Awaited<ReturnType<typeof startTelemetry>> | null = null;
  try {
    const config = loadConfig();
    telemetry = await startTelemetry(config.telemetry);
    server = await startServer(config, { env: childProcessEnvironment(), log, metrics: appMetrics(telemetry.meter) });
  } catch (error) {
    await telemetry?.stop();
    if (error instanceof ConfigError || error instanceof StoreSetupError || (error instanceof Error && error.message.startsWith('Cannot start'))) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  process.stdout.write(`${server.banner.join('\n')}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    log.info('stopped', { signal });
    await telemetry?.stop();
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const entry = process.argv[1] === undefined ? '' : realpathSync(process.argv[1]);
if (entry === fileURLToPath(import.meta.url)) await main();
