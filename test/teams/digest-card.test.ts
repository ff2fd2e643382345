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
});
