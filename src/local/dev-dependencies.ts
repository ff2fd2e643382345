import { createRequire } from 'node:module';

/**
 * Local mode runs two development dependencies: the Agents Playground (the
 * local Teams client, under a pre-release evaluation licence that forbids
 * shipping it) and the local Cosmos-compatible server. A production install
 * (`npm ci --omit=dev`, the container image) leaves both out, so they are
 * loaded only when local mode asks for them, and their absence is explained.
 */
export const LOCAL_MODE_PACKAGES = {
  playground: {
    name: '@microsoft/m365agentsplayground',
    purpose: 'the Agents Playground (the local Teams client)',
  },
  cosmos: {
    name: '@vercel/cosmosdb-server',
    purpose: 'the embedded Cosmos-compatible server',
  },
} as const;

export type LocalModePackage = keyof typeof LOCAL_MODE_PACKAGES;

export class DevDependencyMissing extends Error {
  constructor(which: LocalModePackage, options?: { cause?: unknown }) {
    const { name, purpose } = LOCAL_MODE_PACKAGES[which];
    super(
      `Cannot start in local mode: ${purpose} (${name}) is a development dependency and this is a production install (npm ci --omit=dev). ` +
        'Either install everything for local use (npm install, then npm start), or run in azure mode: set COSMOS_ENDPOINT, MicrosoftAppId and the settings ' +
        'docs/deploy-azure.md lists' +
        (which === 'playground' ? ', or PLAYGROUND=off to run the bot without the local Teams client.' : '.'),
      options,
    );
    this.name = 'DevDependencyMissing';
  }
}

function isMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && error instanceof Error && error.message.includes(name);
}

/** Loads a module that needs a local-mode package; its absence becomes a DevDependencyMissing naming the fix. */
export async function loadLocalOnly<T>(which: LocalModePackage, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, LOCAL_MODE_PACKAGES[which].name)) throw new DevDependencyMissing(which, { cause: error });
    throw error;
  }
}

/** Resolves a file of a local-mode package (for a child process to run), or throws DevDependencyMissing. */
export function resolveLocalOnly(which: LocalModePackage, file: string, from: string = import.meta.url): string {
  try {
    return createRequire(from).resolve(`${LOCAL_MODE_PACKAGES[which].name}/${file}`);
  } catch (error) {
    if (isMissing(error, LOCAL_MODE_PACKAGES[which].name)) throw new DevDependencyMissing(which, { cause: error });
    throw error;
  }
}
