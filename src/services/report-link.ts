import { z } from 'zod';
import { BodyIdSchema } from '../domain/partnership.js';
import { DomainError } from '../domain/errors.js';
import { PlanYearSchema } from '../domain/action-record.js';
import { REPORT_FORMAT_NAMES, REPORT_FORMATS } from '../report/write-progress.js';
import { exportReport, type ExportedReport } from './export-report.js';
import type { ServiceDeps } from './deps.js';
import { yearEndReportOf } from './year-end.js';
import { signClaims, verifyClaims } from './signed-claims.js';

/**
 * A bot cannot attach a file to a channel message, so the summary card links
 * to the bot's own endpoint. The link is the whole permission: it names one
 * body and one report, expires, and is signed (HMAC-SHA256) with a secret
 * only the bot holds, so it cannot be altered to reach another body.
 */
const ReportLinkSchema = z.object({
  body: BodyIdSchema,
  format: z.enum(REPORT_FORMAT_NAMES as ['docx', 'xlsx', 'csv']),
  year: PlanYearSchema.nullable(),
  /** `year-end`: the sign-off report of `year` (a Word draft); absent in links signed before it existed: the progress table. */
  report: z.enum(['progress', 'year-end']).optional(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
});
export type ReportLink = z.infer<typeof ReportLinkSchema>;

export const REPORT_LINK_LIFETIME_SECONDS = 24 * 60 * 60;

const PURPOSE = 'report-link';

export function signReportLink(
  secret: string,
  link: { body: string; format: ReportLink['format']; year: string | null; report?: 'progress' | 'year-end' },
  now: Date,
  lifetimeSeconds = REPORT_LINK_LIFETIME_SECONDS,
): string {
  return signClaims(secret, PURPOSE, ReportLinkSchema.parse({ ...link, exp: Math.floor(now.getTime() / 1000) + lifetimeSeconds }));
}

export function verifyReportLink(secret: string, token: string, now: Date): ReportLink {
  const link = verifyClaims(secret, PURPOSE, token, ReportLinkSchema);
  if (link === null) throw new DomainError('link-invalid', 'This download link is not valid. Ask for the summary again to get a fresh link.');
  if (link.exp * 1000 <= now.getTime()) {
    throw new DomainError('link-expired', 'This download link has expired. Ask for the summary again to get a fresh link.');
  }
  return link;
}

export type DownloadedReport = Pick<ExportedReport, 'bytes' | 'fileName' | 'mediaType'>;

/** What a signed link downloads, as the record stands now: the body's progress table, or a year's sign-off report. */
export async function downloadReport(deps: ServiceDeps, secret: string, token: string): Promise<DownloadedReport> {
  const link = verifyReportLink(secret, token, deps.clock());
  const year = link.year === null ? {} : { year: link.year };
  if (link.report === 'year-end') {
    const report = await yearEndReportOf(deps, { bodyId: link.body, ...year });
    // Loaded on use, as the progress writers are: the Word library is large.
    const { writeYearEndDocx } = await import('../report/write-year-end-docx.js');
    return { bytes: await writeYearEndDocx(report), fileName: `${link.body}-${report.year}-sign-off-${report.progress.asAt}.docx`, mediaType: REPORT_FORMATS.docx.mediaType };
  }
  return exportReport(deps, { bodyId: link.body, format: link.format, ...year });
}
