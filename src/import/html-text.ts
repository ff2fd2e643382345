import { HTMLElement, type Node, NodeType, parse } from 'node-html-parser';

/** Tags whose content stands on its own line. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'img', 'ins', 'mark', 'o:p', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'u',
]);
/** Markup whose content is not text a person reads. */
const HIDDEN_TAGS = new Set(['head', 'script', 'style', 'title']);

const TAG = /<\/?([a-z][a-z0-9]*(?::[a-z]+)?)(?:\s[^<>]*)?\/?>/gi;
const ENTITY = /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/**
 * The text a person reads in a cell. Cells copied out of Word or exported from
 * SharePoint carry HTML fragments (`<p>`, `<i>`, `&amp;`); other cells are
 * prose in which `<` means "less than" and `<insert name>` is a placeholder,
 * so a cell counts as HTML only when it holds a real HTML tag or an entity.
 * Either way the result has one space between words, one line break between
 * paragraphs and nothing at either end.
 */
export function htmlText(s: string): string {
  return normaliseWhitespace(hasMarkup(s) ? renderHtml(s, false) : s);
}

/**
 * A table cell's text, where a bulleted list keeps its bullets ("• Deliver…"
 * on each item's line): Word draws them, so without the glyph a cell's list
 * would read as lines of one paragraph, and the reader could not tell a list
 * of actions from one action's text.
 */
export function htmlCellText(s: string): string {
  return normaliseWhitespace(hasMarkup(s) ? renderHtml(s, true) : s);
}

function hasMarkup(s: string): boolean {
  if (ENTITY.test(s)) return true;
  for (const match of s.matchAll(TAG)) {
    if (isKnownTag(match[1]!.toLowerCase())) return true;
  }
  return false;
}

function isKnownTag(name: string): boolean {
  return BLOCK_TAGS.has(name) || INLINE_TAGS.has(name) || HIDDEN_TAGS.has(name);
}

function renderHtml(s: string, bullets: boolean): string {
  // The parser would drop a placeholder such as `<insert name>` as a broken element; escaped, it stays text.
  const html = s.replace(TAG, (tag, name: string) => (isKnownTag(name.toLowerCase()) ? tag : `&lt;${tag.slice(1)}`));
  const parts: string[] = [];
  for (const node of parse(html).childNodes) render(node, parts, bullets);
  return parts.join('');
}

function render(node: Node, parts: string[], bullets: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    // In HTML a line break in the source is just a space between words.
    parts.push(node.text.replace(/\s+/g, ' '));
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const name = node.rawTagName.toLowerCase();
  if (HIDDEN_TAGS.has(name)) return;
  const block = BLOCK_TAGS.has(name);
  if (block) parts.push('\n');
  if (bullets && name === 'li' && node.parentNode?.rawTagName?.toLowerCase() === 'ul') parts.push('• ');
  for (const child of node.childNodes) render(child, parts, bullets);
  if (block) parts.push('\n');
}

function normaliseWhitespace(s: string): string {
  return s
    .split(/\r\n|[\r\n\v\f\u2028\u2029]/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
