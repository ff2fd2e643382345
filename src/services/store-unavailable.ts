import { DomainError } from '../domain/errors.js';

/** HTTP statuses the store answers when it cannot serve now: throttled past the client's own retries, unavailable, timed out. */
const UNAVAILABLE_STATUS = new Set([408, 429, 449, 500, 502, 503, 504]);
/** Connection failures as Node and the Cosmos client report them. */
const UNAVAILABLE_CODE = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'TimeoutError']);

/**
 * Whether an error means the store did not answer (as opposed to refusing
 * what was asked): the request may be tried again unchanged. Read from the
 * error's fields, as the Cosmos client sets them (`code`: an HTTP status or a
 * Node error code; `name`: TimeoutError), so no layer needs its types.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, cause } = error as { code?: unknown; name?: unknown; cause?: unknown };
  if (typeof code === 'number' && UNAVAILABLE_STATUS.has(code)) return true;
  if (typeof code === 'string' && UNAVAILABLE_CODE.has(code)) return true;
  if (name === 'TimeoutError') return true;
  return cause !== undefined && cause !== error && isStoreUnavailable(cause);
}

/** What a person is told when their change could not be saved: nothing was, and trying again is right. */
export function storeUnavailable(cause: unknown): DomainError {
  return new DomainError('store-unavailable', 'Not saved: the partnership’s data store did not answer, so nothing was recorded. Please try again in a minute.', { cause });
}
