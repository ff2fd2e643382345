import { describe, expect, it } from 'vitest';
import { dueScan } from '../../src/domain/due-scan.js';
import { DEFAULT_CHASE_SETTINGS } from '../../src/domain/chase-settings.js';
import { SendRefused, type OutboundMessage } from '../../src/scheduler/outbound.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { markUnreachable } from '../../src/services/mark-unreachable.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { setChaseSettings } from '../../src/services/set-chase-settings.js';
import { ProactiveSendError } from '../../src/teams/create-bot.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importPlan } from '../../src/services/import-plan.js';
import { ASBRO, CHAIR, COORDINATOR, CSO, plan, planAction } from '../store/cosmos-fixture.js';
import { cosmosWorlds, recordingSender, TUESDAY } from './world.js';

const MINUTE = 60_000;
const PROMPT = 'sent:prompt:action:2017-18:1.1:2017-09-19-d7';
const REMINDER = 'sent:reminder:action:2017-18:1.2:2017-09-11-r1';
/** Casey CSO's digest on Tuesday 12 September: 1.1's prompt and 1.2's reminder, as one message. */
const CSO_DIGEST = 'sent:digest:tenant-1:cso-1:2017-09-12';
const toCso = (m: OutboundMessage) => m.kind === 'digest' && m.id === CSO_DIGEST;

async function recordOf(deps: ServiceDeps, id: string, at = TUESDAY) {
  const { records } = await deps.store.scanDue(dueScan(new Date(at), DEFAULT_CHASE_SETTINGS));
  return records.find((r) => r.value.id === id)?.value;
}

