#!/usr/bin/env node
import module from 'node:module';
import { ensureBuilt } from './ensure-built.js';

// Node 22.1+ keeps the compiled modules on disk: later starts are faster. Node 20 has no such cache.
module.enableCompileCache?.();

/** `npm start`: build if src/ changed (or dist/ is missing), then run the built server. */
try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const { main } = await import('../dist/server.js');
await main();
