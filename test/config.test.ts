import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, LOCAL_SERVER_KEY } from '../src/config.js';

describe('loadConfig', () => {
  it('is embedded with no COSMOS_ENDPOINT, with the default database', () => {
    expect(loadConfig({})).toEqual({ cosmos: { mode: 'embedded', database: 'partnership-actions' }, cliAs: null });
    expect(loadConfig({ COSMOS_ENDPOINT: '  ' }).cosmos.mode).toBe('embedded');
  });

  it('uses a key when given, managed identity when not, and the local key for a server on this machine', () => {
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k', COSMOS_DATABASE: 'pa' }).cosmos).toEqual({
      mode: 'account', endpoint: 'https://acct.documents.azure.com:443/', auth: { kind: 'key', key: 'k' }, database: 'pa', local: false,
    });
    expect(loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' }).cosmos).toMatchObject({ auth: { kind: 'identity' } });
    expect(loadConfig({ COSMOS_ENDPOINT: 'http://127.0.0.1:8081' }).cosmos).toMatchObject({ auth: { kind: 'key', key: LOCAL_SERVER_KEY }, local: true });
    expect(loadConfig({ PARTNERSHIP_CLI_AS: 'coord-1' }).cliAs).toBe('coord-1');
  });

  it.each([
    [{ COSMOS_ENDPOINT: 'not a url' }, /COSMOS_ENDPOINT must be a URL/],
    [{ COSMOS_ENDPOINT: 'http://cosmos.example.com:8081' }, /COSMOS_ENDPOINT http:\/\/cosmos.example.com:8081 uses plain http/],
    [{ COSMOS_KEY: 'k' }, /COSMOS_KEY is set but COSMOS_ENDPOINT is not/],
    [{ COSMOS_DATABASE: 'bad name!' }, /COSMOS_DATABASE must be letters/],
  ])('stops on a bad setting, naming it: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
