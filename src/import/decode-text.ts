/**
 * The text of a text file, whatever Excel, Word or Notepad saved it as:
 * UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark
 * ("Unicode Text"), or windows-1252, which Excel on Windows uses for "CSV
 * (Comma delimited)". Line endings come back as `\n`.
 */
export function decodeText(bytes: Uint8Array): string {
  return decode(bytes).replace(/\r\n?/g, '\n');
}

/**
 * Bytes 0x80-0x9F of windows-1252, where it differs from Latin-1. Node 20's
 * TextDecoder('windows-1252') decodes as Latin-1, which turns Excel's en
 * dashes and curly quotes into invisible control characters.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decode(bytes: Uint8Array): string {
  // TextDecoder drops the byte order mark it is told to expect.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  // A UTF-8 byte order mark is a promise of UTF-8, so a stray bad byte after it is not a reason to switch.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252')
      .decode(bytes)
      .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
  }
}
