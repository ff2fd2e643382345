import { DomainError } from '../domain/errors.js';

/**
 * Fetches a plan file a person sent the bot, from the download URL Teams put
 * on the attachment. The URL arrives in an activity, so it is checked before
 * anything is fetched (and again at every redirect): the bot must never be
 * made to fetch an arbitrary address for someone (SSRF).
 */

/**
 * Where Teams keeps a file sent to a bot in a 1:1 chat: the sender's
 * OneDrive for Business, `https://<tenant>-my.sharepoint.com/personal/…/
 * _layouts/15/download.aspx?…&tempauth=…` (Microsoft's "Send and receive
 * files using bot" guide; OfficeDev/Microsoft-Teams-Samples#1314 shows the
 * same host for desktop and iOS). Teams' bot file APIs are not offered in
 * GCC High, DoD or 21Vianet, so no other cloud's host belongs here.
 */
export const TEAMS_FILE_HOST_SUFFIXES = ['.sharepoint.com'] as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type DownloadPolicy = {
  /** `local`: the Agents Playground's files, served on this machine, are allowed too. */
  mode: 'local' | 'azure';
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
};

/** Why the bot will not fetch `url`, or null when it may. */
export function downloadUrlProblem(url: string, mode: DownloadPolicy['mode']): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the file’s download address is not a web address';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `the file’s download address is not http(s) but ${parsed.protocol.replace(/:$/, '')}`;
  if (parsed.username !== '' || parsed.password !== '') return 'the file’s download address carries a user name';
  const host = parsed.hostname.toLowerCase();
  if (mode === 'local' && LOOPBACK.has(host)) return null;
  if (parsed.protocol === 'https:' && TEAMS_FILE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix) && host.length > suffix.length)) return null;
  return `the file is at ${host}, which is not where Teams keeps files sent to a bot (SharePoint/OneDrive over https)`;
}

export type Downloaded = { bytes: Uint8Array; contentType: string };

function refused(fileName: string, why: string): DomainError {
  return new DomainError('download-refused', `I did not read ${fileName}: ${why}. Send the file again from Teams, in this chat.`);
}

/**
 * The file's bytes: streamed, and abandoned as soon as it passes
 * `maxBytes` or `timeoutMs` runs out, so a huge or endless download costs
 * at most that much.
 */
export async function downloadFile(url: string, fileName: string, policy: DownloadPolicy, fetchFn: typeof fetch = fetch): Promise<Downloaded> {
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    let at = url;
    for (let hop = 0; ; hop++) {
      const problem = downloadUrlProblem(at, policy.mode);
      if (problem !== null) throw refused(fileName, problem);
      const response = await fetchFn(at, { redirect: 'manual', signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        if (hop >= policy.maxRedirects) throw refused(fileName, `its download was redirected more than ${policy.maxRedirects} times`);
        at = new URL(location, at).toString();
        continue;
      }
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        await response.body?.cancel();
        throw new DomainError('download-expired', `Teams’ link to ${fileName} no longer opens (it lasts a short while): send the file again.`);
      }
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new DomainError('download-failed', `I could not fetch ${fileName} from Teams (it answered ${response.status}): try sending it again in a minute.`);
      }
      const contentType = response.headers.get('content-type') ?? '';
      // Teams on iOS has sent a sharing page's link instead of the file's: that page is not the plan.
      if (/^text\/html\b/i.test(contentType)) {
        await response.body.cancel();
        throw refused(fileName, 'Teams sent a link to a page about the file, not the file itself (Teams on a phone does this); send it from Teams on a computer or the web');
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        await response.body.cancel();
        throw tooLarge(fileName, policy.maxBytes);
      }
      return { bytes: await readBounded(response.body, fileName, policy.maxBytes), contentType };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (signal.aborted) throw new DomainError('download-slow', `Fetching ${fileName} from Teams took longer than ${Math.round(policy.timeoutMs / 1000)} seconds, so I stopped: try again, or send a smaller file.`);
    throw new DomainError('download-failed', `I could not fetch ${fileName} from Teams: try sending it again in a minute.`, { cause: error });
  }
}

function tooLarge(fileName: string, maxBytes: number): DomainError {
  return new DomainError(
    'file-too-large',
    `${fileName} is over ${Math.round(maxBytes / 1024 / 1024)} MB, the most a plan file may be. Save a copy that holds only the action plan (without pictures or other sheets) and send that.`,
  );
}

async function readBounded(body: ReadableStream<Uint8Array>, fileName: string, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(fileName, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
