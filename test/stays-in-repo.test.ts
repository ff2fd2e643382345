import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm test` must pass on a clone with nothing beside it, so no source, test or
 * bench file may name a path outside the repository: not the team's folder
 * beside the checkout, not a machine's absolute path. This reads every such
 * file and resolves each relative path literal against the file's folder and
 * against the repository root (the two bases code resolves against).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['src', 'test', 'bench'];
/** This file names such paths on purpose, to test the check itself. */
const THIS_FILE = fileURLToPath(import.meta.url);

/** A quoted path that climbs: '../x', "../../y/z". */
const CLIMBING = /(['"`])((?:\.\.\/)+[^'"`\s$]*)\1/g;
/** Absolute paths of a machine, which a clone elsewhere does not have. */
const MACHINE_PATH = /(['"`])(\/(?:work|home|Users|root|mnt)\/[^'"`\s]*)\1/g;
/** The team's seeds folder, however it is reached. */
const SEEDS_FOLDER = ['shared', 'seeds'].join('/');

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function inside(path: string): boolean {
  const rel = relative(ROOT, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..');
}

function pathsOutside(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [, , literal] of text.matchAll(CLIMBING)) {
    const fromFile = resolve(dirname(file), literal!);
    const fromRoot = resolve(ROOT, literal!);
    if (!inside(fromFile) && !inside(fromRoot)) found.push(literal!);
  }
  for (const [, , literal] of text.matchAll(MACHINE_PATH)) found.push(literal!);
  if (text.includes(SEEDS_FOLDER)) found.push(SEEDS_FOLDER);
  return found;
}

describe('the repository reads only itself', () => {
  it('no source, test or bench file names a path outside the repository', async () => {
    const offenders: string[] = [];
    for (const folder of SCANNED) {
      for (const file of await sourceFiles(folder)) {
        if (file === THIS_FILE) continue;
        for (const path of pathsOutside(file, await readFile(file, 'utf8'))) offenders.push(`${relative(ROOT, file)}: ${path}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('catches the paths it is there to catch', () => {
    const file = join(ROOT, 'test', 'services', 'example.test.ts');
    expect(pathsOutside(file, "new URL('../../../elsewhere/x.txt', import.meta.url)")).toEqual(['../../../elsewhere/x.txt']);
    expect(pathsOutside(file, "readFile('/work/project/seeds/a.txt')")).toEqual(['/work/project/seeds/a.txt']);
    expect(pathsOutside(file, "new URL('../../examples/a.txt', import.meta.url); resolve('../fixtures/b.txt')")).toEqual([]);
  });
});
