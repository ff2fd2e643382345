import { normaliseAbbreviation, normaliseName, type Role } from './roles.js';

/**
 * Which of a plan's roles a person means by what they typed: `CSO`, `cso`,
 * `Public Health Team`, `"Anti Social Behaviour Reduction Officer"`, or a
 * few words of a long name (`public health`). Exact key or full name first;
 * otherwise every role whose key or name holds the typed words, in order.
 * More than one is ambiguous: the caller lists them rather than guessing.
 */
export type RoleMatch = { kind: 'one'; role: Role } | { kind: 'many'; roles: Role[] } | { kind: 'none' };

const QUOTES = /^["“”'‘’](.*)["“”'‘’]$/s;

/** The role as typed, without surrounding quotes or trailing punctuation. */
export function typedRole(text: string): string {
  const trimmed = text.trim().replace(/[\s:,;–—-]+$/, '');
  return (QUOTES.exec(trimmed)?.[1] ?? trimmed).trim();
}

export function matchRole(roles: readonly Role[], typed: string): RoleMatch {
  const wanted = typedRole(typed);
  const name = normaliseName(wanted);
  if (name === '') return { kind: 'none' };
  const abbreviation = normaliseAbbreviation(wanted);
  const exact = roles.filter((r) => r.key.toLowerCase() === wanted.toLowerCase() || normaliseName(r.key) === name || normaliseName(r.name) === name);
  const single = exact.length === 1 ? exact : roles.filter((r) => !/\s/.test(wanted) && normaliseAbbreviation(r.key) === abbreviation);
  if (single.length === 1) return { kind: 'one', role: single[0]! };
  if (exact.length > 1) return { kind: 'many', roles: exact };
  const words = ` ${name} `;
  const partial = roles.filter((r) => ` ${normaliseName(r.name)} `.includes(words) || ` ${normaliseName(r.key)} `.includes(words));
  if (partial.length === 1) return { kind: 'one', role: partial[0]! };
  if (partial.length > 1) return { kind: 'many', roles: partial };
  return { kind: 'none' };
}
