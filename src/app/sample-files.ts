import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Reads the sample partnership and its plan from `examples/` (beside `src/` and `dist/`). */
export async function loadSampleFiles(): Promise<{ sample: unknown; planBytes: Uint8Array; planFileName: string }> {
  const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
  const sample = JSON.parse(await readFile(`${dir}sample-partnership.json`, 'utf8')) as { pcg?: { plan?: unknown } };
  const planFileName = String(sample.pcg?.plan ?? 'purbeck-2017-18.txt');
  return { sample, planBytes: await readFile(`${dir}${planFileName}`), planFileName };
}
