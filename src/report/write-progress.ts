import type { ProgressReport } from '../domain/progress-report.js';
import { writeFlatCsv } from './write-flat-csv.js';
import { writeProgressCsv } from './write-progress-csv.js';

/**
 * Every format the progress table is written in, with what a download needs
 * to name it. The Word and Excel writers load on first use: the document
 * libraries are large, and the bot and most commands start without them.
 */
export const REPORT_FORMATS = {
  docx: {
    write: async (report: ProgressReport) => (await import('./write-progress-docx.js')).writeProgressDocx(report),
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    write: async (report: ProgressReport) => (await import('./write-progress-xlsx.js')).writeProgressXlsx(report),
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  csv: {
    write: async (report: ProgressReport) => writeProgressCsv(report),
    mediaType: 'text/csv; charset=utf-8',
  },
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;
export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as ReportFormat[];

export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, value);
}

/** `flat`: one row per action, which only CSV is written as (the caller checks). */
export async function writeProgress(report: ProgressReport, format: ReportFormat, flat = false): Promise<Uint8Array> {
  return flat && format === 'csv' ? writeFlatCsv(report) : REPORT_FORMATS[format].write(report);
}
