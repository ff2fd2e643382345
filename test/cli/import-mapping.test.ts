import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const run = (...args: string[]) => runCli({}, ...args);

/** A delivery plan laid out unlike the seeds: a key above the table, headings in the council's words, columns the reader does not know. */
const PLAN = [
  'Key: Blue = Complete; Green = On track; Amber = Some slippage; Red = Off track',
  'Ref,Action (what we will do),Lead officer and agency,Budget (£),Milestone,Timescale,RAG Q3,Progress update as at 31 March 2025',
  'Outcome 1 – People feel safe in town centres',
  '1a,Run a town-centre ASB surgery each month,"ASB Coordinator, Borough Council","£2,000",Venue agreed,March 2025,Blue,Surgeries held monthly since May',
  '1b,Map the hotspots,Police Analyst,nil,Data shared,31/12/2024,Amber,Data sharing agreement awaited',
].join('\r\n');

describe('partnership-actions import --dry-run shows how it read the file', () => {
  let file: string;
  beforeAll(async () => {
    file = join(await mkdtemp(join(tmpdir(), 'pa-map-')), 'delivery-plan-2024-25.csv');
    await writeFile(file, PLAN);
  });

  it('prints the column mapping, the key and the rows not read as actions before the actions', async () => {
    const { code, stdout } = await run('import', file, '--dry-run');
    expect(code).toBe(0);
    const mapping = stdout.slice(0, stdout.indexOf('1 priorities'));
    expect(mapping).toMatch(/Lead officer and agency\s+→ LEAD/);
    expect(mapping).toMatch(/Budget \(£\)\s+→ kept as an extra column/);
    expect(mapping).toMatch(/RAG Q3\s+→ STATUS\/RAG/);
    expect(mapping).toContain('Key: blue = Complete; green = On track');
    expect(mapping).toContain('Row 1: the key');
    expect(stdout).toMatch(/1a\s+✔ Completed\s+31 Mar 2025\s+ASB Coordina/);
    expect(stdout).toContain('Budget (£): £2,000 · Milestone: Venue agreed');
  });

  it('reads a column as told with --column, repeatable, and says what is wrong with a bad one', async () => {
    const { code, stdout } = await run('import', file, '--dry-run', '--json', '--column', 'Milestone=measure', '--column', 'Budget (£)=outcome');
    expect(code).toBe(0);
    const first = JSON.parse(stdout).plans[0].priorities[0].actions[0];
    expect(first).toMatchObject({ measure: 'Venue agreed', outcome: '£2,000' });
    expect(first.extra).toBeUndefined();
    const bad = await run('import', file, '--dry-run', '--column', 'Milestone=target');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"target" is not a field; use one of ref, priority, action');
  });
});
