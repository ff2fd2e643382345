/**
 * Errors the user can act on. `code` is stable (tests and the Teams/CLI edges
 * map on it); `message` is written for the person who must fix the input;
 * `problems` lists every problem found, each with where it is.
 */
export type DomainErrorCode =
  | 'file-unreadable'
  | 'file-empty'
  | 'file-too-large'
  | 'file-unsupported'
  | 'plan-invalid';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly problems: readonly string[];

  constructor(code: DomainErrorCode, message: string, options: { problems?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.problems = options.problems ?? [message];
  }
}
