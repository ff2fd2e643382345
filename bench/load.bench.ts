import { runLoad, startLoadWorld } from '../test/load/load-world.js';

/**
 * Issue 13 item 6: 50 people submit 1,000 card updates at once through
 * /api/messages of two bot instances sharing one store (the in-process
 * Cosmos-compatible server), while both instances' schedulers tick. Reports
 * the submit time a person sees (p50/p95), the store requests per update,
 * and the counts that must hold: lost 0, duplicated 0, pointers on the newest.
 */
const PEOPLE = 50;
const PER_PERSON = 20;
const TICKS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default async function bench(): Promise<string[]> {
  const world = await startLoadWorld(PEOPLE);
  try {
    const before = world.store.server.requests();
    const conflictsBefore = world.store.server.responses(412);
    const started = process.hrtime.bigint();
    const { times, answers, refused } = await runLoad(world, PER_PERSON, TICKS);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const requests = world.store.server.requests() - before;
    const conflicts = world.store.server.responses(412) - conflictsBefore;
    const { updates, pointers, newest } = await world.readBack();
    const narratives = updates.map((u) => u.narrative);
    const expected = PEOPLE * PER_PERSON;
    const lost = expected - new Set(narratives).size;
    const duplicated = narratives.length - new Set(narratives).size;
    const offNewest = [...pointers].filter(([ref, id]) => newest.get(ref) !== id).length;
    const sorted = [...times].sort((a, b) => a - b);
    return [
      `${PEOPLE} people, ${expected} card updates at once through /api/messages of 2 instances (alternating), ${TICKS} ticks of both schedulers at once, one store:`,
      `  answers: ${JSON.stringify(Object.fromEntries(answers))}${refused.length > 0 ? `; first refusal: ${refused[0]}` : ''}`,
      `  stored ${narratives.length}, lost ${lost}, duplicated ${duplicated}, actions whose pointer is not on their newest update ${offNewest} of ${pointers.size}`,
      `  submit time: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; all ${expected} in ${(wallMs / 1000).toFixed(1)} s`,
      `  store requests: ${(requests / expected).toFixed(2)} per update (${requests} in all, ticks included; ${conflicts} answered 412, an etag conflict on a pointer)`,
    ];
  } finally {
    await world.stop();
  }
}
