import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../../src/domain/partnership.js';
import { createBody } from '../../src/services/create-body.js';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';

export type CliStore = {
  fixture: Fixture;
  /** The CLI's settings that reach this store. */
  env: Record<string, string>;
  /** A scratch folder for the files a test writes, removed by stop(). */
  dir: string;
  stop(): Promise<void>;
};

type Body = { id: string; name: string };

/**
 * The store fixture with a CSP and a PCG under it, as the CLI tests need
 * them: the people given (the chairs chair the PCG), tenant `t1`, and the
 * settings that reach it.
 */
export async function startCliStore(bodies: { csp: Body; pcg: Body; coordinator: Person; chairs?: Person[] }): Promise<CliStore> {
  const fixture = await startFixture();
  const coordinators = [bodies.coordinator];
  await createBody(fixture.deps, { ...bodies.csp, kind: 'csp', parentId: null, tenantId: 't1', chairs: [], coordinators });
  await createBody(fixture.deps, { ...bodies.pcg, kind: 'pcg', parentId: bodies.csp.id, tenantId: 't1', chairs: bodies.chairs ?? [], coordinators });
  const dir = await mkdtemp(join(tmpdir(), 'pa-cli-'));
  return {
    fixture,
    env: { COSMOS_ENDPOINT: fixture.server.endpoint, COSMOS_DATABASE: fixture.opened.database },
    dir,
    stop: async () => {
      await fixture.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
