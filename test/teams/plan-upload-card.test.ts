import { describe, expect, it } from 'vitest';
import { MAX_CORRECTABLE_HEADINGS } from '../../src/domain/column-corrections.js';
import { FIELDS } from '../../src/domain/plan-columns.js';
import { VERBS } from '../../src/teams/verbs.js';
import type { PlanPreviewView } from '../../src/teams/plan-upload-views.js';
import { planPreviewCardData } from '../../src/teams/plan-upload-views.js';
import { planPreviewCard } from '../../src/teams/receive-plan-file.js';
import { renderCard } from '../../src/teams/render-card.js';

/**
 * Teams refuses a message over about 28 KB. The preview card of the largest
 * plan the importer reads, with the longest download URL Teams could give,
 * must still fit: every list on it is cut, saying how many more there are.
 */
const TEAMS_MESSAGE_BYTES = 28 * 1024;

function hugeView(): PlanPreviewView {
  const refs = Array.from({ length: 2000 }, (_, i) => `${Math.floor(i / 50) + 1}.${(i % 50) + 1}`);
  const long = 'x'.repeat(500);
  return {
    fileName: `${'plan '.repeat(40)}.xlsx`,
    bodyName: 'Purbeck PCG',
    // The token carries a download URL of up to 6,144 characters (Teams' run to about 2,500): base64 makes it a third longer.
    token: 'a'.repeat(8_600),
    reading: {
      tables: Array.from({ length: 200 }, (_, t) => ({ where: `Sheet ${t} row 1`, columns: Array.from({ length: 40 }, (_, c) => ({ heading: `${long} ${t}-${c}`, field: c % 3 === 0 ? null : 'action' })) })),
      key: Array.from({ length: 100 }, (_, k) => ({ term: `K${k}`, meaning: long })),
      ignored: Array.from({ length: 500 }, (_, k) => ({ where: `row ${k}`, text: long, why: 'a title' })),
      warnings: Array.from({ length: 1000 }, () => long),
    },
    plans: [2016, 2017].map((y) => ({
      year: `${y}-${String((y + 1) % 100)}`,
      yearFrom: 'title' as const,
      title: long,
      priorities: 40,
      actions: refs.length,
      basedOn: 3,
      changes: { added: refs, removed: refs, changed: refs.map((ref) => ({ ref, fields: ['action', 'measure', 'outcome', 'deadline', 'lead', 'status', 'update'] })), statusUpdates: refs },
      unchanged: false,
      carry: { previousYear: `${y - 1}-${String(y % 100)}`, suggestions: refs.map((ref) => ({ ref, from: ref, score: 0.5, action: long, fromAction: long })) },
    })),
    // As many headings to correct as a card lists, and as many corrections as a token carries, each under a long heading.
    columns: {
      headings: Array.from({ length: MAX_CORRECTABLE_HEADINGS }, (_, i) => ({ heading: `${long} ${i}`, choice: 'resources' as const })),
      more: 300,
      corrections: Array.from({ length: MAX_CORRECTABLE_HEADINGS }, (_, i) => ({ heading: `${long} ${i}`, choice: 'extra' as const })),
      ignored: Array.from({ length: MAX_CORRECTABLE_HEADINGS }, (_, i) => ({ heading: `${long} ${i}`, choice: 'measure' as const })),
    },
  };
}

describe('the plan preview card', () => {
  it('stays inside a Teams message for the largest plan and longest URL, listing fewer columns to correct', () => {
    const card = planPreviewCard(hugeView(), 'Alex Hale');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_MESSAGE_BYTES);
    // The worst case leaves no room for the choices: the card says so rather than overflowing.
    expect(JSON.stringify(card)).toContain(`too long to correct its ${300 + MAX_CORRECTABLE_HEADINGS} column headings on`);
    expect((card.actions as any[]).map((a) => a.title)).toEqual(['Import', 'Cancel']);
  });

  it('lists every column to correct, each preset to its reading, on the preview of an ordinary plan', () => {
    const view = { ...hugeView(), token: 'a'.repeat(3_500) };
    view.plans = view.plans.slice(0, 1).map((p) => ({ ...p, changes: { ...p.changes, changed: p.changes.changed.slice(0, 10) }, carry: null }));
    view.reading = { ...view.reading, tables: view.reading.tables!.slice(0, 2), warnings: view.reading.warnings.slice(0, 3) };
    const card = planPreviewCard(view, 'Alex Hale');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_MESSAGE_BYTES);
    const correct = (card.actions as any[]).find((a) => a.title === 'Correct a column');
    const choiceSets = correct.card.body.filter((e: any) => e.type === 'Input.ChoiceSet');
    // The plan's year first (a file of one plan), then each heading.
    expect(choiceSets[0]).toMatchObject({ id: 'planYear', label: 'Plan year', value: view.plans[0]!.year });
    const inputs = choiceSets.slice(1);
    expect(inputs.map((i: any) => i.id)).toEqual(Array.from({ length: MAX_CORRECTABLE_HEADINGS }, (_, i) => `col-${i}`));
    expect(inputs[0]).toMatchObject({ value: 'resources', style: 'compact' });
    expect(inputs[0].choices.map((c: any) => c.value)).toEqual([...FIELDS, 'extra']);
    expect(inputs[0].choices.at(-1).title).toBe('Extra column (keep as is)');
    expect(correct.card.actions[0]).toMatchObject({ type: 'Action.Execute', title: 'Read again', verb: VERBS.rereadPlanUpload, data: { upload: view.token } });
    const text = JSON.stringify(card);
    expect(text).toContain('Read with your corrections: “x');
    expect(text).toContain('” → Extra column (keep as is)');
    expect(text).toContain('300 more headings are not listed here');
  });

  it('has no "Correct a column" when the reading has no headings to correct', () => {
    const view = { ...hugeView(), columns: { headings: [], more: 0, corrections: [], ignored: [] } };
    const card = planPreviewCard(view, 'Alex Hale');
    expect((card.actions as any[]).map((a) => a.title)).toEqual(['Import', 'Cancel']);
    expect(JSON.stringify(card)).not.toContain('Read with your corrections');
  });

  it('says how many more there are of what it cuts', () => {
    const text = JSON.stringify(renderCard('plan-preview', planPreviewCardData(hugeView(), 'Alex Hale')));
    expect(text).toContain('and 1940 more');
    expect(text).toContain('…and 1975 more changed actions');
    expect(text).toContain('3975 more suggested links will be made too');
    expect(text).toContain('…and 992 more warnings');
  });
});
