#!/usr/bin/env node
import { readyToRun } from './ensure-built.js';

/** `npm start`: build if src/ changed (or dist/ is missing), then run the built server. */
await readyToRun();
const { main } = await import('../dist/app/server.js');
await main();
