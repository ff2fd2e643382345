import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planUploadUseCases } from '../src/app/plan-upload.js';
import { loadSampleFiles } from '../src/app/sample-files.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { loadSamplePartnership } from '../src/services/load-sample-partnership.js';
import { openStore } from '../src/store/open-store.js';
import { planPreviewCard } from '../src/teams/receive-plan-file.js';
import { startMeasuredCosmos } from './measured-cosmos.js';

/**
 * A plan file sent in Teams (issue 14): what the preview and the Import cost
 * in store requests and time, and how big the preview card is, for seed 000
 * (a sign-off paper: the 2016-17 plan with its progress and the 2017-18 plan,
 * carried forward) into the sample partnership, with one column corrected
 * on the card (Read again) before Import. Teams gives a card action a few
 * seconds: Read again and Import each run inside that invoke.
 */
export default async function planUploadBench(): Promise<string[]> {
  const server = await startMeasuredCosmos();
  const opened = await openStore({ mode: 'account', endpoint: server.endpoint, auth: { kind: 'key', key: 'bench' }, database: 'bench', local: true }, { setUp: true });
  const seed = await readFile(new URL('../test/fixtures/purbeck-policy-group-2017-07-19.txt', import.meta.url));
  const files = createServer((_req, res) => res.writeHead(200).end(seed));
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/seed-000.txt`;
  try {
    const deps: ServiceDeps = { store: opened.store, clock: () => new Date('2017-08-01T09:00:00Z'), newId: () => crypto.randomUUID() };
    const sample = await loadSamplePartnership(deps, await loadSampleFiles());
    const coordinator = sample.pcg.coordinators[0]!;
    const uses = planUploadUseCases(deps, { secret: 's'.repeat(32), mode: 'local' });
    const rows = ['seed 000 (2016-17 with progress + 2017-18) sent by the sample coordinator:', '| step | store requests | writes | time |', '|---|---|---|---|'];
    server.take();
    let start = performance.now();
    const answer = await uses.previewPlanUpload(coordinator, { url, fileName: 'seed-000.txt' });
    let c = server.take();
    rows.push(`| preview (fetch, read, compare, suggest links) | ${c.requests} | ${c.writes} | ${(performance.now() - start).toFixed(0)} ms |`);
    if (answer.kind !== 'preview') throw new Error('expected a preview');
    const card = JSON.stringify(planPreviewCard(answer.view, coordinator.displayName));
    start = performance.now();
    const outcome = answer.view.columns.headings.findIndex((h) => h.choice === 'outcome');
    const corrected = await uses.rereadPlanUpload(coordinator, { token: answer.view.token, choices: { [String(outcome)]: 'extra' }, year: null });
    c = server.take();
    rows.push(`| Read again, PLANNED OUTCOME kept as an extra column (fetch again, read twice, compare, suggest links) | ${c.requests} | ${c.writes} | ${(performance.now() - start).toFixed(0)} ms |`);
    if (corrected.kind !== 'preview') throw new Error('expected a preview');
    const correctedCard = JSON.stringify(planPreviewCard(corrected.view, coordinator.displayName));
    start = performance.now();
    const done = await uses.importPlanUpload(coordinator, { token: corrected.view.token, keep: {}, links: '' });
    c = server.take();
    rows.push(`| Import (fetch again, import both years, carry forward) | ${c.requests} | ${c.writes} | ${(performance.now() - start).toFixed(0)} ms |`);
    rows.push(
      `preview card ${(Buffer.byteLength(card) / 1024).toFixed(1)} KB, after Read again ${(Buffer.byteLength(correctedCard) / 1024).toFixed(1)} KB (Teams' message limit ~28 KB); ` +
        `${done.results.map((r) => `${r.year} v${r.version}`).join(', ')}; ${done.carried.reduce((n, r) => n + r.links.length, 0)} links carried forward`,
    );
    return rows;
  } finally {
    files.closeAllConnections();
    await new Promise((resolve) => files.close(resolve));
    await opened.close();
    await server.stop();
  }
}