describe('scheduler tick against a real Cosmos-compatible server', () => {
  const { world } = cosmosWorlds();

  it('sends what is due once, to the lead, the chair and the channel, and tells the chair of the unreachable once', async () => {
    const deps = await world();
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    const report = await scheduler.tick(io.now());
    // 1.3's reminders never reached ASBRO, so its third is no escalation: the chair hears that ASBRO is unreachable instead.
    expect(io.deliveries.map((d) => `${d.kind} ${d.to}`).sort()).toEqual([
      'prompt Casey CSO',
      'reminder Casey CSO',
      'unreachable Pat Chair',
      'unreachable Pat Chair',
    ]);
    expect(report.unreachable).toEqual(['sent:reminder:action:2017-18:1.3:2017-08-28-r3', 'sent:prompt:action:2017-18:2.1:2017-09-26-d14']);
    expect(await recordOf(deps, 'sent:reminder:action:2017-18:1.3:2017-08-28-r3')).toMatchObject({ state: 'failed', nextAttemptAt: null, lastError: 'unreachable (no-conversation): Jordan ASBRO' });
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'sent', attempts: 1, sentAt: TUESDAY, nextAttemptAt: null, lastError: null });
    expect((await scheduler.tick(io.now())).sent).toEqual([]);

    // A week on, ASBRO's next reminder is unreachable too, and the chair is not told again.
    io.set('2017-09-19T08:00:00.000Z');
    const later = await scheduler.tick(io.now());
    expect(later.unreachable).toContain('sent:reminder:action:2017-18:1.3:2017-08-28-r4');
    expect(io.deliveries.filter((d) => d.kind === 'unreachable')).toHaveLength(2);
  });

  it('escalates to the chair and the channel after two reminders that reached the lead go unanswered', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender('2017-08-29T08:00:00.000Z');
    const scheduler = createScheduler(io.deps(deps.store));
    const escalations = () => io.deliveries.filter((d) => d.kind === 'escalation').map((d) => `${d.id} → ${d.to}`);
    await scheduler.tick(io.now());
    io.set('2017-09-05T08:00:00.000Z');
    await scheduler.tick(io.now());
    expect(escalations()).toEqual([]);
    io.set(TUESDAY);
    await scheduler.tick(io.now());
    expect(io.deliveries.filter((d) => d.kind === 'reminder' && d.to === 'Jordan ASBRO').map((d) => d.id)).toEqual([1, 2, 3].map((k) => `reminder:action:2017-18:1.3:2017-08-28-r${k}`));
    expect(escalations().sort()).toEqual([
      'escalation:action:2017-18:1.3:2017-08-28-r3-chair → Pat Chair',
      'escalation:action:2017-18:1.3:2017-08-28-r3-channel → PCG',
    ]);
  });

  it('after a gap, sends the latest slot it missed once, and a new installation sends nothing from before it ran', async () => {
    const ids = (io: ReturnType<typeof recordingSender>) => io.deliveries.filter((d) => d.to === 'Casey CSO').map((d) => d.id).sort();
    // Wednesday 13 September: 1.1's 7-day prompt and 1.2's first reminder were due on Tuesday, while the bot was down.
    const WEDNESDAY = '2017-09-13T09:30:00.000Z';
    const missed = ['prompt:action:2017-18:1.1:2017-09-19-d7', 'reminder:action:2017-18:1.2:2017-09-11-r1'];

    const fresh = await world();
    const first = recordingSender(WEDNESDAY);
    await createScheduler(first.deps(fresh.store)).tick(first.now());
    expect(ids(first)).toEqual([]);

    const running = await world();
    const io = recordingSender('2017-09-11T15:00:00.000Z');
    const scheduler = createScheduler(io.deps(running.store));
    await scheduler.tick(io.now());
    expect(ids(io)).toEqual([]);
    io.set(WEDNESDAY);
    await scheduler.tick(io.now());
    expect(ids(io)).toEqual(missed);
    io.advance(MINUTE);
    await scheduler.tick(io.now());
    expect(ids(io)).toEqual(missed);

    // Down for three weeks: 1.2 is then on its fourth reminder, and that one alone goes out.
    io.set('2017-10-03T08:00:00.000Z');
    const later = await scheduler.tick(io.now());
    expect(later.sent.filter((id) => id.includes(':1.2:'))).toEqual(['sent:reminder:action:2017-18:1.2:2017-09-11-r4']);
  });

  it('chases a body with settings of its own by them: a 3-day prompt at 10:00 its time, which the defaults would never send', async () => {
    const deps = await world();
    await setChaseSettings(deps, { bodyId: 'test-pcg', settings: { promptDaysBefore: [3], sendAt: '10:00' }, by: COORDINATOR });
    // 1.1 is due Tuesday 19 September: 3 days before is a Saturday, so Friday 15th at 10:00 BST.
    const io = recordingSender('2017-09-15T08:30:00.000Z');
    const scheduler = createScheduler(io.deps(deps.store));
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    io.set('2017-09-15T09:00:00.000Z');
    const report = await scheduler.tick(io.now());
    expect(report.sent).toContain('sent:prompt:action:2017-18:1.1:2017-09-19-d3');
    expect(report.sent.filter((id) => id.includes('-d7') || id.includes('-d14'))).toEqual([]);
  });

  it('gives the lead the update card data for the action', async () => {
    const deps = await world();
    const io = recordingSender(TUESDAY);
    const messages: OutboundMessage[] = [];
    io.failWhen((m) => (messages.push(m), null));
    await createScheduler(io.deps(deps.store)).tick(io.now());
    const digest = messages.find(toCso);
    expect(digest).toMatchObject({ kind: 'digest', audience: 'person', recordBodyId: 'test-pcg', date: '2017-09-12', timeZone: 'Europe/London' });
    expect(digest?.kind === 'digest' && digest.entries.map((e) => e.item.reason)).toEqual(['due in 7 days, Tue 19 Sep 2017', 'overdue by 1 day, 1st reminder']);
    expect(digest?.kind === 'digest' && digest.entries[0]).toMatchObject({
      item: { recordId: PROMPT, bodyId: 'test-pcg', actionId: 'action:2017-18:1.1', year: '2017-18', ref: '1.1', section: 'yours' },
      bodyName: 'Test PCG',
      action: { bodyId: 'test-pcg', year: '2017-18', ref: '1.1', text: 'Action 1.1', measure: 'Measure 1.1', deadline: '2017-09-19', status: 'not-reported', latest: null, refreshUserIds: ['29:a:cso'] },
    });
  });

  it('retries a failed send with growing waits, keeping the failure visible', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    io.failWhen((m, attempt) => (toCso(m) && attempt <= 2 ? Object.assign(new Error('Service Unavailable'), { status: 503 }) : null));
    const scheduler = createScheduler(io.deps(deps.store));
    const start = Date.parse(TUESDAY);

    // The digest failed: each action it carried fails with it, and all are retried together, as one message again.
    expect((await scheduler.tick(io.now())).failed.sort()).toEqual([PROMPT, REMINDER]);
    // Backoff 1 minute × 2^(attempts − 1), times 0.5 + jitter / 2 (jitter 0.5 here): 45 s, then 90 s.
    const first = { state: 'failed', attempts: 1, nextAttemptAt: new Date(start + 45_000).toISOString(), lastError: 'transient: Service Unavailable' };
    for (const id of [PROMPT, REMINDER, CSO_DIGEST]) expect(await recordOf(deps, id)).toMatchObject(first);
    io.set(new Date(start + 44_000).toISOString());
    expect((await scheduler.tick(io.now())).failed).toEqual([]);
    io.set(new Date(start + 45_000).toISOString());
    expect((await scheduler.tick(io.now())).failed.sort()).toEqual([PROMPT, REMINDER]);
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: new Date(start + 135_000).toISOString() });
    io.set(new Date(start + 135_000).toISOString());
    expect((await scheduler.tick(io.now())).sent.sort()).toEqual([PROMPT, REMINDER, CSO_DIGEST].sort());
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'sent', attempts: 3, lastError: 'transient: Service Unavailable' });
    expect(await recordOf(deps, CSO_DIGEST)).toMatchObject({ state: 'sent', attempts: 3 });
    expect(io.deliveries.filter((d) => d.id === PROMPT.slice(5))).toHaveLength(1);
    expect(io.sends.filter((d) => d.conversation === 'a:cso')).toHaveLength(1);
  });

  it('gives up after the last attempt, and on a refusal a retry cannot fix', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    // Casey's digest is refused outright (400); Jordan's fails as a socket error every time.
    io.failWhen((m) => (toCso(m) ? Object.assign(new Error('Bad Request'), { status: 400 }) : m.kind === 'digest' && m.id.includes('asbro') ? new Error('socket hang up') : null));
    const scheduler = createScheduler({ ...io.deps(deps.store), options: { maxAttempts: 2 } });
    await scheduler.tick(io.now());
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null, lastError: 'rejected: Bad Request' });
    io.advance(10 * MINUTE);
    await scheduler.tick(io.now());
    io.advance(10 * MINUTE);
    await scheduler.tick(io.now());
    expect(await recordOf(deps, 'sent:reminder:action:2017-18:1.3:2017-08-28-r3')).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: null, lastError: 'transient: socket hang up' });
    expect(io.attempts.filter((a) => a.kind === 'digest' && a.to === 'Jordan ASBRO')).toHaveLength(2);
    expect(io.attempts.filter((a) => a.kind === 'digest' && a.to === 'Casey CSO')).toHaveLength(1);
  });

  it('honours a 429’s Retry-After: every send waits for it (the tenant’s limit), and what would wait too long goes with a later tick', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    let throttled = false;
    io.failWhen((m) => {
      if (throttled || !toCso(m)) return null;
      throttled = true;
      return new SendRefused('throttled', 'Too Many Requests', 120_000);
    });
    const scheduler = createScheduler(io.deps(deps.store));
    const first = await scheduler.tick(io.now());
    expect(first.failed.sort()).toEqual([PROMPT, REMINDER]);
    // Jordan's digest went at the same instant; everything after the 429 waits rather than meet another, in this conversation and the others.
    const held = ['sent:unreachable:body:role-LO@tenant-1:chair-1'];
    expect(first.deferred).toEqual(held);
    expect(io.sends.map((d) => d.to)).toEqual(['Jordan ASBRO']);
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'failed', nextAttemptAt: new Date(Date.parse(TUESDAY) + 120_000).toISOString() });
    io.advance(MINUTE);
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    io.advance(MINUTE);
    const third = await scheduler.tick(io.now());
    expect(third.sent.sort()).toEqual([PROMPT, REMINDER, ...held, CSO_DIGEST].sort());
  });

  it('marks someone who blocked the bot as unreachable, tells the chair once and does not retry', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    io.failWhen((m) => (m.kind === 'digest' && m.audience === 'person' ? Object.assign(new Error('Forbidden'), { code: 'send-forbidden', status: 403 }) : null));
    const scheduler = createScheduler(io.deps(deps.store));
    await scheduler.tick(io.now());
    io.advance(3 * 60 * MINUTE);
    await scheduler.tick(io.now());
    io.set('2017-09-19T08:00:00.000Z');
    await scheduler.tick(io.now());
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'failed', nextAttemptAt: null, attempts: 1 });
    const reports = io.deliveries.filter((d) => d.kind === 'unreachable');
    expect(reports.map((d) => d.id).sort()).toEqual(['unreachable:body:role-LO', 'unreachable:body:tenant-1%3Aasbro-1', 'unreachable:body:tenant-1%3Acso-1']);
    // One report for Casey, naming both actions of the refused digest.
    const casey = io.messages.find((m) => m.kind === 'unreachable' && m.id === 'unreachable:body:tenant-1%3Acso-1');
    expect(casey).toMatchObject({ text: expect.stringMatching(/^the bot cannot reach Casey CSO in Test PCG for 2 actions: 1\.1 and 1\.2\. Why: Teams refused/) });
    expect(io.attempts.filter((a) => a.id === CSO_DIGEST)).toHaveLength(1);
  });

  it('does not tell the chair again what the Teams layer reported, nor send to someone it marked unreachable', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    const r3 = 'sent:reminder:action:2017-18:1.3:2017-08-28-r3';
    io.failWhen((m) => (m.kind === 'digest' && m.id.includes('asbro') ? new ProactiveSendError('send-forbidden', 'Teams refused', 403, { cause: null }) : null));
    const scheduler = createScheduler(io.deps(deps.store));
    expect((await scheduler.tick(io.now())).unreachable).toContain(r3);
    expect(io.deliveries.filter((d) => d.kind === 'unreachable' && d.id.includes('asbro'))).toEqual([]);

    // The Teams layer marked ASBRO unreachable when it reported the 403: next week's reminder is not even tried.
    await markUnreachable(deps, { person: ASBRO, reason: 'send-forbidden', detail: 'Teams refused the message (403)' });
    io.set('2017-09-19T08:00:00.000Z');
    const later = await scheduler.tick(io.now());
    expect(later.unreachable).toContain('sent:reminder:action:2017-18:1.3:2017-08-28-r4');
    expect(io.attempts.filter((a) => a.to === 'Jordan ASBRO')).toHaveLength(1);
    expect(await recordOf(deps, 'sent:reminder:action:2017-18:1.3:2017-08-28-r4', '2017-09-19T08:00:00.000Z')).toMatchObject({ state: 'failed', nextAttemptAt: null, lastError: 'unreachable (send-forbidden): Jordan ASBRO' });
    expect(io.deliveries.filter((d) => d.kind === 'unreachable' && d.id.includes('asbro'))).toEqual([]);
  });

  it('tells the body’s channel, once, who cannot be reached when no chair can be reached either', async () => {
    const deps = await world();
    await markUnreachable(deps, { person: CHAIR, reason: 'app-uninstalled', detail: 'removed the app' });
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    await scheduler.tick(io.now());
    io.set('2017-09-19T08:00:00.000Z');
    await scheduler.tick(io.now());
    const reports = io.deliveries.filter((d) => d.kind === 'unreachable');
    expect(reports.map((d) => `${d.id} → ${d.to}`).sort()).toEqual(['unreachable:body:role-LO → PCG', 'unreachable:body:tenant-1%3Aasbro-1 → PCG']);
    expect(await recordOf(deps, 'sent:unreachable:body:tenant-1%3Aasbro-1@channel')).toMatchObject({ state: 'sent', recipient: 'channel', note: expect.stringMatching(/^the bot cannot reach Jordan ASBRO in Test PCG for 1 action: 1\.3\./) });
    // In the channel the chair is @mentioned, by the id Teams knows them by.
    expect(io.messages.find((m) => m.kind === 'unreachable' && m.id === 'unreachable:body:tenant-1%3Aasbro-1')).toMatchObject({ mentions: [{ id: '29:a:chair', name: 'Pat Chair' }] });
  });

  it('after a process dies between claim and send, a new one resends only that message, once the claim is stale', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    io.failWhen((m, attempt) => (toCso(m) && attempt === 1 ? new Promise(() => {}) : null));
    // The first process hangs in its first send; it is never heard from again.
    void createScheduler(io.deps(deps.store)).tick(io.now());
    await new Promise<void>((resolve) => {
      const wait = () => (io.attempts.length > 0 ? resolve() : setImmediate(wait));
      wait();
    });
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'claimed', attempts: 1 });

    const second = createScheduler(io.deps(deps.store));
    io.advance(MINUTE);
    const before = await second.tick(io.now());
    // Both of Casey's actions went with the digest that hung: nothing of theirs is sent again before its claim is stale.
    expect(before.sent).toEqual([]);
    io.advance(10 * MINUTE);
    expect((await second.tick(io.now())).sent.sort()).toEqual([PROMPT, REMINDER, CSO_DIGEST].sort());
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'sent', attempts: 2 });
    const counts = new Map<string, number>();
    for (const a of io.attempts) counts.set(`${a.id} ${a.conversation}`, (counts.get(`${a.id} ${a.conversation}`) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([`${CSO_DIGEST} a:cso`]);
  });

  it('two ticks at once send each message once', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    // Without the tick lease: the claims alone keep each message to one send.
    const unleased = { ...io.deps(deps.store), options: { leaseTtlMs: null } };
    const [a, b] = await Promise.all([createScheduler(unleased).tick(io.now()), createScheduler(unleased).tick(io.now())]);
    expect(a.sent.length + b.sent.length).toBe(io.deliveries.length + io.sends.filter((d) => d.kind === 'digest').length);
    expect(new Set(io.deliveries.map((d) => `${d.id} ${d.conversation}`)).size).toBe(io.deliveries.length);
    expect(new Set(io.sends.map((d) => `${d.id} ${d.conversation}`)).size).toBe(io.sends.length);
    expect(a.taken + b.taken).toBeGreaterThan(0);
  });

  it('sends one message to a person with 77 actions due, and nothing more that day', async () => {
    const deps = await world({ asbroReachable: true });
    await importPlan(deps, {
      bodyId: 'test-pcg',
      plan: plan(Array.from({ length: 75 }, (_, i) => planAction(`3.${i + 1}`, { deadline: '2017-09-19' }))),
      fileName: 'plan.csv',
      year: '2018-19',
      by: COORDINATOR,
    });
    const io = recordingSender(TUESDAY);
    const scheduler = createScheduler(io.deps(deps.store));
    const report = await scheduler.tick(io.now());
    // 75 prompts for plan 2018-19, and 1.1's prompt and 1.2's reminder: one digest, every action's record marked with it.
    expect(io.deliveries.filter((d) => d.conversation === 'a:cso')).toHaveLength(77);
    expect(io.sends.filter((d) => d.conversation === 'a:cso').map((d) => d.id)).toEqual([CSO_DIGEST]);
    expect(report.sent.filter((id) => /:(1\.[12]|3\.\d+):/.test(id))).toHaveLength(77);
    expect(report.deferred).toEqual([]);
    io.advance(2 * 60 * MINUTE);
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    expect(io.sends.filter((d) => d.conversation === 'a:cso')).toHaveLength(1);
  });

  it('sends the round before a meeting and the summary to the channel, and nothing outside working time', async () => {
    const deps = await world({ asbroReachable: true, meetings: ['2017-09-22T14:00'] });
    await recordUpdate(deps, { bodyId: 'test-pcg', ref: '2.2', status: 'green', narrative: 'Fine.', author: CSO, source: 'card' });
    const io = recordingSender('2017-09-12T07:00:00.000Z');
    const scheduler = createScheduler(io.deps(deps.store));
    expect((await scheduler.tick(io.now())).sent).toEqual([]);
    io.set(TUESDAY);
    const round = await scheduler.tick(io.now());
    // 2.2 reported this morning; nobody holds 2.1's role, so the chair was told instead.
    expect(round.sent.filter((id) => id.startsWith('sent:round:')).sort()).toEqual(['1.1', '1.2', '1.3'].map((r) => `sent:round:action:2017-18:${r}:2017-09-22`));
    io.set('2017-09-20T08:30:00.000Z');
    const summary = await scheduler.tick(io.now());
    expect(summary.sent).toContain('sent:summary:body:2017-09-22');
    expect(io.deliveries.find((d) => d.kind === 'summary')).toMatchObject({ to: 'PCG', conversation: '19:pcg@thread.tacv2' });
  });

  it('drops a retry the rules no longer call due: the action was completed meanwhile', async () => {
    const deps = await world({ asbroReachable: true });
    const io = recordingSender(TUESDAY);
    io.failWhen((m, attempt) => (toCso(m) && attempt === 1 ? Object.assign(new Error('Bad Gateway'), { status: 502 }) : null));
    const scheduler = createScheduler(io.deps(deps.store));
    await scheduler.tick(io.now());
    await recordUpdate(deps, { bodyId: 'test-pcg', ref: '1.1', status: 'completed', narrative: '', author: CSO, source: 'card' });
    io.advance(5 * MINUTE);
    const retry = await scheduler.tick(io.now());
    expect(retry.noLongerDue).toEqual([PROMPT]);
    expect(await recordOf(deps, PROMPT)).toMatchObject({ state: 'failed', nextAttemptAt: null, lastError: 'no longer due (transient: Bad Gateway)' });
    // The retried digest carries only what is still due: 1.2's reminder.
    expect(retry.sent.sort()).toEqual([REMINDER, CSO_DIGEST].sort());
    const again = io.messages.find(toCso);
    expect(again?.kind === 'digest' && again.entries.map((e) => e.item.ref)).toEqual(['1.2']);
  });
});
