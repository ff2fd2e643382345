import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { playgroundConfig, startPlayground } from '../../src/local/agents-playground.js';
import { PLAYGROUND_PEOPLE, TENANT_ID } from '../e2e/people.js';

/** Local addresses of listening TCP sockets on `port`, from the kernel's own tables. */
async function listeners(port: number): Promise<string[]> {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || local === undefined) continue;
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) === port) found.push(address!);
    }
  }
  return found;
}

describe('Agents Playground', () => {
  it('writes a config with the current user and exactly five distinct others', () => {
    const config = JSON.parse(playgroundConfig({ appEndpoint: 'http://127.0.0.1:3978/api/messages', tenantId: TENANT_ID, ...PLAYGROUND_PEOPLE, env: {} }));
    expect(config.users).toHaveLength(5);
    expect(config.currentUser.userPrincipleName).toBe(PLAYGROUND_PEOPLE.currentUser.userPrincipalName);
    expect(config.tenantId).toBe(TENANT_ID);
    expect(() => playgroundConfig({ appEndpoint: 'x', tenantId: 't', currentUser: PLAYGROUND_PEOPLE.currentUser, users: PLAYGROUND_PEOPLE.users.slice(1), env: {} })).toThrow('exactly 5 users');
    expect(() =>
      playgroundConfig({ appEndpoint: 'x', tenantId: 't', currentUser: PLAYGROUND_PEOPLE.users[0]!, users: PLAYGROUND_PEOPLE.users, env: {} }),
    ).toThrow('appears twice');
  });

  it('starts, answers ping, listens on loopback only, and stops', async () => {
    const playground = await startPlayground({ appEndpoint: 'http://127.0.0.1:9/api/messages', tenantId: TENANT_ID, ...PLAYGROUND_PEOPLE, env: process.env });
    try {
      expect(await (await fetch(`${playground.url}/_debug/ping`)).text()).toBe('pong');
      const port = Number(new URL(playground.url).port);
      // 0100007F is 127.0.0.1 as the kernel writes it; 00000000 would be every interface.
      expect(await listeners(port)).toEqual(['0100007F']);
    } finally {
      await playground.stop();
    }
    await expect(fetch(`${playground.url}/_debug/ping`)).rejects.toThrow();
  }, 60_000);

  it('ends with its parent, even one killed outright', async () => {
    const module = (path: string) => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)));
    const script = [
      `const { startPlayground } = await import(${module('../../src/local/agents-playground.ts')});`,
      `const { PLAYGROUND_PEOPLE, TENANT_ID } = await import(${module('../e2e/people.ts')});`,
      "const p = await startPlayground({ appEndpoint: 'http://127.0.0.1:9/api/messages', tenantId: TENANT_ID, ...PLAYGROUND_PEOPLE, env: process.env });",
      'process.stdout.write(p.url);',
      "process.kill(process.pid, 'SIGKILL');",
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: process.env }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout }),
    );
    expect(stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect.poll(() => fetch(`${stdout}/_debug/ping`).then(() => 'up', () => 'gone'), { timeout: 10_000 }).toBe('gone');
  }, 60_000);
});
