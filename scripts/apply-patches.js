#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * npm's postinstall: apply patches/ with patch-package. The patches mend the
 * local Cosmos-compatible server, a dev dependency, so a production install
 * (`npm ci --omit=dev`) has neither patch-package nor anything to patch: it
 * skips, saying so.
 */
const require = createRequire(import.meta.url);
let bin;
try {
  bin = require.resolve('patch-package/index.js');
} catch {
  console.log('postinstall: patch-package is not installed (a production install), so the dev-only patches are not applied.');
  process.exit(0);
}
const result = spawnSync(process.execPath, [bin], { stdio: 'inherit' });
process.exit(result.status ?? 1);
