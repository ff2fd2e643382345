import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds src/ into dist/ when dist/ is missing or older than src/, so
 * `npm start` and the CLI compile only after a change, never at every start.
 * A production install (`npm ci --omit=dev`) has no TypeScript: it runs the
 * dist/ it was given (built by `npm run build` before, e.g. in the Dockerfile's
 * build stage).
 */
const project = fileURLToPath(new URL('..', import.meta.url));

function newestUnder(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when dist/ is current. */
export function buildReason(root = project) {
  const built = join(root, 'dist', 'app', 'server.js');
  if (!existsSync(built)) return 'dist/ is missing';
  if (!existsSync(join(root, 'src'))) return null;
  const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f)).filter((f) => existsSync(f));
  const sources = Math.max(newestUnder(join(root, 'src')), ...configs.map((f) => statSync(f).mtimeMs));
  return sources > statSync(built).mtimeMs ? 'src/ changed since the last build' : null;
}

function typescriptCompiler() {
  try {
    return createRequire(join(project, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

/** Resolves when dist/ is current; rejects with a message naming the fix. */
export async function ensureBuilt(say = (line) => process.stderr.write(`${line}\n`)) {
  const reason = buildReason();
  if (reason === null) return;
  const tsc = typescriptCompiler();
  if (tsc === null) {
    if (existsSync(join(project, 'dist', 'app', 'server.js'))) return say(`Note: ${reason}, but TypeScript is not installed (a production install): running the dist/ that is here.`);
    throw new Error('dist/ is missing and TypeScript is not installed: build first with `npm install && npm run build` (a production image is built by the Dockerfile).');
  }
  const started = Date.now();
  say(`Building the TypeScript into dist/ (${reason}); this takes under a minute and happens only after a change…`);
  const progress = setInterval(() => say(`  still building… ${Math.round((Date.now() - started) / 1000)} s`), 10_000);
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [tsc, '-p', join(project, 'tsconfig.build.json')], { stdio: 'inherit', cwd: project });
      child.once('error', reject);
      child.once('exit', (status) => resolve(status ?? 1));
    });
    if (code !== 0) throw new Error(`The build failed (tsc exit code ${code}): see the errors above.`);
  } finally {
    clearInterval(progress);
  }
  say(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/**
 * What `npm start` and the CLI do before loading dist/: turn on Node 22.1+'s
 * on-disk compile cache (later starts are faster; Node 20 has none), then
 * build if needed. A failed build exits with code 2 and its reason.
 */
export async function readyToRun() {
  module.enableCompileCache?.();
  try {
    await ensureBuilt();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
