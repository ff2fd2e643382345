import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadSampleFiles } from '../../src/app/sample-files.js';
import { loadSamplePartnership } from '../../src/services/load-sample-partnership.js';
import { startServer, type RunningServer } from '../../src/app/start-server.js';
import { takeBackup } from '../../src/store/backup.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { VERBS } from '../../src/teams/verbs.js';

/**
 * The bot in azure mode, its tokens checked by botbuilder exactly as in
 * production, but against a stand-in for the Bot Framework's OpenID metadata
 * and signing keys on 127.0.0.1: no network.
 */
const APP_ID = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const OTHER_TENANT = '99999999-0000-4000-8000-000000000099';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, signWith: KeyObject | { hmac: string } | null): string {
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (signWith === null) return `${body}.`;
  if ('hmac' in signWith) return `${body}.${createHmac('sha256', signWith.hmac).update(body).digest('base64url')}`;
  return `${body}.${sign('sha256', Buffer.from(body), signWith).toString('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, iat: now - 60, exp: now + 600, ...overrides };
}

const RS256 = { alg: 'RS256', typ: 'JWT', kid: 'trusted-key' };

/** The stand-in: the OpenID configuration document and its key set, as login.botframework.com serves them. */
async function startKeyServer(): Promise<{ url: string; server: Server }> {
  const jwk = trusted.publicKey.export({ format: 'jwk' });
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    else if (req.url === '/v1/.well-known/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: 'trusted-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`, server };
}

