import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { DateTime } from 'luxon';
import { progressSentence, type YearEndReport } from '../domain/year-end-report.js';
import { A4, HEADING_STYLES, abbreviations, BODY_SIZE, FONT, MARGIN, numbering, progressTable, statusKey } from './write-progress-docx.js';

const PROSE = 'ReportText';

/**
 * The year-end sign-off paper as an editable Word draft, in the layout of a
 * council committee report: numbered sections on portrait pages (purpose,
 * progress, the exceptions, key achievements), then the progress table as
 * Appendix 1 on landscape pages, laid out by the progress export's own table.
 */
export async function writeYearEndDocx(report: YearEndReport): Promise<Uint8Array> {
  const asAt = DateTime.fromISO(report.progress.asAt).toFormat('d LLLL yyyy');
  const footer = new Footer({
    children: [
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16 })] }),
    ],
  });
  const margin = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 425, footer: 425 };
  const document = new Document({
    title: `${report.title}: year-end report`,
    description: `Draft year-end report, progress as at ${asAt}`,
    creator: 'Partnership Actions',
    styles: {
      default: {
        // The appendix table keeps the progress export's 9 pt; the paper's prose is 11 pt, as committee reports are.
        document: { run: { font: FONT, size: BODY_SIZE, language: { value: 'en-GB' } } },
        ...HEADING_STYLES,
      },
      paragraphStyles: [{ id: PROSE, name: 'Report text', basedOn: 'Normal', run: { size: 22 }, paragraph: { spacing: { after: 120 } } }],
    },
    numbering: { config: numbering() },
    sections: [
      { properties: { page: { size: A4, margin } }, footers: { default: footer }, children: paper(report, asAt) },
      {
        properties: { page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin } },
        footers: { default: footer },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`Appendix 1 – ${report.title}: progress as at ${asAt}`)] }),
          progressTable(report.progress),
          ...statusKey(),
          ...abbreviations(report.progress),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

function paper(report: YearEndReport, asAt: string): Paragraph[] {
  const purpose = [`To formally sign off, and note progress against, the ${report.title}.`];
  if (report.nextYear !== null) purpose.push(`To seek endorsement of the ${report.nextYear} plan.`);
  const intro =
    report.exceptions.length === 0
      ? `All actions within the ${report.year} plan have been completed.`
      : `All actions within the ${report.year} plan have been completed with the exception of the following:`;
  return [
    new Paragraph({ children: [new TextRun({ text: 'DRAFT for the coordinator to edit', italics: true, color: '808080', size: 18 })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.title)] }),
    new Paragraph({ style: PROSE, spacing: { after: 200 }, children: [new TextRun(`Year-end report, progress as at ${asAt}`)] }),
    heading('1. Purpose of report'),
    ...purpose.map((text, i) => numbered(`1.${i + 1}`, text)),
    heading('2. Progress'),
    numbered('2.1', `${progressSentence(report)} Progress against the plan can be seen at Appendix 1.`),
    numbered('2.2', intro),
    ...report.exceptions.map((e) => bullet([new TextRun({ text: `Action ${e.ref}`, bold: true }), new TextRun(` – ${e.reason}`)])),
    heading(`3. Key achievements for ${report.year}`),
    ...(report.achievements.length === 0 ? [plain('No action was reported completed.')] : report.achievements.flatMap(achievementsOf)),
    new Paragraph({ style: PROSE, spacing: { before: 240 }, children: [new TextRun({ text: 'Appendices:', bold: true })] }),
    plain(`1 – ${report.title}: progress as at ${asAt}`),
  ];
}

function achievementsOf(priority: YearEndReport['achievements'][number]): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${priority.number}. ${priority.title}`.trim())] }),
    ...priority.items.map((item) =>
      bullet([new TextRun({ text: `${item.ref} ${item.action}`, bold: true }), ...(item.narrative === '' ? [] : [new TextRun(` – ${item.narrative}`)])]),
    ),
  ];
}

function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function numbered(number: string, text: string): Paragraph {
  return new Paragraph({ style: PROSE, children: [new TextRun(`${number} `), new TextRun(text)] });
}

function bullet(children: TextRun[]): Paragraph {
  return new Paragraph({ style: PROSE, numbering: { reference: 'exceptions', level: 0 }, spacing: { after: 60 }, children });
}

function plain(text: string): Paragraph {
  return new Paragraph({ style: PROSE, children: [new TextRun(text)] });
}
