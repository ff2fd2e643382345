import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundRecordSchema } from '../../src/domain/outbound-record.js';
import { restoreBackup, takeBackup } from '../../src/store/backup.js';
import { BLIND_FAULTS as KINDS, emptyTickTally, PROMPT_AT, startFaultedApp, type FaultedApp } from './faulted-app.js';

/**
 * Issue 13 item 5: a person's daily digest carries several actions, each
 * claimed in the store one by one before the digest's own claim and its one
 * send. The store fails after k of its n claims, for each k: the next tick
 * sends the digest once, carrying every action exactly once.
 */
describe("a digest's claims faulted partway (fault proxy)", () => {
  let world: FaultedApp;

  beforeAll(async () => {
    world = await startFaultedApp();
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('a fault after k of its n claims, for each k: the next tick sends the digest once, every action carried exactly once', async () => {
    const { proxy, app, settle, records } = world;
    const baseline = await world.baseline();
    app.client.takeAll();

    // The clean tick: the person's digest, its actions' records, and where in the tick's store requests each claim falls.
    const first = proxy.requestLog().length;
    world.clock.now = Date.parse(PROMPT_AT);
    await app.server.scheduler.tick();
    const tickLog = proxy.requestLog().slice(first);
    const expected = await settle();
    const expectedRecords = await records();
    const stored = await takeBackup(world.store.opened.containers, world.store.opened.database, new Date());
    const digests = stored.containers.partnership.filter((doc) => doc['type'] === 'sent').map((doc) => OutboundRecordSchema.parse(doc)).filter((r) => r.kind === 'digest' && r.id.includes(app.me.aadObjectId.toLowerCase()));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    const claims = [...(digest.items ?? []).map((i) => i.recordId), digest.id].map((id) => tickLog.findIndex((line) => line.startsWith('POST ') && line.endsWith(` ${id}`)) + 1);
    const n = claims.length - 1;
    expect(n, 'actions in the digest').toBeGreaterThanOrEqual(2);
    expect(claims.every((at) => at > 0), `every claim is a create in the tick: ${claims.join(', ')}`).toBe(true);

    const tally = { actionsInDigest: n, faulted: 0, ...emptyTickTally() };
    for (const [name, fault] of KINDS) {
      // k = 0 … n-1: the (k+1)th action's claim fails; k = n: the digest's own claim, after all of its actions'.
      for (let k = 0; k <= n; k++) {
        await restoreBackup(world.store.opened.containers, baseline, { replace: true });
        const faultedBefore = proxy.counts().faulted;
        proxy.faultNth(claims[k]!, fault);
        world.clock.now = Date.parse(PROMPT_AT);
        await app.server.scheduler.tick().catch(() => null);
        tally.faulted += proxy.counts().faulted - faultedBefore;
        await world.nextTickFinishes({ expected, expectedRecords }, tally, `${name} after ${k} of ${n} claims`);
      }
    }
    process.stdout.write(`store faults during a digest's claims: ${JSON.stringify(tally)}\n`);
    expect(tally.faulted).toBe(KINDS.length * (n + 1));
    // A message a faulted tick could not complete is logged as an error (the next tick sends it): that, and nothing else.
    expect(app.errors.filter((line) => !line.startsWith('scheduled message not completed') && !line.startsWith('tick failed'))).toEqual([]);
    app.errors.splice(0);
  }, 300_000);
});
