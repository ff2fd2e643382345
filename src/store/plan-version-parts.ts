import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PlanVersionSchema, type PlanVersion } from '../domain/action-record.js';

/**
 * A plan version as stored: a small head document and its parts, so no
 * document grows with the plan. The head holds the version's own fields and
 * the plan without its priorities; the parts hold, in order, each priority
 * (its fields without its actions), the priority's actions, and then what
 * changed, cut into documents of at most `PART_BYTES` of JSON each.
 *
 * A version's parts are named by a hash of their content (`key`), so writing
 * the same version twice writes the same parts, and a head only ever points
 * at a complete set: the parts are written before the head.
 */
export const PART_BYTES = 64 * 1024;

const EntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('priority'), priority: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('action'), action: z.unknown() }),
  z.object({ kind: z.enum(['added', 'removed', 'statusUpdates']), ref: z.string() }),
  z.object({ kind: z.literal('changed'), ref: z.string(), fields: z.array(z.string()) }),
]);
type Entry = z.infer<typeof EntrySchema>;

export const PlanVersionHeadSchema = PlanVersionSchema.omit({ plan: true, changes: true }).extend({
  plan: z.record(z.string(), z.unknown()),
  parts: z.object({ key: z.string().min(1), count: z.number().int().positive() }),
});
export type PlanVersionHead = z.infer<typeof PlanVersionHeadSchema>;

export const PlanVersionPartSchema = z.object({
  id: z.string().min(1),
  bodyId: z.string().min(1),
  year: z.string(),
  versionId: z.string().min(1),
  key: z.string().min(1),
  index: z.number().int().nonnegative(),
  entries: z.array(EntrySchema),
});
export type PlanVersionPart = z.infer<typeof PlanVersionPartSchema>;

export function partId(versionId: string, key: string, index: number): string {
  return `${versionId}:part:${key}:${String(index).padStart(4, '0')}`;
}

/** Cuts a version into its head and parts. */
export function splitPlanVersion(version: PlanVersion, partBytes = PART_BYTES): { head: PlanVersionHead; parts: PlanVersionPart[] } {
  const { priorities, ...planRest } = version.plan;
  const entries: Entry[] = [];
  for (const { actions, ...priority } of priorities) {
    entries.push({ kind: 'priority', priority });
    for (const action of actions) entries.push({ kind: 'action', action });
  }
  const { added, removed, changed, statusUpdates } = version.changes;
  for (const ref of added) entries.push({ kind: 'added', ref });
  for (const ref of removed) entries.push({ kind: 'removed', ref });
  for (const c of changed) entries.push({ kind: 'changed', ref: c.ref, fields: c.fields });
  for (const ref of statusUpdates) entries.push({ kind: 'statusUpdates', ref });

  const chunks: Entry[][] = [[]];
  let size = 0;
  for (const entry of entries) {
    const bytes = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (size + bytes > partBytes && chunks[chunks.length - 1]!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks[chunks.length - 1]!.push(entry);
    size += bytes;
  }
  const { plan: _plan, changes: _changes, ...own } = version;
  const key = createHash('sha256').update(JSON.stringify([own, planRest, chunks])).digest('hex').slice(0, 16);
  return {
    head: { ...own, plan: planRest, parts: { key, count: chunks.length } },
    parts: chunks.map((chunk, index) => ({
      id: partId(version.id, key, index),
      bodyId: version.bodyId,
      year: version.year,
      versionId: version.id,
      key,
      index,
      entries: chunk,
    })),
  };
}

/** Puts a version together again from its head and parts (any order); throws naming what is missing. */
export function joinPlanVersion(head: PlanVersionHead, parts: readonly PlanVersionPart[]): PlanVersion {
  const mine = parts.filter((p) => p.key === head.parts.key).sort((a, b) => a.index - b.index);
  if (mine.length !== head.parts.count || mine.some((p, i) => p.index !== i)) {
    throw new Error(`stored plan version ${head.id} is incomplete: ${mine.length} of its ${head.parts.count} parts were found`);
  }
  const priorities: Array<Record<string, unknown> & { actions: unknown[] }> = [];
  const changes: PlanVersion['changes'] = { added: [], removed: [], changed: [], statusUpdates: [] };
  for (const entry of mine.flatMap((p) => p.entries)) {
    if (entry.kind === 'priority') priorities.push({ ...entry.priority, actions: [] });
    else if (entry.kind === 'action') {
      const last = priorities[priorities.length - 1];
      if (last === undefined) throw new Error(`stored plan version ${head.id} has an action before any priority`);
      last.actions.push(entry.action);
    } else if (entry.kind === 'changed') changes.changed.push({ ref: entry.ref, fields: entry.fields });
    else changes[entry.kind].push(entry.ref);
  }
  const { parts: _parts, plan, ...own } = head;
  return PlanVersionSchema.parse({ ...own, plan: { ...plan, priorities }, changes });
}
