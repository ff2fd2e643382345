import { refTypedAt, TYPED_REF_END } from './action-refs.js';
import { parseStatusCell } from './status.js';
import { truncate } from './truncate.js';
import { REPORTABLE_STATUSES, type ReportableStatus } from './update-rules.js';

/**
 * A status update as a lead types it in chat: `2.3 done`, `2.3 complete:
 * training delivered to 40 staff`, `2.4 amber - trainer off sick, new date
 * May`, `update 2.3 red no budget`. The status words are read by the plan
 * importer's own reader (`parseStatusCell`), so a word the importer knows is
 * known here too. Pure: the reading is shown back to the person, and
 * anything it cannot settle opens the update card filled in, never a guess.
 */
export type TypedUpdate =
  /** Clear: record it (an over-long narrative is then refused by the update rules, with the count). */
  | { kind: 'record'; ref: string; status: ReportableStatus; narrative: string }
  /** The action and what could be read, for the card to finish; `why` says what is missing. */
  | { kind: 'prefill'; ref: string; status: ReportableStatus | null; narrative: string; why: string }
  /** Only an action number (`2.3`, `update 2.3`): open its card. */
  | { kind: 'open'; ref: string };

/** An action number as plans write it: `2.3`, `10.12`, `3.2.1`. */
export const REF = String.raw`\d{1,3}(?:\.\d{1,3}){1,2}`;
/** An action number in any plan's numbering, as typed: `R1`, `DAB 1`, `1a`, `7`, `SR 25-26 01`, `2.3`. */
export const ANY_REF = String.raw`(?:\p{L}{1,6}[\s-]?)?\d{1,3}\p{L}{0,2}(?:[.\s-]\d{1,3}\p{L}{0,2}){0,4}`;
const LEAD_IN = String.raw`\s*(?:update\s+)?(?:action\s+)?`;
const DOTTED_AT_START = String.raw`${LEAD_IN}(${REF})(?![\d.]*\d)\.?${TYPED_REF_END}`;
/** A message that is an update: an action number first, or after `update`. */
export const TYPED_UPDATE = new RegExp(String.raw`^${DOTTED_AT_START}([\s\S]*)$`, 'i');
/**
 * A message that may be an update in a plan's own numbering ("R1 done",
 * "DAB 1 amber - …", "1a complete", "7 done"). Only a ref the person's plans
 * hold makes it one (`refs` in `readTypedUpdate`), so "2 questions about the
 * rota" stays a message.
 */
export const OWN_REF_UPDATE = new RegExp(String.raw`^(?!${DOTTED_AT_START})${LEAD_IN}(?<ref>${ANY_REF})\.?${TYPED_REF_END}`, 'iu');
/** Words people put between the number and the status: "2.3 is done", "2.3 now amber", "2.3 status: red". */
const FILLER = /^(?:(?:is|now|status|rag)\b[\s:=-]*)+/i;
const NEEDS_REASON: ReadonlySet<ReportableStatus> = new Set(['amber', 'red', 'not-completed']);

function isReportable(status: string): status is ReportableStatus {
  return (REPORTABLE_STATUSES as readonly string[]).includes(status);
}

/** The action a message starts with: one of `refs` as typed, else a dotted number (`9.9`, to be told it is not theirs). */
function refAndRest(text: string, refs: readonly string[]): { ref: string; rest: string } | null {
  const lead = new RegExp(`^${LEAD_IN}`, 'i').exec(text)![0];
  const own = refTypedAt(text.slice(lead.length), refs);
  if (own !== null) return own;
  const m = TYPED_UPDATE.exec(text);
  return m === null ? null : { ref: m[1]!, rest: m[2]! };
}

/**
 * What a typed message says as an update, or null when it does not start
 * with an action number. `refs`: the actions the person's plans hold, so a
 * plan's own numbering ("R1", "DAB 1", "1a", "7") reads as dotted numbers do.
 */
export function readTypedUpdate(text: string, refs: readonly string[] = []): TypedUpdate | null {
  const found = refAndRest(text.trim(), refs);
  if (found === null) return null;
  const { ref } = found;
  const rest = found.rest.replace(/^[\s:,;–—-]+/, '').replace(FILLER, '').trim();
  if (rest === '' || rest === '?') return { kind: 'open', ref };
  const reading = parseStatusCell(rest);
  const said = rest.slice(0, rest.length - reading.narrative.length).trim();
  if (!reading.recognised) {
    return { kind: 'prefill', ref, status: null, narrative: rest, why: `I could not tell the status from "${truncate(rest)}"` };
  }
  if (!isReportable(reading.status)) {
    return { kind: 'prefill', ref, status: null, narrative: reading.narrative === '' ? '' : rest, why: `"${said}" is not one of the statuses` };
  }
  // "2.3 done?" asks rather than tells.
  if (/^\?/.test(reading.narrative) || /\?\s*$/.test(said)) {
    return { kind: 'prefill', ref, status: reading.status, narrative: reading.narrative.replace(/^\?\s*/, ''), why: 'that reads as a question' };
  }
  // "On hold", "Superseded": the words stay in the update, since the status recorded (amber, not completed) only comes close.
  const narrative = reading.approximate ? rest : reading.narrative;
  if (NEEDS_REASON.has(reading.status) && reading.narrative === '') {
    return { kind: 'prefill', ref, status: reading.status, narrative: reading.approximate ? rest : '', why: 'it needs a few words on what is happening' };
  }
  return { kind: 'record', ref, status: reading.status, narrative };
}
