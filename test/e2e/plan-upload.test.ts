import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundUser } from '../../src/local/agents-playground.js';
import { MAX_PLAN_FILE_BYTES } from '../../src/import/read-source-rows.js';
import { VERBS } from '../../src/teams/verbs.js';
import { CHAMPIONS_PLAN_CSV } from '../fixtures/champions-plan.js';
import { readSeed000, SEED_000_NAME } from '../fixtures/seed-000.js';
import { startEmbeddedApp, type EmbeddedApp } from './embedded-app.js';
import { startFileServer, type FileServer } from './file-server.js';

/**
 * Issue 14 item 1: a coordinator sends the plan file to the bot in their
 * 1:1 chat and imports it from the preview card. The Playground's message
 * API takes only cards, so the file arrives as Teams sends it (a
 * `file.download.info` attachment) through its raw-activity API, with a
 * download URL this test serves on 127.0.0.1.
 */
const SAMPLE = await readFile(new URL('../../examples/purbeck-2017-18.txt', import.meta.url), 'utf8');

/** The sample plan as a coordinator revises it: a deadline moved, 1.2 reported done, 1.3 dropped, 5.9 added. */
function revisedPlan(): string {
  const lines = SAMPLE.split('\n');
  const out = lines
    .filter((l) => !l.startsWith('1.3 '))
    .map((l) => (l.startsWith('2.2 ') ? l.replace('October 2017', 'December 2017') : l))
    .map((l) => (l.startsWith('1.2 ') ? l.replace(/\t$/, '\tCOMPLETED Guidance updated and briefed to all teams') : l));
  const last = out.findLastIndex((l) => /^\d+\.\d+ /.test(l));
  out.splice(last + 1, 0, '5.9 Run a summer campaign on water safety with the harbour master\tCampaign run\tFewer incidents at the quay\tLead – CSO\tAugust 2017\t');
  return out.join('\n');
}

