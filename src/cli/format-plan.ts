import { dateInWords } from '../domain/in-words.js';
import { planActions, type PlanReading } from '../domain/plan.js';
import { FIELD_NAMES, type Field } from '../domain/plan-columns.js';
import { planYearWords, type PlanYearChoice } from '../domain/plan-year.js';
import { STATUS_LABELS } from '../domain/status.js';

function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, width - 1)}…`;
}

function deadlineLabel(deadline: string | null, text: string): string {
  if (deadline !== null) return dateInWords(deadline);
  return text === '' ? '—' : text;
}

/** How each heading was read, the key, and the rows not taken as actions: what a coordinator checks first. */
function formatMapping(reading: PlanReading): string[] {
  const out: string[] = [];
  for (const table of reading.tables ?? []) {
    out.push(`Columns of the table at ${table.where}:`);
    const width = Math.min(40, Math.max(...table.columns.map((c) => c.heading.length)));
    for (const c of table.columns) {
      const named = c.field === null ? 'kept as an extra column' : FIELD_NAMES[c.field as Field] ?? c.field;
      const as = c.period ? `${named}, where it is the latest period filled (each period kept)` : named;
      out.push(`  ${fit(c.heading, width)}  → ${as}`);
    }
  }
  if (reading.key && reading.key.length > 0) {
    out.push(`Key: ${reading.key.map((k) => `${k.term} = ${k.meaning}`).join('; ')}`);
  }
  if (reading.ignored && reading.ignored.length > 0) {
    out.push('Rows not read as actions:', ...reading.ignored.map((r) => `  ${r.where}: ${r.why} — "${r.text}"`));
  }
  if ((reading.tables ?? []).length > 0) out.push('If a column is read wrongly, name it: --column "<heading>=<field>" (fields: ' + Object.keys(FIELD_NAMES).join(', ') + ', extra).');
  if (out.length > 0) out.push('');
  return out;
}

/** A readable table of what an import read, for a coordinator checking a dry run: the column mapping first, then the actions. */
export function formatPlanReading(reading: PlanReading, width = 120, years: readonly PlanYearChoice[] = []): string {
  const out: string[] = formatMapping(reading);
  for (const [i, plan] of reading.plans.entries()) {
    const count = planActions(plan).length;
    const year = years[i];
    const filed = year === undefined ? [] : [`Plan year ${planYearWords(year)}${year.from === 'title' || year.from === 'chosen' ? '' : ' (import with --year 2025-26 to file it under another)'}`];
    out.push(`${plan.title}`, ...filed, `${plan.priorities.length} priorities, ${count} actions`, '');
    for (const priority of plan.priorities) {
      out.push(`${priority.number}. ${priority.title || '(no heading)'}`);
      if (priority.corporatePriority) out.push(`   Corporate priority: ${priority.corporatePriority}`);
      if (priority.measures && priority.measures.length > 0) out.push(`   Measures: ${priority.measures.join('; ')}`);
      const refWidth = Math.min(12, Math.max(5, ...priority.actions.map((a) => a.ref.length)));
      out.push(`   ${'REF'.padEnd(refWidth + 1)}${'STATUS'.padEnd(16)}${'DEADLINE'.padEnd(13)}${'LEAD'.padEnd(14)}${'CSP'.padEnd(5)}ACTION`);
      for (const a of priority.actions) {
        const status = `${STATUS_LABELS[a.status].symbol} ${STATUS_LABELS[a.status].word}`;
        const fixed = `   ${fit(a.ref, refWidth)} ${fit(status, 15)} ${fit(deadlineLabel(a.deadline, a.deadlineText), 12)} ${fit(a.lead ?? '—', 13)} ${fit(a.cspAction ? 'CSP' : '', 4)} `;
        out.push(fixed + fit(a.action, Math.max(20, width - fixed.length)).trimEnd());
        const extra = Object.entries(a.extra ?? {}).filter(([, v]) => v !== '');
        if (extra.length > 0) out.push(`${' '.repeat(9)}${fit(extra.map(([k, v]) => `${k}: ${v}`).join(' · '), Math.max(20, width - 9)).trimEnd()}`);
      }
      out.push('');
    }
    if (plan.roles.length > 0) {
      out.push('Roles: ' + plan.roles.map((r) => (r.key === r.name ? r.key : `${r.key} (${r.name})`)).join('; '), '');
    }
  }
  if (reading.warnings.length > 0) {
    out.push(`Warnings (${reading.warnings.length}):`, ...reading.warnings.map((w) => `  - ${w}`));
  }
  return out.join('\n');
}
