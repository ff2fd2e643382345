import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/**
 * Claims the bot hands out and takes back (a download link, a plan upload's
 * preview): base64url JSON and its HMAC-SHA256 under a secret only the bot
 * holds. `purpose` is signed too, so a token made for one use is never
 * accepted for another. Null when the token is not one the bot signed for
 * this purpose or its claims do not fit the schema.
 */
function mac(secret: string, purpose: string, payload: string): string {
  return createHmac('sha256', secret).update(`${purpose}.${payload}`).digest('base64url');
}

export function signClaims(secret: string, purpose: string, claims: object): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload)}`;
}

export function verifyClaims<S extends z.ZodType>(secret: string, purpose: string, token: string, schema: S): z.infer<S> | null {
  const [payload, given, extra] = token.split('.');
  if (payload === undefined || given === undefined || extra !== undefined) return null;
  // Compared as text, not as decoded bytes: Node's base64url decoder skips stray characters and ignores
  // unused trailing bits, so several strings decode to the one MAC; only its one canonical spelling is valid.
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(mac(secret, purpose, payload), 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(claims);
  return parsed.success ? parsed.data : null;
}
