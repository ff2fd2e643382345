import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../src/store/embedded-cosmos.js';

/**
 * Cold start, as a platform and an administrator see it: `node
 * dist/app/server.js` from spawn to the first 200 from GET /healthz and to its
 * banner (everything started), and two CLI commands from spawn to exit
 * (`import --dry-run` of the sample plan; `history` against a store, also to
 * its first store request: when its work starts). The
 * bot runs in local mode without the Playground and the timer, against a
 * Cosmos-compatible server in this process that already holds the sample
 * partnership, so the figures are module loading and start-up, not data
 * loading. Each is the median of 3 runs. STARTUP_BASELINE=<another checkout
 * with dist/ built> measures it too in the same run, for a ratio.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Spawn to exit; with `requests` (the store's counter), also spawn to the command's first store request: when it has started its work. */
async function run(root: string, args: string[], env: Record<string, string>, requests?: () => number): Promise<{ exit: number; firstRequest: number }> {
  const started = performance.now();
  const before = requests?.() ?? 0;
  let firstRequest = 0;
  const watch = setInterval(() => {
    if (firstRequest === 0 && requests !== undefined && requests() > before) firstRequest = performance.now() - started;
  }, 2);
  try {
    const exit = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}`))));
    });
    return { exit, firstRequest };
  } finally {
    clearInterval(watch);
  }
}

async function serverStart(root: string, env: Record<string, string>): Promise<{ healthz: number; banner: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist/app/server.js')], { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  let banner = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (banner === 0 && out.includes('Ctrl-C stops')) banner = performance.now() - started;
  });
  try {
    let healthz = 0;
    while (healthz === 0 || banner === 0) {
      if (child.exitCode !== null) throw new Error(`dist/app/server.js exited ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('dist/app/server.js did not start in 120 s');
      if (healthz === 0) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (ok) healthz = performance.now() - started;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { healthz, banner };
  } finally {
    child.kill('SIGKILL');
  }
}

type Times = { healthz: number; banner: number; importDryRun: number; historyStarts: number; history: number };

/** One round of each start for one checkout. */
async function once(root: string, cosmos: EmbeddedCosmos): Promise<Times> {
  const endpoint = cosmos.endpoint;
  const env = { COSMOS_ENDPOINT: endpoint, COSMOS_DATABASE: 'startup-bench', PLAYGROUND: 'off', SCHEDULER: 'off', MicrosoftAppTenantId: '00000000-0000-4000-8000-00000000d0c5', HOST: '127.0.0.1' };
  const cli = join(root, 'bin/partnership-actions.js');
  const start = await serverStart(root, env);
  const importDryRun = (await run(root, [cli, 'import', join(ROOT, 'examples/purbeck-2017-18.txt'), '--dry-run'], {})).exit;
  const history = await run(root, [cli, 'history', '2.3', '--body', 'purbeck-pcg'], env, cosmos.requests);
  return { ...start, importDryRun, historyStarts: history.firstRequest, history: history.exit };
}

const medianOf = (runs: Times[]): Times => ({
  healthz: median(runs.map((r) => r.healthz)),
  banner: median(runs.map((r) => r.banner)),
  importDryRun: median(runs.map((r) => r.importDryRun)),
  historyStarts: median(runs.map((r) => r.historyStarts)),
  history: median(runs.map((r) => r.history)),
});

export default async function startupBench(): Promise<string[]> {
  const cosmos = await startEmbeddedCosmos();
  try {
    const env = { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_DATABASE: 'startup-bench' };
    await run(ROOT, [join(ROOT, 'bin/partnership-actions.js'), 'load-sample'], env);
    const baselineRoot = process.env.STARTUP_BASELINE;
    // Interleaved, so a busy machine weighs on both alike.
    const runs: Times[] = [];
    const baselineRuns: Times[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await once(ROOT, cosmos));
      if (baselineRoot !== undefined) baselineRuns.push(await once(baselineRoot, cosmos));
    }
    const now = medianOf(runs);
    const before = baselineRoot === undefined ? null : medianOf(baselineRuns);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rows: Array<[string, keyof typeof now]> = [
      ['node dist/app/server.js → GET /healthz 200', 'healthz'],
      ['node dist/app/server.js → banner (bot ready)', 'banner'],
      ['CLI import <sample plan> --dry-run (spawn → exit)', 'importDryRun'],
      ['CLI history 2.3 --body purbeck-pcg (spawn → its first store request)', 'historyStarts'],
      ['CLI history 2.3 --body purbeck-pcg (spawn → exit)', 'history'],
    ];
    return [
      `median of ${RUNS} cold starts each, local mode against an already-loaded store, no Playground, no timer`,
      before === null ? '| start | this build |' : `| start | this build | baseline (${baselineRoot}) | baseline ÷ this |`,
      before === null ? '|---|---|' : '|---|---|---|---|',
      ...rows.map(([label, key]) => (before === null ? `| ${label} | ${s(now[key])} |` : `| ${label} | ${s(now[key])} | ${s(before[key])} | ${(before[key] / now[key]).toFixed(1)}× |`)),
    ];
  } finally {
    await cosmos.stop();
  }
}
