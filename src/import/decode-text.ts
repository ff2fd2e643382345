/**
 * The text of a text file, whatever Excel, Word or Notepad saved it as:
 * UTF-8 (with or without a byte order mark), UTF-16 with or without a byte
 * order mark ("Unicode Text"; some export tools leave the mark out), or
 * windows-1252, which Excel on Windows uses for "CSV (Comma delimited)". Line
 * endings come back as `\n`; NUL padding at the end (left by some export
 * tools) is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  return decode(bytes).replace(/\r\n?/g, '\n').replace(/\0+$/, '');
}

/** Enough of a file to tell UTF-16 by its pattern of zero bytes. */
const SNIFF_BYTES = 64 * 1024;

/**
 * UTF-16 without a byte order mark: text in the Latin alphabet has a zero in
 * every other byte (the high byte), and almost never in the other.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
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
  const utf16 = utf16WithoutMark(bytes);
  if (utf16 !== null) return new TextDecoder(utf16).decode(bytes);
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
