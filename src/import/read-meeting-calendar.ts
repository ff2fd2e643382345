import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import { dateInWords } from '../domain/in-words.js';

/**
 * A meeting series as a coordinator keeps it in Outlook or Google Calendar,
 * exported as an iCalendar (.ics) file, read into the body's meetings to
 * come. ical.js (Mozilla's RFC 5545 reader) parses the file and expands
 * repeats; what is read here is which occurrences are meetings: timed, not
 * cancelled, to come and within the coming year, in the body's zone.
 * Everything else is set aside with why, for the person to see.
 */

/** An Outlook export of a year of one series with its exceptions is a few tens of KB; a whole mailbox calendar is megabytes. */
export const MAX_CALENDAR_BYTES = 1_000_000;
/**
 * Events (VEVENT) in one file, and occurrences looked at over every series,
 * past ones included (a weekly series begun ten years ago has about 520).
 * Reading is CPU on the bot's one thread: at these bounds a file takes about
 * a second at worst (`npm run bench -- meeting-calendar`).
 */
export const MAX_CALENDAR_EVENTS = 1_000;
export const MAX_CALENDAR_OCCURRENCES = 2_000;
/** Repeats are read this far ahead: a series with no end would otherwise never stop. */
export const CALENDAR_HORIZON_MONTHS = 12;

export type CalendarMeeting = { local: string; title: string };
export type CalendarSetAside = { local: string | null; title: string; why: string };
export type CalendarReading = {
  /** Meetings to come within the horizon, soonest first, each once: local date-times in the body's zone. */
  meetings: CalendarMeeting[];
  setAside: CalendarSetAside[];
  /** Occurrences already past: the record is what was held, so they are kept out, and counted. */
  past: number;
  /** Occurrences after the horizon, counted. */
  later: number;
  horizon: string;
};

const CALENDAR_START = /^\uFEFF?\s*BEGIN:VCALENDAR\r?\n/i;

/** iCalendar by its content, whatever the file is called: a plan file never begins so. */
export function isICalendar(bytes: Uint8Array): boolean {
  return CALENDAR_START.test(new TextDecoder().decode(bytes.subarray(0, 64)));
}

function unreadable(fileName: string, why: string): DomainError {
  return new DomainError('file-unreadable', `${fileName} is not a calendar I can read: ${why}. In Outlook, open the meeting series' calendar and use File → Save Calendar (an .ics file); in Google Calendar, Settings → Import & export → Export.`);
}

