import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateRecordedCardData } from '../../src/teams/card-views.js';
import { renderCard } from '../../src/teams/render-card.js';
import { UPDATE_RECORDED } from './sample-views.js';

/**
 * The card template engine is carried with two speed fixes and one for missing fields (`patches/adaptive-expressions+*.patch`,
 * `patches/adaptivecards-templating+*.patch`, applied by `patch-package` on install). These fail when an install
 * did not apply them: every card the bot sends would again lowercase every key of its data for each field, split
 * each field's path anew and write out each false `$when`, several times the work of filling it.
 */
type Template = { expand(context: { $root: unknown }): unknown };
const require = createRequire(import.meta.url);
const ACData = require('adaptivecards-templating') as { Template: new (payload: unknown) => Template };
const AEL = require('adaptive-expressions') as { Expression: { prototype: { toString(): string } } };

const data = updateRecordedCardData(UPDATE_RECORDED, 'Europe/London');

describe('the patched card template engine', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fills a card without lowercasing keys, re-splitting paths or writing out its false $when again', () => {
    expect(data.canUndo).toBe(false);
    const first = renderCard('update-recorded', data);
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    const split = vi.spyOn(String.prototype, 'split');
    const written = vi.spyOn(AEL.Expression.prototype, 'toString');
    const again = renderCard('update-recorded', data);
    expect(again).toEqual(first);
    expect(lower).not.toHaveBeenCalled();
    expect(split).not.toHaveBeenCalled();
    expect(written).not.toHaveBeenCalled();
  });

  it('shows a field missing from the data as nothing, never its ${expression} (the engine took our empty substitution as none)', () => {
    const card = JSON.stringify(renderCard('notice', { title: 'Plan imported' } as never));
    expect(card).toContain('Plan imported');
    expect(card).not.toContain('${');
  });

  it('still expands as the unpatched engine did: $data arrays and $index, nested scopes, a key in another case, $when', () => {
    const template = new ACData.Template({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${Title} (${$root.count})' },
        {
          type: 'Container',
          $data: '${groups}',
          items: [
            { type: 'TextBlock', text: '${$index}: ${name}' },
            { type: 'TextBlock', $data: '${lines}', $when: '${shown}', text: '${$index}. ${text} in ${$root.title}' },
          ],
        },
        { type: 'TextBlock', text: 'after: ${title}' },
      ],
    });
    const root = {
      title: 'Plan',
      count: 2,
      groups: [
        { name: 'A', lines: [{ text: 'a1', shown: true }, { text: 'a2', shown: false }, { text: 'a3', shown: true }] },
        { name: 'B', lines: [{ text: 'b1', shown: true }] },
      ],
    };
    for (let i = 0; i < 2; i++) {
      expect(template.expand({ $root: root })).toEqual({
        type: 'AdaptiveCard',
        body: [
          { type: 'TextBlock', text: 'Plan (2)' },
          {
            type: 'Container',
            items: [
              { type: 'TextBlock', text: '0: A' },
              { type: 'TextBlock', text: '0. a1 in Plan' },
              { type: 'TextBlock', text: '2. a3 in Plan' },
            ],
          },
          {
            type: 'Container',
            items: [
              { type: 'TextBlock', text: '1: B' },
              { type: 'TextBlock', text: '0. b1 in Plan' },
            ],
          },
          { type: 'TextBlock', text: 'after: Plan' },
        ],
      });
    }
  });
});
