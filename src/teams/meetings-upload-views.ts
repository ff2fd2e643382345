import { countInWords, dateInWords } from '../domain/in-words.js';

/**
 * A calendar file (.ics) sent to the bot: the meetings it would add, each
 * with its weekday, and what it set aside and why, before anything is
 * stored; then what was added.
 */
export type MeetingsUploadView = {
  fileName: string;
  bodyName: string;
  timeZone: string;
  /** Signed by the bot: what Add sends back (see app/plan-upload.ts). */
  token: string;
  meetings: Array<{ local: string; title: string }>;
  added: string[];
  already: string[];
  setAside: Array<{ local: string | null; title: string; why: string }>;
  past: number;
  later: number;
  horizon: string;
  /** The calendar's rules refusing the file (a clash, one a day): nothing can be added. */
  problems: string[];
};

/** Long lists are cut, saying how many more: a card stays well inside Teams' size limit. */
const SHOWN = 30;

function listed(lines: string[]): string[] {
  return lines.length > SHOWN ? [...lines.slice(0, SHOWN), `- and ${countInWords(lines.length - SHOWN, 'more')}`] : lines;
}

function lines(view: MeetingsUploadView): string[] {
  const when = (local: string) => dateInWords(local, { zone: view.timeZone, weekday: true });
  const out: string[] = [];
  const adding = view.meetings.filter((m) => view.added.includes(m.local));
  out.push(`**${countInWords(adding.length, 'meeting')} to add** up to ${dateInWords(view.horizon)} (${view.timeZone}):`, ...listed(adding.map((m) => `- ${when(m.local)}: ${m.title}`)));
  if (view.already.length > 0) out.push('', `**Already on the calendar:** ${view.already.map(when).join('; ')}`);
  if (view.setAside.length > 0) out.push('', '**Set aside:**', ...listed(view.setAside.map((s) => `- ${s.local === null ? '' : `${when(s.local)}: `}${s.title}: ${s.why}`)));
  const kept = [view.past > 0 ? `${view.past} past (held meetings are the record)` : '', view.later > 0 ? `${view.later} after ${dateInWords(view.horizon)} (send the file again nearer the time)` : ''].filter((k) => k !== '');
  if (kept.length > 0) out.push('', `Kept out: ${kept.join(', ')}.`);
  return out;
}

/** The preview card's data: Add only when the calendar's rules allow the file and it adds something. */
export function meetingsPreviewCardData(view: MeetingsUploadView) {
  const canAdd = view.problems.length === 0 && view.added.length > 0;
  const footer = view.problems.length > 0
    ? ['', `**Nothing can be added:** ${view.problems.join('; ')}.`]
    : view.added.length === 0 ? ['', `Nothing to add: ${view.bodyName}'s calendar already has every meeting to come in this file.`] : [];
  return {
    title: `Meetings in ${view.fileName} for ${view.bodyName}`,
    text: [...lines(view), ...footer].join('\n'),
    canAdd,
    add: { upload: view.token },
    cancel: { fileName: view.fileName },
  };
}

/** What Add answers: the meetings added. */
export function meetingsAddedText(view: MeetingsUploadView, by: string): string {
  const when = (local: string) => dateInWords(local, { zone: view.timeZone, weekday: true });
  return [`Added ${countInWords(view.added.length, 'meeting')} from ${view.fileName} to ${view.bodyName}'s meetings (by ${by}):`, ...listed(view.added.map((m) => `- ${when(m)}`)), '', 'Type **meetings** in its channel to see them all.'].join('\n');
}
