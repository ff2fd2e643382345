import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import { startFileServer, type FileServer } from './file-server.js';

/**
 * A coordinator sends the meeting series they keep in their calendar (a
 * Google Calendar export) to the bot in their 1:1 chat, by the route plan
 * files take: the bot tells it is a calendar by its content, shows each
 * meeting it read and what it set aside, and adds them only on Add.
 */
const GOOGLE = await readFile(new URL('../fixtures/calendars/google-series.ics', import.meta.url));

describe('meeting calendar (.ics) upload in the 1:1 chat (Agents Playground)', () => {
  let app: EmbeddedApp;
  let files: FileServer;

  beforeAll(async () => {
    files = await startFileServer();
    app = await startEmbeddedApp({ settings: { PLAYGROUND_USER: 'coordinator' }, clock: () => new Date('2026-11-27T10:00:00Z') });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await files?.close();
  });

  const meetings = async () => (await app.server.app.deps.store.readBody('purbeck-pcg'))!.value.meetings;

  async function sendFile(name: string) {
    const me = app.me;
    await app.client.sendFile(app.ids.personalChatId, { id: me.id, name: me.name, aadObjectId: me.aadObjectId }, name, files.url(name));
    const reply = await app.client.waitForBotMessage(app.ids.personalChatId, undefined, 30_000);
    return { messageId: reply.message.messageId, card: reply.message.attachments[0]?.content as any };
  }

  it('the preview shows each meeting with its weekday and what was set aside; Add stores them', async () => {
    // Named .txt: it is told apart from a plan by what it holds.
    files.put('board dates.txt', GOOGLE);
    const before = await meetings();
    const preview = await sendFile('board dates.txt');
    const text = JSON.stringify(preview.card);
    expect(preview.card.body[0].text).toBe('Meetings in board dates.txt for Purbeck PCG (sample)');
    for (const shown of ['**5 meetings to add**', 'Wed 16 Dec 2026, 10:00: Dorset CSP board', 'Wed 7 Jul 2027, 14:00: Call with the Home Office', '**Set aside:**', 'Wed 17 Mar 2027, 10:00: Dorset CSP board: cancelled', 'Kept out: 1 past']) {
      expect(text).toContain(shown);
    }
    expect(await meetings()).toEqual(before);

    const add = preview.card.actions.find((a: { title: string }) => a.title === 'Add these meetings');
    const res = await app.client.execute(app.ids.personalChatId, { id: app.me.id }, preview.messageId, add.verb, add.data);
    const done = JSON.stringify(res.body.value);
    expect(done).toContain('Added 5 meetings from board dates.txt to Purbeck PCG (sample)');
    expect(await meetings()).toEqual([...before, '2026-12-16T10:00', '2027-02-03T15:00', '2027-06-16T10:00', '2027-07-07T14:00', '2027-09-15T10:00'].sort());

    // The same file again: nothing to add, and no Add button.
    const again = await sendFile('board dates.txt');
    expect(JSON.stringify(again.card)).toContain("Nothing to add: Purbeck PCG (sample)'s calendar already has every meeting to come in this file.");
    expect(again.card.actions.map((a: { title: string }) => a.title)).toEqual(['Cancel']);
  });

  it.each([
    ['photo.ics', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), 'photo.ics is not a calendar I can read: it is not text (a binary file)'],
    ['empty.ics', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', 'empty.ics is a calendar with no events in it'],
    ['notes.ics', 'Board dates: 16 December, 17 March', 'notes.ics is not a calendar I can read: it does not begin with BEGIN:VCALENDAR'],
  ])('%s is refused with a clear message, nothing stored', async (name, content, message) => {
    files.put(name, content);
    const before = await meetings();
    const reply = await sendFile(name);
    expect(reply.card.body[0].text).toBe('Not imported');
    expect(JSON.stringify(reply.card)).toContain(message);
    expect(await meetings()).toEqual(before);
  });
});