describe('POST /api/messages in azure mode', () => {
  let cosmos: EmbeddedCosmos;
  let keys: { url: string; server: Server };
  let server: RunningServer;
  let reader: OpenStore;
  let tenantId: string;
  const lines: Array<Record<string, unknown>> = [];
  const log = {
    info: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'info', message, ...fields }),
    warn: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'warn', message, ...fields }),
    error: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: 'error', message, ...fields }),
  };
  const everything = async () => JSON.stringify(await takeBackup(reader.containers, 'x', new Date(0)));

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos();
    keys = await startKeyServer();
    const settings = { mode: 'account', endpoint: cosmos.endpoint, auth: { kind: 'key', key: 'k' }, database: 'partnership-actions', local: true } as const;
    reader = await openStore(settings, { setUp: true });
    const sample = await loadSamplePartnership({ store: reader.store, clock: () => new Date('2017-11-01T10:00:00Z'), newId: randomUUID }, await loadSampleFiles());
    tenantId = sample.pcg.tenantId;
    const config = loadConfig({
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-no-reply-is-sent', MicrosoftAppTenantId: tenantId,
      COSMOS_ENDPOINT: cosmos.endpoint, REPORT_LINK_SECRET: 'r'.repeat(32), PUBLIC_BASE_URL: 'https://actions.example.org', PORT: '0', SCHEDULER: 'off',
    });
    server = await startServer(config, { env: {}, log, keys: { openIdMetadataUrl: keys.url }, clock: () => new Date('2017-11-01T10:00:00Z') });
  });
  afterAll(async () => {
    await server?.stop();
    await reader?.close();
    keys?.server.close();
    await cosmos?.stop();
  });

  /** A card button pressed in Teams: answered in the HTTP response, so no reply goes out to the (absent) connector. */
  const invoke = (tenant: string) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:priya', aadObjectId: '20000000-0000-4000-8000-000000000003', name: 'Priya Shah' },
    recipient: { id: `28:${APP_ID}`, name: 'Partnership Actions' },
    conversation: { id: 'a:priya-chat', conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    value: { action: { type: 'Action.Execute', verb: VERBS.openUpdate, data: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '2.7' } } },
  });
  const message = (tenant: string) => ({ ...invoke(tenant), type: 'message', name: undefined, value: undefined, text: 'update 2.7 done: all delivered' });

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${server.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, text: await res.text() };
  }

  const now = () => Math.floor(Date.now() / 1000);
  const BAD: Array<[string, () => string | null]> = [
    ['missing', () => null],
    ['garbage', () => 'Bearer not.a.token'],
    ['not a bearer token', () => `Basic ${b64url('user:pass')}`],
    ['alg none', () => `Bearer ${jwt({ alg: 'none', typ: 'JWT', kid: 'trusted-key' }, claims(), null)}`],
    ['HS256 keyed with the public key', () => `Bearer ${jwt({ alg: 'HS256', typ: 'JWT', kid: 'trusted-key' }, claims(), { hmac: trusted.publicKey.export({ type: 'spki', format: 'pem' }).toString() })}`],
    ['an untrusted key', () => `Bearer ${jwt({ ...RS256, kid: 'stranger-key' }, claims(), stranger.privateKey)}`],
    ['a trusted kid signed with another key', () => `Bearer ${jwt(RS256, claims(), stranger.privateKey)}`],
    ['expired', () => `Bearer ${jwt(RS256, claims({ nbf: now() - 7200, iat: now() - 7200, exp: now() - 3600 }), trusted.privateKey)}`],
    ['not yet valid', () => `Bearer ${jwt(RS256, claims({ nbf: now() + 3600, exp: now() + 7200 }), trusted.privateKey)}`],
    ['the wrong audience', () => `Bearer ${jwt(RS256, claims({ aud: '00000000-1111-4222-8333-444444444444' }), trusted.privateKey)}`],
    ['the wrong issuer', () => `Bearer ${jwt(RS256, claims({ iss: 'https://login.evil.example' }), trusted.privateKey)}`],
    ['the wrong service URL', () => `Bearer ${jwt(RS256, claims({ serviceurl: 'https://attacker.example/' }), trusted.privateKey)}`],
  ];

  it.each(BAD)('answers a token that is %s with 401, stores nothing, and logs one JSON line without key material', async (_name, token) => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const errors = vi.spyOn(console, 'error');
    try {
      const before = await everything();
      lines.length = 0;
      for (const activity of [message(tenantId), invoke(tenantId)]) {
        const header = token();
        const r = await post(activity, header === null ? {} : { authorization: header });
        expect(r.status).toBe(401);
        expect(JSON.parse(r.text)).toEqual({ error: 'unauthorized' });
      }
      expect(await everything()).toBe(before);
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line).toMatchObject({ level: 'warn', message: 'refused a request with no valid token', status: 401 });
        expect(JSON.stringify(line)).not.toMatch(/BEGIN|PRIVATE|PUBLIC KEY|eyJ|\bn":/);
      }
      expect(stderr).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      stderr.mockRestore();
      errors.mockRestore();
    }
  });

  it('accepts a valid token from the partnership\'s tenant: the control that makes the 401s mean something', async () => {
    const r = await post(invoke(tenantId), { authorization: `Bearer ${jwt(RS256, claims(), trusted.privateKey)}` });
    expect(r.status).toBe(200);
    expect(r.text).toContain('2.7');
  });

  it('refuses a valid token for an activity from another tenant, and writes nothing', async () => {
    const before = await everything();
    const r = await post(invoke(OTHER_TENANT), { authorization: `Bearer ${jwt(RS256, claims(), trusted.privateKey)}` });
    expect(r.status).toBe(200);
    expect(r.text).toContain('Not allowed');
    expect(await everything()).toBe(before);
  });

  it.each([
    ['an empty object with no token', '{}', 400, /request body is not an activity: type/],
    ['not JSON', '{"type":', 400, /request body is not JSON/],
    ['an array', '[{"type":"message"}]', 400, /request body is not an activity/],
    ['no service URL', JSON.stringify({ type: 'message', channelId: 'msteams' }), 400, /serviceUrl/],
    ['a service URL that is not one', JSON.stringify({ type: 'message', channelId: 'msteams', serviceUrl: 'javascript:alert(1)' }), 400, /serviceUrl/],
    ['a type that is not text', JSON.stringify({ type: 42, channelId: 'msteams', serviceUrl: SERVICE_URL }), 400, /type/],
  ])('answers a body that is %s with a 400 and a message, never a 500 or a stack', async (_name, body, status, message) => {
    const before = await everything();
    const r = await post(body);
    expect(r.status).toBe(status);
    expect(JSON.parse(r.text).error).toMatch(message);
    expect(r.text).not.toMatch(/\n\s+at /);
    expect(await everything()).toBe(before);
  });
});
