#!/usr/bin/env node
import { ensureBuilt } from '../scripts/ensure-built.js';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
await import('../dist/cli.js');
