import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { DIGEST_ITEMS_RECORD_MAX } from '../../src/domain/digest.js';
import { COORDINATOR, CSO, plan, planAction } from '../store/cosmos-fixture.js';
import { cosmosWorlds, recordingSender, TUESDAY } from './world.js';

const CSO_DIGEST = 'sent:digest:tenant-1:cso-1:2017-09-12';

/** `n` more of Casey's actions (plan 2018-19, 3.1…), each due on one of the days given. */
async function moreActions(deps: ServiceDeps, deadlines: readonly string[]): Promise<void> {
  await importPlan(deps, { bodyId: 'test-pcg', plan: plan(deadlines.map((deadline, i) => planAction(`3.${i + 1}`, { deadline }))), fileName: 'plan.csv', year: '2018-19', by: COORDINATOR });
}

describe('the day’s digest against a real Cosmos-compatible server', () => {
  const { world } = cosmosWorlds();

  it('sends one message per person and day, whatever the number and kind of actions due, and a repeated tick sends nothing', async () => {
    // Deadlines around Tuesday 12 September: prompts (14, 7 and 1 days ahead), reminders (1, 8 and 15 days overdue) and nothing due.
    const days = ['2017-09-13', '2017-09-19', '2017-09-26', '2017-09-11', '2017-09-04', '2017-08-28', '2017-10-30'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...days), { maxLength: 30 }), async (deadlines) => {
        const deps = await world({ asbroReachable: true });
        if (deadlines.length > 0) await moreActions(deps, deadlines);
        const io = recordingSender(TUESDAY);
        const scheduler = createScheduler(io.deps(deps.store));
        await scheduler.tick(io.now());
        io.advance(60_000);
        expect((await scheduler.tick(io.now())).sent).toEqual([]);
        const sends = new Map<string, number>();
        for (const s of io.sends) sends.set(s.conversation, (sends.get(s.conversation) ?? 0) + 1);
        for (const [conversation, n] of sends) expect(n, conversation).toBe(1);
        // Casey's digest carries 1.1's prompt, 1.2's reminder and each new action with something due today.
        const dueToday = deadlines.filter((d) => d !== '2017-10-30').length;
        expect(io.deliveries.filter((d) => d.conversation === 'a:cso')).toHaveLength(2 + dueToday);
        expect(io.sends.filter((d) => d.conversation === 'a:cso').map((d) => d.id)).toEqual([CSO_DIGEST]);
      }),
      { numRuns: 4 },
    );
  });

  it('combines a chair’s escalations into one card, and the channel’s into one post', async () => {
    const deps = await world({ asbroReachable: true });
    // Three of Jordan's actions overdue since 28 August; reminders go on 29 Aug, 5 Sep and 12 Sep, the third with the escalations.
    await importPlan(deps, {
      bodyId: 'test-pcg',
      plan: plan(['4.1', '4.2'].map((ref) => planAction(ref, { deadline: '2017-08-28', lead: 'ASBRO', support: [] }))),
      fileName: 'plan.csv',
      year: '2018-19',
      by: COORDINATOR,
    });
    const io = recordingSender('2017-08-29T08:00:00.000Z');
    const scheduler = createScheduler(io.deps(deps.store));
    for (const at of ['2017-08-29T08:00:00.000Z', '2017-09-05T08:00:00.000Z', TUESDAY]) {
      io.set(at);
      await scheduler.tick(io.now());
    }
    const tuesday = io.sends.filter((s) => s.at >= Date.parse(TUESDAY));
    expect(tuesday.map((s) => `${s.to}: ${s.id}`).sort()).toEqual([
      'Casey CSO: sent:digest:tenant-1:cso-1:2017-09-12',
      'Jordan ASBRO: sent:digest:tenant-1:asbro-1:2017-09-12',
      'PCG: sent:digest:channel-test-pcg:2017-09-12',
      'Pat Chair: sent:digest:tenant-1:chair-1:2017-09-12',
      // Told once, on its own: nobody holds 2.1's role.
      'Pat Chair: unreachable:body:role-LO',
    ]);
    const chair = io.messages.find((m) => m.kind === 'digest' && m.id === 'sent:digest:tenant-1:chair-1:2017-09-12');
    expect(chair?.kind === 'digest' && chair.entries.map((e) => `${e.item.ref} ${e.item.section}: ${e.item.reason} (lead ${e.lead})`)).toEqual([
      '1.3 chaired: overdue by 15 days; 2 reminders unanswered (lead ASBRO (Jordan ASBRO))',
      '4.1 chaired: overdue by 15 days; 2 reminders unanswered (lead ASBRO (Jordan ASBRO))',
      '4.2 chaired: overdue by 15 days; 2 reminders unanswered (lead ASBRO (Jordan ASBRO))',
    ]);
    const channel = io.messages.find((m) => m.kind === 'digest' && m.audience === 'channel');
    expect(channel?.kind === 'digest' && channel.entries.map((e) => e.item.ref)).toEqual(['1.3', '4.1', '4.2']);
  });

  it('never sends a second digest the same day: what falls due after it waits for the next morning’s', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    await scheduler.tick(io.now());
    // At 11:00 Casey moves 2.2's deadline to tomorrow: its 1-day prompt falls due today, after the day's digest went.
    io.set('2017-09-12T10:00:00.000Z');
    await recordUpdate(deps, { bodyId: 'test-pcg', ref: '2.2', status: 'amber', narrative: 'Venue moved.', revisedDeadline: '2017-09-13', author: CSO, source: 'card' });
    const late = await scheduler.tick(io.now());
    const prompt = 'sent:prompt:action:2017-18:2.2:2017-09-13-d1';
    expect(late.deferred).toEqual([prompt]);
    expect(io.sends.filter((s) => s.conversation === 'a:cso')).toHaveLength(1);
    io.set('2017-09-13T08:00:00.000Z');
    const morning = await scheduler.tick(io.now());
    expect(morning.sent).toEqual(expect.arrayContaining([prompt, 'sent:digest:tenant-1:cso-1:2017-09-13']));
    expect(io.sends.filter((s) => s.conversation === 'a:cso').map((s) => s.id)).toEqual([CSO_DIGEST, 'sent:digest:tenant-1:cso-1:2017-09-13']);
  });

  it('a person owed more actions than a record keeps gets them all in the day’s one digest: the first listed, the rest counted; none waits for another day', async () => {
    const deps = await world({ asbroReachable: true });
    // 1.1's prompt, 1.2's reminder and 230 prompts of 7 days: 232 for Casey today, 32 past what a record keeps.
    await moreActions(deps, Array.from({ length: 230 }, () => '2017-09-19'));
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    const first = await scheduler.tick(io.now());
    const digests = io.messages.filter((m) => m.kind === 'digest' && m.id === CSO_DIGEST);
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.kind === 'digest' && [digest.entries.length, digest.beyond]).toEqual([DIGEST_ITEMS_RECORD_MAX, 32]);
    const record = (await deps.store.readOutbound('test-pcg', CSO_DIGEST))!.value;
    expect([record.state, record.items?.length, record.beyond]).toEqual(['sent', DIGEST_ITEMS_RECORD_MAX, 32]);
    const caseys = first.sent.filter((id) => id.startsWith('sent:prompt:action:2018-19:3.'));
    expect(caseys).toHaveLength(230);
    for (const id of [caseys[0]!, caseys.at(-1)!]) expect((await deps.store.readOutbound('test-pcg', id))?.value.state).toBe('sent');

    // Later ticks that day and the next morning find nothing of these left to send or to put off.
    for (const at of ['2017-09-12T08:05:00.000Z', '2017-09-13T08:00:00.000Z']) {
      io.set(at);
      const later = await scheduler.tick(io.now());
      expect([...later.sent, ...later.deferred, ...later.failed].filter((id) => id.includes(':2018-19:3.'))).toEqual([]);
    }
    expect(io.sends.filter((s) => s.conversation === 'a:cso').map((s) => s.id)).toEqual([CSO_DIGEST]);
  });
});
