import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The README and the guides in docs/ are what people follow: every file they
 * link to, every screenshot they show, every `partnership-actions` command and
 * every `npm run` script they name must exist. The CLI's own --help is the list of commands (npm test
 * builds dist/ before vitest runs).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'app', 'cli.js');
const DOC_IMAGES = join(ROOT, 'docs', 'images');
const run = promisify(execFile);

async function guides(): Promise<string[]> {
  const docs = (await readdir(join(ROOT, 'docs'), { recursive: true })).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'docs', f));
  return [join(ROOT, 'README.md'), ...docs];
}

/** The commands a commander --help lists under "Commands:". */
function commandsIn(help: string): Set<string> {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return new Set([...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!));
}

/** The names the tests pass to docScreenshot (test/e2e/chromium.ts), which writes docs/images/<name>.png. */
async function screenshotsTestsMake(): Promise<Set<string>> {
  const tests = (await readdir(join(ROOT, 'test'), { recursive: true })).filter((f) => f.endsWith('.ts'));
  const names = new Set<string>();
  for (const test of tests) {
    for (const m of (await readFile(join(ROOT, 'test', test), 'utf8')).matchAll(/\bdocScreenshot\([^,()]+,\s*'([a-z0-9-]+)'\)/g)) names.add(m[1]!);
  }
  return names;
}

/** Links in Markdown, `[text](target)` and `![alt](target)`, that point into the repository. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^(https?:|mailto:|#)/.test(target))
    .map((target) => decodeURIComponent(target.split('#')[0]!));
}

describe('README and docs name only what exists', () => {
  let files: string[];
  let topCommands: Set<string>;
  const subCommands = new Map<string, Set<string>>();
  let scripts: Set<string>;
  let benches: string[];

  beforeAll(async () => {
    files = await guides();
    topCommands = commandsIn((await run(process.execPath, [CLI, '--help'])).stdout);
    // One CLI start per command, side by side: the wait is one start's, not a dozen in a row.
    await Promise.all(
      [...topCommands].map(async (command) => {
        const nested = commandsIn((await run(process.execPath, [CLI, command, '--help'])).stdout);
        nested.delete('help');
        if (nested.size > 0) subCommands.set(command, nested);
      }),
    );
    scripts = new Set(Object.keys((JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts));
    benches = (await readdir(join(ROOT, 'bench'))).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
  }, 60_000);

  it('every screenshot a doc shows is one a test makes, and every one made is shown', async () => {
    const made = await screenshotsTestsMake();
    const shown = new Set<string>();
    const unmade: string[] = [];
    for (const file of files) {
      for (const target of relativeLinks(await readFile(file, 'utf8'))) {
        const path = resolve(dirname(file), target);
        if (dirname(path) !== DOC_IMAGES) continue;
        const name = basename(path, '.png');
        shown.add(name);
        if (!made.has(name)) unmade.push(`${relative(ROOT, file)}: ${target}`);
      }
    }
    expect(unmade).toEqual([]);
    const onDisk = existsSync(DOC_IMAGES) ? await readdir(DOC_IMAGES) : [];
    expect(onDisk.filter((f) => !made.has(basename(f, '.png')) || !shown.has(basename(f, '.png')))).toEqual([]);
  });

  it('every relative link points at a file or folder of the repository', async () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const target of relativeLinks(await readFile(file, 'utf8'))) {
        if (target !== '' && !existsSync(resolve(dirname(file), target))) missing.push(`${relative(ROOT, file)}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every partnership-actions command named is one the CLI has', async () => {
    const unknown: string[] = [];
    for (const file of files) {
      for (const m of (await readFile(file, 'utf8')).matchAll(/\bpartnership-actions ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)) {
        const [, command, next] = m;
        const nested = subCommands.get(command!);
        if (!topCommands.has(command!)) unknown.push(`${relative(ROOT, file)}: partnership-actions ${command}`);
        else if (nested && next !== undefined && !nested.has(next)) unknown.push(`${relative(ROOT, file)}: partnership-actions ${command} ${next}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('every npm script and benchmark named is one package.json and bench/ have', async () => {
    const unknown: string[] = [];
    for (const file of files) {
      for (const m of (await readFile(file, 'utf8')).matchAll(/\bnpm run ([a-z][a-z:-]*)(?: -- ([a-z][a-z ]*[a-z]))?/g)) {
        const [, script, args] = m;
        if (!scripts.has(script!)) unknown.push(`${relative(ROOT, file)}: npm run ${script}`);
        for (const name of script === 'bench' && args ? args.split(' ') : []) {
          if (!benches.some((b) => b.includes(name))) unknown.push(`${relative(ROOT, file)}: npm run bench -- ${name}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
