import { z } from 'zod';
import { refCell } from './action-refs.js';

/**
 * Which column of a plan's table holds what. Councils word their headings
 * every way ("Lead officer and agency", "RAG Q3", "Progress update as at
 * 31 March", "Action (what we will do)"), so a heading is matched by its
 * words against each field's synonyms, ignoring punctuation, parentheses,
 * dates and qualifiers. A heading that matches nothing is kept as an extra
 * column, never a reason to miss the table.
 */
export const FIELDS = ['ref', 'priority', 'action', 'measure', 'outcome', 'resources', 'lead', 'partners', 'deadline', 'status', 'update'] as const;
export const FieldSchema = z.enum(FIELDS);
export type Field = z.infer<typeof FieldSchema>;

/** How the dry run names each field: the seeds' own headings where they have one. */
export const FIELD_NAMES: Record<Field, string> = {
  ref: 'REF',
  priority: 'PRIORITY',
  action: 'ACTION',
  measure: 'MEASURE OF SUCCESS',
  outcome: 'PLANNED OUTCOME',
  resources: 'RESOURCES/PARTNERS',
  lead: 'LEAD',
  partners: 'PARTNERS',
  deadline: 'DEADLINE',
  status: 'STATUS/RAG',
  update: 'ACTION UPDATE/RAG',
};

