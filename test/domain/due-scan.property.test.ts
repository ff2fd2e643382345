import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChaseSettingsSchema, type ChaseSettings } from '../../src/domain/chase-settings.js';
import { dueMessages, type ChasedAction } from '../../src/domain/due-messages.js';
import { catchUpDays, catchUpFrom, dueScan } from '../../src/domain/due-scan.js';
import { addDays, localTime } from '../../src/domain/working-time.js';

const DAY = 86_400_000;
const ZONES = ['Europe/London', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Kolkata'];

const INSTANT = fc.integer({ min: Date.parse('2016-01-01'), max: Date.parse('2019-12-31') });
const DUE_OFFSET = fc.integer({ min: -900, max: 40 });
const SETTINGS = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    promptDaysBefore: fc.constantFrom([14, 7, 1], [10, 3], [30]),
    reminderEveryDays: fc.integer({ min: 5, max: 14 }),
    hours: fc.constantFrom(['09:00', '17:00', '09:00'], ['08:00', '16:00', '10:30'], ['10:00', '18:00', '15:00']),
  })
  .map(({ hours, ...rest }) => ChaseSettingsSchema.parse({ ...rest, workdayStart: hours[0], workdayEnd: hours[1], sendAt: hours[2] }));

/** Whether the rules send a prompt or reminder at `now` for an action due `dueOffset` days from it, slotted on a local date from `from` on. */
function slotted(now: Date, settings: ChaseSettings, dueOffset: number, from: string): string | null {
  const due = addDays(now.toISOString().slice(0, 10), dueOffset);
  const action: ChasedAction = { id: 'a', ref: '1.1', lead: 'CSO', due, status: 'green' };
  const sent = dueMessages({ now, settings, actions: [action], meetings: [] }).some(
    (m) => (m.kind === 'prompt' || m.kind === 'reminder') && localTime(new Date(m.scheduledFor), settings.timeZone).date >= from,
  );
  return sent ? due : null;
}

describe('the due scan misses nothing the rules send today', () => {
  it('every prompt or reminder slotted for the body’s local today has its deadline in the scan', () => {
    fc.assert(
      fc.property(INSTANT, DUE_OFFSET, SETTINGS, (nowMs, dueOffset, settings) => {
        const now = new Date(nowMs);
        const due = slotted(now, settings, dueOffset, localTime(now, settings.timeZone).date);
        if (due !== null) expect(dueScan(now, settings).deadlines).toContain(due);
      }),
      { numRuns: 1000 },
    );
  });

  it('after a gap, every slot the rules send on a date since the last tick has its deadline in the scan', () => {
    fc.assert(
      fc.property(INSTANT, fc.integer({ min: 1, max: 40 * 24 * 60 }), DUE_OFFSET, SETTINGS, (nowMs, gapMinutes, dueOffset, settings) => {
        const now = new Date(nowMs);
        const lastTick = new Date(nowMs - gapMinutes * 60_000);
        const from = catchUpFrom(now, lastTick, settings);
        expect(from >= addDays(localTime(now, settings.timeZone).date, -catchUpDays(settings))).toBe(true);
        const due = slotted(now, settings, dueOffset, from);
        if (due !== null) expect(dueScan(now, settings, lastTick).deadlines).toContain(due);
      }),
      { numRuns: 1000 },
    );
  });

  it('with several settings (bodies with their own), finds what any of them calls due', () => {
    fc.assert(
      fc.property(INSTANT, DUE_OFFSET, SETTINGS, (nowMs, dueOffset, own) => {
        const now = new Date(nowMs);
        const due = slotted(now, own, dueOffset, localTime(now, own.timeZone).date);
        if (due !== null) expect(dueScan(now, [ChaseSettingsSchema.parse({}), own]).deadlines).toContain(due);
      }),
      { numRuns: 1000 },
    );
  });

  it('catches up from the last tick’s date, at most the longest stretch between two slots of a kind back, and from today with no tick on record', () => {
    const settings = ChaseSettingsSchema.parse({});
    const now = new Date('2017-09-13T09:30:00Z');
    expect(catchUpFrom(now, null, settings)).toBe('2017-09-13');
    expect(catchUpFrom(now, new Date('2017-09-13T09:29:00Z'), settings)).toBe('2017-09-13');
    expect(catchUpFrom(now, new Date('2017-09-11T15:00:00Z'), settings)).toBe('2017-09-11');
    expect(catchUpDays(settings)).toBe(12);
    expect(catchUpFrom(now, new Date('2017-06-01T09:00:00Z'), settings)).toBe('2017-09-01');
    expect(catchUpDays(ChaseSettingsSchema.parse({ promptDaysBefore: [28, 14] }))).toBe(19);
  });

  it('asks for a few deadlines, not every date: about one in seven of the overdue ones', () => {
    const scan = dueScan(new Date('2017-09-12T08:00:00Z'), ChaseSettingsSchema.parse({}));
    const overdue = scan.deadlines.filter((d) => d < '2017-09-12').length;
    expect(overdue / (3 * 366)).toBeLessThan(0.2);
    expect(scan.recordsFrom <= new Date(Date.parse('2017-09-12T08:00:00Z') - 10 * DAY).toISOString()).toBe(true);
  });
});
