/**
 * Which column of a plan's table holds what. Headers vary from plan to plan
 * ("RESOURCES/PARTNERS", "Lead / partners"; "DEADLINE", "Target date";
 * "ACTION UPDATE/RAG", "Progress"), so they are matched by meaning.
 */
export type Field = 'ref' | 'action' | 'measure' | 'outcome' | 'resources' | 'lead' | 'partners' | 'deadline' | 'update';

type Label = { field: Field | null; strong: boolean };

const STRONG: ReadonlyArray<[Field, RegExp]> = [
  ['update', /^(action )?(update|updates|progress|progress update|progress to date|latest update|comments?|current status|status|rag|rag status)( ?\/ ?(rag|update|status))?$|^(rag|status) ?\/ ?(update|progress)$|^progress and rag$/],
  ['ref', /^(ref|ref no|reference|no|number|action no|action number|action ref|item|id|#)$/],
  ['action', /^(action|actions|specific action|action description|description|task|tasks|activity|activities|what|what we will do|objective|objectives)$/],
  ['measure', /^(measure of success|measures of success|measure|measures|success measures?|measurable|success criteria|kpis?|performance (measures?|indicators?)|how will (we|success be) measured?( success)?|evidence)$/],
  ['outcome', /^(planned|expected|intended|desired)? ?outcomes?$|^impact$/],
  ['resources', /^(resources ?\/ ?partners|resources and partners|resources|leads? ?\/ ?partners|leads? and partners|partners ?\/ ?leads?|lead ?\/ ?support|who)$/],
  ['lead', /^(lead|leads|lead officer|lead agency|lead role|lead partner|owner|action owner|responsible|responsible officer|responsibility)$/],
  ['partners', /^(partners|partner|supporting|support|supported by|partner agencies|other partners|key partners)$/],
  ['deadline', /^(deadline|deadlines|target date|target|due|due date|date|by when|timescales?|completion date|target completion date|end date|when|by)$/],
];

/** The SMART headings some plans put above the real ones. */
const WEAK: ReadonlyArray<[Field | null, RegExp]> = [
  ['action', /^specific$/],
  ['deadline', /^(timed|time bound|time-bound|timely)$/],
  [null, /^(achievable and relevant|achievable|relevant|realistic|achievable and realistic)$/],
];

export function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[^a-z0-9/#]+/g, ' ')
    .trim()
    .replace(/\//g, ' / ')
    .replace(/\s+/g, ' ')
    .replace(/ \/ /g, '/');
}

export function headerLabel(text: string): Label | null {
  const label = normaliseLabel(text).replace(/\//g, ' / ');
  const compact = label.replace(/ \/ /g, '/');
  for (const [field, pattern] of STRONG) if (pattern.test(label) || pattern.test(compact)) return { field, strong: true };
  for (const [field, pattern] of WEAK) if (pattern.test(compact)) return { field, strong: false };
  return null;
}

export type Column = { field: Field; position: number };

/**
 * Builds the column layout from one or more header lines (a plan may head
 * its table with SMART words above the real headings, or split a heading
 * over two lines). Returns the fields in the order they appear.
 */
export function columnLayout(headerLines: ReadonlyArray<ReadonlyArray<string>>): Column[] {
  const found = new Map<Field, { position: number; line: number; strong: boolean }>();
  headerLines.forEach((cells, line) => {
    cells.forEach((text, position) => {
      const label = text.trim() === '' ? null : headerLabel(text);
      if (!label || label.field === null) return;
      const seen = found.get(label.field);
      const better =
        !seen ||
        (label.strong && !seen.strong) ||
        (label.strong === seen.strong && (position < seen.position || (position === seen.position && line < seen.line)));
      if (better) found.set(label.field, { position, line, strong: label.strong });
    });
  });
  return [...found.entries()]
    .sort(([, a], [, b]) => a.position - b.position || a.line - b.line)
    .map(([field, { position }]) => ({ field, position }));
}

/** A row is a header line when at least `min` of its cells are headings and every non-empty cell is one. */
export function isHeaderLine(cells: ReadonlyArray<string>, min = 2): boolean {
  const filled = cells.filter((c) => c.trim() !== '');
  return filled.length >= min && filled.every((c) => headerLabel(c) !== null);
}
