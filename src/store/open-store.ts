import { CosmosClient, type CosmosClientOptions, type Database } from '@azure/cosmos';
import type { CosmosSettings } from '../config.js';
import { DevDependencyMissing, loadLocalOnly } from '../local/dev-dependencies.js';
import { countDocuments, restoreBackup } from './backup.js';
import { CosmosStore, type CosmosContainers } from './cosmos-store.js';
import { lockDataDir, readSnapshot, snapshotSaver } from './persist-embedded.js';
import type { PartnershipStore } from './store.port.js';
import { hasStoreMarker, storeHealth, writeStoreMarker, type StoreHealth } from './store-marker.js';
import { StoreSetupError } from './store-setup-error.js';

export { StoreSetupError } from './store-setup-error.js';

/** The containers and their partition keys (see cosmos-store.ts). */
export const CONTAINERS = {
  partnership: { id: 'partnership', partitionKey: '/bodyId' },
  directory: { id: 'directory', partitionKey: '/id' },
} as const;

export type OpenStore = {
  store: PartnershipStore;
  /** The containers themselves, for what works on whole stores (backup.ts). */
  containers: CosmosContainers;
  /** Where the data lives, for people: the endpoint and database. */
  endpoint: string;
  database: string;
  /** The embedded store's folder (DATA_DIR); null for a Cosmos DB account or server. */
  dataDir: string | null;
  /** True when this opening set the store up (it had no data before): the first start. */
  created: boolean;
  /** Store HTTP requests so far, when the server is in this process (embedded); else null. */
  requests: (() => number) | null;
  /** One point read of the set-up marker: reachable, and has not lost its data. */
  health: () => Promise<StoreHealth>;
  close: () => Promise<void>;
};

/**
 * `setUp`: this command sets stores up (`setup`, `body create`,
 * `load-sample`, `restore`, the embedded store's first start), so it may
 * create the database, its containers and the set-up marker. Every other
 * opening requires the marker and creates nothing: a store that lost its
 * data is reported, never silently recreated empty.
 */
export type OpenStoreOptions = { setUp: boolean; clock?: () => Date };

const HEALTH_TIMEOUT_MS = 3000;

async function clientFor(endpoint: string, auth: { kind: 'key'; key: string } | { kind: 'identity' }): Promise<CosmosClient> {
  const options: CosmosClientOptions = {
    endpoint,
    // A local server advertises an https address the client must not switch to.
    connectionPolicy: { enableEndpointDiscovery: !endpoint.startsWith('http:') },
  };
  if (auth.kind === 'key') options.key = auth.key;
  else {
    // Loaded only for managed identity: it is the heaviest module here.
    const { DefaultAzureCredential } = await import('@azure/identity');
    options.aadCredentials = new DefaultAzureCredential();
  }
  return new CosmosClient(options);
}

async function createContainers(client: CosmosClient, databaseId: string): Promise<CosmosContainers> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const partnership = (await database.containers.createIfNotExists({ id: CONTAINERS.partnership.id, partitionKey: { paths: [CONTAINERS.partnership.partitionKey] } })).container;
  const directory = (await database.containers.createIfNotExists({ id: CONTAINERS.directory.id, partitionKey: { paths: [CONTAINERS.directory.partitionKey] } })).container;
  return { partnership, directory };
}

const NOT_SET_UP = 'Set it up once with `partnership-actions setup` (or restore a backup with `partnership-actions restore <file>`); see docs/data.md.';

