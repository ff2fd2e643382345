import { pino } from 'pino';
import { correlationId } from './correlation.js';

type Level = 'info' | 'warn' | 'error';
type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/**
 * Fields that would carry what a person wrote or who they are. Callers log
 * ids and counts; this is the second line of defence, so a slip shows as
 * "[redacted]" rather than a lead's narrative in the logs.
 */
const PERSONAL = ['narrative', 'text', 'displayName', 'email', 'userPrincipalName', 'givenName', 'surname'];

/**
 * The app's logger (pino): one JSON object a line with the time, level,
 * message and the correlation id of the activity or tick in progress, for
 * the composition roots to hand every layer.
 */
export function jsonLogger(write: (line: string) => void): Record<Level, LogFn> {
  const logger = pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const id = correlationId();
        return id === undefined ? {} : { correlationId: id };
      },
      redact: {
        paths: [...PERSONAL, ...PERSONAL.map((p) => `*.${p}`)],
        censor: '[redacted]',
      },
    },
    {
      write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line),
    },
  );
  const at =
    (level: Level): LogFn =>
    (message, fields = {}) =>
      logger[level](fields, message);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
