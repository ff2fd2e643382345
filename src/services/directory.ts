import { personKey, type Person } from '../domain/partnership.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { retryOnConflict, type ServiceDeps } from './deps.js';

/** Lists a body on a person's directory entry, so what they type finds it with a point read. */
export async function addToDirectory(deps: ServiceDeps, person: Person, bodyId: string): Promise<void> {
  const key = personKey(person);
  await retryOnConflict(async () => {
    const entry = await deps.store.readPerson(key);
    if (entry === null) {
      await deps.store.savePerson({ ...person, id: key, bodies: [bodyId], conversation: null }, null).catch((error: unknown) => {
        throw error instanceof AlreadyExists ? new ConcurrencyConflict(key) : error;
      });
    } else if (!entry.value.bodies.includes(bodyId)) {
      await deps.store.savePerson({ ...entry.value, bodies: [...entry.value.bodies, bodyId] }, entry.etag);
    }
  }, person.displayName);
}