/** What is there, created by nobody: says what is missing and what to run. */
async function existingContainers(database: Database, endpoint: string, canCreate: boolean): Promise<CosmosContainers> {
  const missing: string[] = [];
  for (const c of Object.values(CONTAINERS)) {
    try {
      await database.container(c.id).read();
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) missing.push(`${c.id} (partition key ${c.partitionKey})`);
      else throw new StoreSetupError(`Cannot reach Cosmos DB at ${endpoint}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (missing.length > 0) {
    throw new StoreSetupError(
      `Cosmos DB database "${database.id}" at ${endpoint} lacks container(s) ${missing.join(', ')}: it was never set up, or it has lost its data. ` +
        (canCreate ? NOT_SET_UP : 'Managed identity cannot create them: create them with the Azure CLI (az cosmosdb sql container create) or the Bicep in infra/, then run `partnership-actions setup`.'),
    );
  }
  return { partnership: database.container(CONTAINERS.partnership.id), directory: database.container(CONTAINERS.directory.id) };
}

async function requireMarker(containers: CosmosContainers, where: string): Promise<void> {
  if (!(await hasStoreMarker(containers.directory))) {
    throw new StoreSetupError(`The store at ${where} has lost its data, or was never set up: its set-up marker is missing, so nothing was read or written. ${NOT_SET_UP}`);
  }
}

/** Keeps an embedded store: restores DATA_DIR's snapshot into a fresh in-process server, or sets a new one up. */
async function openEmbedded(settings: Extract<CosmosSettings, { mode: 'embedded' }>, clock: () => Date): Promise<OpenStore> {
  const unlock = await lockDataDir(settings.dataDir);
  try {
    const snapshot = await readSnapshot(settings.dataDir);
    const { startEmbeddedCosmos } = await loadLocalOnly('cosmos', () => import('./embedded-cosmos.js')).catch((error: unknown) => {
      throw error instanceof DevDependencyMissing ? new StoreSetupError(error.message, { cause: error }) : error;
    });
    let saver: ReturnType<typeof snapshotSaver> | null = null;
    const server = await startEmbeddedCosmos({ afterWrite: () => saver?.save() ?? Promise.resolve() });
    const client = await clientFor(server.endpoint, { kind: 'key', key: 'embedded' });
    try {
      const containers = await createContainers(client, settings.database);
      saver = snapshotSaver(containers, settings.database, settings.dataDir, clock);
      if (snapshot === null) {
        saver.start();
        await writeStoreMarker(containers.directory, clock());
      } else {
        await restoreBackup(containers, snapshot, { replace: false });
        saver.start();
      }
      const saving = saver;
      return {
        store: new CosmosStore(containers),
        containers,
        endpoint: server.endpoint,
        database: settings.database,
        dataDir: settings.dataDir,
        created: snapshot === null,
        requests: server.requests,
        health: () => storeHealth(containers.directory, HEALTH_TIMEOUT_MS),
        close: async () => {
          await saving.settle();
          client.dispose();
          await server.stop();
          await unlock();
        },
      };
    } catch (error) {
      client.dispose();
      await server.stop();
      throw error;
    }
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openAccount(settings: Extract<CosmosSettings, { mode: 'account' }>, options: OpenStoreOptions): Promise<{ containers: CosmosContainers; created: boolean; client: CosmosClient }> {
  const client = await clientFor(settings.endpoint, settings.auth);
  try {
    const canCreate = settings.auth.kind === 'key';
    let containers: CosmosContainers;
    let created = false;
    if (options.setUp && canCreate) {
      containers = await createContainers(client, settings.database);
      created = !(await hasStoreMarker(containers.directory)) && (await countDocuments(containers)) === 0;
    } else {
      containers = await existingContainers(client.database(settings.database), settings.endpoint, canCreate);
    }
    if (options.setUp) await writeStoreMarker(containers.directory, (options.clock ?? (() => new Date()))());
    else await requireMarker(containers, `${settings.endpoint} (database "${settings.database}")`);
    return { containers, created, client };
  } catch (error) {
    client.dispose();
    if (error instanceof StoreSetupError) throw error;
    throw new StoreSetupError(`Cannot open Cosmos DB at ${settings.endpoint} (database "${settings.database}"): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Opens the configured store. Embedded: the in-process server, with DATA_DIR's
 * data restored into it (or set up on the first start). An account or local
 * server: with `setUp`, creates what is missing (a key may; managed identity
 * only checks) and writes the set-up marker; without, requires the marker.
 */
export async function openStore(settings: CosmosSettings, options: OpenStoreOptions): Promise<OpenStore> {
  if (settings.mode === 'embedded') return openEmbedded(settings, options.clock ?? (() => new Date()));
  const { containers, created, client } = await openAccount(settings, options);
  return {
    store: new CosmosStore(containers),
    containers,
    endpoint: settings.endpoint,
    database: settings.database,
    dataDir: null,
    created,
    requests: null,
    health: () => storeHealth(containers.directory, HEALTH_TIMEOUT_MS),
    close: async () => client.dispose(),
  };
}
