#!/usr/bin/env node
import { ensureBuilt } from './ensure-built.js';

/** `npm start`: build if src/ changed (or dist/ is missing), then run the built server. */
try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const { main } = await import('../dist/server.js');
await main();
