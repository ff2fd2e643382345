import { open, rename, rm } from 'node:fs/promises';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import type { CosmosContainers } from './cosmos-store.js';
import { STORE_MARKER_ID } from './store-marker.js';

/**
 * A whole store as one JSON file: every document of both containers, without
 * the server's own fields (`_rid`, `_etag`, …), which the store receiving it
 * makes anew. Taken and restored through the `@azure/cosmos` client, so it
 * works the same against Azure Cosmos DB and a local server; the embedded
 * store keeps its data across restarts as one (persist-embedded.ts).
 */
export const BACKUP_FORMAT = 'partnership-actions-backup';

/** A backup this size is far beyond any partnership's decade of plans; more is not ours. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

const DocumentSchema = z.looseObject({ id: z.string().min(1) });

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  takenAt: z.string(),
  database: z.string(),
  containers: z.object({ partnership: z.array(DocumentSchema), directory: z.array(DocumentSchema) }),
});

export type Backup = z.infer<typeof BackupSchema>;

type ContainerName = keyof Backup['containers'];
const PARTITION_KEY: Record<ContainerName, string> = { partnership: 'bodyId', directory: 'id' };

export class BackupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackupError';
  }
}

function withoutServerFields(doc: Record<string, unknown>): Record<string, unknown> & { id: string } {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_'))) as Record<string, unknown> & { id: string };
}

async function allDocuments(container: Container): Promise<Array<Record<string, unknown> & { id: string }>> {
  const { resources } = await container.items.query<Record<string, unknown> & { id: string }>('SELECT * FROM c').fetchAll();
  return resources.map(withoutServerFields).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function takeBackup(containers: CosmosContainers, database: string, at: Date): Promise<Backup> {
  return {
    format: BACKUP_FORMAT,
    version: 1,
    takenAt: at.toISOString(),
    database,
    containers: { partnership: await allDocuments(containers.partnership), directory: await allDocuments(containers.directory) },
  };
}

/** Reads a backup file's text, saying what is wrong with it in terms a person can act on. */
export function parseBackup(text: string, file: string): Backup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${file} is not a backup: it is not JSON`);
  }
  const parsed = BackupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(`${file} is not a ${BACKUP_FORMAT} version 1 file: ${issue.path.join('.') || 'the top level'} ${issue.message}`);
  }
  if (!parsed.data.containers.directory.some((d) => d.id === STORE_MARKER_ID)) {
    throw new BackupError(`${file} lacks the store's set-up marker: it was not taken from a set-up store`);
  }
  return parsed.data;
}

/** How many documents each container holds. */
export async function countDocuments(containers: CosmosContainers): Promise<number> {
  let count = 0;
  for (const container of [containers.partnership, containers.directory]) {
    const { resources } = await container.items.query<number>('SELECT VALUE COUNT(1) FROM c').fetchAll();
    count += resources[0] ?? 0;
  }
  return count;
}

/** Runs `work` over `items`, `width` at a time: a store takes many small writes better in parallel than one by one. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

/**
 * Writes every document of the backup. With `replace`, first deletes every
 * document the store holds that the backup lacks, so the store ends as the
 * backup was; without it, the caller has checked the store is empty.
 */
export async function restoreBackup(containers: CosmosContainers, backup: Backup, options: { replace: boolean }): Promise<{ written: number; removed: number }> {
  let written = 0;
  let removed = 0;
  for (const name of ['partnership', 'directory'] as const) {
    const container = containers[name];
    const docs = backup.containers[name];
    if (options.replace) {
      const keep = new Set(docs.map((d) => `${String(d[PARTITION_KEY[name]])}\u0000${d.id}`));
      const { resources } = await container.items.query<{ id: string; pk: unknown }>(`SELECT c.id, c.${PARTITION_KEY[name]} AS pk FROM c`).fetchAll();
      const extra = resources.filter((r) => !keep.has(`${String(r.pk)}\u0000${r.id}`));
      await inParallel(extra, 16, (r) => container.item(r.id, r.pk as string).delete());
      removed += extra.length;
    }
    await inParallel(docs, 16, (doc) => container.items.upsert(doc));
    written += docs.length;
  }
  return { written, removed };
}

/** Writes beside the file and renames over it: a crash leaves the old file or the new one, never half of one. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
