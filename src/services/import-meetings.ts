import { DateTime } from 'luxon';
import { addMeetings as addToCalendar } from '../domain/meeting-calendar.js';
import { DomainError } from '../domain/errors.js';
import { dateInWords } from '../domain/in-words.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { readMeetingCalendar, type CalendarReading } from '../import/read-meeting-calendar.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/** Meetings one calendar file may add: a weekly series for a year, and more. */
export const MEETINGS_PER_CALENDAR = 60;

export type CalendarImport = {
  body: Body;
  fileName: string;
  reading: CalendarReading;
  /** Meetings the file adds (local date-times), soonest first. */
  added: string[];
  /** Meetings in the file that are on the calendar already, at the same time: not added twice. */
  already: string[];
  /** Why nothing can be added (the calendar's rules: one meeting a day, none past); empty when it can. */
  problems: string[];
  stored: boolean;
};

/**
 * Adds the meetings of an iCalendar file (exported from Outlook or Google)
 * to a body's calendar, through the same rules as typed meetings: all or
 * nothing, one meeting a day, none past. With `dryRun`, or when a rule
 * refuses, nothing is stored and the answer shows what would be (the
 * preview); what the file holds that is not a meeting to come is set aside
 * with why, or counted (past, after the coming year).
 */
export async function importMeetingCalendar(
  deps: ServiceDeps,
  input: { bodyId: string; bytes: Uint8Array; fileName: string; by: PersonId; dryRun: boolean },
): Promise<CalendarImport> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'add meetings');
  const reading = readMeetingCalendar(input.bytes, input.fileName, { now: deps.clock(), zone: body.timeZone });
  if (reading.meetings.length > MEETINGS_PER_CALENDAR) {
    throw new DomainError('input-invalid', `Cannot add the meetings: ${input.fileName} has ${reading.meetings.length} meetings to come up to ${dateInWords(reading.horizon)}; the most one file may add is ${MEETINGS_PER_CALENDAR}. Export only the partnership's own meetings.`);
  }
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const now = DateTime.fromJSDate(deps.clock(), { zone: current.value.timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
    const already = reading.meetings.map((m) => m.local).filter((m) => current.value.meetings.includes(m));
    const fresh = reading.meetings.map((m) => m.local).filter((m) => !already.includes(m));
    const change = addToCalendar(current.value.meetings, fresh.map((m) => m.replace('T', ' ')), { now, zone: current.value.timeZone, bodyName: current.value.name });
    const answer = { body: current.value, fileName: input.fileName, reading, added: change.problems.length > 0 ? fresh : change.added, already, problems: change.problems, stored: false };
    if (input.dryRun || change.problems.length > 0 || change.added.length === 0) return answer;
    const saved = (await deps.store.replaceBody({ ...current.value, meetings: change.meetings }, current.etag)).value;
    return { ...answer, body: saved, stored: true };
  }, body.name);
}

