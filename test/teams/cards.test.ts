import { readFileSync, readdirSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { myActionsCardData, summaryCardData, updateCardData, updateRecordedCardData, type ProactiveView, setupCardData } from '../../src/teams/card-views.js';
import { proactiveActivity } from '../../src/teams/proactive-activity.js';
import { CARDS_DIR, CARD_NAMES, renderCard, type AdaptiveCardJson } from '../../src/teams/render-card.js';
import { TEAMS_CHART_ELEMENTS } from '../../src/teams/teams-limits.js';
import { VERBS } from '../../src/teams/verbs.js';
import { MY_ACTIONS, SETUP, SUMMARY, UPDATE_FORM, UPDATE_RECORDED } from './sample-views.js';

// adaptivecards builds DOM elements as it parses; happy-dom supplies just the
// document it needs, so the rest of the test keeps Node's own globals.
const window = new Window();
Object.assign(globalThis, { document: window.document, window });
const AC = await import('adaptivecards');

const zone = 'Europe/London';

const rendered: Record<string, AdaptiveCardJson> = {
  'my-actions': renderCard('my-actions', myActionsCardData(MY_ACTIONS, zone)),
  'my-actions (none)': renderCard('my-actions', myActionsCardData({ ...MY_ACTIONS, actions: [] }, zone)),
  update: renderCard('update', updateCardData(UPDATE_FORM, zone)),
  'update (plan with extra columns)': renderCard('update', updateCardData({ ...UPDATE_FORM, extra: [{ title: 'Budget (£)', value: '2,000' }, { title: 'Risk', value: 'Funding ends in March' }] }, zone)),
  'update (refused)': renderCard('update', updateCardData({ ...UPDATE_FORM, latest: null, latestId: null }, zone, { error: 'a Red update needs a narrative', inputs: { status: 'red', narrative: '', revisedDeadline: '2018-06-30' } })),
  'update-recorded': renderCard('update-recorded', updateRecordedCardData(UPDATE_RECORDED, zone)),
  summary: renderCard('summary', summaryCardData(SUMMARY, zone)),
  'summary (quiet, no meeting)': renderCard('summary', summaryCardData({ ...SUMMARY, meeting: null, overdue: [], notReported: [], changes: [], dueBeforeMeeting: [], downloads: [] }, zone)),
  'summary (long)': renderCard(
    'summary',
    summaryCardData({ ...SUMMARY, overdue: Array.from({ length: 25 }, (_, i) => ({ ...SUMMARY.overdue[0]!, ref: `4.${i + 1}` })) }, zone),
  ),
  setup: renderCard('setup', setupCardData(SETUP, zone)),
  'setup (saved)': renderCard('setup', setupCardData({ ...SETUP, outcome: { saved: true, lines: ['HO: now Priya Shah (was no one)'] } }, zone)),
  'setup (refused, no plan)': renderCard('setup', setupCardData({ ...SETUP, planYear: null, roles: [], outcome: { saved: false, lines: ['Someone changed HO'] } }, zone)),
  notice: renderCard('notice', { title: 'Not allowed', text: 'Only the lead may update this.' }),
};

function parse(card: unknown): { errors: string[]; card: InstanceType<typeof AC.AdaptiveCard> } {
  const adaptive = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptive.parse(card, context);
  const errors: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    // Teams' own chart elements are unknown to the reference renderer; each drops itself there (checked below).
    const teamsChart = TEAMS_CHART_ELEMENTS.some((name) => event.message === `Unknown element type "${name}". Fallback will be used if present.`);
    // Teams' people picker (`choices.data` of Data.Query) works in the 1.5 cards Teams renders; the reference renderer dates it 1.6.
    const teamsPicker = event.message === 'Property "choices.data" is supported in version 1.6, but you are using version 1.5.';
    if (event.phase === AC.ValidationPhase.Parse && event.event !== AC.ValidationEvent.ElementTypeNotAllowed && !teamsChart && !teamsPicker) errors.push(event.message);
  }
  return { errors, card: adaptive };
}

function texts(card: AdaptiveCardJson): string {
  return JSON.stringify(card);
}

