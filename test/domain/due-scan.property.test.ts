import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChaseSettingsSchema } from '../../src/domain/chase-settings.js';
import { dueMessages, type ChasedAction } from '../../src/domain/due-messages.js';
import { catchUpDays, catchUpFrom, dueScan } from '../../src/domain/due-scan.js';
import { addDays, localTime } from '../../src/domain/working-time.js';

const DAY = 86_400_000;
const ZONES = ['Europe/London', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Kolkata'];

describe('the due scan misses nothing the rules send today', () => {
  it('every prompt or reminder slotted for the body’s local today has its deadline in the scan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2016-01-01'), max: Date.parse('2019-12-31') }),
        fc.integer({ min: -900, max: 40 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom([14, 7, 1], [10, 3], [30]),
        fc.integer({ min: 5, max: 14 }),
        (nowMs, dueOffset, timeZone, promptDaysBefore, reminderEveryDays) => {
          const now = new Date(nowMs);
          const settings = ChaseSettingsSchema.parse({ timeZone, promptDaysBefore, reminderEveryDays });
          const due = addDays(new Date(nowMs).toISOString().slice(0, 10), dueOffset);
          const action: ChasedAction = { id: 'a', ref: '1.1', lead: 'CSO', due, status: 'green' };
          const today = localTime(now, timeZone).date;
          const slotted = dueMessages({ now, settings, actions: [action], meetings: [] }).filter(
            (m) => (m.kind === 'prompt' || m.kind === 'reminder') && localTime(new Date(m.scheduledFor), timeZone).date === today,
          );
          if (slotted.length > 0) expect(dueScan(now, settings).deadlines).toContain(due);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('after a gap, every slot the rules send on a date since the last tick has its deadline in the scan', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2016-01-01'), max: Date.parse('2019-12-31') }),
        fc.integer({ min: 1, max: 40 * 24 * 60 }),
        fc.integer({ min: -900, max: 40 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom([14, 7, 1], [10, 3], [30]),
        fc.integer({ min: 5, max: 14 }),
        (nowMs, gapMinutes, dueOffset, timeZone, promptDaysBefore, reminderEveryDays) => {
          const now = new Date(nowMs);
          const lastTick = new Date(nowMs - gapMinutes * 60_000);
          const settings = ChaseSettingsSchema.parse({ timeZone, promptDaysBefore, reminderEveryDays });
          const due = addDays(new Date(nowMs).toISOString().slice(0, 10), dueOffset);
          const action: ChasedAction = { id: 'a', ref: '1.1', lead: 'CSO', due, status: 'green' };
          const from = catchUpFrom(now, lastTick, settings);
          expect(from >= addDays(localTime(now, timeZone).date, -catchUpDays(settings))).toBe(true);
          const slotted = dueMessages({ now, settings, actions: [action], meetings: [] }).filter(
            (m) => (m.kind === 'prompt' || m.kind === 'reminder') && localTime(new Date(m.scheduledFor), timeZone).date >= from,
          );
          if (slotted.length > 0) expect(dueScan(now, settings, lastTick).deadlines).toContain(due);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('with several settings (bodies with their own), finds what any of them calls due', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2016-01-01'), max: Date.parse('2019-12-31') }),
        fc.integer({ min: -900, max: 40 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom([14, 7, 1], [10, 3], [30]),
        fc.integer({ min: 5, max: 14 }),
        fc.constantFrom(['09:00', '17:00', '09:00'], ['08:00', '16:00', '10:30'], ['10:00', '18:00', '15:00']),
        (nowMs, dueOffset, timeZone, promptDaysBefore, reminderEveryDays, [workdayStart, workdayEnd, sendAt]) => {
          const now = new Date(nowMs);
          const own = ChaseSettingsSchema.parse({ timeZone, promptDaysBefore, reminderEveryDays, workdayStart, workdayEnd, sendAt });
          const due = addDays(new Date(nowMs).toISOString().slice(0, 10), dueOffset);
          const action: ChasedAction = { id: 'a', ref: '1.1', lead: 'CSO', due, status: 'green' };
          const today = localTime(now, timeZone).date;
          const slotted = dueMessages({ now, settings: own, actions: [action], meetings: [] }).filter(
            (m) => (m.kind === 'prompt' || m.kind === 'reminder') && localTime(new Date(m.scheduledFor), timeZone).date === today,
          );
          if (slotted.length > 0) expect(dueScan(now, [ChaseSettingsSchema.parse({}), own]).deadlines).toContain(due);
        },
      ),
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
