/** A cell's or line's text on one line, cut to `length` with "…": for messages that quote what a file or a person said. */
export function truncate(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
