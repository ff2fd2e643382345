import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseLinkChoice, type LinkChoice } from '../domain/carry-forward.js';
import { DomainError } from '../domain/errors.js';
import { chooseYears, readPlanYear } from '../domain/plan-year.js';
import { BodyIdSchema, type Person } from '../domain/partnership.js';
import { ColumnCorrectionsSchema, overridesOf } from '../domain/column-corrections.js';
import { ActionRefSchema } from '../domain/plan.js';
import { downloadFile, type DownloadPolicy } from '../import/download-file.js';
import { MAX_PLAN_FILE_BYTES } from '../import/read-source-rows.js';
import type { ServiceDeps } from '../services/deps.js';
import { bodiesToImportInto, importPreviewed, previewImport } from '../services/preview-import.js';
import { readPlanFile } from '../services/read-plan-file.js';
import { importMeetingCalendar, type CalendarImport } from '../services/import-meetings.js';
import { isICalendar } from '../import/read-meeting-calendar.js';
import type { MeetingsUploadView } from '../teams/meetings-upload-views.js';
import { signClaims, verifyClaims } from '../services/signed-claims.js';
import { correctionsView, readWithCorrections, type CorrectedReading } from './read-with-corrections.js';
import type { BotUseCases, PlanUploadAnswer, PlanUploadSubmit } from '../teams/bot-ports.js';

/**
 * A plan file sent to the bot in Teams (issue 14): previewed, then imported
 * with the same services as the CLI's `import`.
 *
 * Between the preview and Import the bot keeps no copy of the file. The
 * preview card carries a token the bot signed (HMAC, like the report links)
 * naming the download URL Teams gave, the file's SHA-256, the body, the plan
 * versions the preview was made against, the person and an expiry; Import
 * fetches the file again and imports it only if its hash is the same. Why not
 * store it: a Cosmos document holds at most 2 MB while a plan file may be 20,
 * the bot's instances share nothing but Cosmos, and the file already sits in
 * the sender's OneDrive. The card's data is never trusted for the file's
 * contents, only for the token, which cannot be altered to name another file
 * or body, and whose URL is checked again before it is fetched.
 */

export type PlanUploadSettings = {
  /** Signs the preview tokens: the bot's report-link secret, under a purpose of its own. */
  secret: string;
  mode: DownloadPolicy['mode'];
  fetch?: typeof fetch;
};

const PURPOSE = 'plan-upload';

/** Long enough to read a preview; Teams' download links themselves last about an hour. */
export const PREVIEW_LIFETIME_SECONDS = 45 * 60;

export const PLAN_DOWNLOAD: Omit<DownloadPolicy, 'mode'> = { maxBytes: MAX_PLAN_FILE_BYTES, timeoutMs: 15_000, maxRedirects: 3 };

const UploadClaimsSchema = z.object({
  url: z.string().max(6144),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(300),
  /** The sender's Entra object id: a token is only good in their hands. */
  by: z.string().max(100),
  body: BodyIdSchema.nullable(),
  basedOn: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  /** The coordinator's corrections to the column mapping the preview was read with: Import reads the file the same way. */
  columns: ColumnCorrectionsSchema.optional(),
  /** The plan year the coordinator chose on the preview, when it is not the one read: Import files the plan under it. */
  year: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  exp: z.number().int().positive(),
});
type UploadClaims = z.infer<typeof UploadClaimsSchema>;

const MAX_OWN_LINKS = 200;

