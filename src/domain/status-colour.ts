import { readStatus, type Status, type StatusKey } from './status.js';

/** The colours a RAG or BRAG rating is painted in. */
export type RatingColour = 'red' | 'amber' | 'green' | 'blue';

const DEFAULT_STATUS: Record<RatingColour, Status> = { red: 'red', amber: 'amber', green: 'green', blue: 'completed' };

/**
 * The rating colour nearest a cell's fill, by hue, or null for white, greys,
 * black and colours no rating uses (purple, pink). The hue bands are wide on
 * purpose: Excel's "Good"/"Bad"/"Neutral" styles, theme tints ("Green,
 * Accent 6, Lighter 60%"), Word's shading and hand-picked shades all differ
 * from pure red, amber and green, but none strays into the next band.
 */
export function ratingColour(fill: string): RatingColour | null {
  const rgb = parseHex(fill);
  if (rgb === null) return null;
  const { hue, saturation, lightness } = hsl(rgb);
  if (lightness > 0.96 || lightness < 0.08 || saturation < 0.22) return null;
  if (hue < 14 || hue >= 335) return 'red';
  if (hue < 68) return 'amber';
  if (hue < 170) return 'green';
  if (hue < 255) return 'blue';
  return null;
}

/**
 * The status a colour-only cell gives: the plan's key decides when it names
 * that colour ("Blue = complete", "Green – on track"); otherwise red, amber and
 * green are themselves and BRAG's blue is completed.
 */
export function statusFromFill(fill: string, key?: StatusKey): { status: Status; colour: RatingColour } | null {
  const colour = ratingColour(fill);
  if (colour === null) return null;
  const keyed = key ? readStatus(colour, { key, source: 'status-column' }) : null;
  const status = keyed && keyed.match === 'recognised' ? keyed.status : DEFAULT_STATUS[colour];
  return { status, colour };
}

function parseHex(fill: string): [number, number, number] | null {
  let hex = fill.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = [...hex].map((c) => c + c).join('');
  // Excel writes ARGB; the alpha byte is always FF for a solid fill.
  if (/^[0-9a-f]{8}$/i.test(hex)) hex = hex.slice(2);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function hsl([r, g, b]: [number, number, number]): { hue: number; saturation: number; lightness: number } {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0, lightness };
  const saturation = delta / (1 - Math.abs(2 * lightness - 1));
  let hue: number;
  if (max === r) hue = ((g - b) / delta) % 6;
  else if (max === g) hue = (b - r) / delta + 2;
  else hue = (r - g) / delta + 4;
  hue *= 60;
  return { hue: hue < 0 ? hue + 360 : hue, saturation, lightness };
}

/**
 * A theme colour with Excel's or Word's tint applied, as the RGB hex the
 * reader shows: tint > 0 lightens towards white, tint < 0 darkens.
 */
export function tintedHex(hex: string, tint: number): string | null {
  const rgb = parseHex(hex);
  if (rgb === null) return null;
  const channel = (c: number): number => (tint >= 0 ? c + (1 - c) * tint : c * (1 + tint));
  return rgb.map((c) => Math.round(channel(c) * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
}
