import { choiceName, COLUMN_CHOICES, type ColumnChoice } from '../domain/column-corrections.js';
import { FIELD_NAMES, type Field } from '../domain/plan-columns.js';
import { financialYearLabel, planYearWords } from '../domain/plan-year.js';
import type { PlanReading } from '../domain/plan.js';
import { truncate as clip } from '../domain/truncate.js';
import type { CarryForwardResult } from '../services/carry-forward.js';
import type { PlanPreview } from '../services/preview-import.js';
import type { ImportPlanResult } from '../services/import-plan.js';

/** What the plan-upload cards show, as the use cases hand it over. */
export type PlanPreviewView = {
  fileName: string;
  bodyName: string;
  /** Signed by the bot: what Import and Cancel send back (see app/plan-upload.ts). */
  token: string;
  reading: Pick<PlanReading, 'tables' | 'key' | 'ignored' | 'warnings'>;
  plans: PlanPreview[];
  columns: ColumnsView;
};

/** The columns the coordinator may correct on the preview, and the corrections it was read with. */
export type ColumnsView = {
  /** Each heading as the plan writes it, with how it is read now. */
  headings: Array<{ heading: string; choice: ColumnChoice }>;
  /** Headings past the card's list. */
  more: number;
  corrections: Array<{ heading: string; choice: ColumnChoice }>;
  /** Corrections that did not take (read as before). */
  ignored: Array<{ heading: string; choice: ColumnChoice }>;
};

export type PlanChoiceView = { fileName: string; token: string; bodies: Array<{ id: string; name: string }> };

export type PlanImportedView = {
  fileName: string;
  bodyName: string;
  results: ImportPlanResult[];
  carried: CarryForwardResult[];
  by: string;
};

/** A card must stay well inside Teams' ~28 KB: long lists are cut, saying how many more there are. */
const LIST_MAX = { refs: 60, changed: 25, columns: 20, headings: 4, links: 25, warnings: 8 } as const;

function refs(list: readonly string[]): string {
  const shown = list.slice(0, LIST_MAX.refs).join(', ');
  return list.length > LIST_MAX.refs ? `${shown} and ${list.length - LIST_MAX.refs} more` : shown;
}

function more(n: number, what: string): string[] {
  return n > 0 ? [`…and ${n} more ${what}`] : [];
}

/** Added, removed, changed (with the fields), statuses: what an import did or would do to a year's plan. */
function changeFacts(plan: { changes: ImportPlanResult['changes']; unchanged: boolean }, firstImport: boolean, by: string): Array<{ title: string; value: string }> {
  const c = plan.changes;
  if (plan.unchanged) return [{ title: 'Changes', value: 'none: the plan on record already says all of this' }];
  const facts: Array<{ title: string; value: string }> = [];
  if (c.added.length > 0) facts.push({ title: `${firstImport ? 'Actions' : 'Added'} (${c.added.length})`, value: refs(c.added) });
  if (c.removed.length > 0) facts.push({ title: `Removed (${c.removed.length})`, value: `${refs(c.removed)} (kept, with their history)` });
  if (c.changed.length > 0) {
    const lines = c.changed.slice(0, LIST_MAX.changed).map((x) => `${x.ref}: ${x.fields.join(', ')}`);
    facts.push({ title: `Changed (${c.changed.length})`, value: [...lines, ...more(c.changed.length - lines.length, 'changed actions')].join('\n\n') });
  }
  if (c.statusUpdates.length > 0) facts.push({ title: `Statuses (${c.statusUpdates.length})`, value: `${refs(c.statusUpdates)}: recorded as imported updates by ${by}` });
  if (facts.length === 0) facts.push({ title: 'Changes', value: 'only the plan’s title, roles or priority headings' });
  return facts;
}

/**
 * How the columns were read, by field: each field with the headings read as
 * it, and the headings kept as extra columns. A plan repeats (and rewords)
 * its header on every page, so one line per field stays short.
 */
