import { z } from 'zod';

export const StatusSchema = z.enum(['completed', 'not-completed', 'green', 'amber', 'red', 'in-progress', 'not-reported']);
export type Status = z.infer<typeof StatusSchema>;

export type StatusReading = {
  status: Status;
  /** The prose after the status words, kept whole. */
  narrative: string;
  /** False when the cell had text but began with no status word. */
  recognised: boolean;
};

const DASH = '[\\s\\-–—:,.;]*';

/** Checked in order: "NOT COMPLETED" before "COMPLETED", "STARTED – GOOD PROGRESS" before "STARTED". */
const RULES: ReadonlyArray<{ pattern: RegExp; status: Status }> = [
  { pattern: new RegExp(`^not${DASH}(completed?|achieved|done|met)\\b`, 'i'), status: 'not-completed' },
  { pattern: /^incomplete\b/i, status: 'not-completed' },
  { pattern: /^(completed?|achieved|done)\b/i, status: 'completed' },
  { pattern: new RegExp(`^started${DASH}(good progress|on track)\\b`, 'i'), status: 'green' },
  { pattern: /^(started|in progress|underway|under way)\b/i, status: 'in-progress' },
  { pattern: /^(?:rag(?:\s*status)?\s*[:\-–—]?\s*)?\(?green\)?(?=$|[\s\p{P}])/iu, status: 'green' },
  { pattern: /^(?:rag(?:\s*status)?\s*[:\-–—]?\s*)?\(?amber\)?(?=$|[\s\p{P}])/iu, status: 'amber' },
  { pattern: /^(?:rag(?:\s*status)?\s*[:\-–—]?\s*)?\(?red\)?(?=$|[\s\p{P}])/iu, status: 'red' },
];

/** Reads the ACTION UPDATE/RAG cell: the status word(s) at its start, then the narrative. */
export function parseStatusCell(text: string): StatusReading {
  const trimmed = text.trim();
  if (trimmed === '') return { status: 'not-reported', narrative: '', recognised: true };
  for (const rule of RULES) {
    const m = rule.pattern.exec(trimmed);
    if (m) {
      const narrative = trimmed.slice(m[0].length).replace(/^[\s\-–—:,.;)]+/, '');
      return { status: rule.status, narrative, recognised: true };
    }
  }
  return { status: 'in-progress', narrative: trimmed, recognised: false };
}

/** Completed and not-completed actions are closed: no prompts, never overdue. */
export function isClosed(status: Status): boolean {
  return status === 'completed' || status === 'not-completed';
}

export function looksLikeStatus(text: string): boolean {
  const reading = parseStatusCell(text);
  return reading.recognised && reading.status !== 'not-reported';
}

/** Status in words and a symbol, so colour is never the only signal. */
export const STATUS_LABELS: Record<Status, { word: string; symbol: string }> = {
  completed: { word: 'Completed', symbol: '✔' },
  'not-completed': { word: 'Not completed', symbol: '✘' },
  green: { word: 'Green', symbol: '●' },
  amber: { word: 'Amber', symbol: '▲' },
  red: { word: 'Red', symbol: '■' },
  'in-progress': { word: 'In progress', symbol: '◐' },
  'not-reported': { word: 'Not reported', symbol: '○' },
};
