import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, startLoadWorld, type LoadWorld } from './load-world.js';

/**
 * Issue 13 item 6 at test size: 20 people submit 200 card updates through
 * /api/messages of two bot instances at once, while both schedulers tick.
 * The full 1,000 from 50 people, with times, is `npm run bench -- load`.
 */
const PEOPLE = 20;
const PER_PERSON = 10;

describe('two bot instances and two schedulers on one store', () => {
  let world: LoadWorld;
  beforeAll(async () => {
    world = await startLoadWorld(PEOPLE);
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
  });

  it(`${PEOPLE * PER_PERSON} card updates at once: every one answered recorded, 0 lost, 0 duplicated, each action's pointer on its newest update`, async () => {
    const { answers, refused } = await runLoad(world, PER_PERSON, 3);
    expect(refused).toEqual([]);
    expect(Object.fromEntries(answers)).toEqual({ recorded: PEOPLE * PER_PERSON });

    const { updates, pointers, newest } = await world.readBack();
    const expected = Array.from({ length: PEOPLE }, (_, p) => Array.from({ length: PER_PERSON }, (_, n) => `Update ${n} from person ${p}.`)).flat().sort();
    const stored = updates.map((u) => u.narrative).sort();
    const lost = expected.filter((n) => !stored.includes(n)).length;
    const duplicated = stored.length - new Set(stored).size;
    process.stdout.write(`load: ${JSON.stringify({ submits: expected.length, stored: stored.length, lost, duplicated, actions: pointers.size })}\n`);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect(stored).toEqual(expected);
    expect(pointers.size).toBe(PEOPLE / 2);
    expect(Object.fromEntries(pointers)).toEqual(Object.fromEntries(newest));
    expect(world.errors).toEqual([]);
  }, 300_000);
});
