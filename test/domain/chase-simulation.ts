import type { ChaseSettings } from '../../src/domain/chase-settings.js';
import { dueMessages, type ChasedAction, type DueMessage } from '../../src/domain/due-messages.js';

export type Tick = { at: Date; messages: DueMessage[] };

/**
 * The scheduler's loop without the store: each tick's messages are recorded
 * as sent, and an update recorded at or before a tick is the action's latest
 * from then on.
 */
export function simulate(input: {
  settings: ChaseSettings;
  actions: readonly ChasedAction[];
  meetings?: readonly string[];
  ticks: readonly Date[];
  updates?: ReadonlyArray<{ actionId: string; at: Date }>;
}): Tick[] {
  const sent = new Set<string>();
  const updatedAt = new Map<string, string>();
  const updates = [...(input.updates ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Tick[] = [];
  for (const at of input.ticks) {
    while (updates.length > 0 && updates[0]!.at.getTime() <= at.getTime()) {
      const update = updates.shift()!;
      updatedAt.set(update.actionId, update.at.toISOString());
    }
    const messages = dueMessages({ now: at, settings: input.settings, actions: input.actions, meetings: input.meetings ?? [], history: { sent, updatedAt } });
    for (const m of messages) sent.add(m.id);
    out.push({ at, messages });
  }
  return out;
}

/** Every `minutes` from `from` up to `to` inclusive. */
export function every(minutes: number, from: string, to: string): Date[] {
  const ticks: Date[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += minutes * 60_000) ticks.push(new Date(t));
  return ticks;
}

export function sentOver(ticks: readonly Tick[]): DueMessage[] {
  return ticks.flatMap((t) => t.messages);
}
