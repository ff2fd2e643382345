import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import { addMeetings as addToCalendar, removeMeeting as removeFromCalendar, splitMeetings, type SetAside } from '../domain/meeting-calendar.js';
import { exampleMeeting, MEETING_TEXT_MAX, splitMeetingList } from '../domain/meeting-text.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/** How many meetings one command may add: a year of monthly meetings and more. */
export const MEETINGS_PER_COMMAND = 24;

/** Now on the body's calendar: its local date-time, as meetings are kept. */
function localNow(deps: ServiceDeps, body: Body): string {
  return DateTime.fromJSDate(deps.clock(), { zone: body.timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The body's meetings to come and those held, as of now. */
export function meetingsOf(deps: ServiceDeps, body: Body): { upcoming: string[]; past: string[] } {
  return splitMeetings(body.meetings, localNow(deps, body));
}

/**
 * Adds meetings as people write them, one or several in a line ("15 January
 * 2027 2pm, 10 March 2027 2pm", "2027-03-10 14:00"). A past date, a day that already has a meeting or an unreadable
 * one refuses the whole command, so nothing is half added.
 */
export async function addMeetings(deps: ServiceDeps, input: { bodyId: string; text: string; by: PersonId }): Promise<{ body: Body; added: string[]; setAside: SetAside[] }> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'add meetings');
  if (input.text.length > MEETINGS_PER_COMMAND * MEETING_TEXT_MAX) {
    throw new DomainError('input-invalid', `Cannot add the meetings: ${input.text.length.toLocaleString('en-GB')} characters is more than ${MEETINGS_PER_COMMAND} meetings could need.`);
  }
  const today = localNow(deps, body).slice(0, 10);
  const texts = splitMeetingList(input.text, today);
  if (texts.length === 0) throw new DomainError('input-invalid', `Cannot add the meetings: name at least one, e.g. "${exampleMeeting(today, 'words')}".`);
  if (texts.length > MEETINGS_PER_COMMAND) {
    throw new DomainError('input-invalid', `Cannot add the meetings: ${texts.length} at once; the most is ${MEETINGS_PER_COMMAND}.`);
  }
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const change = addToCalendar(current.value.meetings, texts, { now: localNow(deps, current.value), zone: current.value.timeZone, bodyName: current.value.name });
    if (change.problems.length > 0) throw new DomainError('input-invalid', `Cannot add the meetings: ${change.problems[0]}`, { problems: change.problems });
    const saved = (await deps.store.replaceBody({ ...current.value, meetings: change.meetings }, current.etag)).value;
    return { body: saved, added: change.added, setAside: change.setAside };
  }, body.name);
}

/** Removes a meeting to come, named by its day (or day and time); a meeting held stays as the record. */
export async function removeMeeting(deps: ServiceDeps, input: { bodyId: string; text: string; by: PersonId }): Promise<{ body: Body; removed: string }> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'remove meetings');
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    const change = removeFromCalendar(current.value.meetings, input.text, { now: localNow(deps, current.value), zone: current.value.timeZone, bodyName: current.value.name });
    if (change.removed === null) throw new DomainError('input-invalid', `Cannot remove the meeting: ${change.problems[0]}`, { problems: change.problems });
    const saved = (await deps.store.replaceBody({ ...current.value, meetings: change.meetings }, current.etag)).value;
    return { body: saved, removed: change.removed };
  }, body.name);
}

/**
 * Sets a new body's calendar in one go, past meetings included: for loading
 * a partnership's record (the sample, a migration), never to change a
 * calendar in use, whose held meetings it would replace.
 */
export async function setMeetings(deps: ServiceDeps, input: { bodyId: string; meetings: string[]; by: PersonId }): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'set meeting dates');
  const problems: string[] = [];
  const meetings = new Set<string>();
  for (const text of input.meetings) {
    const local = DateTime.fromISO(text.trim().replace(' ', 'T'), { zone: body.timeZone });
    if (!local.isValid || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(text.trim())) {
      problems.push(`"${text}" is not a meeting date and time; use e.g. "${DateTime.fromJSDate(deps.clock(), { zone: body.timeZone }).plus({ weeks: 4 }).toFormat('yyyy-LL-dd')} 14:00"`);
      continue;
    }
    meetings.add(local.toFormat("yyyy-LL-dd'T'HH:mm"));
  }
  if (problems.length > 0) throw new DomainError('input-invalid', `Cannot set the meetings: ${problems[0]}`, { problems });
  const sorted = [...meetings].sort();
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    return (await deps.store.replaceBody({ ...current.value, meetings: sorted }, current.etag)).value;
  }, body.name);
}
