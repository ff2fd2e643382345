import type { StoredAction } from './action-record.js';
import { DomainError } from './errors.js';
import { listInWords } from './in-words.js';
import { samePerson, type Body, type Person } from './partnership.js';
import { ANY_REF } from './typed-update.js';
import { reportersOf, whoMayUpdate } from './update-rules.js';

/**
 * An update a coordinator or chair enters for a lead who sent it another
 * way (an e-mail, a phone call). The update is the lead's: its author is the
 * person the body maps to the action's lead or supporting role (or their
 * delegate), as the store names them; who typed it in is kept beside it.
 */

/** How the person entering it named the lead: a Teams mention resolved to an Entra id, or the name as typed. */
export type NamedLead = { aadObjectId: string | null; name: string };

const normal = (name: string) => name.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The lead an update is entered for (the caller has checked that the person
 * entering it coordinates or chairs the body): one who reports on the action.
 * A name matches a reporter's full name, or their first name when only one
 * reporter has it.
 */
export function leadToEnterFor(body: Body, action: StoredAction, named: NamedLead): Person {
  const reporters = reportersOf(body, action);
  const byId = named.aadObjectId === null ? undefined : reporters.find((p) => samePerson(p, { tenantId: body.tenantId, aadObjectId: named.aadObjectId! }));
  const wanted = normal(named.name);
  const byName = reporters.filter((p) => normal(p.displayName) === wanted);
  const byFirst = reporters.filter((p) => normal(p.displayName).split(' ')[0] === wanted);
  const found = byId ?? (byName.length === 1 ? byName[0] : byFirst.length === 1 ? byFirst[0] : undefined);
  if (found !== undefined) return found;
  const choices = reporters.map((p) => p.displayName);
  throw new DomainError(
    'person-unknown',
    choices.length === 0
      ? `No one is mapped to action ${action.ref}'s roles yet, so there is no lead to record it for: map the role first (**setup**).`
      : `${named.name} does not report on action ${action.ref}: ${whoMayUpdate(body, action)} do. Record it for ${listInWords(choices, 'or')}.`,
  );
}

/** `update 2.3 for @Taylor Quinn done: trainer booked` (or `R1 for …`): the action and everything after "for". */
export const ON_BEHALF = new RegExp(String.raw`^\s*(?:update\s+)?(?:action\s+)?(${ANY_REF})\.?\s+for\s+(\S[\s\S]*)$`, 'iu');

/**
 * Splits what follows "for" into how the lead was named and the update:
 * a Teams mention (`<at>Taylor Quinn</at>`), a quoted name, or the name of
 * one of the action's reporters as typed (their full name, else their first).
 */
export function splitLeadName(tail: string, reporters: readonly Person[]): { name: string; update: string } {
  const marked = /^<at>([^<]{1,200})<\/at>\s*([\s\S]*)$/i.exec(tail) ?? /^["“]([^"”]{1,200})["”]\s*([\s\S]*)$/.exec(tail);
  if (marked !== null) return { name: marked[1]!.trim(), update: marked[2]!.trim() };
  const lower = tail.toLowerCase();
  const names = reporters.flatMap((p) => [p.displayName, p.displayName.split(' ')[0]!]).sort((a, b) => b.length - a.length);
  const said = names.find((n) => lower.startsWith(n.toLowerCase()) && /^(?:$|[\s:,;–—-])/.test(tail.slice(n.length)));
  if (said !== undefined) return { name: tail.slice(0, said.length), update: tail.slice(said.length).replace(/^[\s:,;–—-]+/, '').trim() };
  // Someone the action does not know: their name is the capitalised words before the update ("Priya Shah done").
  const words = tail.split(/\s+/);
  const capitalised = words.findIndex((w) => !/^\p{Lu}[\p{L}'’-]*$/u.test(w));
  const length = Math.min(Math.max(capitalised < 0 ? words.length : capitalised, 1), 4);
  return { name: words.slice(0, length).join(' '), update: words.slice(length).join(' ') };
}