/** Words that say nothing about what a column holds. */
const STOP = new Set(
  'the of and to for a an in on is are be our this it s as at or with per by from has have been'.split(' '),
);
/** Words that qualify a heading without changing its field ("Current status", "Key actions"). */
const QUALIFIERS = new Set(
  'current latest overall key main brief detailed proposed agreed full summary name title quarter quarterly year yearly annual month monthly end q1 q2 q3 q4 revised new original forecast estimated projected anticipated'.split(' '),
);
const DATES =
  /\b(?:(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?|\d{1,2}(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/g;

/** Each field's wordings; a weight below 1 marks a second meaning ("Objective" is an action when nothing else is). */
const SYNONYMS: Record<Field, ReadonlyArray<string | [string, number]>> = {
  ref: ['ref', 'reference', 'no', 'number', 'num', 'id', 'item', '#', 'action no', 'action number', 'action ref', 'action id', 'code', 'ref no', 'rec', 'rec no', 'recommendation no', 'recommendation number'],
  priority: [
    'priority', 'priorities', 'strategic priority', 'objective', 'objectives', 'strategic objective', 'theme', 'themes', 'aim', 'aims',
    'strategic aim', 'goal', 'goals', 'workstream', 'work stream', 'focus area', 'area focus', 'strand', 'outcome area', 'priority area',
    // An inspection's "Area for Improvement" (Ofsted, HMICFRS) groups the actions that answer it, as a recommendation does.
    'area for improvement', 'areas for improvement',
    // An improvement plan's "Improvement" (Clackmannanshire housing improvement plan 2008): merged down beside the milestones delivering it.
    ['improvement', 0.9], ['improvements', 0.9],
    // A checklist's "Stage" (Scottish Executive community safety strategy checklist): the step its actions belong to.
    'stage', 'stages', 'phase', 'phases',
    // Microsoft Planner's export groups a plan's tasks in buckets.
    'bucket', 'bucket name',
  ],
  action: [
    'action', 'actions', 'activity', 'activities', 'task', 'tasks', 'do', 'what we will do', 'what will we do', 'we will', 'what we going do', 'what going do', 'description', 'action description',
    'specific action', 'specific actions', 'recommendation', 'recommendations', 'intervention', 'interventions', 'commitment', 'commitments',
    'action required', 'actions required', 'steps', 'project', 'projects', 'initiative', 'initiatives', ['deliverable', 0.9], ['deliverables', 0.9], ['objective', 0.9], ['objectives', 0.9],
    ['what', 0.9], ['summary', 0.8],
    // "Key Milestones" (Clackmannanshire 2008), "Milestones/Actions" (Argyll and Bute EDAP): the steps chased; "Action" beside them wins.
    ['milestone', 0.9], ['milestones', 0.9],
  ],
  measure: [
    'measure', 'measures', 'measure success', 'measures success', 'success measure', 'success measures', 'success criteria', 'kpi', 'kpis',
    'performance measure', 'performance measures', 'performance indicator', 'performance indicators', 'measurable', 'know', 'measured',
    'how will we know', 'how will we measure', 'how will we measure success', 'how will success be measured', 'how we will measure',
    'measure success', 'success', ['indicator', 0.8], ['indicators', 0.8], ['evidence', 0.7], ['target', 0.6], ['targets', 0.8],
    'measurement', 'measurements',
  ],
  outcome: ['outcome', 'outcomes', 'output', 'outputs', 'planned outcome', 'expected outcome', 'intended outcome', 'desired outcome', 'impact', 'result', 'results', 'difference', 'make difference', 'benefit', 'benefits',
    // "What residents will see" (RBKC's Council Plan Action Plan 2025-27): the outcome as the public meets it.
    'what residents will see', 'what people will see', 'what the public will see', 'what communities will see', 'what residents will notice',
    'what will success look like', 'what success will look like', 'what success looks like',
    // "Target /outcome" (Buckinghamshire homelessness and rough sleeping action plan 2022-25).
    'target outcome', 'targets outcomes', 'target outcomes'],
  resources: [
    'resources', 'resources partners', 'resource', 'lead partners', 'leads partners', 'partners lead', 'partners leads', 'lead support',
    'who', 'who involved', 'responsible lead partners', 'lead partner agencies',
  ],
  lead: [
    'lead', 'leads', 'lead officer', 'lead agency', 'lead role', 'lead partner', 'lead organisation', 'lead person', 'lead body', 'owner', 'who will lead',
    'action owner', 'owners', 'responsible', 'responsible officer', 'responsibility', 'accountable', 'officer', 'agency', 'organisation',
    'person', 'lead responsible', 'who lead', 'led', 'led by', 'delivery led', 'delivered', 'delivered by',
    // "Delivery": who delivers it, as LAA and PCC templates head the column.
    'delivery', 'delivery partner', 'delivery lead', 'delivery agency', 'delivery body',
    // Task trackers a plan is kept in and exported from (Microsoft Planner's "Assigned To", SharePoint lists, Smartsheet).
    'assigned to', 'assigned', 'assignee', 'assignees',
  ],
  partners: [
    'partners', 'partner', 'supporting', 'support', 'supported', 'partner agencies', 'other partners', 'key partners', 'supporting partners', 'contributors', 'partners involved', 'agencies',
    // Question-form templates ("WHO ELSE NEEDS TO BE INVOLVED?", Stockton's reducing re-offending plan 2009).
    'who else', 'who else involved', 'who else needs involved', 'who else needs be involved', 'involved', 'also involved',
  ],
  deadline: [
    'deadline', 'deadlines', 'target date', 'due', 'due date', 'date', 'when', 'by when', 'timescale', 'timescales', 'timeframe', 'time frame',
    'timeline', 'completion', 'completion date', 'target completion date', 'end date', 'delivery date', 'target', 'time',
    // "Year" of a multi-year plan ("year 1", "2025/26"; Buckinghamshire homelessness action plan 2022-25).
    'year', 'years',
    // Question-form templates ("WHEN DO WE AIM TO DO IT BY?", Stockton's reducing re-offending plan 2009).
    'when do we aim to do it by', 'when will we do it by', 'when will it be done', 'when will it be done by', 'when will we do it', 'when by',
  ],
  status: ['rag', 'r a g', 'rag status', 'rag rating', 'status', 'rating', 'brag', 'complete y n', 'completed y n', 'red amber green', 'rag rated', 'delivery status', 'progress rating', 'colour'],
  update: [
    'update', 'updates', 'progress', 'progress update', 'progress to date', 'action update', 'comments', 'comment', 'commentary',
    'narrative', 'progress made', 'update progress', 'position', 'work to date', 'work done', 'action taken', 'actions taken', 'date completion outcome', 'completion outcome', 'progress report', 'progress commentary', 'progress comments',
    'changes', 'change', 'changes made',
  ],
};

type Phrase = { field: Field; words: string[]; weight: number };

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\bas (?:at|of)\b/g, ' ')
    .replace(DATES, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9#]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !STOP.has(w) && !QUALIFIERS.has(w));
}

/** A heading's words; a heading of qualifiers alone ("Summary") is read by them. */
function headingWords(text: string): string[] {
  const meaningful = words(text);
  if (meaningful.length > 0) return meaningful;
  return text.toLowerCase().replace(/[^a-z]+/g, ' ').split(' ').filter((w) => QUALIFIERS.has(w));
}

const PHRASES: Phrase[] = FIELDS.flatMap((field) =>
  SYNONYMS[field].map((entry) => {
    const [text, weight] = typeof entry === 'string' ? [entry, 1] : entry;
    return { field, words: headingWords(text), weight };
  }),
).filter((p) => p.words.length > 0);

const VOCABULARY = new Set(PHRASES.flatMap((p) => p.words));

/** A plural of a word the synonyms know only in the singular ("Target Dates", "Lead Officers") reads as that word. */
function singular(token: string): string {
  if (VOCABULARY.has(token) || token.length < 4 || !token.endsWith('s')) return token;
  const stem = token.slice(0, -1);
  return VOCABULARY.has(stem) ? stem : token;
}

/** The SMART headings some plans put above the real ones ("SPECIFIC", "TIMED"): read only when nothing better is there. */
const SMART: ReadonlyArray<[Field | null, RegExp]> = [
  ['action', /^specific$/],
  ['deadline', /^(timed|time bound|time-bound|timely)$/],
  [null, /^(achievable and relevant|achievable|relevant|realistic|achievable and realistic)$/],
];

const PAST_DATE = /\b(?:closed|actual|implemented|signed off)\b/i;
/** A second deadline column that replaces the first where filled ("Revised date" beside "Agreed completion date"). */
const REVISED = /\b(?:revised|amended|extended|rescheduled|new)\b/i;
const RECOMMENDATION = /\brecommendations?\b/i;
const ACTION_WORD = /\bactions?\b/i;

export type HeadingMatch = { field: Field | null; score: number };

const THRESHOLD = 0.5;
const SMART_SCORE = 0.3;

/**
 * How well a heading names each field, best first. A score is the share of
 * the heading's meaningful words that the field's synonyms cover.
 */
export function matchHeading(text: string): HeadingMatch[] {
  const flat = text.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [field, pattern] of SMART) if (pattern.test(flat)) return [{ field, score: SMART_SCORE }];
  const tokens = headingWords(text).map(singular);
  if (tokens.length === 0) return [];
  // "Closed Date", "Actual completion date": when it was done, kept beside the action, never chased as a deadline.
  const happened = PAST_DATE.test(text);
  const covered = new Map<Field, { weight: number[]; longest: number }>();
  for (const phrase of PHRASES) {
    for (let i = 0; i + phrase.words.length <= tokens.length; i++) {
      if (!phrase.words.every((w, k) => tokens[i + k] === w)) continue;
      const entry = covered.get(phrase.field) ?? { weight: new Array<number>(tokens.length).fill(0), longest: 0 };
      for (let k = 0; k < phrase.words.length; k++) entry.weight[i + k] = Math.max(entry.weight[i + k]!, phrase.weight);
      entry.longest = Math.max(entry.longest, phrase.words.length);
      covered.set(phrase.field, entry);
    }
  }
  const score = (field: Field): number => {
    const entry = covered.get(field);
    return entry === undefined ? 0 : entry.weight.reduce((a, b) => a + b, 0) / tokens.length + entry.longest / 100;
  };
  const matches: HeadingMatch[] = FIELDS.map((field) => ({ field, score: score(field) })).filter(
    (m) => m.score >= THRESHOLD && !(happened && m.field === 'deadline'),
  );
  // "Progress / RAG", "Action update/RAG": one column carrying both the status and the narrative.
  const update = covered.get('update');
  const status = covered.get('status');
  if (update && status && tokens.every((_, i) => update.weight[i]! > 0 || status.weight[i]! > 0)) {
    matches.push({ field: 'update', score: 1.1 });
  }
  return matches.sort((a, b) => b.score - a.score);
}

/** Is this text a heading of a field the coordinator named with --column, or one we know? */
function known(text: string, overrides: ColumnOverrides): boolean {
  const best = fieldsOf(text, overrides)[0];
  return best !== undefined && (best.score >= EVIDENCE || best.score === SMART_SCORE);
}

/** A heading as --column compares it: case, spacing and punctuation do not matter. */
export function normaliseHeading(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9#]+/g, ' ').trim();
}

/** `--column "<heading>=<field>"`: normalised heading → field, or null to keep it as an extra column. */
export type ColumnOverrides = ReadonlyMap<string, Field | null>;

export type HeaderEvidence = {
  /** Fields the row's cells name (strong matches only). */
  fields: Field[];
  /** Non-empty cells. */
  filled: number;
  /** Cells that name a field (strongly or as a SMART word). */
  matched: number;
};

/** A heading the coordinator named (`--column`) scores above any heading's own words. */
const OVERRIDE_SCORE = 2;

function fieldsOf(text: string, overrides: ColumnOverrides): HeadingMatch[] {
  const forced = overrides.get(normaliseHeading(text));
  if (forced !== undefined) return [{ field: forced, score: OVERRIDE_SCORE }];
  return matchHeading(text);
}

/**
 * A field counts as evidence only from a cell that is mostly heading words:
 * "Lead officer" is, "Licensing Officer" (a value in a lead column) is not.
 */
const EVIDENCE = 0.66;

export function headerEvidence(cells: ReadonlyArray<string>, overrides: ColumnOverrides = new Map()): HeaderEvidence {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  const fields = new Set<Field>();
  let matched = 0;
  for (const text of filled) {
    if (text.length > 120) continue;
    const best = fieldsOf(text, overrides)[0];
    if (best === undefined) continue;
    matched++;
    if (best.field !== null && best.score >= EVIDENCE) fields.add(best.field);
  }
  return { fields: [...fields], filled: filled.length, matched };
}

/**
 * A row is a table's header when its cells name at least two fields and
 * most of it is headings, or three fields whatever else it holds: unknown
 * headings ("Budget", "Risk") never hide the table. A row of SMART words
 * alone is a header line too (it heads the real headings below it).
 */
export function isHeaderRow(cells: ReadonlyArray<string>, overrides: ColumnOverrides = new Map()): boolean {
  const evidence = headerEvidence(cells, overrides);
  if (evidence.filled < 2) return false;
  if (evidence.matched === evidence.filled) return true;
  return evidence.fields.length >= 3 || (evidence.fields.length >= 2 && evidence.matched * 2 >= evidence.filled);
}

/** The second line of a two-line header: every cell a heading, a SMART word or a date/quarter ("Q1", "2024/25"). */
export function isHeaderContinuation(cells: ReadonlyArray<string>, overrides: ColumnOverrides = new Map()): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  return filled.length >= 1 && filled.every((text) => text.length <= 60 && (known(text, overrides) || (words(text).length === 0 && refCell(text) === null)));
}

