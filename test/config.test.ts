import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ConfigError, loadCliConfig, loadConfig, LOCAL_SERVER_KEY } from '../src/config.js';

describe('loadConfig', () => {
  it('is embedded with no COSMOS_ENDPOINT, with the default database', () => {
    expect(loadConfig({})).toMatchObject({ cosmos: { mode: 'embedded', database: 'partnership-actions', dataDir: resolve('local-data') }, cliAs: null });
    expect(loadConfig({ DATA_DIR: '/var/lib/pa' }).cosmos).toMatchObject({ mode: 'embedded', dataDir: '/var/lib/pa' });
    expect(loadConfig({ COSMOS_ENDPOINT: '  ' }).cosmos.mode).toBe('embedded');
  });

  it('uses a key when given, managed identity when not, and the local key for a server on this machine', () => {
    expect(loadCliConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k', COSMOS_DATABASE: 'pa' }).cosmos).toEqual({
      mode: 'account', endpoint: 'https://acct.documents.azure.com:443/', auth: { kind: 'key', key: 'k' }, database: 'pa', local: false,
    });
    expect(loadCliConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }).cosmos).toMatchObject({ auth: { kind: 'identity' } });
    expect(loadConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081' }).cosmos).toMatchObject({ auth: { kind: 'key', key: LOCAL_SERVER_KEY }, local: true });
    expect(loadConfig({ PARTNERSHIP_CLI_AS: 'coord-1' }).cliAs).toBe('coord-1');
  });

  it.each([
    [{ COSMOS_ENDPOINT: 'not a url' }, /COSMOS_ENDPOINT must be a URL/],
    [{ COSMOS_ENDPOINT: 'http://cosmos.example.com:8081' }, /COSMOS_ENDPOINT http:\/\/cosmos.example.com:8081 uses plain http/],
    [{ COSMOS_KEY: 'k' }, /COSMOS_KEY is set but COSMOS_ENDPOINT is not/],
    [{ COSMOS_DATABASE: 'bad name!' }, /COSMOS_DATABASE must be letters/],
    [{ COSMOS_ENDPOINT: 'http://127.0.0.1:8081', DATA_DIR: '/tmp/x' }, /DATA_DIR is set with COSMOS_ENDPOINT/],
  ])('stops on a bad setting, naming it: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  describe('modes that cannot be confused', () => {
    const APP = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    const AZURE = { MicrosoftAppId: APP, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001', REPORT_LINK_SECRET: 's'.repeat(32), PUBLIC_BASE_URL: 'https://actions.example.org' };
    const ACCOUNT = { COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' };

    it('serves local mode on loopback with the embedded or a loopback store, and azure mode with COSMOS_ENDPOINT', () => {
      expect(loadConfig({ HOST: '127.0.0.1' }).bot.mode).toBe('local');
      expect(loadConfig({ HOST: 'localhost', COSMOS_ENDPOINT: 'http://127.0.0.1:8081' }).cosmos).toMatchObject({ mode: 'account', local: true });
      expect(loadConfig({ HOST: '::1' }).bot.host).toBe('::1');
      expect(loadConfig({ ...AZURE, ...ACCOUNT, HOST: '0.0.0.0' }).bot).toMatchObject({ mode: 'azure', host: '0.0.0.0' });
    });

    it.each([
      [{ HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 would serve without sign-in.*set MicrosoftAppId/],
      [{ HOST: '192.168.1.20', COSMOS_ENDPOINT: 'http://127.0.0.1:8081' }, /HOST=192\.168\.1\.20 would serve without sign-in/],
      [ACCOUNT, /COSMOS_ENDPOINT https:\/\/acct\.documents\.azure\.com:443\/ is not on this machine, and local mode \(MicrosoftAppId unset\) checks no tokens/],
      [{ ...ACCOUNT, HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 would serve without sign-in.*; COSMOS_ENDPOINT .* is not on this machine/],
      [AZURE, /COSMOS_ENDPOINT is missing: with MicrosoftAppId set \(azure mode\) the data must live in Azure Cosmos DB/],
      [{ ...AZURE, DATA_DIR: '/var/lib/pa' }, /COSMOS_ENDPOINT is missing/],
    ])('stops the server on a combination that would serve without sign-in or keep production data on one disk, naming the settings: %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });

    it('lets the admin CLI, which serves nothing, reach an Azure store without the bot\'s settings', () => {
      expect(loadCliConfig(ACCOUNT).cosmos).toMatchObject({ mode: 'account', local: false });
      expect(loadCliConfig({ HOST: '0.0.0.0' }).bot.host).toBe('0.0.0.0');
    });
  });

  describe('the bot', () => {
    const APP = '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    const TENANT = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';
    const LINKS = { REPORT_LINK_SECRET: 's'.repeat(32), PUBLIC_BASE_URL: 'https://actions.example.org' };
    const STORE = { COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' };

    it('is local mode without Azure settings: no tokens, 127.0.0.1:3978, the Playground on 56150 as the lead', () => {
      expect(loadConfig({}).bot).toEqual({ mode: 'local', auth: { kind: 'none' }, tenantId: null, host: '127.0.0.1', port: 3978, playground: { port: 56150, user: 'lead' } });
      expect(loadConfig({ PLAYGROUND: 'off' }).bot.playground).toBeNull();
      expect(loadConfig({ PORT: '4000', PLAYGROUND_PORT: '0', PLAYGROUND_USER: 'chair' }).bot).toMatchObject({ port: 4000, playground: { port: 0, user: 'chair' } });
    });

    it('is a single-tenant Azure Bot with an app id: secret, certificate or managed identity', () => {
      expect(loadConfig({ ...LINKS, ...STORE, MicrosoftAppId: APP, MicrosoftAppPassword: 's3cret', MicrosoftAppTenantId: TENANT }).bot).toEqual({
        mode: 'azure', auth: { kind: 'secret', appId: APP, password: 's3cret' }, tenantId: TENANT, host: '127.0.0.1', port: 3978, playground: null,
      });
      expect(loadConfig({ ...LINKS, ...STORE, MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppCertificateThumbprint: 'a'.repeat(40), MicrosoftAppCertificateKeyFile: '/run/secrets/bot.pem' }).bot.auth).toEqual({
        kind: 'certificate', appId: APP, thumbprint: 'a'.repeat(40), privateKeyFile: '/run/secrets/bot.pem',
      });
      expect(loadConfig({ ...LINKS, ...STORE, MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI', HOST: '0.0.0.0', PORT: '8080' }).bot).toMatchObject({
        auth: { kind: 'managed-identity', appId: APP }, host: '0.0.0.0', port: 8080,
      });
    });

    it.each([
      [{ MicrosoftAppId: 'my-bot' }, /MicrosoftAppId must be the Azure Bot's app \(client\) id/],
      [{ MicrosoftAppId: APP, MicrosoftAppPassword: 'p' }, /MicrosoftAppTenantId is missing/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT }, /MicrosoftAppPassword is missing/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: 'contoso' }, /MicrosoftAppTenantId must be the partnership's Entra tenant id/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'MultiTenant' }, /MicrosoftAppType must be SingleTenant or UserAssignedMSI/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'p', MicrosoftAppCertificateThumbprint: 'a'.repeat(40) }, /both set: use one credential/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppCertificateThumbprint: 'a'.repeat(40) }, /MicrosoftAppCertificateKeyFile is missing/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppPassword: 'p' }, /UserAssignedMSI takes no MicrosoftAppPassword/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'p', PLAYGROUND: 'on' }, /PLAYGROUND=on needs local mode/],
      [{ MicrosoftAppPassword: 'p' }, /MicrosoftAppPassword is set but MicrosoftAppId is not/],
      [{ PORT: 'eighty' }, /PORT must be a port number/],
      [{ PORT: '70000' }, /PORT must be a port number/],
      [{ PLAYGROUND: 'yes' }, /PLAYGROUND must be on or off/],
      [{ PLAYGROUND_USER: 'mayor' }, /PLAYGROUND_USER must be lead, chair or coordinator/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'p', PUBLIC_BASE_URL: LINKS.PUBLIC_BASE_URL }, /REPORT_LINK_SECRET is missing/],
      [{ MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'p', REPORT_LINK_SECRET: LINKS.REPORT_LINK_SECRET }, /PUBLIC_BASE_URL is missing/],
      [{ ...LINKS, MicrosoftAppId: APP, MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 'p', PUBLIC_BASE_URL: 'http://actions.example.org' }, /PUBLIC_BASE_URL http:\/\/actions.example.org uses plain http/],
      [{ REPORT_LINK_SECRET: 'short' }, /REPORT_LINK_SECRET must be at least 32 characters/],
      [{ PUBLIC_BASE_URL: 'actions.example.org' }, /PUBLIC_BASE_URL must be the bot's address/],
    ])('stops start-up on a bad or missing bot setting, naming it: %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  it('signs download links with a random secret per start in local mode, or the one given; the public address defaults to where the bot listens', () => {
    const a = loadConfig({}).reports;
    expect(a.secret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).reports.secret).not.toBe(a.secret);
    expect(a.publicBaseUrl).toBeNull();
    expect(loadConfig({ REPORT_LINK_SECRET: 'k'.repeat(40), PUBLIC_BASE_URL: 'http://127.0.0.1:3978' }).reports).toEqual({ secret: 'k'.repeat(40), publicBaseUrl: 'http://127.0.0.1:3978' });
  });

  describe('the chase', () => {
    const AZURE = { MicrosoftAppId: '3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001', REPORT_LINK_SECRET: 's'.repeat(32), PUBLIC_BASE_URL: 'https://actions.example.org', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' };

    it('ticks every minute by default; POST /api/tick only with a secret, except in local mode where one is made at each start', () => {
      expect(loadConfig(AZURE).scheduler).toEqual({ timer: { everyMs: 60_000 }, tickSecret: null });
      expect(loadConfig({ ...AZURE, SCHEDULER: 'off', TICK_SECRET: 't'.repeat(32) }).scheduler).toEqual({ timer: null, tickSecret: 't'.repeat(32) });
      expect(loadConfig({ ...AZURE, SCHEDULER_EVERY_SECONDS: '300' }).scheduler.timer).toEqual({ everyMs: 300_000 });
      const local = loadConfig({}).scheduler.tickSecret!;
      expect(local.length).toBeGreaterThanOrEqual(32);
      expect(loadConfig({}).scheduler.tickSecret).not.toBe(local);
    });

    it.each([
      [{ SCHEDULER: 'sometimes' }, /SCHEDULER must be on or off/],
      [{ SCHEDULER_EVERY_SECONDS: '5' }, /SCHEDULER_EVERY_SECONDS must be at least 10/],
      [{ SCHEDULER_EVERY_SECONDS: 'hourly' }, /SCHEDULER_EVERY_SECONDS must be a number of seconds/],
      [{ SCHEDULER_EVERY_SECONDS: '90000' }, /SCHEDULER_EVERY_SECONDS must be at most 3600/],
      [{ TICK_SECRET: 'short' }, /TICK_SECRET must be at least 32 characters/],
    ])('stops on a bad setting, naming it: %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(message);
    });
  });
});
