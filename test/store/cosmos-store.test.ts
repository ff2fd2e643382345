import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentMessageId } from '../../src/domain/action-record.js';
import { TICK_MARK_ID, type OutboundRecord } from '../../src/domain/outbound-record.js';
import { ConcurrencyConflict } from '../../src/store/store.port.js';
import { createBody } from '../../src/services/create-body.js';
import { importPlan } from '../../src/services/import-plan.js';
import { linkToken } from '../../src/domain/partnership.js';
import { findBodyByChannel, linkChannel } from '../../src/services/link-channel.js';
import { mapRole } from '../../src/services/map-role.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { rememberConversation } from '../../src/services/remember-conversation.js';
import { setMeetings } from '../../src/services/set-meetings.js';
import { ASBRO, CHAIR, COORDINATOR, CSO, plan, planAction, setUpBodies, startFixture, STRANGER, TENANT, type Fixture } from './cosmos-fixture.js';

describe('the Cosmos store and the set-up services', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-09-20T09:00:00Z' });
    await setUpBodies(f.deps);
    await importPlan(f.deps, {
      bodyId: 'test-pcg',
      plan: plan([planAction('1.1', { deadline: '2017-09-30' }), planAction('1.2', { deadline: '2017-12-31' }), planAction('1.3', { deadline: '2017-10-31' })]),
      fileName: 'plan.csv',
      by: COORDINATOR,
    });
    await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'CSO', person: CSO, by: COORDINATOR });
  });
  afterAll(async () => f?.stop());

  it('claims a proactive message once; the second claim gets the record; a stale replace is refused', async () => {
    const record: OutboundRecord = {
      id: sentMessageId('prompt', 'action:2017-18:1.1', '2017-09-30-d7'),
      bodyId: 'test-pcg',
      kind: 'prompt',
      actionId: 'action:2017-18:1.1',
      slot: '2017-09-30-d7',
      state: 'claimed',
      claimedAt: '2017-09-22T08:00:00.000Z',
      sentAt: null,
      attempts: 1,
      lastError: null,
      scheduledFor: '2017-09-22T08:00:00.000Z',
      nextAttemptAt: '2017-09-22T08:10:00.000Z',
      recipient: 'CSO',
      note: null,
    };
    const first = await f.opened.store.createOutbound(record);
    expect(first.created).toBe(true);
    const second = await f.opened.store.createOutbound({ ...record, claimedAt: '2017-09-22T08:00:01.000Z' });
    expect(second).toMatchObject({ created: false, existing: { value: record } });
    if (!first.created) return;
    const sent = await f.opened.store.replaceOutbound({ ...record, state: 'sent', sentAt: '2017-09-22T08:00:02.000Z', nextAttemptAt: null }, first.etag);
    await expect(f.opened.store.replaceOutbound({ ...record, state: 'failed' }, first.etag)).rejects.toThrow(/changed since it was read/);
    expect(sent.value.state).toBe('sent');
  });

  it('keeps one tick mark, written once and then only over the version read', async () => {
    expect(await f.opened.store.readTickMark()).toBeNull();
    const made = await f.opened.store.saveTickMark({ id: TICK_MARK_ID, lastTickAt: '2017-09-20T09:00:00.000Z' }, null);
    await expect(f.opened.store.saveTickMark({ id: TICK_MARK_ID, lastTickAt: '2017-09-20T09:01:00.000Z' }, null)).rejects.toThrow();
    const moved = await f.opened.store.saveTickMark({ id: TICK_MARK_ID, lastTickAt: '2017-09-20T09:01:00.000Z' }, made.etag);
    await expect(f.opened.store.saveTickMark({ id: TICK_MARK_ID, lastTickAt: '2017-09-20T09:02:00.000Z' }, made.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await f.opened.store.readTickMark())?.value).toEqual(moved.value);
  });

  it('the due scan finds open actions with a deadline asked for, across bodies, skipping closed ones', async () => {
    const scan = { now: '2017-09-20T09:00:00.000Z', deadlines: ['2017-09-30', '2017-10-31', '2017-10-15'], meetingsFrom: '2017-09-20', meetingsTo: '2017-10-10', recordsFrom: '2017-09-01T00:00:00.000Z' };
    expect((await f.opened.store.scanDue(scan)).actions.map((a) => a.ref).sort()).toEqual(['1.1', '1.3']);
    await recordUpdate(f.deps, { bodyId: 'test-pcg', ref: '1.3', status: 'completed', narrative: '', author: CSO, source: 'command' });
    await recordUpdate(f.deps, { bodyId: 'test-pcg', ref: '1.2', status: 'green', narrative: '', revisedDeadline: '15/10/2017', author: CSO, source: 'command' });
    expect((await f.opened.store.scanDue(scan)).actions.map((a) => a.ref).sort()).toEqual(['1.1', '1.2']);
  });

  it('sets up a body only where it belongs: a PCG under a CSP, a CSP under none', async () => {
    const before = await f.dump();
    const base = { name: 'X', tenantId: TENANT, chairs: [CHAIR], coordinators: [COORDINATOR] };
    await expect(createBody(f.deps, { ...base, id: 'loose-pcg', kind: 'pcg', parentId: null })).rejects.toThrow('A PCG belongs to a CSP');
    await expect(createBody(f.deps, { ...base, id: 'nested-csp', kind: 'csp', parentId: 'test-csp' })).rejects.toThrow('A CSP belongs to no other body');
    expect(await f.dump()).toEqual(before);
  });

  it('refuses a stored document that does not match its schema, naming it', async () => {
    const { CosmosClient } = await import('@azure/cosmos');
    const client = new CosmosClient({ endpoint: f.server.endpoint, key: 'k', connectionPolicy: { enableEndpointDiscovery: false } });
    await client.database(f.opened.database).container('partnership').items.create({ id: 'action:2017-18:9.9', bodyId: 'test-pcg', type: 'action', ref: 9 });
    client.dispose();
    await expect(f.opened.store.readAction('test-pcg', 'action:2017-18:9.9')).rejects.toThrow(/stored document action:2017-18:9.9 is not valid/);
  });

  it('maps roles only to plan roles, by coordinators and chairs, within the tenant', async () => {
    await expect(mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'XYZ', person: ASBRO, by: COORDINATOR })).rejects.toThrow('The 2017-18 plan names no role "XYZ"; its roles are: CSO, ASBRO, LO.');
    await expect(mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'ASBRO', person: ASBRO, by: STRANGER })).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'ASBRO', person: { ...ASBRO, tenantId: 'x' }, by: CHAIR })).rejects.toMatchObject({ code: 'other-tenant' });
    const body = await mapRole(f.deps, { bodyId: 'test-pcg', roleKey: 'asbro', person: ASBRO, by: CHAIR });
    expect(body.roles.map((r) => [r.key, r.person.displayName])).toEqual([
      ['ASBRO', 'Jordan ASBRO'],
      ['CSO', 'Casey CSO'],
    ]);
    expect((await f.opened.store.readPerson('tenant-1:asbro-1'))?.value.bodies).toEqual(['test-pcg']);
  });

  it('sets meetings in the body’s time zone, refusing what is not a date and time', async () => {
    await expect(setMeetings(f.deps, { bodyId: 'test-pcg', meetings: ['2018-01-15 14:00', '30/02/2018'], by: COORDINATOR })).rejects.toMatchObject({ code: 'input-invalid' });
    const body = await setMeetings(f.deps, { bodyId: 'test-pcg', meetings: ['2018-03-07T14:00', '2018-01-15 14:00', '2018-01-15 14:00'], by: COORDINATOR });
    expect(body.meetings).toEqual(['2018-01-15T14:00', '2018-03-07T14:00']);
  });

  it('links a channel and remembers a person’s 1:1 conversation', async () => {
    const reference = { conversation: { id: '19:abc@thread.tacv2' }, serviceUrl: 'https://smba.trafficmanager.net/uk/', channelId: 'msteams' };
    await expect(linkChannel(f.deps, { bodyId: 'test-pcg', name: 'Purbeck PCG', reference, by: CSO })).rejects.toMatchObject({ code: 'not-allowed' });
    const body = await linkChannel(f.deps, { bodyId: 'test-pcg', name: 'Purbeck PCG', reference, by: CHAIR });
    expect(body.channel).toMatchObject({ name: 'Purbeck PCG', reference, linkedBy: { aadObjectId: CHAIR.aadObjectId } });
    expect((await findBodyByChannel(f.deps, { conversationId: '19:abc@thread.tacv2;messageid=1712345' }))?.id).toBe('test-pcg');
    expect(await findBodyByChannel(f.deps, { conversationId: '19:other@thread.tacv2' })).toBeNull();
    // Linked elsewhere later, only as a confirmation of the link it replaces: the old link no longer answers for this body.
    const elsewhere = { bodyId: 'test-pcg', name: 'New channel', reference: { ...reference, conversation: { id: '19:new/x?y#z@thread.tacv2' } }, by: CHAIR };
    await expect(linkChannel(f.deps, elsewhere)).rejects.toMatchObject({ code: 'link-elsewhere' });
    await expect(linkChannel(f.deps, { ...elsewhere, replacing: 'some-other-link' })).rejects.toMatchObject({ code: 'link-stale' });
    await linkChannel(f.deps, { ...elsewhere, replacing: linkToken(body.channel!) });
    expect(await findBodyByChannel(f.deps, { conversationId: '19:abc@thread.tacv2' })).toBeNull();
    expect((await findBodyByChannel(f.deps, { conversationId: '19:new/x?y#z@thread.tacv2' }))?.id).toBe('test-pcg');
    await rememberConversation(f.deps, { person: CSO, reference: { conversation: { id: 'a:1on1' }, serviceUrl: 'https://smba.trafficmanager.net/uk/' } });
    const entry = await f.opened.store.readPerson('tenant-1:cso-1');
    expect(entry?.value).toMatchObject({ bodies: ['test-pcg'], conversation: { conversation: { id: 'a:1on1' } } });
  });
});
