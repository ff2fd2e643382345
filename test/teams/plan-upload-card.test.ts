import { describe, expect, it } from 'vitest';
import type { PlanPreviewView } from '../../src/teams/plan-upload-views.js';
import { planPreviewCardData } from '../../src/teams/plan-upload-views.js';
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
  };
}

describe('the plan preview card', () => {
  it('stays inside a Teams message for the largest plan and longest URL', () => {
    const bytes = Buffer.byteLength(JSON.stringify(renderCard('plan-preview', planPreviewCardData(hugeView(), 'Alex Hale'))));
    expect(bytes).toBeLessThan(TEAMS_MESSAGE_BYTES);
  });

  it('says how many more there are of what it cuts', () => {
    const text = JSON.stringify(renderCard('plan-preview', planPreviewCardData(hugeView(), 'Alex Hale')));
    expect(text).toContain('and 1940 more');
    expect(text).toContain('…and 1975 more changed actions');
    expect(text).toContain('3975 more suggested links will be made too');
    expect(text).toContain('…and 992 more warnings');
  });
});
