import { ProgressReportSchema, type ProgressReport } from '../src/domain/progress-report.js';
import { StatusSchema } from '../src/domain/status.js';
import { writeProgressCsv } from '../src/report/write-progress-csv.js';
import { writeProgressDocx } from '../src/report/write-progress-docx.js';
import { writeProgressXlsx } from '../src/report/write-progress-xlsx.js';

/** A generated 300-action plan (10 priorities × 30 actions), with seed-length text in every cell. */
function report(priorities: number, perPriority: number): ProgressReport {
  const statuses = StatusSchema.options;
  return ProgressReportSchema.parse({
    title: 'Generated Community Safety Delivery Plan 2026-27',
    asAt: '2027-03-31',
    roles: [
      { key: 'CSO', name: 'Community Safety Officer' },
      { key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' },
    ],
    priorities: Array.from({ length: priorities }, (_, p) => ({
      number: p + 1,
      title: `Priority number ${p + 1}`,
      corporatePriority: 'Enhancing local communities and involvement',
      actions: Array.from({ length: perPriority }, (_, a) => {
        const n = p * perPriority + a;
        const status = statuses[n % statuses.length]!;
        return {
          ref: `${p + 1}.${a + 1}`,
          action: `Maintain an effective mechanism to respond to emerging crime trends and key risks, action ${n}`,
          measure: 'Meetings arranged every 6 weeks. Meetings attended by all relevant partners',
          outcome: 'Effective response to crime, disorder and anti-social behaviour delivered',
          resources: `Lead – ${n % 2 === 0 ? 'CSO' : 'ASBRO'}, Licensing Officer, Dorset Police`,
          deadlineText: 'March 2027',
          deadline: '2027-03-31',
          status,
          update: status === 'not-reported' ? '' : 'PCGs scheduled on a monthly basis.\nRegular spokesperson briefings take place.',
          cspAction: n % 7 === 0,
        };
      }),
    })),
  });
}

async function median(runs: number, work: () => Promise<unknown>): Promise<{ median: number; fastest: number; slowest: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, fastest: times[0]!, slowest: times.at(-1)! };
}

export default async function reportBench(): Promise<string[]> {
  const input = report(10, 30);
  const lines: string[] = [];
  for (const [name, write] of [
    ['docx', writeProgressDocx],
    ['xlsx', writeProgressXlsx],
    ['csv', async (r: ProgressReport) => writeProgressCsv(r)],
  ] as const) {
    const bytes = await write(input);
    const t = await median(5, () => write(input));
    lines.push(
      `${name}: 300 actions, ${(bytes.byteLength / 1024).toFixed(0)} KiB, median of 5 ${t.median.toFixed(0)} ms ` +
        `(${((t.median * 1000) / 300).toFixed(0)} µs per action; fastest ${t.fastest.toFixed(0)} ms, slowest ${t.slowest.toFixed(0)} ms)`,
    );
  }
  return lines;
}
