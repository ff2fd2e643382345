import { readFile } from 'node:fs/promises';
import { readSourceRows } from '../src/import/read-source-rows.js';
import { readPlanFile } from '../src/services/read-plan-file.js';

/**
 * Reads one file in a process of its own, so its peak memory is its own, and
 * prints one JSON line: milliseconds, peak RSS in MB, and what happened.
 * `rows` reads the file's rows; `plan` reads the plan in it as `import` does.
 */
const [path, mode] = process.argv.slice(2);
const bytes = new Uint8Array(await readFile(path!));
const start = performance.now();
let outcome: string;
try {
  if (mode === 'plan') {
    const reading = await readPlanFile(bytes, 'bench.xlsx');
    outcome = `read ${reading.plans.length} plan(s)`;
  } else {
    outcome = `read ${(await readSourceRows(bytes, 'hostile')).length} rows`;
  }
} catch (error) {
  outcome = `refused: ${(error as Error).message}`;
}
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, outcome })}\n`);
