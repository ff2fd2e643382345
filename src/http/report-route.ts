import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../domain/errors.js';
import type { ServiceDeps } from '../services/deps.js';
import { downloadReport } from '../services/report-link.js';
import type { ExtraRoute } from '../teams/start-bot.js';

export const REPORT_ROUTE_PREFIX = '/api/reports/';

/**
 * `GET /api/reports/<token>`: the summary card's download link. The signed
 * token is the whole permission, so a bad one gets a 403 that says no more
 * than that it is not valid or has expired.
 */
export function reportDownloadRoute(deps: ServiceDeps, secret: string): ExtraRoute {
  return {
    method: 'GET',
    path: `${REPORT_ROUTE_PREFIX}*`,
    async handle(req: IncomingMessage, res: ServerResponse) {
      const token = (req.url ?? '').split('?')[0]!.slice(REPORT_ROUTE_PREFIX.length);
      let report;
      try {
        report = await downloadReport(deps, secret, token);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const message = error.code === 'link-expired' ? 'This download link has expired. Ask for the summary again.' : 'This download link is not valid. Ask for the summary again.';
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(message);
        return;
      }
      // RFC 6266: an ASCII fallback for old clients, the exact name for the rest.
      const ascii = report.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      res.writeHead(200, {
        'Content-Type': report.mediaType,
        'Content-Length': report.bytes.length,
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
        'Cache-Control': 'private, no-store',
      });
      res.end(report.bytes);
    },
  };
}
