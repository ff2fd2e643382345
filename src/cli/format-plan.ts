import { DateTime } from 'luxon';
import { planActions, type PlanReading } from '../domain/plan.js';
import { STATUS_LABELS } from '../domain/status.js';

function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, width - 1)}…`;
}

function deadlineLabel(deadline: string | null, text: string): string {
  if (deadline !== null) return DateTime.fromISO(deadline).toFormat('d LLL yyyy');
  return text === '' ? '—' : text;
}

/** A readable table of what an import read, for a coordinator checking a dry run. */
export function formatPlanReading(reading: PlanReading, width = 120): string {
  const out: string[] = [];
  for (const plan of reading.plans) {
    const count = planActions(plan).length;
    out.push(`${plan.title}`, `${plan.priorities.length} priorities, ${count} actions`, '');
    for (const priority of plan.priorities) {
      out.push(`${priority.number}. ${priority.title || '(no heading)'}`);
      if (priority.corporatePriority) out.push(`   Corporate priority: ${priority.corporatePriority}`);
      out.push(`   ${'REF'.padEnd(6)}${'STATUS'.padEnd(16)}${'DEADLINE'.padEnd(13)}${'LEAD'.padEnd(14)}${'CSP'.padEnd(5)}ACTION`);
      for (const a of priority.actions) {
        const status = `${STATUS_LABELS[a.status].symbol} ${STATUS_LABELS[a.status].word}`;
        const fixed = `   ${fit(a.ref, 5)} ${fit(status, 15)} ${fit(deadlineLabel(a.deadline, a.deadlineText), 12)} ${fit(a.lead ?? '—', 13)} ${fit(a.cspAction ? 'CSP' : '', 4)} `;
        out.push(fixed + fit(a.action, Math.max(20, width - fixed.length)).trimEnd());
      }
      out.push('');
    }
    if (plan.roles.length > 0) {
      out.push('Roles: ' + plan.roles.map((r) => (r.key === r.name ? r.key : `${r.key} (${r.name})`)).join(', '), '');
    }
  }
  if (reading.warnings.length > 0) {
    out.push(`Warnings (${reading.warnings.length}):`, ...reading.warnings.map((w) => `  - ${w}`));
  }
  return out.join('\n');
}
