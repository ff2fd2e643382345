import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand, type ExportOptions } from '../../src/cli/export-command.js';
import { planActions } from '../../src/domain/plan.js';
import { readPlanFile } from '../../src/services/read-plan-file.js';
import { SEED_000_FILE as SEED } from '../fixtures/seed-000.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(ROOT, 'examples/purbeck-2017-18.txt');
const TODAY = DateTime.fromISO('2017-07-19T10:00', { zone: 'Europe/London' });

async function exportWith(options: ExportOptions): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await exportCommand(options, { out: (t) => out.push(t), err: (t) => err.push(t), width: 120 }, TODAY);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('partnership-actions export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pa-export-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['docx', 'xlsx', 'csv'])('writes the %s table of the plan the file holds, which the importer reads back', async (format) => {
    const out = join(dir, `progress.${format}`);
    const result = await exportWith({ plan: SAMPLE, format, out });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(`Wrote ${out}: CRIME AND DISORDER REDUCTION PLAN 2017-2018, 21 actions, progress as at 2017-07-19.`);
    const reading = await readPlanFile(await readFile(out), out);
    expect(planActions(reading.plans[0]!)).toHaveLength(21);
  });

  it('--flat writes one row per action under one header, beside the committee layout', async () => {
    const out = join(dir, 'actions.csv');
    const result = await exportWith({ plan: SAMPLE, out, flat: true });
    expect(result).toMatchObject({ code: 0, err: '' });
    const records = parse(await readFile(out), { bom: true }) as string[][];
    expect(records[0]!.slice(0, 8)).toEqual(['Ref', 'Priority', 'Action', 'Lead', 'Deadline', 'Deadline as written', 'Status', 'Last update']);
    expect(records).toHaveLength(1 + 21);
    expect(records.every((r) => r.length === records[0]!.length)).toBe(true);
  });

  it('picks one plan of a report holding two by part of its title, and takes the format from the file name', async () => {
    const out = join(dir, 'appendix-1.docx');
    const result = await exportWith({ plan: SEED, title: '2016-2017', out, asAt: '2017-06-30' });
    expect(result.code).toBe(0);
    expect(result.out).toContain('Purbeck Crime and Disorder Reduction Plan 2016-2017, 27 actions, progress as at 2017-06-30');
  });

  it.each<[string, ExportOptions, RegExp]>([
    ['an unknown format', { plan: SAMPLE, format: 'pdf', out: 'x.pdf' }, /^Unknown format "pdf": use one of docx, xlsx, csv\.$/],
    ['no format and an output name without one', { plan: SAMPLE, out: 'progress' }, /^Say which format to write: --format docx\|xlsx\|csv\.$/],
    ['a plan file that is not there', { plan: '/no/such/plan.xlsx', format: 'docx', out: 'x.docx' }, /^Cannot read the plan \/no\/such\/plan\.xlsx: no such file\.$/],
    ['an output folder that is not there', { plan: SAMPLE, format: 'docx', out: '/no/such/folder/x.docx' }, /^Cannot write \/no\/such\/folder\/x\.docx: the folder \/no\/such\/folder does not exist\.$/],
    ['a report holding two plans and no --title', { plan: SEED, format: 'docx', out: 'x.docx' }, /holds 2 plans \("Purbeck Crime and Disorder Reduction Plan 2016-2017", "CRIME AND DISORDER REDUCTION PLAN 2017-2018"\); choose one with --title/],
    ['a --title no plan has', { plan: SEED, title: '2019', format: 'docx', out: 'x.docx' }, /^No plan in .* has "2019" in its title/],
    ['a date that is not one', { plan: SAMPLE, format: 'docx', out: 'x.docx', asAt: '31/03/2018' }, /^--as-at "31\/03\/2018" is not a date: use e\.g\. 2017-07-19\.$/],
    ['--flat with a format other than CSV', { plan: SAMPLE, format: 'xlsx', out: 'x.xlsx', flat: true }, /^--flat writes one row per action as CSV, not xlsx: use --format csv \(or an --out name ending \.csv\)\.$/],
    ['both a plan and a body', { plan: SAMPLE, body: 'purbeck-pcg', format: 'docx', out: 'x.docx' }, /^Give --plan or --body, not both\.$/],
    ['neither a plan nor a body', { format: 'docx', out: 'x.docx' }, /^Say what to export: --plan <file> \(a plan file\) or --body <id>/],
  ])('stops with exit code 1 and says why for %s', async (_case, options, message) => {
    const result = await exportWith({ ...options, out: options.out === undefined ? undefined : options.out.startsWith('/') ? options.out : join(dir, options.out) });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
  });

  it('lists every problem of a plan it cannot read', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'ACTION,DEADLINE\n1.1 Do it,Smarch 2017\n');
    const result = await exportWith({ plan: bad, format: 'csv', out: join(dir, 'bad-out.csv') });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Cannot read the plan .*bad\.csv:\n {2}- Row 2: deadline "Smarch 2017" is not a date/);
  });

  it('is a command of the built CLI', async () => {
    const out = join(dir, 'from-bin.csv');
    const { stdout } = await promisify(execFile)('node', [join(ROOT, 'bin/partnership-actions.js'), 'export', '--plan', SAMPLE, '--format', 'csv', '--out', out, '--as-at', '2018-03-31'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    });
    expect(stdout).toContain('21 actions, progress as at 2018-03-31');
    const failed = await promisify(execFile)('node', [join(ROOT, 'bin/partnership-actions.js'), 'export', '--plan', SAMPLE, '--format', 'pdf', '--out', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: 'Unknown format "pdf": use one of docx, xlsx, csv.\n' });
  });
});
