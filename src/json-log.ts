type Level = 'info' | 'warn' | 'error';
type LogFn = (message: string, fields?: Record<string, unknown>) => void;

/**
 * The app's logger: one JSON object a line, with the time and level, for the
 * composition roots to hand every layer. Callers log ids and counts, never a
 * narrative a lead wrote.
 */
export function jsonLogger(write: (line: string) => void): Record<Level, LogFn> {
  const at = (level: Level): LogFn => (message, fields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
