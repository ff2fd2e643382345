import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scheduler } from '../../src/scheduler/scheduler.js';
import { createTickHandler, TICK_SECRET_HEADER } from '../../src/scheduler/triggers.js';
import { tickRoute } from '../../src/http/tick-route.js';

const SECRET = 'tick-route-secret-0123456789abcdef';

/** POST /api/tick over HTTP on loopback, with a scheduler that counts its ticks. */
describe('POST /api/tick over HTTP', () => {
  const ticks: Date[] = [];
  const scheduler: Pick<Scheduler, 'tick'> = {
    tick: async (now = new Date()) => (ticks.push(now), { at: now.toISOString(), sent: [], failed: [], unreachable: [], deferred: [], noLongerDue: [], taken: 0, skipped: null }),
  };
  const route = tickRoute(createTickHandler(scheduler, { secret: SECRET, clock: () => new Date('2026-11-24T10:00:00Z'), chooseInstant: true }));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => void route.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tick`;
  });
  afterAll(() => server?.close());

  const post = async (body: string | undefined, headers: Record<string, string> = { [TICK_SECRET_HEADER]: SECRET }) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('ticks with the secret, with an empty body or a chosen instant', async () => {
    expect(await post(undefined)).toMatchObject({ status: 200, json: { at: '2026-11-24T10:00:00.000Z' } });
    expect(await post('{"at":"2018-03-23T09:00:00Z"}')).toMatchObject({ status: 200, json: { at: '2018-03-23T09:00:00.000Z' } });
    expect(ticks).toHaveLength(2);
  });

  it('refuses garbage with a clear answer and does not tick', async () => {
    const before = ticks.length;
    expect(await post('{"at":"2018-03-23T09:00:00Z"}', { [TICK_SECRET_HEADER]: 'nope' })).toEqual({ status: 401, json: { error: `missing or wrong ${TICK_SECRET_HEADER} header` } });
    expect(await post('{"at":"2018-03-23T09:00:00Z"}', {})).toMatchObject({ status: 401 });
    expect(await post('at=tomorrow')).toEqual({ status: 400, json: { error: 'the body is not JSON' } });
    expect(await post('{"at":"tomorrow"}')).toMatchObject({ status: 400, json: { error: expect.stringContaining('{"at": "<ISO instant>"}') } });
    expect(await post(JSON.stringify({ at: 'x'.repeat(5000) }))).toEqual({ status: 413, json: { error: 'request body too large' } });
    expect(ticks.length).toBe(before);
  });
});
