import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReason } from '../../scripts/ensure-built.js';
import { DevDependencyMissing, loadLocalOnly, resolveLocalOnly } from '../../src/local/dev-dependencies.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function project(files: Record<string, Date>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lean-build-'));
  dirs.push(root);
  for (const [file, at] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), file.endsWith('.json') ? '{}' : '');
    await utimes(join(root, file), at, at);
  }
  // A folder's own time changes when a file is added or removed: that counts as a change to the sources too.
  for (const dir of new Set(Object.keys(files).map((f) => f.split('/').slice(0, -1).join('/')).filter((d) => d !== ''))) {
    for (let d = dir; d !== ''; d = d.split('/').slice(0, -1).join('/')) await utimes(join(root, d), earlier, earlier);
  }
  return root;
}

const earlier = new Date('2026-01-01T10:00:00Z');
const later = new Date('2026-01-01T11:00:00Z');

describe('npm start builds only when it must', () => {
  it('builds when dist/ is missing', async () => {
    expect(buildReason(await project({ 'src/app/server.ts': earlier }))).toBe('dist/ is missing');
  });

  it('runs dist/ as it is when it is newer than every source', async () => {
    expect(buildReason(await project({ 'src/app/server.ts': earlier, 'src/store/cosmos-store.ts': earlier, 'tsconfig.json': earlier, 'dist/app/server.js': later }))).toBeNull();
  });

  it('builds again when any file under src/ (or a tsconfig) changed after the build', async () => {
    expect(buildReason(await project({ 'src/app/server.ts': earlier, 'src/store/cosmos-store.ts': later, 'dist/app/server.js': earlier }))).toBe('src/ changed since the last build');
    expect(buildReason(await project({ 'src/app/server.ts': earlier, 'tsconfig.build.json': later, 'dist/app/server.js': earlier }))).toBe('src/ changed since the last build');
  });

  it('runs dist/ without src/ beside it (a production image carries no sources)', async () => {
    expect(buildReason(await project({ 'dist/app/server.js': earlier }))).toBeNull();
  });
});

describe('local mode without its development dependencies (npm ci --omit=dev)', () => {
  it('says which package is missing and the two ways on: a full install, or azure mode', async () => {
    const missing = Object.assign(new Error("Cannot find package '@vercel/cosmosdb-server' imported from /app/dist/store/embedded-cosmos.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadLocalOnly('cosmos', () => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevDependencyMissing);
    expect((error as Error).message).toMatch(/^Cannot start in local mode: the embedded Cosmos-compatible server \(@vercel\/cosmosdb-server\) is a development dependency/);
    expect((error as Error).message).toContain('npm install');
    expect((error as Error).message).toContain('COSMOS_ENDPOINT, MicrosoftAppId');
  });

  it('passes any other failure through unchanged', async () => {
    const other = Object.assign(new Error("Cannot find package 'left-pad'"), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(loadLocalOnly('cosmos', () => Promise.reject(other))).rejects.toBe(other);
    await expect(loadLocalOnly('cosmos', async () => 'loaded')).resolves.toBe('loaded');
  });

  it('finds the Playground in a full install, and explains its absence where there is none', async () => {
    expect(resolveLocalOnly('playground', 'cli.js')).toMatch(/m365agentsplayground[/\\]cli\.js$/);
    const bare = await project({ 'package.json': earlier });
    expect(() => resolveLocalOnly('playground', 'cli.js', join(bare, 'package.json'))).toThrow(/PLAYGROUND=off/);
  });
});
