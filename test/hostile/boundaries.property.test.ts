import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadCliConfig, loadConfig } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';
import { signReportLink, verifyReportLink } from '../../src/services/report-link.js';
import { TICK_SECRET_HEADER } from '../../src/scheduler/triggers.js';
import { VERBS } from '../../src/teams/verbs.js';
import { LOAD_TENANT, startLoadWorld, type LoadWorld } from '../load/load-world.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../teams/connector-stand-in.js';

/**
 * Issue 13 item 7: generated hostile input at every boundary of the running
 * bot (local mode, a store shared with nothing else): card payloads, typed
 * commands, HTTP bodies and headers of /api/messages, /api/tick and the
 * report route. Each answer is a clear message or a 4xx, never a 5xx or a
 * crash, nothing is logged as an error, and the store is unchanged (its
 * whole contents, etags included, compared before and after each input).
 * Config and report tokens are pure and get many more runs.
 */
const RUNS = 60;

describe('hostile input at the running bot', () => {
  let world: LoadWorld;
  let connector: ConnectorStandIn;
  let url: string;
  let snapshot: unknown[];

  beforeAll(async () => {
    world = await startLoadWorld(2);
    connector = await startConnectorStandIn();
    url = world.instances[0].bot.url;
    // A first message saves the stranger's chat; from then on their messages write nothing.
    expect((await post('/api/messages', JSON.stringify(message('hello')))).status).toBeLessThan(300);
    snapshot = await world.store.dump();
  }, 120_000);
  afterAll(async () => {
    await connector?.close();
    await world?.stop();
  });

  /** Someone in the partnership's tenant who holds no role: whatever they send may change nothing. */
  const from = { id: '29:stranger', aadObjectId: '50000000-0000-4000-8000-000000000001', name: 'Stranger' };
  const activity = (fields: Record<string, unknown>) => ({
    id: `hostile:${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from,
    recipient: { id: '28:bot', name: 'Partnership Actions' },
    conversation: { id: 'a:stranger', conversationType: 'personal', tenantId: LOAD_TENANT },
    channelData: { tenant: { id: LOAD_TENANT } },
    ...fields,
  });
  const message = (text: string) => activity({ type: 'message', text });
  /** A connection of its own for each request: a kept-alive one the server has just timed out would be reset, which is not the bot's answer. */
  const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) => call('POST', path, body, headers);
  const call = (method: string, path: string, body: string | Uint8Array, headers: Record<string, string>) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });

  async function expectUnchanged(what: string): Promise<void> {
    expect(await world.store.dump(), what).toEqual(snapshot);
    expect(world.errors, what).toEqual([]);
  }

  it('card payloads: any data for any verb gets a card back and changes nothing', async () => {
    const verbs = Object.values(VERBS);
    const data = fc.oneof(
      fc.jsonValue(),
      // Shaped like a real card's data, every field hostile.
      fc.record({ action: fc.oneof(fc.jsonValue(), fc.record({ bodyId: fc.string(), year: fc.string(), ref: fc.string() })), basedOn: fc.jsonValue(), status: fc.jsonValue(), narrative: fc.oneof(fc.string(), fc.jsonValue()), revisedDeadline: fc.jsonValue(), confirmStale: fc.jsonValue(), updateId: fc.jsonValue(), bodyId: fc.jsonValue() }, { requiredKeys: [] }),
      // A real action of the plan, which the stranger may not update.
      fc.record({ action: fc.constant({ bodyId: 'load-pcg', year: '2030-31', ref: '1.1' }), status: fc.string(), narrative: fc.string(), basedOn: fc.string(), confirmStale: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...verbs), data, async (verb, value) => {
        const res = await post('/api/messages', JSON.stringify(activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: value }, trigger: 'manual' } })));
        expect(res.status).toBe(200);
        const body = JSON.parse(res.text) as { type?: string };
        expect(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.activity.message']).toContain(body.type);
        await expectUnchanged(`${verb} ${JSON.stringify(value)}`);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 300_000);

  it('typed commands: any text gets an answer in the chat and changes nothing', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.constantFrom('update ', 'history ', '1.1 ', '1.1 done ', 'undo ', 'chase ', 'role R0 ', 'link ', 'meetings ', 'summary ', 'my actions ', 'overdue '), fc.string({ maxLength: 80 })).map(([a, b]) => a + b),
      fc.string({ minLength: 5_000, maxLength: 40_000 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (typed) => {
        const before = connector.accepted.length;
        const res = await post('/api/messages', JSON.stringify(message(typed)));
        expect(res.status, typed).toBeLessThan(300);
        // Teams sends no empty message; one that is all blanks gets no answer.
        if (typed.trim() !== '') expect(connector.accepted.length, 'one answer in the chat').toBeGreaterThan(before);
        await expectUnchanged(JSON.stringify(typed.slice(0, 200)));
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('/api/messages: any body, content type and headers get a 2xx or a 4xx, never a 5xx, and change nothing', async () => {
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2_000 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 2_000 }),
      fc.record({ type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'event', 'installationUpdate', 'messageReaction'), fc.string()) }, { requiredKeys: [] }).chain((base) => fc.jsonValue().map((extra) => JSON.stringify({ ...(typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? extra : {}), ...base }))),
    );
    const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });
    const headers = fc.record({ 'content-type': fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'), headerValue), authorization: headerValue, 'x-ms-conversation-id': headerValue }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(body, headers, async (sent, sentHeaders) => {
        const res = await post('/api/messages', sent, sentHeaders);
        expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
        expect(res.text).not.toMatch(/\n\s+at /);
        await expectUnchanged(typeof sent === 'string' ? sent.slice(0, 200) : `${sent.length} bytes`);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 300_000);

  it('/api/tick: a wrong secret is a 401 and a bad body a 400 or 413, never a 5xx, and nothing changes', async () => {
    const secret = fc.oneof(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 100 }), fc.constant(''));
    const body = fc.oneof(fc.string({ unit: 'binary', maxLength: 6_000 }), fc.jsonValue().map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(secret, body, async (wrong, sent) => {
        const res = await post('/api/tick', sent, wrong === '' ? {} : { [TICK_SECRET_HEADER]: wrong });
        expect([400, 401, 413]).toContain(res.status);
        await expectUnchanged(`tick with ${JSON.stringify(wrong)}`);
      }),
      { numRuns: RUNS },
    );
    const right = { [TICK_SECRET_HEADER]: tickSecretOf(world) };
    await fc.assert(
      // `null` and `{}` are an empty body, which ticks now: everything else must be refused.
      fc.asyncProperty(fc.jsonValue().filter((v) => v !== null && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)), async (sent) => {
        const res = await post('/api/tick', JSON.stringify(sent), right);
        expect(res.status, JSON.stringify(sent)).toBe(400);
        expect(res.text).toContain('the body must be');
        await expectUnchanged(`tick body ${JSON.stringify(sent)}`);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('the report route: any token is a 403 with a plain sentence, never a 5xx', async () => {
    const token = fc.oneof(fc.string({ maxLength: 300 }), fc.base64String({ maxLength: 300 }), fc.tuple(fc.base64String(), fc.base64String()).map(([a, b]) => `${a.replace(/=+$/, '')}.${b.replace(/=+$/, '')}`));
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        const res = await call('GET', `/api/reports/${encodeURIComponent(t)}`, '', {});
        expect([403, 404], t).toContain(res.status);
        if (res.status === 403) expect(res.text).toMatch(/^This download link (is not valid|has expired)\. Ask for the summary again\.$/);
        await expectUnchanged(`report token ${t}`);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

/** The tick secret local mode made at start: the test reads it where the server keeps it, its banner. */
function tickSecretOf(world: LoadWorld): string {
  const line = world.instances[0].banner.find((l) => l.includes(TICK_SECRET_HEADER));
  const match = line?.match(new RegExp(`${TICK_SECRET_HEADER}: ([^']+)'`));
  if (!match) throw new Error('the banner prints no tick secret');
  return match[1]!;
}

describe('hostile input, pure boundaries', () => {
  const KNOWN = ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'DATA_DIR', 'PARTNERSHIP_CLI_AS', 'MicrosoftAppId', 'MicrosoftAppType', 'MicrosoftAppPassword', 'MicrosoftAppCertificateThumbprint', 'MicrosoftAppCertificateKeyFile', 'MicrosoftAppTenantId', 'HOST', 'PORT', 'PLAYGROUND', 'PLAYGROUND_PORT', 'PLAYGROUND_USER', 'REPORT_LINK_SECRET', 'PUBLIC_BASE_URL', 'SCHEDULER', 'SCHEDULER_EVERY_SECONDS', 'TICK_SECRET', 'APPLICATIONINSIGHTS_CONNECTION_STRING'];
  const value = fc.oneof(fc.string(), fc.constantFrom('', ' ', '0', '-1', '65536', 'on', 'off', 'http://127.0.0.1:8081', 'https://acct.documents.azure.com:443/', 'http://10.0.0.1:8081', '0.0.0.0', '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b', 'x'.repeat(40), 'InstrumentationKey=1;IngestionEndpoint=https://x'));
  const env = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN), fc.string()), value, { maxKeys: 12 });

  it('config: any environment starts, or stops with a ConfigError naming the settings; local mode never listens off loopback', () => {
    fc.assert(
      fc.property(env, fc.boolean(), (vars, cli) => {
        try {
          const config = cli ? loadCliConfig(vars) : loadConfig(vars);
          if (!cli && config.bot.mode === 'local') expect(['127.0.0.1', 'localhost', '::1', '[::1]']).toContain(config.bot.host);
          if (!cli && config.bot.mode === 'azure') expect(config.cosmos.mode).toBe('account');
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).message).toMatch(/^Cannot start: \S/);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('report tokens: any string is refused as not valid or expired, and a valid token with any character changed or added is refused', () => {
    const secret = 's'.repeat(40);
    const now = new Date('2018-03-01T09:00:00Z');
    const refused = (token: string) => {
      try {
        verifyReportLink(secret, token, now);
        return false;
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(['link-invalid', 'link-expired']).toContain((error as DomainError).code);
        return true;
      }
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (token) => {
        expect(refused(token)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
    const valid = signReportLink(secret, { body: 'purbeck-pcg', format: 'xlsx', year: '2017-18' }, now);
    expect(refused(valid)).toBe(false);
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 2 }), fc.boolean(), (at, text, insert) => {
        const changed = insert ? valid.slice(0, at) + text + valid.slice(at) : valid.slice(0, at) + text + valid.slice(at + text.length);
        fc.pre(changed !== valid);
        expect(refused(changed)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
