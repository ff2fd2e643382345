import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new, empty DATA_DIR for one embedded store: tests never share the repository's local-data folder. */
export function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'pa-data-'));
}
