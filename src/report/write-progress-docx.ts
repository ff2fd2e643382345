import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type INumberingOptions,
} from 'docx';
import { progressExceptions, progressIntro, reportRows, type ProgressPriority, type ProgressReport, type ProgressRow } from '../domain/progress-report.js';
import { STATUS_LABELS, StatusSchema, type Status } from '../domain/status.js';
import { deadlineCellText, PROGRESS_HEADINGS, STATUS_FILLS, STATUS_WORDS, statusLabel, type ProgressHeading } from './report-style.js';
import { dateInWords } from '../domain/in-words.js';

/** A4 in twentieths of a point; docx swaps width and height for landscape. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 850; // 1.5 cm
const TABLE_WIDTH = A4.height - 2 * MARGIN;

/** Each column's share of the table's width, in per cent. */
const SHARES: Record<ProgressHeading, number> = { ACTION: 24, 'MEASURE OF SUCCESS': 17, 'PLANNED OUTCOME': 15, 'RESOURCES/PARTNERS': 14, DEADLINE: 8, 'ACTION UPDATE/RAG': 22 };
const WIDTHS = PROGRESS_HEADINGS.map((heading) => Math.floor((TABLE_WIDTH * SHARES[heading]) / 100));

export const FONT = 'Arial';
const SYMBOL_FONT = 'Segoe UI Symbol';
export const BODY_SIZE = 18; // half-points: 9 pt, as council papers set their appendix tables
const HEADER_FILL = '1F3864';
const PRIORITY_FILL = 'E7E6E6';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
/** 9 pt Arial prose: about 90 twips a character, 11 pt a line; a landscape page below the header row holds about 38 lines. */
const TWIPS_PER_CHAR = 90;
const LINES_PER_PAGE = 38;

/** The report writers' heading styles: black Arial, as council papers set them. */
export const HEADING_STYLES = {
  heading1: { run: { font: FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { after: 80 } } },
  heading2: { run: { font: FONT, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
  heading3: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 160, after: 80 } } },
};

/**
 * The progress table as a Word document in the council-report layout of the
 * seeds: title, one table with the six columns, priority rows across the
 * full width, the status word starting the ACTION UPDATE/RAG cell and the
 * cell shaded in its colour; then abbreviations and the actions not
 * completed, with their reasons. Read back by the plan importer, it gives
 * the same plan.
 */
export async function writeProgressDocx(report: ProgressReport): Promise<Uint8Array> {
  const asAt = dateInWords(report.asAt);
  const document = new Document({
    title: report.title,
    description: `Progress as at ${asAt}`,
    creator: 'Partnership Actions',
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE, language: { value: 'en-GB' } } },
        ...HEADING_STYLES,
      },
    },
    numbering: { config: numbering() },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 425, footer: 425 },
          },
        },
        headers: { default: new Header({ children: [small(`${report.title} – progress as at ${asAt}`, AlignmentType.RIGHT)] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: [
          // The importer takes the title from the last two lines above the table, so nothing else goes between.
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.title)] }),
          new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: `Progress as at ${asAt}`, size: 22 })] }),
          progressTable(report),
          ...statusKey(),
          ...abbreviations(report),
          ...exceptions(report),
          ...otherColumns(report),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

export function progressTable(report: ProgressReport): Table {
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: WIDTHS,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    margins: { top: 50, bottom: 50, left: 90, right: 90 },
    rows: [headerRow(), ...report.priorities.flatMap((p) => [priorityRow(p), ...p.actions.map(actionRow)])],
  });
}

function headerRow(): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: PROGRESS_HEADINGS.map(
      (heading, i) =>
        new TableCell({
          width: { size: WIDTHS[i]!, type: WidthType.DXA },
          shading: fill(HEADER_FILL),
          children: [new Paragraph({ children: [new TextRun({ text: heading, bold: true, color: 'FFFFFF' })] })],
        }),
    ),
  });
}

function priorityRow(priority: ProgressPriority): TableRow {
  const lines = [
    new Paragraph({
      keepNext: true,
      children: [new TextRun({ text: `${priority.number}. ${priority.title}`.trim(), bold: true, size: 20 })],
    }),
  ];
  if (priority.corporatePriority) {
    lines.push(new Paragraph({ keepNext: true, children: [new TextRun(`Corporate priority – ${priority.corporatePriority}`)] }));
  }
  return new TableRow({
    cantSplit: true,
    children: [new TableCell({ columnSpan: PROGRESS_HEADINGS.length, width: { size: TABLE_WIDTH, type: WidthType.DXA }, shading: fill(PRIORITY_FILL), children: lines })],
  });
}

function actionRow(row: ProgressRow): TableRow {
  const [first = '', ...rest] = row.action.split('\n');
  const action = [
    new Paragraph({ children: [new TextRun({ text: row.ref, bold: true }), new TextRun(` ${first}`)] }),
    ...rest.map(plain),
  ];
  if (row.cspAction) action.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: '*CSP action', italics: true })] }));
  const texts = [row.action, row.measure, row.outcome, row.resources, deadlineCellText(row), row.update];
  const cells = [action, lines(row.measure), lines(row.outcome), lines(row.resources), lines(deadlineCellText(row)), updateParagraphs(row)];
  return new TableRow({
    // A row kept whole must fit on a page: Word cuts off the rest of one that does not.
    cantSplit: Math.max(...texts.map((text, i) => estimatedLines(text, WIDTHS[i]!))) + 2 <= LINES_PER_PAGE,
    children: cells.map(
      (children, i) =>
        new TableCell({
          width: { size: WIDTHS[i]!, type: WidthType.DXA },
          ...(i === PROGRESS_HEADINGS.length - 1 && STATUS_FILLS[row.status] ? { shading: fill(STATUS_FILLS[row.status]!) } : {}),
          children,
        }),
    ),
  });
}

