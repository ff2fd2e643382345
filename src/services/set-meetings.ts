import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors.js';
import type { Body, PersonId } from '../domain/partnership.js';
import { requireAdministrator, requireBody, retryOnConflict, type ServiceDeps } from './deps.js';

/** Sets the body's meeting dates: local date-times ("2018-01-15 14:00" or "2018-01-15T14:00") in its time zone. */
export async function setMeetings(deps: ServiceDeps, input: { bodyId: string; meetings: string[]; by: PersonId }): Promise<Body> {
  const { value: body } = await requireBody(deps.store, input.bodyId);
  requireAdministrator(body, input.by, 'set meeting dates');
  const problems: string[] = [];
  const meetings = new Set<string>();
  for (const text of input.meetings) {
    const local = DateTime.fromISO(text.trim().replace(' ', 'T'), { zone: body.timeZone });
    if (!local.isValid || !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(text.trim())) {
      problems.push(`"${text}" is not a meeting date and time; use e.g. "2018-01-15 14:00"`);
      continue;
    }
    meetings.add(local.toFormat("yyyy-LL-dd'T'HH:mm"));
  }
  if (problems.length > 0) throw new DomainError('input-invalid', `Cannot set the meetings: ${problems[0]}`, { problems });
  const sorted = [...meetings].sort();
  return retryOnConflict(async () => {
    const current = await requireBody(deps.store, body.id);
    return (await deps.store.replaceBody({ ...current.value, meetings: sorted }, current.etag)).value;
  }, body.name);
}
