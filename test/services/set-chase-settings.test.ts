import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyChaseSettings, DEFAULT_CHASE_SETTINGS } from '../../src/domain/chase-settings.js';
import { setChaseSettings } from '../../src/services/set-chase-settings.js';
import { CHAIR, COORDINATOR, CSO, setUpBodies, startFixture, type Fixture } from '../store/cosmos-fixture.js';

describe('a body’s own chase settings', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture({ now: '2017-09-20T09:00:00Z' });
    await setUpBodies(f.deps);
  });
  afterAll(async () => f?.stop());

  const settings = async () => bodyChaseSettings((await f.deps.store.readBody('test-pcg'))!.value);

  it('lays the given settings over the body’s own, and reset returns to the defaults', async () => {
    expect(await settings()).toEqual({ ...DEFAULT_CHASE_SETTINGS, timeZone: 'Europe/London' });
    await setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: { promptDaysBefore: [10, 3], reminderEveryDays: 14 }, by: COORDINATOR });
    const body = await setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: { sendAt: '10:00' }, by: CHAIR });
    expect(body.chase).toEqual({ promptDaysBefore: [10, 3], reminderEveryDays: 14, sendAt: '10:00' });
    expect(await settings()).toMatchObject({ promptDaysBefore: [10, 3], reminderEveryDays: 14, sendAt: '10:00', escalateAfterReminders: 2, workdayStart: '09:00' });
    expect((await f.opened.store.listBodyHours()).filter((h) => h.chase !== null)).toEqual([{ timeZone: 'Europe/London', chase: { promptDaysBefore: [10, 3], reminderEveryDays: 14, sendAt: '10:00' } }]);

    expect((await setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: { escalateAfterReminders: 3 }, reset: true, by: COORDINATOR })).chase).toEqual({ escalateAfterReminders: 3 });
    expect((await setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: {}, reset: true, by: COORDINATOR })).chase).toBeNull();
    expect((await f.opened.store.listBodyHours()).filter((h) => h.chase !== null)).toEqual([]);
  });

  it.each([
    [{ reminderEveryDays: 3 }, 'reminderEveryDays: Too small'],
    [{ promptDaysBefore: [14, 'x'] }, 'promptDaysBefore.1'],
    [{ sendAt: '18:00' }, 'sendAt: messages must be scheduled within working hours'],
    [{ workdayStart: '17:00', workdayEnd: '09:00', sendAt: '17:30' }, 'workdayEnd: the working day must end after it starts'],
    [{ timeZone: 'Mars/Olympus' }, 'Unrecognized key: "timeZone"'],
    ['every week', 'expected object'],
  ])('refuses %j with a message naming it, and writes nothing', async (given, message) => {
    const before = await f.dump();
    await expect(setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: given, by: COORDINATOR })).rejects.toThrow(message);
    expect(await f.dump()).toEqual(before);
  });

  it('is for the body’s coordinators and chairs only', async () => {
    const before = await f.dump();
    await expect(setChaseSettings(f.deps, { bodyId: 'test-pcg', settings: { reminderEveryDays: 10 }, by: CSO })).rejects.toThrow(/coordinators and chairs/);
    expect(await f.dump()).toEqual(before);
  });
});
