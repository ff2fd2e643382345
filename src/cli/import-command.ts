import { readFile, stat } from 'node:fs/promises';
import { DomainError } from '../domain/errors.js';
import { chooseYears, readPlanYear } from '../domain/plan-year.js';
import { readPlanFile } from '../services/read-plan-file.js';
import { parseColumnOverrides } from './column-overrides.js';
import { formatCarryForward, readLinkChoices } from './format-carry-forward.js';
import { formatPlanReading } from './format-plan.js';

export type ImportOptions = {
  dryRun?: boolean;
  /** `--year 2025-26`: the year to file a one-plan file under, when its title names none or another. */
  year?: string;
  json?: boolean;
  /** `--column "<heading>=<field>"`, as many as given. */
  column?: string[];
  link?: string[];
  noLink?: string[];
};

export type CommandIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  width: number;
};

/** `partnership-actions import <file>`: returns the process exit code. */
export async function importCommand(file: string, options: ImportOptions, io: CommandIo): Promise<number> {
  if (!options.dryRun) {
    io.err('Say where the plan goes: --body <id> stores it (in the store COSMOS_ENDPOINT names); --dry-run only checks what the file holds.');
    return 2;
  }
  try {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new DomainError('file-unreadable', `${file}: no such file`);
    const choices = readLinkChoices(options);
    const columns = parseColumnOverrides(options.column ?? []);
    const reading = await readPlanFile(await readFile(file), file, { columns });
    const years = chooseYears(reading.plans, new Date(), options.year === undefined ? null : readPlanYear(options.year));
    io.out(options.json ? JSON.stringify({ ...reading, years }, null, 2) : formatPlanReading(reading, io.width, years));
    const dated = reading.plans.map((plan, i) => ({ year: years[i]!.year, plan }));
    const carried = options.json ? '' : formatCarryForward(dated, choices, io.width);
    if (carried !== '') io.out(`\n${carried}`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (options.json) io.out(JSON.stringify({ plans: [], warnings: [], errors: error.problems }, null, 2));
    io.err(`Cannot import ${file}: ${error.problems.length === 1 ? '' : `${error.problems.length} problems`}`.trimEnd());
    for (const problem of error.problems) io.err(`  - ${problem}`);
    return 1;
  }
}
