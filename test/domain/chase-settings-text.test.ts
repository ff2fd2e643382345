import { describe, expect, it } from 'vitest';
import { chaseProblems, chaseRows, readChaseTexts } from '../../src/domain/chase-settings-text.js';

const word = (w: string) => `<${w}>`;
const body = { timeZone: 'Europe/London', chase: { reminderEveryDays: 14 } };

describe('chase settings as people type them', () => {
  it('reads each setting from its text: lists, numbers, spans of the day and times', () => {
    expect(readChaseTexts({ prompts: ' 7, 14,14, 1 ', reminders: '10', hours: '8:30 - 16:30', send: '8:30', summary: '3' }, word)).toEqual({
      given: { promptDaysBefore: [14, 7, 1], reminderEveryDays: 10, workdayStart: '08:30', workdayEnd: '16:30', sendAt: '08:30', summaryWorkingDaysBefore: 3 },
      typed: { promptDaysBefore: ' 7, 14,14, 1 ', reminderEveryDays: '10', workdayStart: '8:30 - 16:30', workdayEnd: '8:30 - 16:30', sendAt: '8:30', summaryWorkingDaysBefore: '3' },
    });
    expect(readChaseTexts({ prompts: 'None' }, word).given).toEqual({ promptDaysBefore: [] });
  });

  it.each([
    [{ prompts: '14,x' }, '<prompts> "14,x": "x" is not a whole number of days; write the days before a deadline separated by commas, e.g. <prompts> 14,7,1 (or none).'],
    [{ reminders: 'weekly' }, '<reminders> "weekly" is not a whole number: write e.g. <reminders> 7.'],
    [{ escalate: '-1' }, '<escalate> "-1" is not a whole number: write e.g. <escalate> 2.'],
    [{ hours: '9 to 5' }, '<hours> "9 to 5" is not a span of the day: write its start and end, e.g. <hours> 09:00-17:00.'],
  ])('refuses %j, naming the setting as the asker does', (texts, message) => {
    expect(() => readChaseTexts(texts, word)).toThrow(message);
  });

  it('names every problem with the whole, over what the body has, in force or reset', () => {
    expect(chaseProblems(body, readChaseTexts({ reminders: '3', summary: '31' }, word), false, word)).toEqual([
      '<reminders> "3": must be at least 5 days.',
      '<summary> "31": must be at most 30 working days.',
    ]);
    expect(chaseProblems(body, readChaseTexts({ hours: '10:00-16:00' }, word), false, word)).toEqual([
      '<send> is 09:00 (in force; give <send> to change it): messages must be scheduled within working hours (10:00-16:00).',
    ]);
    expect(chaseProblems(body, readChaseTexts({ send: '10:00', hours: '10:00-16:00' }, word), true, word)).toEqual([]);
  });

  it('shows the settings in force, the body’s own marked', () => {
    const rows = chaseRows(body);
    expect(rows.find((r) => r.label === 'overdue reminders')).toEqual({ label: 'overdue reminders', value: 'every 14 days', own: true });
    expect(rows.find((r) => r.label === 'prompts')).toEqual({ label: 'prompts', value: '14, 7, 1 days before a deadline', own: false });
  });
});
