import { CosmosClient, type CosmosClientOptions, type Database } from '@azure/cosmos';
import type { CosmosSettings } from '../config.js';
import { DevDependencyMissing, loadLocalOnly } from '../dev-dependencies.js';
import { CosmosStore, type CosmosContainers } from './cosmos-store.js';
import type { PartnershipStore } from './store.port.js';

/** The containers and their partition keys (see cosmos-store.ts). */
export const CONTAINERS = {
  partnership: { id: 'partnership', partitionKey: '/bodyId' },
  directory: { id: 'directory', partitionKey: '/id' },
} as const;

export type OpenStore = {
  store: PartnershipStore;
  /** Where the data lives, for people: the endpoint and database. */
  endpoint: string;
  database: string;
  /** True when the data is in this process's memory and gone at exit. */
  inMemory: boolean;
  /** Store HTTP requests so far, when the server is in this process (embedded); else null. */
  requests: (() => number) | null;
  close: () => Promise<void>;
};

export class StoreSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreSetupError';
  }
}

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

/** With managed identity the data plane may not create anything: check what is there and say what is missing. */
async function existingContainers(database: Database, endpoint: string): Promise<CosmosContainers> {
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
      `Cosmos DB database "${database.id}" at ${endpoint} lacks container(s) ${missing.join(', ')}. ` +
        'Managed identity cannot create them: create them with the Azure CLI (az cosmosdb sql container create) or set COSMOS_KEY.',
    );
  }
  return { partnership: database.container(CONTAINERS.partnership.id), directory: database.container(CONTAINERS.directory.id) };
}

/**
 * Opens the configured store. Embedded: starts the in-process server and
 * creates the database and containers. An account with a key: creates the
 * database and containers if missing (a key may). Managed identity: creates
 * nothing, checks the containers exist.
 */
export async function openStore(settings: CosmosSettings): Promise<OpenStore> {
  if (settings.mode === 'embedded') {
    const { startEmbeddedCosmos } = await loadLocalOnly('cosmos', () => import('./embedded-cosmos.js')).catch((error: unknown) => {
      throw error instanceof DevDependencyMissing ? new StoreSetupError(error.message, { cause: error }) : error;
    });
    const server = await startEmbeddedCosmos();
    const client = await clientFor(server.endpoint, { kind: 'key', key: 'embedded' });
    try {
      const containers = await createContainers(client, settings.database);
      return {
        store: new CosmosStore(containers),
        endpoint: server.endpoint,
        database: settings.database,
        inMemory: true,
        requests: server.requests,
        close: async () => {
          client.dispose();
          await server.stop();
        },
      };
    } catch (error) {
      client.dispose();
      await server.stop();
      throw error;
    }
  }
  const client = await clientFor(settings.endpoint, settings.auth);
  try {
    const containers =
      settings.auth.kind === 'key' ? await createContainers(client, settings.database) : await existingContainers(client.database(settings.database), settings.endpoint);
    return {
      store: new CosmosStore(containers),
      endpoint: settings.endpoint,
      database: settings.database,
      inMemory: false,
      requests: null,
      close: async () => client.dispose(),
    };
  } catch (error) {
    client.dispose();
    if (error instanceof StoreSetupError) throw error;
    throw new StoreSetupError(`Cannot open Cosmos DB at ${settings.endpoint} (database "${settings.database}"): ${(error as Error).message}`, { cause: error });
  }
}
