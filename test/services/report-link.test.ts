import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { signReportLink, verifyReportLink } from '../../src/services/report-link.js';

const SECRET = 'a-long-random-secret-only-the-bot-holds';
const NOW = new Date('2017-07-17T09:00:00Z');
const link = { body: 'purbeck-pcg', format: 'docx' as const, year: '2017-18' };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('signed report links', () => {
  it('opens for one body and one report until it expires', () => {
    const token = signReportLink(SECRET, link, NOW, 3600);
    expect(verifyReportLink(SECRET, token, new Date(NOW.getTime() + 3599_000))).toEqual({ ...link, exp: NOW.getTime() / 1000 + 3600 });
    expect(codeOf(() => verifyReportLink(SECRET, token, new Date(NOW.getTime() + 3600_000)))).toBe('link-expired');
  });

  it('refuses a link altered to reach another body, a longer life or another format', () => {
    const token = signReportLink(SECRET, link, NOW);
    const [payload, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const change of [{ body: 'other-pcg' }, { exp: claims.exp + 86_400 }, { format: 'csv' }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
      expect(codeOf(() => verifyReportLink(SECRET, `${forged}.${mac}`, NOW))).toBe('link-invalid');
    }
    expect(codeOf(() => verifyReportLink('another-secret', token, NOW))).toBe('link-invalid');
    expect(codeOf(() => verifyReportLink(SECRET, `${token}x`, NOW))).toBe('link-invalid');
  });

  it('refuses any garbage as invalid, never with another error', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(codeOf(() => verifyReportLink(SECRET, `${a}.${b}`, NOW))).toBe('link-invalid');
        expect(codeOf(() => verifyReportLink(SECRET, a, NOW))).toBe('link-invalid');
      }),
    );
  });

  it('refuses every other spelling of the same MAC: a flipped padding bit, an inserted character, padding', () => {
    const token = signReportLink(SECRET, link, NOW);
    const [payload, mac] = token.split('.') as [string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes are 43 characters: the last carries 4 bits of MAC and 2 unused ones, which the decoder ignores.
    const last = alphabet.indexOf(mac.at(-1)!);
    const paddingFlipped = `${mac.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(paddingFlipped, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    for (const spelling of [paddingFlipped, `${mac.slice(0, 10)}.${mac.slice(10)}`, `${mac.slice(0, 10)}!${mac.slice(10)}`, `${mac}=`, ` ${mac}`, mac.replace(/-/g, '+').replace(/_/g, '/')]) {
      if (spelling === mac) continue;
      expect(codeOf(() => verifyReportLink(SECRET, `${payload}.${spelling}`, NOW))).toBe('link-invalid');
    }
    fc.assert(
      fc.property(fc.nat(mac.length), fc.string({ minLength: 1, maxLength: 3 }), (at, inserted) => {
        const spelling = `${mac.slice(0, at)}${inserted}${mac.slice(at)}`;
        expect(codeOf(() => verifyReportLink(SECRET, `${payload}.${spelling}`, NOW))).toBe('link-invalid');
      }),
    );
    expect(verifyReportLink(SECRET, token, NOW).body).toBe('purbeck-pcg');
  });
});
