import { distance } from 'fastest-levenshtein';

/** The commands a person types, as they would write them; `2.3 done` stands for every typed update. */
const COMMAND_WORDS = ['my actions', 'update', 'overdue', 'due', 'history', 'summary', 'help', 'meetings', 'chase', 'link', 'role', 'year-end', 'setup'] as const;

/**
 * The command a mistyped message most likely meant (`my acions`, `sumary`,
 * `overdeu`), or null when none is close. Compares the message's first one
 * or two words, allowing about one slip in three letters.
 */
export function closestCommand(text: string): string | null {
  const words = text.trim().toLowerCase().split(/\s+/);
  let best: { command: string; cost: number } | null = null;
  for (const command of COMMAND_WORDS) {
    const typed = words.slice(0, command.split(' ').length).join(' ');
    const cost = distance(typed, command);
    if (cost > 0 && cost <= Math.max(1, Math.floor(command.length / 3)) && (best === null || cost < best.cost)) best = { command, cost };
  }
  return best?.command ?? null;
}