function columnsOf(reading: PlanPreviewView['reading']) {
  const tables = reading.tables ?? [];
  if (tables.length === 0) return [];
  const byField = new Map<string, Set<string>>();
  for (const t of tables) {
    for (const c of t.columns) {
      const named = c.field === null ? 'Extra columns (kept)' : (FIELD_NAMES[c.field as Field] ?? c.field);
      const as = c.period ? `${named}: the latest period filled` : named;
      byField.set(as, (byField.get(as) ?? new Set()).add(clip(c.heading || '(no heading)', 40)));
    }
  }
  const facts = [...byField].slice(0, LIST_MAX.columns).map(([field, headings]) => {
    const shown = [...headings].slice(0, LIST_MAX.headings).map((h) => `“${h}”`).join(', ');
    return { title: field, value: headings.size > LIST_MAX.headings ? `${shown} and ${headings.size - LIST_MAX.headings} more` : shown };
  });
  const places = tables.map((t) => t.where);
  const where = places.length === 1 ? `the table at ${places[0]}` : places.length <= 6 ? `${places.length} tables, at ${places.join(', ')}` : `${places.length} tables`;
  return [{ where: `How the columns were read (${clip(where, 200)})`, facts }];
}

/** Years offered around the one read (the plan's year can be set only for a file of one plan). */
const YEARS_AROUND = 2;

function yearChoices(view: PlanPreviewView) {
  const only = view.plans.length === 1 ? view.plans[0]! : null;
  if (only === null) return { hasYear: false, year: '', years: [] };
  const start = Number(only.year.slice(0, 4));
  const years = Array.from({ length: YEARS_AROUND * 2 + 1 }, (_, i) => financialYearLabel(start - YEARS_AROUND + i));
  return { hasYear: true, year: only.year, years: years.map((y) => ({ title: y, value: y })) };
}

/**
 * The preview's "Correct a column" part: the first `listed` headings, each
 * with its choices preset to how it is read now (a card too full for all
 * of them lists fewer: see planPreviewCard).
 */
function correctionsOf(view: PlanPreviewView, listed: number) {
  const { headings, corrections, ignored } = view.columns;
  const more = view.columns.more + headings.length - listed;
  const named = (list: ColumnsView['corrections'], max: number) => clip(list.map((c) => `“${clip(c.heading, 40)}” → ${choiceName(c.choice)}`).join(', '), max);
  return {
    canCorrect: listed > 0,
    cannotCorrectText: listed > 0 || more <= 0 ? '' : `This preview is too long to correct its ${more} column headings on: correct them with the CLI's --column, or shorten the file.`,
    correctedText: corrections.length === 0 ? '' : `Read with your corrections: ${named(corrections, 300)}`,
    notTakenText: ignored.length === 0 ? '' : `Not taken, so read as before (another column took the field, or the heading spans two rows): ${named(ignored, 160)}`,
    correct: {
      intro: 'Choose what each column holds (and, for a plan whose title names no year, the year to file it under) and press **Read again**: you get a fresh preview, and **Import** then imports the plan read that way.',
      ...yearChoices(view),
      columns: headings.slice(0, listed).map((h, i) => ({ id: `col-${i}`, label: clip(h.heading, 80), value: h.choice })),
      more: more <= 0 ? '' : `${more} more heading${more === 1 ? ' is' : 's are'} not listed here; the CLI's --column corrects any heading.`,
    },
    fieldChoices: COLUMN_CHOICES.map((choice) => ({ title: choiceName(choice), value: choice })),
  };
}

