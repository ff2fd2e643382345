import { DomainError } from '../domain/errors.js';
import { peopleOf, type Person } from '../domain/partnership.js';
import { requireBody, type ServiceDeps } from './deps.js';

/**
 * Who the CLI acts as, for a person without a Teams identity at hand: the
 * body's coordinator (or chair) named by Entra object id or display name;
 * with no name given, the body's only coordinator.
 */
export async function findCoordinator(deps: ServiceDeps, input: { bodyId: string; as: string | null }): Promise<Person> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const people = [...body.coordinators, ...body.chairs];
  const list = people.map((p) => `${p.displayName} (${p.aadObjectId})`).join(', ') || 'none set';
  if (input.as === null) {
    if (body.coordinators.length === 1) return body.coordinators[0]!;
    throw new DomainError('not-allowed', `Say who you are with --as <object id or name> (or PARTNERSHIP_CLI_AS): one of ${list}.`);
  }
  const wanted = input.as.trim().toLowerCase();
  const found = people.find((p) => p.aadObjectId.toLowerCase() === wanted || p.displayName.toLowerCase() === wanted);
  if (found === undefined) throw new DomainError('not-allowed', `"${input.as}" is not a coordinator or chair of ${body.name}: use one of ${list}.`);
  return found;
}

/**
 * Who the CLI records an update as: anyone the body knows (chair,
 * coordinator, role holder, delegate) named by Entra object id or display
 * name. Whether they may update the action is recordUpdate's rule.
 */
export async function findBodyPerson(deps: ServiceDeps, input: { bodyId: string; as: string | null }): Promise<Person> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  const people = peopleOf(body);
  const list = people.map((p) => `${p.displayName} (${p.aadObjectId})`).join(', ') || 'none set';
  const wanted = input.as?.trim().toLowerCase();
  const found = wanted === undefined ? undefined : people.find((p) => p.aadObjectId.toLowerCase() === wanted || p.displayName.toLowerCase() === wanted);
  if (found === undefined) {
    throw new DomainError('not-allowed', `${input.as === null ? 'Say who you are with --as' : `"${input.as}" is not known to ${body.name}; use --as with`} one of ${list}.`);
  }
  return found;
}
