import { Command } from 'commander';
import { importCommand } from './cli/import-command.js';

/** Composition root of the admin CLI. */
const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  width: process.stdout.columns ?? 120,
};

const program = new Command()
  .name('partnership-actions')
  .description('Partnership Actions: the action-plan cycle of a Community Safety Partnership');

program
  .command('import')
  .description('Read an action plan from a spreadsheet (.xlsx), CSV/TSV, Word (.docx) or text copied out of Word')
  .argument('<file>', 'the plan file')
  .option('--dry-run', 'read and check the file, store nothing')
  .option('--json', 'print what was read as JSON')
  .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
    process.exitCode = await importCommand(file, options, io);
  });

await program.parseAsync(process.argv);