/** The coordinator's typed links: `4.1=2016-17:4.7` names one, `4.1=none` refuses the suggestion. */
export function readOwnLinks(text: string): { link: LinkChoice[]; noLink: string[] } {
  const lines = text.split(/[\r\n;]+/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length > MAX_OWN_LINKS) throw new DomainError('input-invalid', `${lines.length} links typed: at most ${MAX_OWN_LINKS}.`);
  const link: LinkChoice[] = [];
  const noLink: string[] = [];
  const problems: string[] = [];
  for (const line of lines) {
    const none = /^(\S+)\s*=\s*(none|no|-)$/i.exec(line);
    if (none !== null && ActionRefSchema.safeParse(none[1]).success) {
      noLink.push(none[1]!);
      continue;
    }
    const parsed = parseLinkChoice(line);
    if (typeof parsed === 'string') problems.push(parsed);
    else link.push(parsed);
  }
  if (problems.length > 0) throw new DomainError('input-invalid', problems.length === 1 ? `Not imported: ${problems[0]!}` : `Not imported: ${problems.length} links could not be read`, { problems });
  return { link, noLink };
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type PlanUploadUseCases = Pick<BotUseCases, 'previewPlanUpload' | 'previewPlanUploadFor' | 'rereadPlanUpload' | 'importPlanUpload' | 'importMeetingsUpload'>;

/** What a preview token names about the file itself: who may use it, where the file is, and its fingerprint. */
type FileClaims = Omit<UploadClaims, 'exp' | 'body' | 'basedOn' | 'columns' | 'year'>;

/** A calendar by its content; a file called .ics that is not one is read as a calendar too, to be refused as one. */
const isCalendar = (bytes: Uint8Array, fileName: string) => isICalendar(bytes) || /\.ics$/i.test(fileName);

function meetingsView(result: CalendarImport, token: string): MeetingsUploadView {
  const { reading } = result;
  return {
    fileName: result.fileName, bodyName: result.body.name, timeZone: result.body.timeZone, token,
    meetings: reading.meetings, added: result.added, already: result.already, setAside: reading.setAside,
    past: reading.past, later: reading.later, horizon: reading.horizon, problems: result.problems,
  };
}

export function planUploadUseCases(deps: ServiceDeps, settings: PlanUploadSettings): PlanUploadUseCases {
  const policy: DownloadPolicy = { ...PLAN_DOWNLOAD, mode: settings.mode };
  const fetchFn = settings.fetch ?? fetch;
  const sign = (claims: Omit<UploadClaims, 'exp'>) => signClaims(settings.secret, PURPOSE, { ...claims, exp: Math.floor(deps.clock().getTime() / 1000) + PREVIEW_LIFETIME_SECONDS });

  function open(person: Person, token: string): UploadClaims {
    const claims = verifyClaims(settings.secret, PURPOSE, token, UploadClaimsSchema);
    if (claims === null || claims.by !== person.aadObjectId) {
      throw new DomainError('link-invalid', 'This preview is not one I made for you, so nothing was imported. Send the plan file again for a fresh preview.');
    }
    if (claims.exp * 1000 <= deps.clock().getTime()) {
      throw new DomainError('upload-expired', `This preview of ${claims.fileName} is too old to import from (a preview lasts ${PREVIEW_LIFETIME_SECONDS / 60} minutes). Send the file again for a fresh one.`);
    }
    return claims;
  }

  /** The file as it is now at `url`; with `sha256`, refused unless it is the file the preview showed. */
  async function fetchFile(url: string, fileName: string, sha256: string | null) {
    const { bytes } = await downloadFile(url, fileName, policy, fetchFn);
    const hash = digest(bytes);
    if (sha256 !== null && hash !== sha256) {
      throw new DomainError('upload-changed', `${fileName} is not the file this preview showed (it has changed since), so nothing was imported. Send it again for a fresh preview.`);
    }
    return { hash, bytes };
  }

  /** The preview of a file for a body: a calendar's meetings (nothing stored), or a plan's. */
  async function previewFile(person: Person, claims: FileClaims, bodyId: string, bytes: Uint8Array): Promise<PlanUploadAnswer> {
    if (!isCalendar(bytes, claims.fileName)) return preview(person, claims, bodyId, { reading: await readPlanFile(bytes, claims.fileName), corrections: [], ignored: [] });
    const result = await importMeetingCalendar(deps, { bodyId, bytes, fileName: claims.fileName, by: person, dryRun: true });
    return { kind: 'meetings', view: meetingsView(result, sign({ ...claims, body: bodyId, basedOn: null })) };
  }

  /** A plan's preview; its token carries the corrections it was read with (only when there are some: tokens stay small). */
  async function preview(person: Person, claims: FileClaims, bodyId: string, read: CorrectedReading, chosenYear: string | null = null): Promise<PlanUploadAnswer> {
    const { reading, corrections } = read;
    // A year chosen that is the one the plan would be filed under anyway is no choice: tokens stay small.
    const year = chosenYear !== null && reading.plans.length === 1 && chooseYears(reading.plans, deps.clock())[0]!.year === chosenYear ? null : chosenYear;
    const shown = await previewImport(deps, { bodyId, plans: reading.plans, by: person, year });
    const basedOn = Object.fromEntries(shown.plans.map((p) => [p.year, p.basedOn]));
    const token = sign({ ...claims, body: bodyId, basedOn, ...(corrections.length > 0 ? { columns: corrections } : {}), ...(year !== null ? { year } : {}) });
    return {
      kind: 'preview',
      view: { fileName: claims.fileName, bodyName: shown.bodyName, token, reading, plans: shown.plans, columns: correctionsView(read) },
    };
  }

  const fileClaims = (claims: UploadClaims): FileClaims => ({ url: claims.url, sha256: claims.sha256, fileName: claims.fileName, by: claims.by });

  return {
    async previewPlanUpload(person, file) {
      // Who may import is settled before anything is fetched for them.
      const bodies = await bodiesToImportInto(deps, person);
      const { hash, bytes } = await fetchFile(file.url, file.fileName, null);
      const claims = { url: file.url, sha256: hash, fileName: file.fileName, by: person.aadObjectId };
      if (bodies.length > 1) {
        // A plan that cannot be read is refused before a body is asked for.
        if (!isCalendar(bytes, file.fileName)) await readPlanFile(bytes, file.fileName);
        return { kind: 'choose', view: { fileName: file.fileName, token: sign({ ...claims, body: null, basedOn: null }), bodies: bodies.map((b) => ({ id: b.id, name: b.name })) } };
      }
      return previewFile(person, claims, bodies[0]!.id, bytes);
    },

    async previewPlanUploadFor(person, token, bodyId) {
      const claims = open(person, token);
      const { bytes } = await fetchFile(claims.url, claims.fileName, claims.sha256);
      return previewFile(person, fileClaims(claims), bodyId, bytes);
    },

    async rereadPlanUpload(person, submit) {
      const claims = open(person, submit.token);
      if (claims.body === null) throw new DomainError('link-invalid', 'Choose the body first: press its button on the card above.');
      const { bytes } = await fetchFile(claims.url, claims.fileName, claims.sha256);
      const year = submit.year === null ? (claims.year ?? null) : readPlanYear(submit.year);
      return preview(person, fileClaims(claims), claims.body, await readWithCorrections(bytes, claims.fileName, claims.columns ?? [], submit.choices), year);
    },

    async importPlanUpload(person, submit: PlanUploadSubmit) {
      const claims = open(person, submit.token);
      if (claims.body === null || claims.basedOn === null) throw new DomainError('link-invalid', 'Choose the body first: press its button on the card above.');
      const own = readOwnLinks(submit.links);
      const refused = Object.entries(submit.keep).filter(([, keep]) => !keep).map(([ref]) => ref);
      const choices = { link: own.link, noLink: [...new Set([...own.noLink, ...refused])].filter((ref) => !own.link.some((l) => l.ref === ref)) };
      const { bytes } = await fetchFile(claims.url, claims.fileName, claims.sha256);
      const reading = await readPlanFile(bytes, claims.fileName, { columns: overridesOf(claims.columns ?? []) });
      const done = await importPreviewed(deps, { bodyId: claims.body, plans: reading.plans, fileName: claims.fileName, by: person, basedOn: claims.basedOn, choices, year: claims.year ?? null });
      const body = (await deps.store.readBody(claims.body))!.value;
      return { fileName: claims.fileName, bodyName: body.name, results: done.results, carried: done.carried, by: person.displayName };
    },

    async importMeetingsUpload(person, token) {
      const claims = open(person, token);
      if (claims.body === null) throw new DomainError('link-invalid', 'Choose the body first: press its button on the card above.');
      const { bytes } = await fetchFile(claims.url, claims.fileName, claims.sha256);
      const result = await importMeetingCalendar(deps, { bodyId: claims.body, bytes, fileName: claims.fileName, by: person, dryRun: false });
      if (result.problems.length > 0) throw new DomainError('input-invalid', `Nothing was added: ${result.problems[0]}`, { problems: result.problems });
      return meetingsView(result, token);
    },

  };
}
