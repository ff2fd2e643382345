import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { DateTime } from 'luxon';
import { highlightCounts, type HighlightPriority, type HighlightReport } from '../domain/highlight-report.js';
import { STATUS_LABELS } from '../domain/status.js';
import { A4, HEADING_STYLES, FONT, MARGIN, numbering } from './write-progress-docx.js';

/** The highlight report as an editable Word draft: per priority, the counts, then "Activities and Achievements". */
export async function writeHighlightsDocx(report: HighlightReport): Promise<Uint8Array> {
  const day = (iso: string) => DateTime.fromISO(iso).toFormat('d LLLL yyyy');
  const document = new Document({
    title: report.title,
    description: `${day(report.from)} to ${day(report.to)}`,
    creator: 'Partnership Actions',
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: 'en-GB' } } },
        ...HEADING_STYLES,
      },
    },
    numbering: { config: numbering() },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.title)] }),
          new Paragraph({ spacing: { after: 200 }, children: [new TextRun(`${day(report.from)} to ${day(report.to)}`)] }),
          ...report.sections.flatMap((s) => [
            new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }),
            ...(s.priorities.length === 0 ? [plain('No actions.')] : s.priorities.flatMap(priority)),
          ]),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

function priority(p: HighlightPriority): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${p.number}. ${p.title}`.trim())] }),
    plain(highlightCounts(p)),
    ...(p.items.length === 0
      ? [plain('No progress was reported in the period.')]
      : [
          new Paragraph({ children: [new TextRun({ text: 'Activities and Achievements:', bold: true })] }),
          ...p.items.map(
            (i) =>
              new Paragraph({
                numbering: { reference: 'exceptions', level: 0 },
                spacing: { after: 60 },
                children: [
                  new TextRun({ text: `${i.ref} ${i.action}`, bold: true }),
                  new TextRun(` (${STATUS_LABELS[i.status].word})${i.narratives.length === 0 ? '' : ` – ${i.narratives.join(' ')}`}`),
                ],
              }),
          ),
        ]),
  ];
}

function plain(text: string): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [new TextRun(text)] });
}