export function planPreviewCardData(view: PlanPreviewView, by: string, listed = view.columns.headings.length) {
  const links = view.plans.flatMap((p) =>
    (p.carry?.suggestions ?? []).map((s) => ({
      id: `keep-${s.ref}`,
      title: `${s.ref} continues ${p.carry!.previousYear} ${s.from} (score ${s.score.toFixed(2)}): ${clip(s.action, 60)} ← ${clip(s.fromAction, 60)}`,
    })),
  );
  const carried = view.plans.find((p) => p.carry !== null);
  const warnings = view.reading.warnings;
  const ignored = view.reading.ignored ?? [];
  return {
    title: `Preview: ${clip(view.fileName, 120)} for ${view.bodyName}`,
    intro: 'Nothing is stored until you press **Import**. Check how the columns were read and what would change.',
    tables: columnsOf(view.reading),
    keyText: (view.reading.key ?? []).length === 0 ? '' : clip(`Key: ${(view.reading.key ?? []).map((k) => `${k.term} = ${k.meaning}`).join('; ')}`, 600),
    ignoredText: ignored.length === 0 ? '' : `${ignored.length} row${ignored.length === 1 ? '' : 's'} not read as actions (a title, a key…): ${clip(ignored.slice(0, 5).map((r) => `${r.where} "${r.text}"`).join('; '), 300)}`,
    plans: view.plans.map((p) => ({
      heading: `${clip(p.title, 150)} (${p.year})`,
      counts: `${p.priorities} priorities, ${p.actions} actions · ${p.basedOn === 0 ? `the first ${p.year} plan for ${view.bodyName}` : `against the plan on record (version ${p.basedOn})`}${p.yearFrom === 'title' ? '' : ` · plan year ${planYearWords({ year: p.year, from: p.yearFrom })}`}`,
      facts: changeFacts(p, p.basedOn === 0, by),
    })),
    hasLinks: links.length > 0 || carried !== undefined,
    linksIntro:
      carried === undefined
        ? ''
        : links.length === 0
          ? `No ${carried.year} action looks like one of ${carried.carry!.previousYear}’s. Name a link below if one continues.`
          : `These ${carried.year} actions seem to continue ${carried.carry!.previousYear}’s (score 0 to 1, by shared words). Untick any that does not; add or correct links in the box.`,
    links: links.slice(0, LIST_MAX.links),
    linksMore: links.length > LIST_MAX.links ? `${links.length - LIST_MAX.links} more suggested links will be made too; refuse one by typing it in the box as e.g. 4.1=none.` : '',
    linksPlaceholder: carried === undefined ? '' : `One a line, e.g. 4.1=${carried.carry!.previousYear}:4.7`,
    warningsText: warnings.length === 0 ? '' : [`**Warnings (${warnings.length})**`, ...warnings.slice(0, LIST_MAX.warnings).map((w) => `- ${clip(w, 240)}`), ...more(warnings.length - LIST_MAX.warnings, 'warnings')].join('\n'),
    data: { upload: view.token },
    cancel: { fileName: view.fileName },
    ...correctionsOf(view, listed),
  };
}

export function planImportedCardData(view: PlanImportedView) {
  const links = view.carried.flatMap((c) => c.links.map((l) => `${l.ref} continues ${l.continues.year} ${l.continues.ref}${l.continues.score === null ? ' (named by you)' : ` (score ${l.continues.score.toFixed(2)})`}`));
  return {
    title: `✔ Imported ${view.fileName} into ${view.bodyName}`,
    plans: view.results.map((r) => ({
      heading: r.unchanged ? `${r.year} plan: nothing changed (still version ${r.version})` : `${r.year} plan: now version ${r.version}`,
      facts: changeFacts(r, r.version === 1, view.by),
    })),
    linksText: links.length === 0 ? '' : `**Carried forward (${links.length})**: ${links.slice(0, LIST_MAX.links).join('; ')}${links.length > LIST_MAX.links ? ` and ${links.length - LIST_MAX.links} more` : ''}`,
    footer: 'Each action’s history keeps everything recorded before. Leads are asked about their actions as deadlines come up.',
  };
}

export function problemsText(fileName: string, problems: readonly string[]): string {
  const shown = problems.slice(0, LIST_MAX.warnings).map((p) => `- ${clip(p, 400)}`);
  return [`Nothing was imported from ${fileName}: ${problems.length === 1 ? 'there is a problem' : `there are ${problems.length} problems`} to fix first.`, '', ...shown, ...more(problems.length - shown.length, 'problems'), '', 'Fix the file and send it again.'].join('\n');
}
