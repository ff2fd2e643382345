import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBackup, takeBackup, writeFileAtomically, type Backup } from './backup.js';
import type { CosmosContainers } from './cosmos-store.js';
import { StoreSetupError } from './store-setup-error.js';

/**
 * Keeps the embedded store's data in a folder (DATA_DIR) across restarts:
 * `store.json` is a backup (backup.ts) rewritten after every write, before
 * the write is acknowledged (group commit: writes that arrive during a save
 * share the next one), always beside the old file and renamed over it. So a
 * write the app was told succeeded survives a kill, and a kill mid-save
 * leaves the previous file whole. A `lock` file holds the folder for one
 * process at a time.
 */
export const SNAPSHOT_FILE = 'store.json';
const LOCK_FILE = 'lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder for this process; a lock left by a process that is gone is taken over. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new StoreSetupError(`Cannot create DATA_DIR ${dataDir}: ${(error as Error).message}`, { cause: error });
  });
  const lock = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreSetupError(`Cannot lock DATA_DIR ${dataDir}: ${(error as Error).message}`, { cause: error });
      const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new StoreSetupError(
          `DATA_DIR ${dataDir} is in use by process ${holder} (another npm start?): stop it, or set DATA_DIR to another folder. If no such process runs, delete ${lock}.`,
        );
      }
      await rm(lock, { force: true });
    }
  }
  throw new StoreSetupError(`Cannot lock DATA_DIR ${dataDir}: another process keeps taking it`);
}

/** The saved data, or null when the folder has none yet (a first start). A file that cannot be read stops start-up: it is never overwritten. */
export async function readSnapshot(dataDir: string): Promise<Backup | null> {
  const file = join(dataDir, SNAPSHOT_FILE);
  const info = await stat(file).catch(() => null);
  if (info === null) return null;
  try {
    return parseBackup(await readFile(file, 'utf8'), file);
  } catch (error) {
    throw new StoreSetupError(
      `Cannot start: ${(error as Error).message}. Nothing was changed. Move ${file} aside to start afresh (it may be restored later with partnership-actions restore), or set DATA_DIR to another folder.`,
      { cause: error },
    );
  }
}

export type Saver = {
  /** Resolves once a save that began after this call has finished. */
  save: () => Promise<void>;
  /** Saves from now on (not while the store is being filled from the snapshot). */
  start: () => void;
  /** Waits for a save in progress. */
  settle: () => Promise<void>;
};

export function snapshotSaver(containers: CosmosContainers, database: string, dataDir: string, clock: () => Date = () => new Date()): Saver {
  const file = join(dataDir, SNAPSHOT_FILE);
  let started = false;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const saveNow = async () => {
    await writeFileAtomically(file, `${JSON.stringify(await takeBackup(containers, database, clock()))}\n`);
  };
  const run = (): Promise<void> => {
    const saving = saveNow().finally(() => {
      if (running === saving) running = null;
    });
    running = saving;
    return saving;
  };
  return {
    save: () => {
      if (!started) return Promise.resolve();
      if (running === null) return run();
      // A save in progress may have read before this write: the next one, shared by every write until it starts, covers it.
      next ??= running.catch(() => undefined).then(() => {
        next = null;
        return run();
      });
      return next;
    },
    start: () => {
      started = true;
    },
    settle: async () => {
      await next?.catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}