function parseCalendar(bytes: Uint8Array, fileName: string): ICAL.Component {
  if (bytes.length === 0) throw new DomainError('file-empty', `${fileName} is empty.`);
  if (bytes.length > MAX_CALENDAR_BYTES) {
    throw new DomainError('file-too-large', `${fileName} is ${Math.ceil(bytes.length / 1000).toLocaleString('en-GB')} KB; a calendar file may be at most ${MAX_CALENDAR_BYTES / 1000} KB. Export only the partnership's meetings (one calendar or one series).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(fileName, 'it is not text (a binary file)');
  }
  if (!isICalendar(bytes) || text.includes('\0')) throw unreadable(fileName, 'it does not begin with BEGIN:VCALENDAR, as every iCalendar file does');
  try {
    const parsed: unknown = ICAL.parse(text);
    // Several calendars in one file come back as a list of them: one is read, as Outlook and Google export one.
    const first = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
    return new ICAL.Component(first as ConstructorParameters<typeof ICAL.Component>[0]);
  } catch (error) {
    throw unreadable(fileName, `${error instanceof Error ? error.message.slice(0, 120) : 'it is not iCalendar'}`);
  }
}

/** A start as a local date-time in `zone`, or why it cannot be (a zone neither the file nor the world knows). */
function localIn(start: ICAL.Time, tzid: string | null, zone: string): string | { problem: string } {
  const described = start.zone === ICAL.Timezone.utcTimezone || (start.zone !== undefined && start.zone.tzid !== 'floating' && start.zone.component !== null && start.zone.component !== undefined);
  const at = described
    ? DateTime.fromSeconds(start.toUnixTime(), { zone })
    : DateTime.fromObject({ year: start.year, month: start.month, day: start.day, hour: start.hour, minute: start.minute }, { zone: tzid ?? zone }).setZone(zone);
  if (!at.isValid) return { problem: `its time zone "${tzid}" is not described in the file, nor one I know` };
  return at.toFormat("yyyy-LL-dd'T'HH:mm");
}

const title = (event: ICAL.Event) => (event.summary ?? '').replace(/\s+/g, ' ').trim().slice(0, 80) || '(no title)';
const cancelled = (component: ICAL.Component) => String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
const tzidOf = (component: ICAL.Component) => (component.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null;

/** Reads the meetings of an .ics file for a body in `zone`, as of `now`. Throws a DomainError naming the file when it is not a calendar, or too big. */
export function readMeetingCalendar(bytes: Uint8Array, fileName: string, at: { now: Date; zone: string }): CalendarReading {
  const calendar = parseCalendar(bytes, fileName);
  const components = calendar.getAllSubcomponents('vevent');
  if (components.length > MAX_CALENDAR_EVENTS) {
    throw new DomainError('file-too-large', `${fileName} has ${components.length.toLocaleString('en-GB')} events; at most ${MAX_CALENDAR_EVENTS.toLocaleString('en-GB')} are read. Export only the partnership's meetings.`);
  }
  if (components.length === 0) throw new DomainError('file-empty', `${fileName} is a calendar with no events in it: export the calendar that holds the meetings.`);
  const now = DateTime.fromJSDate(at.now, { zone: at.zone });
  const nowLocal = now.toFormat("yyyy-LL-dd'T'HH:mm");
  const horizon = now.plus({ months: CALENDAR_HORIZON_MONTHS }).toFormat("yyyy-LL-dd'T'HH:mm");
  const reading: CalendarReading = { meetings: [], setAside: [], past: 0, later: 0, horizon: horizon.slice(0, 10) };
  const seen = new Set<string>();
  let looked = 0;

  /** One occurrence: a meeting, or set aside, or counted as past or later. */
  const take = (event: ICAL.Event, start: ICAL.Time, component: ICAL.Component) => {
    looked++;
    if (looked > MAX_CALENDAR_OCCURRENCES) {
      throw new DomainError('file-too-large', `${fileName} has more than ${MAX_CALENDAR_OCCURRENCES.toLocaleString('en-GB')} meetings up to ${dateInWords(reading.horizon)} once its repeats are counted. Export only the partnership's meetings.`);
    }
    const local = localIn(start, tzidOf(component), at.zone);
    if (typeof local !== 'string') return reading.setAside.push({ local: null, title: title(event), why: local.problem });
    if (local <= nowLocal) return reading.past++;
    if (local > horizon) return reading.later++;
    if (cancelled(component)) return reading.setAside.push({ local, title: title(event), why: 'cancelled' });
    if (seen.has(local)) return;
    seen.add(local);
    reading.meetings.push({ local, title: title(event) });
  };

  for (const event of eventsOf(components)) {
    if (event.startDate === null || event.startDate === undefined) {
      reading.setAside.push({ local: null, title: title(event), why: 'it has no start (DTSTART)' });
      continue;
    }
    if (event.startDate.isDate) {
      reading.setAside.push({ local: event.startDate.toString(), title: title(event), why: 'all day: a meeting needs a start time' });
      continue;
    }
    if (cancelled(event.component)) {
      reading.setAside.push({ local: null, title: title(event), why: event.isRecurring() ? 'the whole series is cancelled' : 'cancelled' });
      continue;
    }
    if (!event.isRecurring()) {
      take(event, event.startDate, event.component);
      continue;
    }
    for (const exdate of event.component.getAllProperties('exdate')) {
      for (const deleted of exdate.getValues() as ICAL.Time[]) {
        const local = localIn(deleted, (exdate.getParameter('tzid') as string | undefined) ?? null, at.zone);
        if (typeof local === 'string' && local > nowLocal && local <= horizon) reading.setAside.push({ local, title: title(event), why: 'deleted from the series' });
      }
    }
    const repeats = event.iterator();
    for (let next = repeats.next(); next !== null && next !== undefined; next = repeats.next()) {
      const details = event.getOccurrenceDetails(next);
      take(event, details.startDate, details.item.component);
      if (DateTime.fromSeconds(next.toUnixTime(), { zone: at.zone }).toFormat("yyyy-LL-dd'T'HH:mm") > horizon) break;
    }
  }
  reading.meetings.sort((a, b) => a.local.localeCompare(b.local));
  return reading;
}

/** The events of a file: each series with its changed occurrences (RECURRENCE-ID) related to it; one with no series stands alone. */
function eventsOf(components: readonly ICAL.Component[]): ICAL.Event[] {
  const series = new Map<string, ICAL.Event>();
  const events: ICAL.Event[] = [];
  for (const component of components) {
    if (component.hasProperty('recurrence-id')) continue;
    const event = new ICAL.Event(component);
    events.push(event);
    if (event.uid) series.set(event.uid, event);
  }
  for (const component of components) {
    if (!component.hasProperty('recurrence-id')) continue;
    const master = series.get(String(component.getFirstPropertyValue('uid') ?? ''));
    if (master === undefined) events.push(new ICAL.Event(component));
    else master.relateException(component);
  }
  return events;
}
