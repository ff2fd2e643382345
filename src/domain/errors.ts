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
  | 'plan-invalid'
  // The partnership's record (issue 4)
  | 'input-invalid'
  | 'body-unknown'
  | 'body-exists'
  | 'plan-none'
  | 'action-unknown'
  | 'role-unknown'
  | 'role-ambiguous'
  | 'status-invalid'
  | 'narrative-required'
  | 'narrative-too-long'
  | 'deadline-invalid'
  | 'deadline-past'
  | 'other-tenant'
  | 'not-allowed'
  | 'update-stale'
  | 'setup-stale'
  | 'store-busy'
  /** The store did not answer (unreachable, throttled past its retries, reset): nothing was recorded. */
  | 'store-unavailable'
  | 'store-not-configured'
  // The Teams bot (issue 5)
  | 'summary-not-here'
  | 'channel-unlinked'
  /** The body is linked to another channel: moving it needs a confirmation. */
  | 'link-elsewhere'
  /** A link confirmation made before the link changed. */
  | 'link-stale'
  | 'person-unknown'
  // Report downloads (issue 7)
  | 'link-invalid'
  | 'link-expired'
  // Plain words (issue 15)
  | 'undo-not-allowed'
  | 'undo-too-late'
  | 'undo-superseded'
  // Plan upload in Teams (issue 14)
  | 'download-refused'
  | 'download-expired'
  | 'download-failed'
  | 'download-slow'
  | 'upload-stale'
  | 'upload-changed'
  | 'upload-expired';

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