/**
 * The status line is a list item whose bullet is the status symbol: Word
 * draws it, but it is not part of the cell's text, so the importer reads
 * the word and the narrative exactly. "Not reported" is an empty update
 * cell to the importer, so that word is in the bullet too.
 */
function updateParagraphs(row: ProgressRow): Paragraph[] {
  const word = STATUS_WORDS[row.status];
  const status = new Paragraph({
    numbering: { reference: statusNumbering(row.status), level: 0 },
    children: word === '' ? [] : [new TextRun({ text: word, bold: true })],
  });
  return [status, ...(row.update === '' ? [] : lines(row.update))];
}

function statusNumbering(status: Status): string {
  return `status-${status}`;
}

export function numbering(): INumberingOptions['config'] {
  // LibreOffice draws only the first character of a bullet, so a bullet that holds a word is a "none" number format.
  const bullet = (reference: string, text: string, bold: boolean): INumberingOptions['config'][number] => ({
    reference,
    levels: [
      {
        level: 0,
        format: bold ? LevelFormat.NONE : LevelFormat.BULLET,
        text,
        suffix: LevelSuffix.SPACE,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 0, hanging: 0 } }, run: { font: bold ? FONT : SYMBOL_FONT, bold } },
      },
    ],
  });
  return [
    ...StatusSchema.options.map((status) =>
      bullet(statusNumbering(status), STATUS_WORDS[status] === '' ? statusLabel(status) : STATUS_LABELS[status].symbol, STATUS_WORDS[status] === ''),
    ),
    {
      reference: 'exceptions',
      levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }],
    },
  ];
}

export function statusKey(): Paragraph[] {
  const runs = StatusSchema.options.flatMap((status, i) => {
    const shading = STATUS_FILLS[status] ? { shading: fill(STATUS_FILLS[status]!) } : {};
    const { symbol, word } = STATUS_LABELS[status];
    return [
      ...(i === 0 ? [] : [new TextRun('   ')]),
      new TextRun({ text: ` ${symbol}`, font: SYMBOL_FONT, size: 16, ...shading }),
      new TextRun({ text: ` ${word.toUpperCase()} `, size: 16, ...shading }),
    ];
  });
  return [new Paragraph({ spacing: { before: 160 }, children: [new TextRun({ text: 'Status key: ', bold: true, size: 16 }), ...runs] })];
}

/** "Full Name (ABBR)" is also how the importer learns a role, so a re-imported paper keeps its leads. */
export function abbreviations(report: ProgressReport): Paragraph[] {
  if (report.roles.length === 0) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Abbreviations')] }),
    ...[...report.roles].sort((a, b) => a.key.localeCompare(b.key)).map((role) => plain(`${role.name} (${role.key})`)),
  ];
}

/**
 * The plan's extra columns (budget, risk, notes…) would not fit the six-column
 * page, so they follow the table, action by action, under their own headings.
 */
function otherColumns(report: ProgressReport): Paragraph[] {
  const filled = (row: ProgressRow): Array<[string, string]> => Object.entries(row.extra ?? {}).filter(([, value]) => value !== '');
  const rows = reportRows(report).filter((row) => filled(row).length > 0);
  if (rows.length === 0) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Other columns of the plan')] }),
    ...rows.map(
      (row) =>
        new Paragraph({
          spacing: { after: 60 },
          children: [
            new TextRun({ text: `Action ${row.ref}: `, bold: true }),
            new TextRun(filled(row).map(([heading, value]) => `${heading}: ${value.replace(/\s+/g, ' ')}`).join('; ')),
          ],
        }),
    ),
  ];
}

function exceptions(report: ProgressReport): Paragraph[] {
  const list = progressExceptions(report);
  const intro = progressIntro(report);
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Progress against the plan')] }),
    plain(intro),
    ...list.map(
      (e) =>
        new Paragraph({
          numbering: { reference: 'exceptions', level: 0 },
          spacing: { after: 60 },
          children: [new TextRun({ text: `Action ${e.ref}`, bold: true }), new TextRun(` – ${e.reason}`)],
        }),
    ),
  ];
}

function estimatedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor((width - 180) / TWIPS_PER_CHAR));
  return text.split('\n').reduce((n, paragraph) => n + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
}

function lines(text: string): Paragraph[] {
  return text.split('\n').map(plain);
}

function plain(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun(text)] });
}

function small(text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  return new Paragraph({ alignment, children: [new TextRun({ text, size: 16, color: '595959' })] });
}

function fill(colour: string): { type: typeof ShadingType.CLEAR; fill: string; color: string } {
  return { type: ShadingType.CLEAR, fill: colour, color: 'auto' };
}
