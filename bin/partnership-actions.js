#!/usr/bin/env node
import module from 'node:module';
import { ensureBuilt } from '../scripts/ensure-built.js';

// Node 22.1+ keeps the compiled modules on disk: later runs start faster. Node 20 has no such cache.
module.enableCompileCache?.();

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
await import('../dist/cli.js');