describe('card templates', () => {
  it('every template in cards/ is one the renderer knows', () => {
    const files = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.card.json')).map((f) => f.replace(/\.card\.json$/, ''));
    expect(files.sort()).toEqual([...CARD_NAMES].sort());
  });

  it('the parse check catches a broken card', () => {
    expect(parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }], actions: [{ type: 'Action.Execute' , verb: 1 }] }).errors).not.toEqual([]);
  });

  it.each(CARD_NAMES)('%s.card.json is an Adaptive Card 1.5 that parses without errors', (name) => {
    const template = JSON.parse(readFileSync(`${CARDS_DIR}${name}.card.json`, 'utf8'));
    expect(template.version).toBe('1.5');
    expect(parse(template).errors).toEqual([]);
  });

  it.each(Object.keys(rendered))('the rendered %s card parses without errors and shows no template syntax', (name) => {
    const card = rendered[name]!;
    const { errors, card: adaptive } = parse(card);
    expect(errors).toEqual([]);
    // A people picker with no one picked yet has no static choice: Teams fills its choices from the directory as the person types.
    const emptyPicker = (message: string) => message === 'An Input.ChoiceSet must have at least one choice defined.' && texts(card).includes('"choices.data"');
    expect(adaptive.validateProperties().validationEvents.map((e) => e.message).filter((m) => !emptyPicker(m))).toEqual([]);
    expect(texts(card)).not.toContain('${');
  });

  it('gives every text and fact value as a string, which renderers require', () => {
    const wrong: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
      else if (typeof node === 'object' && node !== null) {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'text' || k === 'title' || (k === 'value' && path.includes('facts'))) && typeof v !== 'string') wrong.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
    };
    for (const [name, card] of Object.entries(rendered)) walk(card, name);
    expect(wrong).toEqual([]);
    expect(texts(rendered.summary!)).toContain('{"title":"● Green","value":"2"}');
  });

  it('shows times in the view’s own zone when it names one', () => {
    const at = { ...UPDATE_RECORDED, at: '2018-07-01T09:30:00Z' };
    expect(texts(renderCard('update-recorded', updateRecordedCardData(at, zone)))).toContain('1 Jul 2018, 10:30');
    expect(texts(renderCard('update-recorded', updateRecordedCardData({ ...at, timeZone: 'Europe/Dublin' }, 'UTC')))).toContain('1 Jul 2018, 10:30');
    expect(texts(renderCard('update-recorded', updateRecordedCardData(at, 'UTC')))).toContain('1 Jul 2018, 09:30');
  });

  it('shows the plan’s extra columns on the update card, and none when the plan has none', () => {
    expect(texts(rendered['update (plan with extra columns)']!)).toContain('{"title":"Budget (£)","value":"2,000"},{"title":"Risk","value":"Funding ends in March"}');
    expect(texts(rendered.update!)).not.toContain('Budget');
  });

  it('shows every status as a word and a symbol', () => {
    expect(texts(rendered['my-actions']!)).toContain('▲ Amber');
    expect(texts(rendered['my-actions']!)).toContain('○ Not reported');
    expect(texts(rendered.summary!)).toContain('■ Red');
    expect(texts(rendered.summary!)).toContain('✔ Completed');
  });

  it('the summary says the totals, what slipped, changed, is unreported and falls due, and links the progress table', () => {
    const text = texts(rendered.summary!);
    expect(text).toContain('Next meeting: Tue 20 Mar 2018, 14:00');
    expect(text).toContain('All priorities: 9 actions');
    expect(text).toContain('{"title":"■ Red","value":"1"}');
    expect(text).toContain('Due 28 Feb 2018 · 16 days overdue · ■ Red · Lead Rural Crime Officer');
    expect(text).toContain('{"title":"Rural Crime Officer (Sam Reed)","value":"4.1 and 4.3"}');
    expect(text).toContain('▲ Amber → ■ Red');
    expect(text).toContain('"text":"✔ Completed"');
    expect(text).toContain('still ▲ Amber · deadline revised to 30 Jun 2018');
    expect(text).toContain('Due 19 Mar 2018 · ● Green · Lead Community Safety Officer');
    expect(rendered.summary!.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Download the progress table (Word)', url: 'https://actions.example.org/api/reports/abc.def' },
      { type: 'Action.OpenUrl', title: 'Download the progress table (Excel)', url: 'https://actions.example.org/api/reports/ghi.jkl' },
    ]);
    const quiet = texts(rendered['summary (quiet, no meeting)']!);
    for (const words of ['No meeting ahead on the calendar', 'Nothing is overdue.', 'Not reported since the last meeting (0)', 'Every lead has reported.', 'No updates since the last meeting.']) expect(quiet).toContain(words);
    expect(quiet).not.toContain('Due before the meeting');
    expect(quiet).not.toContain('Action.OpenUrl');
    expect(text).toContain('Not reported this round (2)');
  });

  it('the summary pictures the statuses (a donut) and each priority (a stacked bar) with Teams’ charts, the counts still in words beside them', () => {
    const charts: Array<Record<string, any>> = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        if (typeof (node as { type?: unknown }).type === 'string' && (node as { type: string }).type.startsWith('Chart.')) charts.push(node as Record<string, any>);
        Object.values(node).forEach(walk);
      }
    };
    walk(rendered.summary);
    expect(charts.map((c) => c.type)).toEqual(['Chart.Donut', 'Chart.HorizontalBar.Stacked']);
    for (const chart of charts) {
      expect(TEAMS_CHART_ELEMENTS).toContain(chart.type);
      expect(chart.fallback).toBe('drop');
    }
    expect(charts[0]!.data).toContainEqual({ legend: '■ Red', value: 1, color: 'attention' });
    expect(charts[1]!.data[0]).toMatchObject({ title: expect.stringMatching(/^\d+\. /), data: expect.arrayContaining([expect.objectContaining({ legend: expect.any(String), value: expect.any(Number) })]) });
    // The same figures in words, beside the chart.
    expect(texts(rendered.summary!)).toContain('{"title":"■ Red","value":"1"}');
  });

  it('caps a long summary list at ten lines and says how many more', () => {
    const text = texts(rendered['summary (long)']!);
    expect(text).toContain('Overdue (25)');
    expect(text).toContain('**4.10**');
    expect(text).not.toContain('**4.11**');
    expect(text).toContain('…and 15 more');
  });

  it('an unasked message: the summary with a line above its card; a notice is text, its addressees @mentioned in a channel', () => {
    const sent = (view: ProactiveView) => {
      const activity = proactiveActivity(view, zone);
      return { text: activity.text, card: activity.attachments?.[0]?.content as AdaptiveCardJson | undefined };
    };
    const summary = sent({ kind: 'summary', summary: SUMMARY });
    expect(summary.text).toBe("The chair's summary before the meeting: Purbeck PCG: summary for the meeting of 20 March 2018.");
    expect(summary.card).toEqual(rendered.summary);
    expect(sent({ kind: 'notice', text: 'the bot cannot reach …' })).toEqual({ text: 'The bot cannot reach …', card: undefined });
    expect(proactiveActivity({ kind: 'notice', text: 'the bot cannot reach …', mentions: [{ id: '29:chair', name: 'Cllr Pat Dunmore' }] }, zone)).toMatchObject({
      text: '<at>Cllr Pat Dunmore</at>: the bot cannot reach …',
      entities: [{ type: 'mention', text: '<at>Cllr Pat Dunmore</at>', mentioned: { id: '29:chair', name: 'Cllr Pat Dunmore' } }],
    });
  });

  it('keeps a refused update’s inputs and says why', () => {
    const card = rendered['update (refused)']!;
    const body = card.body as Array<Record<string, unknown>>;
    expect(body.find((e) => e.id === 'status')?.value).toBe('red');
    expect(body.find((e) => e.id === 'revisedDeadline')?.value).toBe('2018-06-30');
    expect(texts(card)).toContain('Not recorded: a Red update needs a narrative');
    expect(texts(rendered.update!)).not.toContain('Not recorded');
  });

  it('the update card refreshes for the named viewers and submits with Action.Execute', () => {
    const card = rendered.update! as AdaptiveCardJson & { refresh: { action: { verb: string; data: unknown }; userIds: string[] }; actions: Array<Record<string, unknown>> };
    expect(card.refresh.userIds).toEqual(['29:lead', '29:chair']);
    expect(card.refresh.action).toMatchObject({ verb: VERBS.refreshUpdate, data: { bodyId: 'purbeck-pcg', year: '2017-18', ref: '3.2' } });
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: VERBS.recordUpdate, data: { basedOn: 'update:2017-18:3.2:abc' } });
    const narrative = (card.body as Array<Record<string, unknown>>).find((e) => e.id === 'narrative');
    // No maxLength: Teams would silently cut a longer paste; the limit is shown and a longer text refused with a message.
    expect(narrative).toMatchObject({ type: 'Input.Text', isMultiline: true, label: expect.stringContaining('up to 4,000 characters') });
    expect(narrative?.maxLength).toBeUndefined();
  });
});
