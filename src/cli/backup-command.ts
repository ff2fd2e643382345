import { readFile, stat } from 'node:fs/promises';
import { BackupError, countDocuments, MAX_BACKUP_BYTES, parseBackup, restoreBackup, takeBackup, writeFileAtomically } from '../store/backup.js';
import type { OpenStore } from '../store/open-store.js';
import { hasStoreMarker } from '../store/store-marker.js';
import type { CommandIo } from './import-command.js';

/** Opens the configured store (see open-store.ts for `setUp`). */
export type OpenConfigured = (setUp: boolean) => Promise<OpenStore>;

async function using<T>(open: OpenConfigured, setUp: boolean, use: (opened: OpenStore) => Promise<T>): Promise<T> {
  const opened = await open(setUp);
  try {
    return await use(opened);
  } finally {
    await opened.close();
  }
}

const where = (opened: OpenStore) => (opened.dataDir === null ? `${opened.endpoint} (database "${opened.database}")` : `the embedded store in ${opened.dataDir}`);

/** `backup <file>`: every document of the configured store, as one JSON file, written whole or not at all. */
export async function backupCommand(file: string, open: OpenConfigured, io: CommandIo, clock: () => Date = () => new Date()): Promise<number> {
  return using(open, false, async (opened) => {
    const backup = await takeBackup(opened.containers, opened.database, clock());
    await writeFileAtomically(file, `${JSON.stringify(backup, null, 1)}\n`);
    const { partnership, directory } = backup.containers;
    io.out(`Backed up ${partnership.length + directory.length} documents from ${where(opened)} to ${file}.`);
    return 0;
  });
}

/**
 * `restore <file> [--replace]`: writes a backup into the configured store.
 * Into an empty (or new) store as it is; into one holding data only with
 * `--replace`, which leaves the store exactly as the backup was.
 */
export async function restoreCommand(file: string, options: { replace?: boolean }, open: OpenConfigured, io: CommandIo): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    io.err(`Cannot restore ${file}: no such file`);
    return 1;
  }
  if (info.size > MAX_BACKUP_BYTES) {
    io.err(`Cannot restore ${file}: it is ${Math.round(info.size / 1024 / 1024)} MB, over the ${MAX_BACKUP_BYTES / 1024 / 1024} MB a backup can be`);
    return 1;
  }
  let backup;
  try {
    backup = parseBackup(await readFile(file, 'utf8'), file);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`Cannot restore: ${error.message}`);
    return 1;
  }
  return using(open, true, async (opened) => {
    const held = (await countDocuments(opened.containers)) - ((await hasStoreMarker(opened.containers.directory)) ? 1 : 0);
    if (held > 0 && !options.replace) {
      io.err(`Not restored: ${where(opened)} already holds ${held} documents. Restore into an empty database, or add --replace to make the store exactly what ${file} holds (deleting what it lacks).`);
      return 1;
    }
    const { written, removed } = await restoreBackup(opened.containers, backup, { replace: options.replace === true });
    io.out(`Restored ${written} documents into ${where(opened)} from ${file} (taken ${backup.takenAt} from database "${backup.database}")${removed > 0 ? `; removed ${removed} the backup lacked` : ''}.`);
    return 0;
  });
}

/** `setup`: creates the database and its containers where a key may, and writes the set-up marker. */
export async function setupCommand(open: OpenConfigured, io: CommandIo): Promise<number> {
  return using(open, true, async (opened) => {
    io.out(opened.created ? `Set up ${where(opened)}: an empty store, ready for "body create".` : `${where(opened)} is set up (its data is kept).`);
    return 0;
  });
}
