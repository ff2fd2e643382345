import { DateTime } from 'luxon';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInWords } from '../../src/domain/in-words.js';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';
import { runCli } from './run-cli.js';

const TENANT = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';
const COORDINATOR = '20000000-0000-4000-8000-000000000002=Alex Hale';
const CHAIR = '20000000-0000-4000-8000-000000000001=Cllr Pat Dunmore';

/** Days from today at 14:00 in London (the CLI reads the real clock). */
const day = (days: number) => DateTime.now().setZone('Europe/London').startOf('day').plus({ days }).set({ hour: 14 });
const ics = (d: DateTime) => d.toFormat("yyyyLLdd'T'HHmmss");
/** As the CLI writes a meeting: the one date formatter, with its weekday and the zone's name. */
const line = (d: DateTime) => dateInWords(d.toUTC().toISO()!, { zone: 'Europe/London', weekday: true, zoneName: true });
const dayLine = (d: DateTime) => dateInWords(d.toISODate()!, { weekday: true });

/** A series every four weeks as Outlook exports it (its own zone, "GMT Standard Time"): 3 held, 7 to come, one of them deleted; and a bank holiday. */
function outlookCalendar(): string {
  const zone = 'GMT Standard Time';
  return [
    'BEGIN:VCALENDAR', 'METHOD:PUBLISH', 'PRODID:Microsoft Exchange Server 2010', 'VERSION:2.0',
    'BEGIN:VTIMEZONE', `TZID:${zone}`,
    'BEGIN:STANDARD', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0000', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
    'BEGIN:DAYLIGHT', 'DTSTART:16010101T010000', 'TZOFFSETFROM:+0000', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
    'END:VTIMEZONE',
    'BEGIN:VEVENT', 'RRULE:FREQ=WEEKLY;COUNT=10;INTERVAL=4', `EXDATE;TZID=${zone}:${ics(day(54))}`, 'UID:040000008200E00074C5B7101A82E0080000000001',
    'SUMMARY;LANGUAGE=en-GB:Wessex CSP', `DTSTART;TZID=${zone}:${ics(day(-58))}`, `DTEND;TZID=${zone}:${ics(day(-58).plus({ hours: 2 }))}`,
    'DTSTAMP:20261120T101500Z', 'STATUS:CONFIRMED', 'X-MICROSOFT-CDO-ALLDAYEVENT:FALSE', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:040000008200E00074C5B7101A82E0080000000002', 'SUMMARY;LANGUAGE=en-GB:Bank holiday',
    `DTSTART;VALUE=DATE:${day(10).toFormat('yyyyLLdd')}`, 'DTSTAMP:20261120T101500Z', 'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE', 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n');
}

describe('partnership-actions body meetings <id> import <file.ics>', () => {
  let f: Fixture;
  let env: Record<string, string>;
  let dir: string;
  const run = (...args: string[]) => runCli(env, 'body', 'meetings', 'wessex-csp', ...args, '--as', 'Alex Hale');
  const file = async (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };
  /** Refused, exit 1, with the message, and nothing stored. */
  async function refused(message: string, ...args: string[]) {
    const before = await f.dump();
    const r = await run(...args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(1);
    expect(await f.dump()).toEqual(before);
  }

  beforeAll(async () => {
    f = await startFixture();
    env = { COSMOS_ENDPOINT: f.server.endpoint, COSMOS_DATABASE: f.opened.database };
    dir = await mkdtemp(join(tmpdir(), 'pa-meetings-ics-'));
    const created = await runCli(env, 'body', 'create', 'wessex-csp', '--kind', 'csp', '--name', 'Wessex CSP', '--tenant', TENANT, '--chair', CHAIR, '--coordinator', COORDINATOR);
    expect(created.stderr).toBe('');
  });
  afterAll(async () => f?.stop());

  const coming = [26, 82, 110, 138, 166, 194].map(day);

  it('--dry-run shows each meeting read with its weekday, what was set aside and why, and stores nothing', async () => {
    const path = await file('Calendar.ics', outlookCalendar());
    const before = await f.dump();
    const r = await run('import', path, '--dry-run');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toMatch(/^Calendar\.ics: 6 meetings to add to Wessex CSP up to \w{3} \d+ \w{3} \d{4} \(Europe\/London\):$/);
    expect(out.slice(1, 7)).toEqual(coming.map((d) => `  ${line(d)}  Wessex CSP`));
    expect(out).toContain(`  ${line(day(54))}  Wessex CSP: deleted from the series`);
    expect(out).toContain(`  ${dayLine(day(10))}  Bank holiday: all day: a meeting needs a start time`);
    expect(out).toContain('Kept out: 3 past (held meetings are the record).');
    expect(out).toContain('Dry run: nothing stored. Run it again without --dry-run to add them.');
    expect(await f.dump()).toEqual(before);
  });

  it('adds them; importing the same file again adds nothing twice', async () => {
    const path = await file('Calendar.ics', outlookCalendar());
    const r = await run('import', path);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("Added 6 meetings to Wessex CSP's meetings (by Alex Hale).");
    const listed = await run();
    for (const d of coming) expect(listed.stdout).toContain(`  ${line(d)}`);
    const again = await run('import', path);
    expect(again.stdout).toContain(`Already on the calendar: ${coming.map(line).join('; ')}`);
    expect(again.stdout).toContain("Nothing to add: Wessex CSP's calendar already has every meeting to come in Calendar.ics.");
  });

  it('refuses the whole file when one meeting is on a day that has another, storing nothing', async () => {
    const moved = outlookCalendar().replace(/DTSTART;TZID=GMT Standard Time:(\d{8})T140000/, 'DTSTART;TZID=GMT Standard Time:$1T100000');
    await refused(`Cannot add the meetings of Calendar.ics: Wessex CSP already meets on ${dayLine(coming[0]!)}, 14:00, one meeting a day`, 'import', await file('Calendar.ics', moved));
  });

  it.each([
    ['a binary', 'photo.ics', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]), 'photo.ics is not a calendar I can read: it is not text (a binary file)'],
    ['a plan', 'plan.ics', 'ACTION,DEADLINE\n1.1 Hold two events,Sept 2017\n', 'plan.ics is not a calendar I can read: it does not begin with BEGIN:VCALENDAR'],
    ['an empty calendar', 'empty.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', 'empty.ics is a calendar with no events in it'],
    ['an empty file', 'nothing.ics', '', 'nothing.ics is empty.'],
  ])('%s is refused, exit 1, nothing stored', async (_what, name, content, message) => {
    await refused(message, 'import', await file(name, content));
  });

  it('refuses more than 60 meetings from one file, storing nothing', async () => {
    // 62 days in a row, one of them deleted (the EXDATE): 61.
    const daily = outlookCalendar().replace('RRULE:FREQ=WEEKLY;COUNT=10;INTERVAL=4', 'RRULE:FREQ=DAILY;COUNT=62').replace(/DTSTART;TZID=GMT Standard Time:\d{8}/, `DTSTART;TZID=GMT Standard Time:${day(30).toFormat('yyyyLLdd')}`);
    await refused("Cannot add the meetings: Daily.ics has 61 meetings to come up to", 'import', await file('Daily.ics', daily));
  });

  it('names one file that exists', async () => {
    await refused('is not a file I can open: check the path.', 'import', join(dir, 'missing.ics'));
    await refused('Name one calendar file to import, e.g. body meetings wessex-csp import meetings.ics', 'import');
  });
});
