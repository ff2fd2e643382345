import { z } from 'zod';
import { DomainError } from './errors.js';
import { FIELD_NAMES, FIELDS, normaliseHeading, type ColumnOverrides, type Field } from './plan-columns.js';
import type { TableReading } from './plan.js';

/**
 * A coordinator's corrections to how a plan's columns were read, made on the
 * Teams preview card (the CLI's `--column "<heading>=<field>"`). A heading is
 * known by its normalised text, as `--column` compares it, so one correction
 * covers the heading wherever the plan repeats it (a header on every page).
 */

/** What a column may be read as: a field, or kept as an extra column under its own heading. */
export const EXTRA_COLUMN = 'extra';
export const COLUMN_CHOICES = [...FIELDS, EXTRA_COLUMN] as const;
export const ColumnChoiceSchema = z.enum(COLUMN_CHOICES);
export type ColumnChoice = z.infer<typeof ColumnChoiceSchema>;

/** The most headings offered for correction: a card lists each with its choices, and must stay small. */
export const MAX_CORRECTABLE_HEADINGS = 16;
/** A heading longer than this (normalised) is prose, not a heading anyone would correct. */
const MAX_KEY_LENGTH = 120;

/** The corrections in force, as the preview token carries them: heading key → choice, only where they change the reading. */
export const ColumnCorrectionsSchema = z.array(z.tuple([z.string().min(1).max(MAX_KEY_LENGTH), ColumnChoiceSchema])).max(MAX_CORRECTABLE_HEADINGS);
export type ColumnCorrections = z.infer<typeof ColumnCorrectionsSchema>;

export type CorrectableHeading = {
  /** The normalised heading: what a correction names. */
  key: string;
  /** The heading as the plan writes it (its first appearance). */
  heading: string;
  /** How it is read now. */
  choice: ColumnChoice;
};

/** How a choice is named to the coordinator: the field's heading in the seeds, or what an extra column is. */
export function choiceName(choice: ColumnChoice): string {
  return choice === EXTRA_COLUMN ? 'Extra column (keep as is)' : FIELD_NAMES[choice];
}

const choiceOf = (field: string | null): ColumnChoice => ColumnChoiceSchema.catch(EXTRA_COLUMN).parse(field ?? EXTRA_COLUMN);

/**
 * The headings a coordinator may correct, each once, in the plan's order.
 * A column of a period series ("Q1 update | Q2 update") is left out: its
 * heading is made up of two header lines, and the series is one reading.
 */
export function correctableHeadings(tables: ReadonlyArray<TableReading>): { headings: CorrectableHeading[]; more: number } {
  const byKey = new Map<string, CorrectableHeading>();
  for (const table of tables) {
    for (const column of table.columns) {
      const key = normaliseHeading(column.heading);
      if (column.period || key === '' || key.length > MAX_KEY_LENGTH || byKey.has(key)) continue;
      byKey.set(key, { key, heading: column.heading, choice: choiceOf(column.field) });
    }
  }
  const all = [...byKey.values()];
  return { headings: all.slice(0, MAX_CORRECTABLE_HEADINGS), more: Math.max(0, all.length - MAX_CORRECTABLE_HEADINGS) };
}

/** Every choice each heading is read as, over all the tables (a heading may be read differently in two tables). */
export function readingsByHeading(tables: ReadonlyArray<TableReading>): Map<string, Set<ColumnChoice>> {
  const readings = new Map<string, Set<ColumnChoice>>();
  for (const table of tables) {
    for (const column of table.columns) {
      const key = normaliseHeading(column.heading);
      readings.set(key, (readings.get(key) ?? new Set()).add(choiceOf(column.field)));
    }
  }
  return readings;
}

/**
 * The corrections after the coordinator's choices: those already in force,
 * with each choice that differs from the reading the card showed; then only
 * what the automatic reading does not already do, so a choice set back to
 * the automatic reading removes its correction.
 */
export function nextCorrections(input: {
  previous: ColumnCorrections;
  shown: ReadonlyArray<CorrectableHeading>;
  chosen: ReadonlyMap<string, ColumnChoice>;
  automatic: ReadonlyMap<string, ReadonlySet<ColumnChoice>>;
}): ColumnCorrections {
  const next = new Map(input.previous);
  for (const { key, choice } of input.shown) {
    const chosen = input.chosen.get(key);
    if (chosen !== undefined && chosen !== choice) next.set(key, chosen);
  }
  const corrections = [...next].filter(([key, choice]) => {
    const auto = input.automatic.get(key);
    return !(auto !== undefined && auto.size === 1 && auto.has(choice));
  });
  if (corrections.length > MAX_CORRECTABLE_HEADINGS) {
    throw new DomainError('input-invalid', `Not read again: ${corrections.length} columns corrected, and a preview holds at most ${MAX_CORRECTABLE_HEADINGS}. Correct the file's headings, or import it with the CLI's --column.`);
  }
  return corrections;
}

/**
 * The corrections that took: a heading now read as chosen everywhere it is.
 * One that did not (its cell never heads a column, or the reading now finds
 * another header) is left out, so the token carries only what changed.
 */
export function correctionsInEffect(corrections: ColumnCorrections, tables: ReadonlyArray<TableReading>): { kept: ColumnCorrections; ignored: ColumnCorrections } {
  const now = readingsByHeading(tables);
  const kept: ColumnCorrections = [];
  const ignored: ColumnCorrections = [];
  for (const entry of corrections) {
    const read = now.get(entry[0]);
    (read !== undefined && read.size === 1 && read.has(entry[1]) ? kept : ignored).push(entry);
  }
  return { kept, ignored };
}

/** The reader's overrides for these corrections. */
export function overridesOf(corrections: ColumnCorrections): ColumnOverrides {
  return new Map(corrections.map(([key, choice]): [string, Field | null] => [key, choice === EXTRA_COLUMN ? null : choice]));
}