describe('plan upload in the 1:1 chat (Agents Playground)', () => {
  let app: EmbeddedApp;
  let files: FileServer;
  let coordinator: PlaygroundUser;

  beforeAll(async () => {
    files = await startFileServer();
    app = await startEmbeddedApp({ settings: { PLAYGROUND_USER: 'coordinator' }, clock: () => new Date('2017-08-01T09:00:00Z') });
    coordinator = app.me;
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
    await files?.close();
  });

  async function sendFile(name: string, url: string, who: PlaygroundUser = coordinator) {
    await app.client.sendFile(app.ids.personalChatId, { id: who.id, name: who.name, aadObjectId: who.aadObjectId }, name, url);
    const reply = await app.client.waitForBotMessage(app.ids.personalChatId, undefined, 30_000);
    return { messageId: reply.message.messageId, card: reply.message.attachments[0]?.content as any, text: reply.message.text };
  }

  async function press(posted: { messageId: string; card: any }, title: string, inputs: Record<string, unknown> = {}, who: PlaygroundUser = coordinator) {
    const action = (posted.card.actions as Array<{ title: string; verb: string; data: Record<string, unknown> }>).find((a) => a.title === title);
    if (action === undefined) throw new Error(`no "${title}" on the card: ${JSON.stringify(posted.card.actions)}`);
    const res = await app.client.execute(app.ids.personalChatId, { id: who.id }, posted.messageId, action.verb, { ...action.data, ...inputs });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    return res.body.value as any;
  }

  const cardText = (card: unknown) => JSON.stringify(card);
  const snapshot = async () => {
    const { store } = app.server.app.deps;
    const head = await store.readPlanHead('purbeck-pcg', '2017-18');
    const actions = (await store.listActions('purbeck-pcg', '2017-18')).map((a) => a.value);
    return JSON.stringify({ head: head?.value, actions });
  };

  it('"import plan" and "upload new plan" say how to send the file', async () => {
    for (const typed of ['import plan', 'upload new plan']) {
      await app.client.sendMessage(app.ids.personalChatId, { id: coordinator.id }, typed);
      const reply = await app.client.waitForBotMessage(app.ids.personalChatId);
      expect(reply.message.text).toContain('send me the file here');
      expect(reply.message.text).toContain('**Import**');
    }
  });

  it('upload → Cancel: the preview shows the changes, Cancel stores nothing', async () => {
    files.put('revised plan.txt', revisedPlan());
    const before = await snapshot();
    const preview = await sendFile('revised plan.txt', files.url('revised plan.txt'));
    expect(preview.card.body[0].text).toBe('Preview: revised plan.txt for Purbeck PCG (sample)');
    const shown = cardText(preview.card);
    expect(shown).toContain('against the plan on record (version 1)');
    expect(shown).toMatch(/"title":"Added \(1\)","value":"5\.9"/);
    expect(shown).toMatch(/"title":"Removed \(1\)","value":"1\.3 \(kept, with their history\)"/);
    expect(shown).toMatch(/2\.2: deadline/);
    expect(shown).toMatch(/"title":"Statuses \(1\)","value":"1\.2: recorded as imported updates by Alex Hale"/);
    expect(shown).toContain('ACTION UPDATE/RAG');
    const cancelled = await press(preview, 'Cancel');
    expect(cardText(cancelled)).toContain('Nothing was imported from revised plan.txt');
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('upload → Import: the card becomes what was imported, and the store holds what the CLI would store', async () => {
    files.put('revised plan.txt', revisedPlan());
    const preview = await sendFile('revised plan.txt', files.url('revised plan.txt'));
    const imported = await press(preview, 'Import');
    const text = cardText(imported);
    expect(imported.body[0].text).toBe('✔ Imported revised plan.txt into Purbeck PCG (sample)');
    expect(text).toContain('2017-18 plan: now version 2');
    expect(imported.actions ?? []).toEqual([]);
    const { store } = app.server.app.deps;
    expect((await store.readPlanHead('purbeck-pcg', '2017-18'))?.value.version).toBe(2);
    const actions = new Map((await store.listActions('purbeck-pcg', '2017-18')).map((a) => [a.value.ref, a.value]));
    expect(actions.get('1.3')?.removedInVersion).toBe(2);
    expect(actions.get('5.9')?.addedInVersion).toBe(2);
    expect(actions.get('2.2')?.plan.deadlineText).toBe('December 2017');
    expect(actions.get('1.2')?.latest).toMatchObject({ status: 'completed', source: 'import', author: { displayName: 'Alex Hale' } });

    // A second press of the same Import is stale: the plan moved on since the preview.
    const again = await press(preview, 'Import');
    expect(cardText(again)).toMatch(/changed since this preview \(it is now version 2/);
    expect((await store.readPlanHead('purbeck-pcg', '2017-18'))?.value.version).toBe(2);
  }, 90_000);

  it('an old Word document (.doc) is read by the same reader and previewed; Cancel stores nothing', async () => {
    const doc = await readFile(new URL('../fixtures/published-plans/converted/doncaster-hate-crime-q2-2017.doc', import.meta.url));
    files.put('hate crime plan.doc', new Uint8Array(doc));
    const before = await snapshot();
    const preview = await sendFile('hate crime plan.doc', files.url('hate crime plan.doc'));
    expect(preview.card.body[0].text).toMatch(/^Preview: hate crime plan\.doc for Purbeck PCG \(sample\)/);
    expect(cardText(preview.card)).toContain('Lead Officer / Agency');
    expect(cardText(await press(preview, 'Cancel'))).toContain('Nothing was imported from hate crime plan.doc');
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('an Import from a preview made before someone else’s import is refused, changing nothing', async () => {
    const next = revisedPlan().replace('December 2017', 'January 2018');
    files.put('plan v3.txt', next);
    const first = await sendFile('plan v3.txt', files.url('plan v3.txt'));
    const second = await sendFile('plan v3.txt', files.url('plan v3.txt'));
    expect(cardText(await press(second, 'Import'))).toContain('now version 3');
    const before = await snapshot();
    expect(cardText(await press(first, 'Import'))).toMatch(/Not imported: Purbeck PCG \(sample\)'s 2017-18 plan has changed since this preview/);
    expect(await snapshot()).toBe(before);
  }, 90_000);

  it('a file that changed between preview and Import is refused', async () => {
    files.put('moving.txt', revisedPlan());
    const preview = await sendFile('moving.txt', files.url('moving.txt'));
    files.put('moving.txt', `${revisedPlan()}\n`);
    const before = await snapshot();
    expect(cardText(await press(preview, 'Import'))).toContain('is not the file this preview showed');
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('a file with problems gets them listed, with nothing changed', async () => {
    files.put('notes.txt', 'Minutes of the meeting\nApologies were received from the police.\n');
    files.put('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const before = await snapshot();
    const notes = await sendFile('notes.txt', files.url('notes.txt'));
    expect(notes.card.body[0].text).toBe('Not imported');
    expect(notes.card.body[1].text).toMatch(/^Nothing was imported from notes\.txt: there (is a problem|are \d+ problems)/);
    const old = await sendFile('old.xls', files.url('old.xls'));
    expect(old.card.body[1].text).toContain('looks like an old-format Excel workbook or Word document (.xls or .doc) but could not be opened');
    expect(old.card.actions ?? []).toEqual([]);
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('someone who is not a coordinator or chair is told who may import, and nothing is fetched or changed', async () => {
    const lead = app.person('Taylor Quinn');
    files.put('lead.txt', revisedPlan());
    const before = await snapshot();
    const asked = files.requests.length;
    const reply = await sendFile('lead.txt', files.url('lead.txt'), lead);
    expect(reply.card.body[1].text).toContain('Purbeck PCG (sample): Alex Hale (coordinator), Cllr Pat Dunmore (chair)');
    expect(files.requests.length).toBe(asked);
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('an oversize download is cut off at the limit and refused; a URL off loopback or not http(s) is never fetched', async () => {
    const before = await snapshot();
    const big = await sendFile('huge.xlsx', files.url('endless'));
    expect(big.card.body[1].text).toContain('is over 20 MB, the most a plan file may be');
    // Streamed and stopped: what was sent is the limit plus what sat in the socket buffers, not the 200 MB on offer.
    expect(files.sentEndless).toBeGreaterThan(MAX_PLAN_FILE_BYTES);
    expect(files.sentEndless).toBeLessThan(MAX_PLAN_FILE_BYTES + 8 * 1024 * 1024);
    for (const url of ['http://169.254.169.254/latest/meta-data', 'file:///etc/passwd', 'https://example.org/plan.xlsx']) {
      const refused = await sendFile('plan.xlsx', url);
      expect(refused.card.body[1].text).toMatch(/I did not read plan\.xlsx: (the file is at|the file’s download address is not http)/);
    }
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('garbage in the card data gets a clear card and changes nothing', async () => {
    const before = await snapshot();
    const preview = await sendFile('revised plan.txt', files.url('revised plan.txt'));
    const token = preview.card.actions[0].data.upload as string;
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, url: 'http://127.0.0.1:1/other' })).toString('base64url')}.${mac}`;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ upload: 42 }, /out of date.*Send the plan file again/s],
      [{ upload: forged }, /not one I made for you/],
      [{ upload: token, 'keep-../../x': 'true' }, /out of date/],
      [{ upload: token, 'keep-4.1': 'maybe' }, /out of date/],
      [{ upload: token, links: '4.1 continues 4.7' }, /is not a link: write the new action/],
      [{ upload: token, links: '9.9=2016-17:4.7' }, /the 2017-18 plan in the file has no action 9\.9/],
    ];
    for (const [data, expected] of cases) {
      const res = await app.client.execute(app.ids.personalChatId, { id: coordinator.id }, preview.messageId, VERBS.importPlanUpload, data);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(res.body.value)).toMatch(expected);
    }
    expect(await snapshot()).toBe(before);
  }, 60_000);

  it('a sign-off paper with last year’s plan: the preview suggests carry-forward links with scores; Import stores them as ticked and typed', async () => {
    files.put(SEED_000_NAME, await readSeed000());
    const preview = await sendFile(SEED_000_NAME, files.url(SEED_000_NAME));
    const toggles = JSON.stringify(preview.card).match(/"id":"keep-[^"]+","title":"[^"]+"/g) ?? [];
    expect(toggles.join('\n')).toMatch(/"id":"keep-4\.1","title":"4\.1 continues 2016-17 4\.7 \(score [01]\.\d\d\)/);
    expect(toggles.join('\n')).toMatch(/"id":"keep-5\.5","title":"5\.5 continues 2016-17 4\.6 \(score [01]\.\d\d\)/);
    expect(cardText(preview.card)).toContain('the first 2016-17 plan for Purbeck PCG (sample)');
    const imported = await press(preview, 'Import', { 'keep-4.1': 'true', 'keep-5.5': 'false', links: '3.1=2016-17:3.1' });
    expect(cardText(imported)).toMatch(/Carried forward \(\d+\)\*\*: .*4\.1 continues 2016-17 4\.7 \(score [01]\.\d\d\).*3\.1 continues 2016-17 3\.1 \(named by you\)|3\.1 continues 2016-17 3\.1 \(named by you\).*4\.1 continues 2016-17 4\.7/);
    const action = async (ref: string) => (await app.server.app.deps.store.listActions('purbeck-pcg', '2017-18')).find((a) => a.value.ref === ref)!.value;
    expect((await action('4.1')).continues).toMatchObject({ year: '2016-17', ref: '4.7' });
    expect((await action('5.5')).continues).toBeNull();
    expect((await action('3.1')).continues).toEqual({ year: '2016-17', ref: '3.1', score: null });
    expect(await app.server.app.deps.store.readPlanHead('purbeck-pcg', '2016-17')).not.toBeNull();
  }, 120_000);

  describe('correcting a column on the preview card (issue 11 item 7)', () => {
    type Choice = { id: string; label: string; value: string; choices: Array<{ value: string }> };
    const correctPart = (card: any) => {
      const part = (card.actions as any[]).find((a) => a.title === 'Correct a column');
      if (part === undefined) throw new Error(`no "Correct a column" on the card: ${JSON.stringify(card.actions)}`);
      return { inputs: (part.card.body as any[]).filter((e) => e.type === 'Input.ChoiceSet') as Choice[], readAgain: part.card.actions[0] as { verb: string; data: Record<string, unknown> } };
    };
    /** Read again as Teams sends it: every choice on the card, preset or changed. */
    async function readAgain(posted: { messageId: string; card: any }, changes: Record<string, string>) {
      const { inputs, readAgain: action } = correctPart(posted.card);
      const values = Object.fromEntries(inputs.map((i) => [i.id, changes[i.label] ?? i.value]));
      const res = await app.client.execute(app.ids.personalChatId, { id: coordinator.id }, posted.messageId, action.verb, { ...action.data, ...values });
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      return { messageId: posted.messageId, card: res.body.value as any };
    }
    const actions2018 = async () => (await app.server.app.deps.store.listActions('purbeck-pcg', '2018-19')).map((a) => a.value);

    it('the lead column read as an extra column is corrected to LEAD: Read again shows it, Import stores the leads', async () => {
      files.put('champions.csv', CHAMPIONS_PLAN_CSV);
      const preview = await sendFile('champions.csv', files.url('champions.csv'));
      expect(cardText(preview.card)).toMatch(/"title":"Extra columns \(kept\)","value":"“Champion”"/);
      const { inputs } = correctPart(preview.card);
      expect(inputs.find((i) => i.label === 'Champion')).toMatchObject({ value: 'extra' });
      expect(inputs.find((i) => i.label === 'Action')?.choices.map((c) => c.value)).toContain('lead');

      const corrected = await readAgain(preview, { Champion: 'lead' });
      const shown = cardText(corrected.card);
      expect(shown).toContain('Read with your corrections: “Champion” → LEAD');
      expect(shown).toMatch(/"title":"LEAD","value":"“Champion”"/);
      expect(correctPart(corrected.card).inputs.find((i) => i.label === 'Champion')).toMatchObject({ value: 'lead' });
      // Its token carries the correction, and only it.
      const token = corrected.card.actions[0].data.upload as string;
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).columns).toEqual([['champion', 'lead']]);

      // Read again once more changing nothing keeps the correction in force.
      const again = await readAgain(corrected, {});
      expect(cardText(again.card)).toContain('Read with your corrections: “Champion” → LEAD');

      const imported = await press(again, 'Import');
      expect(cardText(imported)).toContain('2018-19 plan: now version 1');
      const leads = Object.fromEntries((await actions2018()).map((a) => [a.ref, a.plan.lead]));
      expect(leads).toEqual({ '1.1': 'CSO', '1.2': 'Housing Manager', '2.1': 'CSO' });
    }, 120_000);

    it('a plan whose title names no year: the preview says which year and why; a year chosen on the card is where Import files it', async () => {
      const yearless = CHAMPIONS_PLAN_CSV.replace('Community Safety Action Plan 2018-19', 'Hate Crime Action Plan');
      files.put('hate crime plan.csv', yearless);
      const preview = await sendFile('hate crime plan.csv', files.url('hate crime plan.csv'));
      expect(cardText(preview.card)).toMatch(/plan year 2018-19: its title names no year, (and most of its deadlines fall in that financial year|so the financial year it is now)/);
      const year = correctPart(preview.card).inputs.find((i) => i.id === 'planYear')!;
      expect(year).toMatchObject({ label: 'Plan year', value: '2018-19' });
      expect(year.choices.map((c) => c.value)).toEqual(['2016-17', '2017-18', '2018-19', '2019-20', '2020-21']);

      const chosen = await readAgain(preview, { 'Plan year': '2019-20' });
      expect(cardText(chosen.card)).toContain('plan year 2019-20, as you chose');
      const token = chosen.card.actions[0].data.upload as string;
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).year).toBe('2019-20');
      const imported = await press(chosen, 'Import');
      expect(cardText(imported)).toContain('2019-20 plan: now version 1');
      expect((await app.server.app.deps.store.readPlanHead('purbeck-pcg', '2019-20'))?.value.title).toBe('Hate Crime Action Plan');
      expect((await app.server.app.deps.store.listActions('purbeck-pcg', '2019-20')).map((a) => a.value.ref).sort()).toEqual(['1.1', '1.2', '2.1']);
    }, 120_000);

    it('setting the choice back to the automatic reading removes the correction', async () => {
      files.put('champions again.csv', CHAMPIONS_PLAN_CSV);
      const preview = await sendFile('champions again.csv', files.url('champions again.csv'));
      const corrected = await readAgain(preview, { Champion: 'partners' });
      expect(cardText(corrected.card)).toContain('Read with your corrections: “Champion” → PARTNERS');
      const back = await readAgain(corrected, { Champion: 'extra' });
      expect(cardText(back.card)).not.toContain('Read with your corrections');
      const token = back.card.actions[0].data.upload as string;
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).columns).toBeUndefined();
    }, 90_000);

    it('garbage choices, a changed file or a forged token get a clear card and change nothing', async () => {
      files.put('champions 3.csv', CHAMPIONS_PLAN_CSV);
      const preview = await sendFile('champions 3.csv', files.url('champions 3.csv'));
      const { readAgain: action, inputs } = correctPart(preview.card);
      const column = inputs.find((i) => i.id.startsWith('col-'))!;
      const token = action.data.upload as string;
      const before = JSON.stringify(await actions2018());
      const tooMany = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`col-${i}`, 'lead']));
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ upload: token, 'col-99': 'lead' }, /Not read again: column 99 is not one this preview listed/],
        [{ upload: token, 'col-first': 'lead' }, /column first is not one this preview listed/],
        [{ upload: token, [column.id]: 'banana' }, new RegExp(`“${column.label}” cannot be read as .{1,2}banana.{1,2}: choose one of the list`)],
        [{ upload: token, [column.id]: { field: 'lead' } }, /cannot be read as/],
        [{ upload: token, planYear: '2018-20' }, /2018-20.{1,2} is not a plan year: write the financial year it runs over, e\.g\. 2025-26/],
        [{ upload: token, planYear: 2019 }, /out of date/],
        [{ upload: token, ...tooMany }, /out of date.*Send the plan file again/s],
        [{ upload: 42 }, /out of date/],
        [{ upload: `${token}x` }, /not one I made for you/],
      ];
      for (const [data, expected] of cases) {
        const res = await app.client.execute(app.ids.personalChatId, { id: coordinator.id }, preview.messageId, action.verb, data);
        expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(cardText(res.body.value)).toMatch(expected);
      }
      files.put('champions 3.csv', `${CHAMPIONS_PLAN_CSV}\n`);
      expect(cardText((await readAgain(preview, { Champion: 'lead' })).card)).toContain('is not the file this preview showed');
      expect(JSON.stringify(await actions2018())).toBe(before);
    }, 90_000);
  });
});
