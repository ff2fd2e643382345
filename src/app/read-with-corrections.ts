import { z } from 'zod';
import {
  ColumnChoiceSchema,
  choiceName,
  correctableHeadings,
  correctionsInEffect,
  nextCorrections,
  overridesOf,
  readingsByHeading,
  type ColumnChoice,
  type ColumnCorrections,
  type CorrectableHeading,
} from '../domain/column-corrections.js';
import { DomainError } from '../domain/errors.js';
import { normaliseHeading } from '../domain/plan-columns.js';
import type { PlanReading } from '../domain/plan.js';
import type { ColumnsView } from '../teams/plan-upload-views.js';
import { readPlanFile } from '../services/read-plan-file.js';

/**
 * "Read again" on a plan's preview card: the file read with the
 * coordinator's column choices. The card names each heading by its place in
 * the list it showed, and the list is made again here from the same file
 * read the same way (the token's corrections), so a choice can only name a
 * heading the card showed, and only a field there is.
 */

/** What the card sends: heading number (as the card listed them) → the choice's value ('' leaves it as read). */
export type ColumnChoices = Readonly<Record<string, unknown>>;

export function choicesSchema(shown: ReadonlyArray<CorrectableHeading>) {
  return z.record(z.string(), z.unknown()).transform((choices, ctx) => {
    const chosen = new Map<string, ColumnChoice>();
    const entries = Object.entries(choices);
    if (entries.length > shown.length) {
      ctx.addIssue({ code: 'custom', message: `${entries.length} columns chosen, but this preview listed ${shown.length}` });
      return z.NEVER;
    }
    for (const [index, value] of entries) {
      const heading = /^\d{1,3}$/.test(index) ? shown[Number(index)] : undefined;
      const choice = ColumnChoiceSchema.safeParse(value);
      if (heading === undefined) ctx.addIssue({ code: 'custom', message: `column ${index.slice(0, 20)} is not one this preview listed` });
      else if (value === '') continue;
      else if (!choice.success) ctx.addIssue({ code: 'custom', message: `“${heading.heading}” cannot be read as "${String(value).slice(0, 40)}": choose one of the list` });
      else chosen.set(heading.key, choice.data);
    }
    return chosen;
  });
}

function readChoices(shown: ReadonlyArray<CorrectableHeading>, choices: ColumnChoices): Map<string, ColumnChoice> {
  const parsed = choicesSchema(shown).safeParse(choices);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => i.message);
  throw new DomainError('input-invalid', `Not read again: ${problems[0]!}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}. Nothing was changed; send the file again for a fresh preview.`, { problems });
}

export function describeCorrections(corrections: ColumnCorrections): string {
  return corrections.map(([key, choice]) => `“${key}” → ${choiceName(choice)}`).join(', ');
}

export type CorrectedReading = { reading: PlanReading; corrections: ColumnCorrections; ignored: ColumnCorrections };

/** The file read with `previous` corrections and the card's choices; only corrections that took are kept. */
export async function readWithCorrections(bytes: Uint8Array, fileName: string, previous: ColumnCorrections, choices: ColumnChoices): Promise<CorrectedReading> {
  const read = async (corrections: ColumnCorrections) => {
    try {
      return await readPlanFile(bytes, fileName, { columns: overridesOf(corrections) });
    } catch (error) {
      if (!(error instanceof DomainError) || corrections.length === 0) throw error;
      const why = `Read with your corrections (${describeCorrections(corrections)}), the file gives no plan: send it again to start from the automatic reading.`;
      throw new DomainError(error.code, why, { problems: [why, ...error.problems], cause: error });
    }
  };
  const current = await read(previous);
  const shown = correctableHeadings(current.tables ?? []).headings;
  const chosen = readChoices(shown, choices);
  const automatic = previous.length === 0 ? current : await read([]);
  const wanted = nextCorrections({ previous, shown, chosen, automatic: readingsByHeading(automatic.tables ?? []) });
  const reading = same(wanted, previous) ? current : wanted.length === 0 ? automatic : await read(wanted);
  const { kept, ignored } = correctionsInEffect(wanted, reading.tables ?? []);
  // The token must name exactly the overrides the shown reading was made with.
  if (ignored.length === 0) return { reading, corrections: kept, ignored };
  return { reading: kept.length === 0 ? automatic : await read(kept), corrections: kept, ignored };
}

function same(a: ColumnCorrections, b: ColumnCorrections): boolean {
  return a.length === b.length && a.every(([key, choice], i) => b[i]![0] === key && b[i]![1] === choice);
}

/** What the preview card shows of the columns it can correct, with the corrections in force under the plan's own headings. */
export function correctionsView(read: CorrectedReading): ColumnsView {
  const tables = read.reading.tables ?? [];
  const { headings, more } = correctableHeadings(tables);
  const written = new Map<string, string>();
  for (const column of tables.flatMap((t) => t.columns)) if (!written.has(normaliseHeading(column.heading))) written.set(normaliseHeading(column.heading), column.heading);
  const named = (list: ColumnCorrections) => list.map(([key, choice]) => ({ heading: written.get(key) ?? key, choice }));
  return { headings: headings.map(({ heading, choice }) => ({ heading, choice })), more, corrections: named(read.corrections), ignored: named(read.ignored) };
}
