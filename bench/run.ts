import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `bench/*.bench.ts`. Each exports a default async function that
 * measures one thing and returns the lines to report. Benchmarks report
 * ratios and counts measured in one run; they never fail a build on time.
 */
type Bench = () => Promise<string[]>;

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
for (const file of files) {
  const bench = (await import(pathToFileURL(`${dir}${file}`).href)) as { default: Bench };
  process.stdout.write(`\n## ${file.replace(/\.bench\.ts$/, '')}\n`);
  for (const line of await bench.default()) process.stdout.write(`${line}\n`);
}
