import { describe, expect, it } from 'vitest';
import { DIGEST_ITEMS_MAX } from '../../src/domain/digest.js';
import { digestCard, digestCardData } from '../../src/teams/digest-card.js';
import type { DigestView } from '../../src/teams/digest-view.js';
import { renderCard } from '../../src/teams/render-card.js';
import { VERBS } from '../../src/teams/verbs.js';

function view(n: number, audience: DigestView['audience'] = 'person'): DigestView {
  return {
    timeZone: 'Europe/London',
    ref: audience === 'person' ? { bodyId: 'purbeck-pcg', id: 'sent:digest:t:lead-1:2018-03-23' } : null,
    audience,
    date: '2018-03-23',
    entries: Array.from({ length: n }, (_, i) => ({
      key: { bodyId: 'purbeck-pcg', year: '2017-18', ref: `3.${i + 1}` },
      bodyName: 'Purbeck PCG',
      // The longest action text a plan cell holds, so the bound is tested at its worst.
      text: 'x'.repeat(4000),
      reason: 'due in 8 days, Sat 31 Mar 2018',
      section: audience === 'channel' ? 'chaired' : 'yours',
      status: 'not-reported',
      deadline: '2018-03-31',
      deadlineText: 'March 2018',
      lead: audience === 'channel' ? 'TO-ET (Taylor Quinn)' : null,
      done: i === 0,
    })),
  };
}

type Button = { verb: string; title: string; data: unknown };
const buttons = (card: unknown): Button[] =>
  Array.isArray(card)
    ? card.flatMap(buttons)
    : typeof card === 'object' && card !== null
      ? [...((card as { type?: string }).type === 'Action.Execute' ? [card as Button] : []), ...Object.entries(card).filter(([k]) => k !== 'refresh').flatMap(([, v]) => buttons(v))]
      : [];

describe('the digest card', () => {
  it('stays within Teams’ card size however many actions are due: the first 25 in full, the rest named', () => {
    const card = renderCard('digest', digestCardData(view(200), '29:lead'));
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    expect(buttons(card)).toHaveLength(DIGEST_ITEMS_MAX);
    expect(JSON.stringify(card)).toContain('…and 175 more actions: 3.26, 3.27');
  });

  it('past what a digest’s record keeps, counts the rest on the card and in its totals, within Teams’ card size', () => {
    const card = JSON.stringify(renderCard('digest', digestCardData({ ...view(200), beyond: 1000 }, '29:lead')));
    expect(card.length).toBeLessThan(28_000);
    expect(card).toContain('…and 1,175 more actions: 3.26, 3.27');
    expect(card).toContain('3.199, 3.200 and 1,000 others. Type **my actions** for all of yours.');
    expect(card).toContain('1,199 actions need an update (1 done)');
  });

  it('in a person’s chat: an Update button per action opening it in place, a done one marked, and a refresh for its owner', () => {
    const card = renderCard('digest', digestCardData(view(3), '29:lead')) as { refresh?: { userIds: string[]; action: { verb: string } } };
    expect(buttons(card).map((b) => `${b.title} ${b.verb}`)).toEqual([`Update 3.1 again ${VERBS.openFromDigest}`, `Update 3.2 ${VERBS.openFromDigest}`, `Update 3.3 ${VERBS.openFromDigest}`]);
    expect(buttons(card)[1]!.data).toEqual({ digest: { bodyId: 'purbeck-pcg', id: 'sent:digest:t:lead-1:2018-03-23' }, action: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' } });
    expect(JSON.stringify(card)).toContain('2 actions need an update (1 done).');
    expect(card.refresh).toMatchObject({ userIds: ['29:lead'], action: { verb: VERBS.refreshDigest } });
  });

  it('in a channel: the buttons send the update card privately, and the post never refreshes into anything else', () => {
    const card = digestCard(view(2, 'channel'), null) as { refresh?: unknown };
    expect(buttons(card).map((b) => b.verb)).toEqual([VERBS.sendUpdateCard, VERBS.sendUpdateCard]);
    expect(card.refresh).toBeUndefined();
    expect(JSON.stringify(card)).toContain('Overdue in Purbeck PCG: Fri 23 Mar 2018');
  });

  describe('the update recorded from it, with Undo as on the recorded card', () => {
    const ref = { bodyId: 'purbeck-pcg', id: 'sent:digest:t:lead-1:2018-03-23' };
    const key = { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.1' };
    const recorded = (over: Partial<NonNullable<DigestView['recorded']>>): DigestView => ({
      ...view(2),
      recorded: { key, updateId: 'u1', status: 'completed', undone: false, undo: { updateId: 'u1', until: '2018-03-23T10:25:00.000Z' }, ...over },
    });
    const undoButtons = (card: unknown) => buttons(card).filter((b) => b.verb === VERBS.undoUpdate);

    it('names it at the top with an Undo that carries the digest, and a refresh that keeps both', () => {
      const card = renderCard('digest', digestCardData(recorded({}), '29:lead')) as { refresh?: { action: { data: unknown } } };
      expect(JSON.stringify(card)).toContain('✔ Recorded your update on 3.1: ✔ Completed.');
      expect(undoButtons(card)).toEqual([{ type: 'Action.Execute', title: 'Undo (until 10:25)', verb: VERBS.undoUpdate, data: { action: key, updateId: 'u1', digest: ref } }]);
      expect(card.refresh?.action.data).toEqual({ digest: ref, recorded: { action: key, updateId: 'u1' } });
    });

    it('once its minutes are over (no offer), the line stays and the button goes', () => {
      const card = renderCard('digest', digestCardData(recorded({ undo: null }), '29:lead'));
      expect(JSON.stringify(card)).toContain('✔ Recorded your update on 3.1');
      expect(undoButtons(card)).toEqual([]);
    });

    it('undone: says what the action is back to, with no Undo of the undo', () => {
      const card = renderCard('digest', digestCardData(recorded({ updateId: 'u1:undo', status: 'amber', undone: true, undo: null }), '29:lead'));
      expect(JSON.stringify(card)).toContain('↶ Undone: your update on 3.1 is taken back; it is back to ▲ Amber.');
      expect(undoButtons(card)).toEqual([]);
    });

    it('a refused Undo is shown above the list, which stays', () => {
      const card = renderCard('digest', digestCardData({ ...recorded({ undo: null }), refusal: 'The update to action 3.1 can be undone for 10 minutes only' }, '29:lead'));
      expect(JSON.stringify(card)).toContain('⚠ The update to action 3.1 can be undone for 10 minutes only');
      expect(buttons(card).map((b) => b.title)).toEqual(['Update 3.1 again', 'Update 3.2']);
    });

    it('with nothing recorded, there is no line, no Undo and the refresh carries no update', () => {
      const card = renderCard('digest', digestCardData(view(2), '29:lead')) as { refresh?: { action: { data: unknown } } };
      expect(undoButtons(card)).toEqual([]);
      expect(card.refresh?.action.data).toEqual({ digest: ref, recorded: null });
    });
  });
});
