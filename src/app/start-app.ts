import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { loadSampleFiles } from './sample-files.js';
import type { ServiceDeps } from '../services/deps.js';
import { loadSamplePartnership, type LoadedSample } from '../services/load-sample-partnership.js';
import { openStore, type OpenStore } from '../store/open-store.js';

export type App = {
  deps: ServiceDeps;
  store: OpenStore;
  /** The sample partnership, when embedded mode loaded it (its first start). */
  sample: LoadedSample | null;
  /** What to tell the person who started it: where the data lives. */
  banner: string[];
  stop: () => Promise<void>;
};

/**
 * Starts the app's store. Embedded (no COSMOS_ENDPOINT, local mode only):
 * an in-process Cosmos-compatible server whose data is kept in DATA_DIR,
 * with the sample partnership loaded on its first start. Otherwise: the
 * configured Cosmos DB account or local server, which must have been set up
 * (`partnership-actions setup`): nothing is created or loaded there.
 */
export async function startApp(config: Config, options: { clock?: () => Date } = {}): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  const embedded = config.cosmos.mode === 'embedded';
  const store = await openStore(config.cosmos, { setUp: embedded, clock });
  const deps: ServiceDeps = { store: store.store, clock, newId: randomUUID };
  let sample: LoadedSample | null = null;
  const banner = ['Partnership Actions 0.1.0', ''];
  try {
    if (store.dataDir !== null) {
      banner.push(
        `Store: embedded Cosmos-compatible server at ${store.endpoint}, database "${store.database}".`,
        `Data is kept in ${store.dataDir} across restarts${store.created ? ' (a new store, set up now)' : ''}.`,
        `  To start afresh: stop, then delete that folder (or set DATA_DIR to another). Back it up with: npx partnership-actions backup <file>`,
      );
      if (store.created && config.bot.mode === 'local') {
        sample = await loadSamplePartnership(deps, await loadSampleFiles());
        banner.push(
          `Loaded the sample partnership: ${sample.csp.name} (${sample.csp.id}) and ${sample.pcg.name} (${sample.pcg.id})`,
          `  with its ${sample.year} plan (${sample.actions} actions) and ${sample.pcg.roles.length} fictional people in its roles.`,
        );
      }
      banner.push('', 'The CLI can share this store while it runs, e.g.:', `  COSMOS_ENDPOINT=${store.endpoint} npx partnership-actions history 2.3 --body ${sample?.pcg.id ?? '<body id>'}`);
    } else {
      banner.push(`Store: Cosmos DB at ${store.endpoint}, database "${store.database}" (kept; nothing is loaded or reset).`);
    }
    banner.push('', 'The Teams bot arrives in the next step. Ctrl-C stops.');
  } catch (error) {
    await store.close();
    throw error;
  }
  return { deps, store, sample, banner, stop: () => store.close() };
}
