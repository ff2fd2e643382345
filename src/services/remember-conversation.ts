import { ConversationReferenceSchema, personKey, type ConversationReference, type Person } from '../domain/partnership.js';
import { AlreadyExists, ConcurrencyConflict } from '../store/store.port.js';
import { retryOnConflict, type ServiceDeps } from './deps.js';

/** Keeps a person's 1:1 conversation with the bot, so the scheduler can prompt them. */
export async function rememberConversation(deps: ServiceDeps, input: { person: Person; reference: ConversationReference }): Promise<void> {
  const reference = ConversationReferenceSchema.parse(input.reference);
  const key = personKey(input.person);
  await retryOnConflict(async () => {
    const entry = await deps.store.readPerson(key);
    const next = entry === null ? { ...input.person, id: key, bodies: [], conversation: reference } : { ...entry.value, displayName: input.person.displayName, conversation: reference };
    await deps.store.savePerson(next, entry?.etag ?? null).catch((error: unknown) => {
      throw error instanceof AlreadyExists ? new ConcurrencyConflict(key) : error;
    });
  }, input.person.displayName);
}
