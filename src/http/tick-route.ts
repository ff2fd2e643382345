import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TickHandler } from '../scheduler/triggers.js';
import { sendJson, type ExtraRoute } from '../teams/start-bot.js';

export const TICK_ROUTE = '/api/tick';

/** A tick's request is a secret header and at most a tiny JSON body: anything bigger is not a caller of ours. */
const MAX_BODY_BYTES = 4096;

/** `POST /api/tick` on the bot's server, for an external cron (see triggers.ts). */
export function tickRoute(handler: TickHandler): ExtraRoute {
  return {
    method: 'POST',
    path: TICK_ROUTE,
    async handle(req: IncomingMessage, res: ServerResponse) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          sendJson(res, 413, { error: 'request body too large' });
          return;
        }
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString('utf8').trim();
      let body: unknown = null;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, { error: 'the body is not JSON' });
          return;
        }
      }
      const answer = await handler(req.headers, body);
      sendJson(res, answer.status, answer.json);
    },
  };
}