/** How near a row came to being a header, for the message when no table is found. */
export function headerScore(cells: ReadonlyArray<string>): number {
  const evidence = headerEvidence(cells);
  return evidence.fields.length * 2 + evidence.matched - (evidence.filled - evidence.matched) * 0.25;
}

/** A column of the table: a field, or an extra column kept under its own heading (field null). */
export type Column = {
  field: Field | null;
  position: number;
  heading: string;
  /** The original date beside a revised one: the deadline while the revised cell is empty. */
  deadlineUntilRevised?: true;
  /**
   * One of a row of period columns for the field ("Q1 update | Q2 update |
   * Q3 update", "RAG Jun 24 | RAG Sep 24"): the latest filled one is the
   * field's value, the others the action's history, kept under their headings.
   */
  periodOf?: 'update' | 'status';
};

/** A heading naming a reporting period: a quarter, a month or a year. */
const PERIOD =
  /\b(?:q[1-4]|quarter\s*[1-4]|(?:19|20)\d\d|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/**
 * Builds the column layout from one or more header lines (a plan may head
 * its table with SMART words above the real headings, or split a heading
 * over two lines). Each field goes to the cell that names it best (leftmost
 * on a tie); a heading that names no field, or only a field another column
 * names better, becomes an extra column when positions are exact.
 */
export function columnLayout(
  headerLines: ReadonlyArray<ReadonlyArray<string>>,
  exactColumns: boolean,
  overrides: ColumnOverrides = new Map(),
): Column[] {
  type Candidate = { field: Field; score: number; position: number; line: number; heading: string };
  const candidates: Candidate[] = [];
  const headings = new Map<number, string[]>();
  const smartOnly = new Set<number>();
  headerLines.forEach((cells, line) => {
    cells.forEach((raw, position) => {
      const text = raw.replace(/\s+/g, ' ').trim();
      if (text === '') return;
      const matches = fieldsOf(text, overrides);
      const isSmart = matches.length === 1 && matches[0]!.score === SMART_SCORE;
      if (isSmart) smartOnly.add(position);
      else headings.set(position, [...(headings.get(position) ?? []), text]);
      // A cell is a candidate for its best field, and for a second meaning close behind ("Objective": priority, else action).
      const top = matches[0]?.score ?? 0;
      for (const m of matches) {
        if (m.field !== null && m.score >= top - 0.15) candidates.push({ field: m.field, score: m.score, position, line, heading: text });
      }
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.position - b.position || a.line - b.line);
  const byField = new Map<Field, Candidate>();
  const takenAt = new Set<string>();
  for (const c of candidates) {
    const cell = `${c.position}:${c.line}`;
    if (byField.has(c.field) || takenAt.has(cell)) continue;
    byField.set(c.field, c);
    takenAt.add(cell);
  }
  // No ACTION column yet: the column whose second meaning is action is it ("Objective" beside "Outcome", "Lead", "Date"),
  // else the leftmost column that says what is tracked ("Measure | Lead officer | Status" in a performance report).
  if (!byField.has('action')) {
    const tracked = [...byField.values()].filter((c) => c.field === 'measure' || c.field === 'outcome').sort((a, b) => a.position - b.position)[0];
    // A table with no action heading at all ("No. | Aims | Lead | Target Date"): its grouping column is what it tracks.
    const alternative = candidates.find((c) => c.field === 'action') ?? tracked ?? byField.get('priority');
    if (alternative) {
      for (const [field, taken] of byField) if (taken.position === alternative.position && taken.line === alternative.line) byField.delete(field);
      byField.set('action', { ...alternative, field: 'action' });
    }
  }
  // A tracker's recommendation with the actions that enact it ("Recommendation | … | Action to take", "Recommendation
  // | Agreed action"): the action is what is chased; the recommendation left of it groups its actions (merged down
  // or repeated), right of it it is the action's own detail.
  const chosen = byField.get('action');
  if (chosen && RECOMMENDATION.test(chosen.heading) && !byField.has('priority')) {
    const enacting = candidates.find((c) => c.field === 'action' && c.position !== chosen.position && ACTION_WORD.test(c.heading) && !RECOMMENDATION.test(c.heading));
    const free = enacting && ![...byField.values()].some((c) => c.position === enacting.position && c.line === enacting.line);
    if (enacting && free) {
      byField.set('action', enacting);
      if (chosen.position < enacting.position) byField.set('priority', { ...chosen, field: 'priority' });
    }
  }
  const periods = periodColumns(headerLines, candidates, byField, exactColumns);
  const original = byField.get('deadline');
  const revised = candidates.find((c) => c.field === 'deadline' && REVISED.test(c.heading) && !takenAt.has(`${c.position}:${c.line}`));
  const revisedColumn = original && !REVISED.test(original.heading) && revised ? revised : null;
  if (revisedColumn) byField.set('deadline', revisedColumn);
  // "Current Status of Action" beside an "R/A/G" column: the rating is the status, the other status heading its narrative.
  if (!byField.has('update')) {
    const taken = new Set([...byField.values()].map((c) => `${c.position}:${c.line}`));
    const narrative = candidates.find((c) => c.field === 'status' && !taken.has(`${c.position}:${c.line}`));
    if (narrative) byField.set('update', { ...narrative, field: 'update' });
  }
  // A priority, objective or theme groups the actions from the left; right of the action it is the action's own
  // detail ("Project | Objective | End date", "Action | Priority: High"), kept under its heading. Unless the
  // coordinator named it the priority (`--column "Bucket Name=priority"`: a Planner export's buckets sit right of the task).
  const grouping = byField.get('priority');
  const named = grouping !== undefined && grouping.score >= OVERRIDE_SCORE;
  const demoted = grouping !== undefined && !named && (byField.get('action')?.position ?? Infinity) < grouping.position ? grouping : null;
  if (demoted) byField.delete('priority');
  const columns: Array<Column & { line: number }> = [...byField.values()].map((c) => ({ field: c.field, position: c.position, line: c.line, heading: c.heading }));
  if (demoted && !exactColumns) columns.push({ field: null, position: demoted.position, line: 0, heading: demoted.heading });
  const fieldPositions = new Set(columns.map((c) => c.position));
  if (exactColumns) {
    const used = new Set<string>();
    for (const [position, texts] of headings) {
      if (fieldPositions.has(position)) continue;
      const heading = uniqueHeading(texts.join(' '), used);
      columns.push({ field: null, position, line: 0, heading });
    }
  } else {
    // Text copied out of Word shifts cells between header lines: only a heading that names nothing is an extra.
    const used = new Set<string>();
    for (const [position, texts] of headings) {
      for (const text of texts) {
        if (fieldsOf(text, overrides).length > 0 || smartOnly.has(position)) continue;
        columns.push({ field: null, position, line: 0, heading: uniqueHeading(text, used) });
      }
    }
  }
  return columns
    .sort((a, b) => a.position - b.position || a.line - b.line)
    .map(({ field, position, heading }): Column => {
      const column: Column = { field, position, heading: periods.headings.get(position) ?? heading };
      if (revisedColumn && original && field === null && position === original.position) column.deadlineUntilRevised = true;
      const period = periods.fields.get(position);
      if (period !== undefined) column.periodOf = period;
      return column;
    });
}

/**
 * The period columns of the update and the status, with the headings they
 * are kept under: two or more headings of the field on one header line, each
 * naming its quarter, month or year ("Q1 update | Q2 update"); or the field's
 * heading spanning a line of period labels below it ("Progress update" over
 * "Q1 | Q2 | Q3 | Q4"), each then kept as "Progress update Q1"…
 */
function periodColumns(
  headerLines: ReadonlyArray<ReadonlyArray<string>>,
  candidates: ReadonlyArray<{ field: Field; position: number; line: number; heading: string }>,
  byField: ReadonlyMap<Field, { position: number; line: number; heading: string }>,
  exactColumns: boolean,
): { fields: Map<number, 'update' | 'status'>; headings: Map<number, string> } {
  const fields = new Map<number, 'update' | 'status'>();
  const headings = new Map<number, string>();
  const label = (line: number, position: number) => (headerLines[line]?.[position] ?? '').replace(/\s+/g, ' ').trim();
  const isPeriod = (text: string) => text.length <= 24 && PERIOD.test(text);
  for (const field of ['update', 'status'] as const) {
    const chosen = byField.get(field);
    if (chosen === undefined || fields.has(chosen.position)) continue;
    const series = new Set(candidates.filter((c) => c.field === field && c.line === chosen.line && PERIOD.test(c.heading) && !fields.has(c.position)).map((c) => c.position));
    if (series.size >= 2 && series.has(chosen.position)) {
      for (const position of series) fields.set(position, field);
      continue;
    }
    if (!exactColumns) continue;
    for (let line = chosen.line + 1; line < headerLines.length; line++) {
      if (!isPeriod(label(line, chosen.position))) continue;
      const spanned = [chosen.position];
      for (let q = chosen.position + 1; label(chosen.line, q) === '' && isPeriod(label(line, q)) && !fields.has(q); q++) spanned.push(q);
      if (spanned.length < 2) continue;
      for (const position of spanned) {
        fields.set(position, field);
        headings.set(position, `${chosen.heading} ${label(line, position)}`);
      }
      break;
    }
  }
  return { fields, headings };
}

function uniqueHeading(text: string, used: Set<string>): string {
  let heading = text;
  for (let n = 2; used.has(heading); n++) heading = `${text} (${n})`;
  used.add(heading);
  return heading;
}
