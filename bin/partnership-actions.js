#!/usr/bin/env node
import { readyToRun } from '../scripts/ensure-built.js';

await readyToRun();
await import('../dist/app/cli.js');
