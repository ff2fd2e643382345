import { SaxesParser } from 'saxes';

/** Longer than any title a person types into File > Info; the rest is not a title. */
const MAX_TITLE = 200;

/**
 * The Title an Excel workbook or Word document carries in its core
 * properties (`docProps/core.xml`, set under File > Info), or null when it
 * has none. A malformed part gives no title rather than refusing the file:
 * the plan's rows are what matter.
 */
export function readDocumentTitle(coreXml: string | undefined): string | null {
  if (coreXml === undefined) return null;
  let inTitle = false;
  let title = '';
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    inTitle = node.name === 'dc:title';
  });
  parser.on('text', (text) => {
    if (inTitle && title.length < MAX_TITLE) title += text;
  });
  parser.on('closetag', () => {
    inTitle = false;
  });
  try {
    parser.write(coreXml).close();
  } catch {
    return null;
  }
  const flat = title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE);
  return flat === '' ? null : flat;
}
