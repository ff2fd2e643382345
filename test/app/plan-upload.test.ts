import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planUploadUseCases, PREVIEW_LIFETIME_SECONDS, readOwnLinks } from '../../src/app/plan-upload.js';
import { loadConfig } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';
import { setBodyPeople } from '../../src/services/set-body-people.js';
import { startApp, type App } from '../../src/app/start-app.js';
import { freshDataDir } from '../data-dir.js';

/**
 * The preview token is the whole memory of an upload between its preview and
 * Import: only the person it was made for, and only while it lasts, can use it.
 */
describe('plan upload use cases', () => {
  let app: App;
  let now = new Date('2017-08-01T09:00:00Z');
  let url = '';
  let served = '';
  const server = createServer((_req, res) => res.writeHead(200).end(served));

  beforeAll(async () => {
    app = await startApp(loadConfig({ DATA_DIR: freshDataDir() }), { clock: () => now });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plan.txt`;
    const { readFile } = await import('node:fs/promises');
    served = await readFile(new URL('../../examples/purbeck-2017-18.txt', import.meta.url), 'utf8');
  }, 120_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app?.stop();
  });

  const uses = () => planUploadUseCases({ ...app.deps, clock: () => now }, { secret: 's'.repeat(32), mode: 'local' });
  const failure = async (promise: Promise<unknown>) => promise.then(() => 'accepted', (e: unknown) => (e instanceof DomainError ? `${e.code}: ${e.message}` : Promise.reject(e)));

  it('a preview token works for its coordinator only, and not once it has expired', async () => {
    const coordinator = app.sample!.pcg.coordinators[0]!;
    const chair = app.sample!.pcg.chairs[0]!;
    const answer = await uses().previewPlanUpload(coordinator, { url, fileName: 'plan.txt' });
    expect(answer.kind).toBe('preview');
    const token = answer.kind === 'preview' ? answer.view.token : '';
    expect(await failure(uses().importPlanUpload(chair, { token, keep: {}, links: '' }))).toMatch(/^link-invalid: This preview is not one I made for you/);
    now = new Date(now.getTime() + PREVIEW_LIFETIME_SECONDS * 1000);
    expect(await failure(uses().importPlanUpload(coordinator, { token, keep: {}, links: '' }))).toMatch(/^upload-expired: This preview of plan\.txt is too old/);
    expect((await app.deps.store.readPlanHead('purbeck-pcg', '2017-18'))?.value.version).toBe(1);
  });

  it('someone who runs several bodies chooses one first, and may preview only for a body they run', async () => {
    now = new Date('2017-08-01T09:00:00Z');
    const coordinator = app.sample!.pcg.coordinators[0]!;
    const cspChair = app.sample!.csp.chairs[0]!;
    await setBodyPeople(app.deps, { bodyId: 'dorset-csp', list: 'coordinators', add: [coordinator], remove: [], by: cspChair });
    const answer = await uses().previewPlanUpload(coordinator, { url, fileName: 'plan.txt' });
    expect(answer.kind).toBe('choose');
    if (answer.kind !== 'choose') return;
    expect(answer.view.bodies.map((b) => b.id).sort()).toEqual(['dorset-csp', 'purbeck-pcg']);
    // A choice token cannot be imported from: it names no body yet.
    expect(await failure(uses().importPlanUpload(coordinator, { token: answer.view.token, keep: {}, links: '' }))).toMatch(/^link-invalid: Choose the body first/);
    const chosen = await uses().previewPlanUploadFor(coordinator, answer.view.token, 'purbeck-pcg');
    expect(chosen.kind === 'preview' && chosen.view.bodyName).toBe('Purbeck PCG (sample)');
    const lead = { tenantId: coordinator.tenantId, aadObjectId: '20000000-0000-4000-8000-000000000008', displayName: 'Taylor Quinn' };
    expect(await failure(uses().previewPlanUploadFor(lead, answer.view.token, 'purbeck-pcg'))).toMatch(/^link-invalid/);
    await setBodyPeople(app.deps, { bodyId: 'dorset-csp', list: 'coordinators', add: [], remove: [coordinator.aadObjectId], by: cspChair });
    expect(await failure(uses().previewPlanUploadFor(coordinator, answer.view.token, 'dorset-csp'))).toMatch(/^not-allowed: Only Dorset Community Safety Partnership \(sample\)'s coordinators and chairs can import a plan/);
  });

  it('reads the coordinator’s own links, and refuses what is not one, naming it', () => {
    expect(readOwnLinks(' 4.1=2016-17:4.7\n5.5 = none\r\n\n2.2=2016-17:4.5; ')).toEqual({
      link: [
        { ref: '4.1', from: { year: '2016-17', ref: '4.7' } },
        { ref: '2.2', from: { year: '2016-17', ref: '4.5' } },
      ],
      noLink: ['5.5'],
    });
    expect(() => readOwnLinks('4.1 from 4.7')).toThrow(/"4\.1 from 4\.7" is not a link/);
    expect(() => readOwnLinks(Array.from({ length: 201 }, () => '4.1=none').join('\n'))).toThrow(/at most 200/);
  });
});
