import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand, setupCommand } from '../../src/cli/backup-command.js';
import { recordUpdate } from '../../src/services/record-update.js';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embedded-cosmos.js';
import { openStore } from '../../src/store/open-store.js';
import { CHAIR, setUpBodies, startFixture, type Fixture } from '../store/cosmos-fixture.js';
import { importPlan } from '../../src/services/import-plan.js';
import { COORDINATOR, plan, planAction } from '../store/cosmos-fixture.js';
import { runCli } from './run-cli.js';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), width: 120 }, out, err };
};

/** Everything but the fields each store makes anew. */
const content = (dump: unknown[]) => dump.map((d) => Object.fromEntries(Object.entries(d as Record<string, unknown>).filter(([k]) => !k.startsWith('_'))));

describe('backup and restore through the real client', () => {
  let source: Fixture;
  let target: EmbeddedCosmos;
  let dir: string;
  const openTarget = (database: string) => (setUp: boolean) => openStore({ mode: 'account', endpoint: target.endpoint, auth: { kind: 'key', key: 'k' }, database, local: true }, { setUp });
  const openSource = (setUp: boolean) => openStore({ mode: 'account', endpoint: source.server.endpoint, auth: { kind: 'key', key: 'k' }, database: source.opened.database, local: true }, { setUp });

  beforeAll(async () => {
    source = await startFixture();
    target = await startEmbeddedCosmos();
    dir = await mkdtemp(join(tmpdir(), 'pa-backup-'));
    await setUpBodies(source.deps);
    await importPlan(source.deps, { bodyId: 'test-pcg', plan: plan([planAction('1.1'), planAction('1.2')]), fileName: 'plan.xlsx', by: COORDINATOR });
    await recordUpdate(source.deps, { bodyId: 'test-pcg', ref: '1.1', status: 'green', narrative: 'On track.', author: CHAIR, source: 'card', basedOn: null });
  });
  afterAll(async () => {
    await source.stop();
    await target.stop();
  });

  it('copies a store into a new database document for document, and refuses to mix it into one holding data', async () => {
    const file = join(dir, 'store.json');
    const b = io();
    expect(await backupCommand(file, openSource, b.io)).toBe(0);
    expect(b.out[0]).toMatch(/^Backed up \d+ documents from http:\/\/127\.0\.0\.1:\d+ \(database "t-[^"]+"\) to .*store\.json\.$/);
    const before = await source.dump();

    const r = io();
    expect(await restoreCommand(file, {}, openTarget('copy'), r.io)).toBe(0);
    expect(r.out[0]).toMatch(/^Restored \d+ documents into .* \(database "copy"\) from .*store\.json \(taken .* from database "t-/);
    const copy = await openTarget('copy')(false);
    const { takeBackup } = await import('../../src/store/backup.js');
    const restored = await takeBackup(copy.containers, 'copy', new Date());
    await copy.close();
    expect([...restored.containers.partnership, ...restored.containers.directory].length).toBe(before.length);
    expect(content(before)).toEqual(expect.arrayContaining(content([...restored.containers.partnership.map((d) => ({ container: 'partnership', ...d })), ...restored.containers.directory.map((d) => ({ container: 'directory', ...d }))])));

    const again = io();
    expect(await restoreCommand(file, {}, openTarget('copy'), again.io)).toBe(1);
    expect(again.err[0]).toMatch(/^Not restored: .* already holds \d+ documents\. Restore into an empty database, or add --replace/);
  });

  it('with --replace leaves the store exactly as the backup was, deleting what came after', async () => {
    const file = join(dir, 'before.json');
    expect(await backupCommand(file, openSource, io().io)).toBe(0);
    const before = content(await source.dump());
    await recordUpdate(source.deps, { bodyId: 'test-pcg', ref: '1.2', status: 'green', narrative: 'Written after the backup.', author: CHAIR, source: 'card', basedOn: null });
    const r = io();
    expect(await restoreCommand(file, { replace: true }, openSource, r.io)).toBe(0);
    expect(r.out[0]).toMatch(/removed 1 the backup lacked\.$/);
    expect(content(await source.dump())).toEqual(before);
  });

  it.each([
    ['not JSON', 'this is not a backup', /is not a backup: it is not JSON/],
    ['another format', '{"format":"excel"}', /is not a partnership-actions-backup version 1 file: format/],
    ['no marker', JSON.stringify({ format: 'partnership-actions-backup', version: 1, takenAt: 'x', database: 'd', containers: { partnership: [], directory: [] } }), /lacks the store's set-up marker/],
  ])('refuses a file that is %s, and touches no store', async (_name, text, message) => {
    const file = join(dir, `bad-${_name.replace(/ /g, '-')}.json`);
    await writeFile(file, text);
    const r = io();
    let opened = false;
    expect(await restoreCommand(file, {}, async (setUp) => ((opened = true), openTarget('never')(setUp)), r.io)).toBe(1);
    expect(r.err.join('\n')).toMatch(message);
    expect(opened).toBe(false);
  });

  it('sets up a store once, and says so the second time', async () => {
    const first = io();
    expect(await setupCommand(openTarget('fresh'), first.io)).toBe(0);
    expect(first.out).toEqual([expect.stringMatching(/^Set up .* \(database "fresh"\): an empty store, ready for "body create"\.$/)]);
    const second = io();
    expect(await setupCommand(openTarget('fresh'), second.io)).toBe(0);
    expect(second.out).toEqual([expect.stringMatching(/is set up \(its data is kept\)\.$/)]);
  });

  it('runs as partnership-actions backup against the shared store', async () => {
    const file = join(dir, 'cli.json');
    const run = await runCli({ COSMOS_ENDPOINT: source.server.endpoint, COSMOS_DATABASE: source.opened.database }, 'backup', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'partnership-actions-backup', version: 1, database: source.opened.database });
  }, 30_000);
});
