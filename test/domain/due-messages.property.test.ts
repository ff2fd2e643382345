import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isBankHoliday } from '../../src/domain/bank-holidays.js';
import { ChaseSettingsSchema, type ChaseSettings } from '../../src/domain/chase-settings.js';
import { dueMessages, type ChasedAction } from '../../src/domain/due-messages.js';
import type { Status } from '../../src/domain/status.js';
import { simulate } from './chase-simulation.js';

/** Plans, settings and tick sequences around 2017-18, the sample plan's years, clock changes and bank holidays included. */
const FROM = Date.parse('2016-10-01T00:00:00Z');
const TO = Date.parse('2018-10-01T00:00:00Z');
const DAY = 86_400_000;

const STATUSES: Status[] = ['not-reported', 'in-progress', 'green', 'amber', 'red', 'completed', 'not-completed'];

/** A date within `before` days before and `after` days after an instant. */
const dateNear = (at: number, before: number, after: number) =>
  fc.integer({ min: -before, max: after }).map((d) => new Date(at + d * DAY).toISOString().slice(0, 10));

const actionsArb = (start: number) =>
  fc
    .array(
      fc.record({
        lead: fc.option(fc.constantFrom('CSO', 'ASBRO', 'LO'), { nil: null }),
        due: fc.option(dateNear(start, 60, 120), { nil: null, freq: 5 }),
        status: fc.constantFrom(...STATUSES),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows): ChasedAction[] => rows.map((row, i) => ({ id: `action:2017-18:1.${i + 1}`, ref: `1.${i + 1}`, ...row })));

const clock = (min: number, max: number) =>
  fc.integer({ min: min * 4, max: max * 4 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);

const settingsArb = fc
  .record({
    timeZone: fc.constantFrom('Europe/London', 'Europe/London', 'Europe/Paris', 'America/New_York'),
    workdayStart: clock(7, 10),
    workdayEnd: clock(15, 18),
    promptDaysBefore: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
    reminderEveryDays: fc.integer({ min: 5, max: 14 }),
    escalateAfterReminders: fc.integer({ min: 1, max: 4 }),
    roundOpensDaysBefore: fc.integer({ min: 1, max: 21 }),
    summaryWorkingDaysBefore: fc.integer({ min: 0, max: 5 }),
  })
  .map((s): ChaseSettings => ChaseSettingsSchema.parse({ ...s, sendAt: s.workdayStart }));

const meetingsArb = (start: number) =>
  fc.array(
    fc.tuple(dateNear(start, 40, 120), fc.option(clock(8, 19), { nil: undefined })).map(([date, time]) => (time === undefined ? date : `${date}T${time}`)),
    { maxLength: 5 },
  );

/** Increasing instants from `start`: mostly hours apart, sometimes a gap of days or weeks. */
const ticksArb = (start: number) =>
  fc
    .array(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 300 * 60_000 }), weight: 4 }, { arbitrary: fc.integer({ min: DAY, max: 30 * DAY }), weight: 1 }), {
      minLength: 1,
      maxLength: 120,
      size: 'medium',
    })
    .map((steps) => {
      let t = start;
      return steps.map((step) => new Date((t += step)));
    });

const updatesArb = (ticks: Date[]) =>
  fc.array(
    fc.record({ action: fc.integer({ min: 1, max: 6 }), tick: fc.integer({ min: 0, max: ticks.length - 1 }), minutes: fc.integer({ min: 0, max: 600 }) }),
    { maxLength: 6 },
  );

const world = fc
  .integer({ min: FROM, max: TO })
  .chain((start) => fc.record({ settings: settingsArb, actions: actionsArb(start), meetings: meetingsArb(start), ticks: ticksArb(start) }))
  .chain((w) =>
    updatesArb(w.ticks).map((raw) => ({
      ...w,
      updates: raw.map((u) => ({ actionId: `action:2017-18:1.${u.action}`, at: new Date(w.ticks[u.tick]!.getTime() + u.minutes * 60_000) })),
    })),
  );

describe('due messages, whatever the plan, settings and ticks', () => {
  it('are scheduled at the send time on a working day, local time across clock changes, and sent only in working hours', () => {
    fc.assert(
      fc.property(world, (w) => {
        for (const tick of simulate(w)) {
          const now = DateTime.fromJSDate(tick.at, { zone: w.settings.timeZone });
          if (tick.messages.length > 0) {
            expect(now.weekday).toBeLessThanOrEqual(5);
            expect(isBankHoliday(now.toISODate()!)).toBe(false);
            expect(now.toFormat('HH:mm') >= w.settings.workdayStart && now.toFormat('HH:mm') < w.settings.workdayEnd).toBe(true);
          }
          for (const m of tick.messages) {
            const at = DateTime.fromISO(m.scheduledFor, { zone: w.settings.timeZone });
            expect(at.toMillis()).toBeLessThanOrEqual(tick.at.getTime());
            expect(at.toFormat('HH:mm')).toBe(w.settings.sendAt);
            expect(at.weekday).toBeLessThanOrEqual(5);
            expect(isBankHoliday(at.toISODate()!)).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('give every id at most once when each tick records what it sent, and at most one slot per kind, action and recipient in any tick', () => {
    fc.assert(
      fc.property(world, (w) => {
        const seen = new Set<string>();
        for (const tick of simulate(w)) {
          const perKind = new Set<string>();
          for (const m of tick.messages) {
            expect(seen.has(m.id)).toBe(false);
            seen.add(m.id);
            const key = `${m.kind}|${m.actionId}|${m.to}`;
            expect(perKind.has(key)).toBe(false);
            perKind.add(key);
            expect(m.id).toBe(`${m.kind}:${m.actionId ?? 'body'}:${m.slot}`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never go back to an older slot of a kind for an action once a newer one was sent', () => {
    fc.assert(
      fc.property(world, (w) => {
        const last = new Map<string, number>();
        for (const tick of simulate(w)) {
          for (const m of tick.messages) {
            const key = `${m.kind}|${m.actionId}|${m.to}`;
            const at = Date.parse(m.scheduledFor);
            expect(at).toBeGreaterThanOrEqual(last.get(key) ?? -Infinity);
            last.set(key, at);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with history, are the ones with no history less what was sent', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: 0, max: 119 }), (w, pick) => {
        const run = simulate(w);
        const tick = run[pick % run.length]!;
        const sent = new Set(run.filter((t) => t.at < tick.at).flatMap((t) => t.messages.map((m) => m.id)));
        const updatedAt = new Map<string, string>();
        for (const u of [...w.updates].sort((a, b) => a.at.getTime() - b.at.getTime())) {
          if (u.at.getTime() <= tick.at.getTime()) updatedAt.set(u.actionId, u.at.toISOString());
        }
        const fresh = dueMessages({ now: tick.at, settings: w.settings, actions: w.actions, meetings: w.meetings, history: { sent: new Set(), updatedAt } });
        const withHistory = dueMessages({ now: tick.at, settings: w.settings, actions: w.actions, meetings: w.meetings, history: { sent, updatedAt } });
        expect(withHistory).toEqual(fresh.filter((m) => !sent.has(m.id)));
      }),
      { numRuns: 100 },
    );
  });
});
