import { tintedHex } from '../domain/status-colour.js';

/**
 * The colours of an Office theme, in the order Excel numbers them: window
 * background (lt1), text (dk1), lt2, dk2, accent1 … accent6, hyperlink,
 * followed hyperlink. Without a theme part, Office's own default theme.
 */
export type ThemePalette = readonly string[];

const OFFICE_DEFAULT: ThemePalette = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '0563C1', '954F72'];
const SCHEME_ORDER = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];

/** Excel's legacy indexed palette (0-63), still used by workbooks converted from .xls. */
const INDEXED = (
  '000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF ' +
  '800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF ' +
  '000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 ' +
  '3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 993300 993366 333399 333333'
).split(' ');

/** The theme's colours from a theme part (`xl/theme/theme1.xml`, `word/theme/theme1.xml`). */
export function themePalette(xml: string | undefined): ThemePalette {
  if (xml === undefined) return OFFICE_DEFAULT;
  return SCHEME_ORDER.map((name, index) => {
    const element = new RegExp(`<a:${name}>([\\s\\S]*?)</a:${name}>`).exec(xml)?.[1] ?? '';
    const rgb = /<a:srgbClr\s+val="([0-9A-Fa-f]{6})"/.exec(element)?.[1] ?? /lastClr="([0-9A-Fa-f]{6})"/.exec(element)?.[1];
    return rgb?.toUpperCase() ?? OFFICE_DEFAULT[index]!;
  });
}

export type ExcelColour = { argb?: string; theme?: number; tint?: number; indexed?: number };

/** The RGB hex of a spreadsheet colour given as ARGB, a theme colour with a tint, or a legacy index. */
export function excelColourHex(colour: ExcelColour | undefined, palette: ThemePalette): string | undefined {
  if (colour === undefined) return undefined;
  if (typeof colour.argb === 'string' && /^[0-9A-F]{8}$/i.test(colour.argb)) return colour.argb.slice(2).toUpperCase();
  if (typeof colour.theme === 'number' && palette[colour.theme] !== undefined) {
    return tintedHex(palette[colour.theme]!, colour.tint ?? 0) ?? undefined;
  }
  if (typeof colour.indexed === 'number') return INDEXED[colour.indexed];
  return undefined;
}

/** Word's theme colour names (`w:themeFill`) as positions in the palette. */
const WORD_THEME: Record<string, number> = {
  background1: 0, light1: 0, text1: 1, dark1: 1, background2: 2, light2: 2, text2: 3, dark2: 3,
  accent1: 4, accent2: 5, accent3: 6, accent4: 7, accent5: 8, accent6: 9, hyperlink: 10, followedHyperlink: 11,
};

/**
 * The RGB hex of a Word cell's shading: `w:fill`, which Word writes even for a
 * theme colour, else the theme colour with its tint or shade.
 */
export function wordShadingHex(attributes: Record<string, string>, palette: ThemePalette): string | undefined {
  const fill = attributes['w:fill'];
  if (fill !== undefined && /^[0-9A-F]{6}$/i.test(fill)) return fill.toUpperCase();
  const theme = WORD_THEME[attributes['w:themeFill'] ?? ''];
  if (theme === undefined) return undefined;
  const tint = attributes['w:themeFillTint'];
  const shade = attributes['w:themeFillShade'];
  const amount = tint ? 1 - Number.parseInt(tint, 16) / 255 : shade ? Number.parseInt(shade, 16) / 255 - 1 : 0;
  return tintedHex(palette[theme]!, Number.isFinite(amount) ? amount : 0) ?? undefined;
}
