import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { z } from 'zod';
import type { CommandIo } from './import-command.js';

/**
 * `partnership-actions package --app-id <guid> --host <host> … --out <file.zip>`:
 * the Teams app package a council's IT team uploads (docs/install-in-teams.md).
 * Fills `manifest/manifest.template.json`, checks the result with
 * {@link TeamsManifest}, and writes a zip of `manifest.json`, `color.png` and
 * `outline.png` at its root. Returns the exit code: 1, with every problem
 * named by its option and nothing written, for bad input; 2 when the
 * installation's own `manifest/` files are missing or wrong. Reads no
 * setting from the environment: the app id and host are given as options.
 */

export type PackageOptions = {
  appId?: string;
  host?: string;
  name?: string;
  version?: string;
  developer?: string;
  website?: string;
  privacy?: string;
  terms?: string;
  out?: string;
  /** Adds `webApplicationInfo` (the app id): only for installing the app for people through Microsoft Graph. */
  webApplicationInfo?: boolean;
};

/** The template and icons: `manifest/` at the top of the project, from `src/cli` and from `dist/cli` alike. */
export const MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));

export const PACKAGE_DEFAULTS = { name: 'Partnership Actions', version: '1.0.0' } as const;

export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
/** MAJOR.MINOR.PATCH and nothing else: what the v1.25 schema's semver allows. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A public DNS name: dot-separated labels ending in a letters-only top-level domain. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const guid = z.string().regex(GUID, "is not a GUID: give the Azure Bot's Microsoft App ID, e.g. 00000000-0000-0000-0000-000000000000");

function httpsUrl(example: string) {
  return z
    .string()
    .max(2048, 'is longer than 2048 characters')
    .superRefine((value, context) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      if (url?.protocol === 'http:') context.addIssue({ code: 'custom', message: `is not https: Teams needs an https address, e.g. ${example}` });
      else if (url?.protocol !== 'https:' || url.hostname === '') {
        context.addIssue({ code: 'custom', message: `is not a web address: give the whole https address, e.g. ${example}` });
      }
    });
}

const host = z
  .string()
  .max(2048)
  .superRefine((value, context) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /[/:?#]/.test(value)) {
      context.addIssue({ code: 'custom', message: 'must be the host name alone, without https://, a port or a path, e.g. actions.example.org' });
    } else if (!HOST_NAME.test(value)) {
      context.addIssue({ code: 'custom', message: "is not a public host name: give the host people's Teams reaches the bot at, e.g. actions.example.org" });
    }
  });

const command = z.strictObject({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) });

/**
 * The fields of the v1.25 app manifest that this app sets, with Teams' limits.
 * Strict: a field the template gains must be added here, with its rules.
 */
export const TeamsManifest = z.strictObject({
  $schema: z.literal('https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json'),
  manifestVersion: z.literal('1.25'),
  version: z.string().max(256).regex(VERSION, 'is not a version Teams accepts: three numbers, e.g. 1.0.0 (raise it each time you upload a changed package)'),
  id: guid,
  developer: z.strictObject({
    name: z.string().trim().min(1, 'is empty: give the organisation that publishes the app, e.g. "Dorset Council"').max(32, 'is longer than 32 characters, the most Teams allows'),
    websiteUrl: httpsUrl('https://www.example.gov.uk'),
    privacyUrl: httpsUrl('https://www.example.gov.uk/privacy'),
    termsOfUseUrl: httpsUrl('https://www.example.gov.uk/terms'),
  }),
  name: z.strictObject({
    short: z.string().trim().min(1, 'is empty: give the name people see, e.g. "Partnership Actions"').max(30, 'is longer than 30 characters, the most Teams shows: e.g. "Partnership Actions"'),
    full: z.string().trim().min(1).max(100),
  }),
  description: z.strictObject({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.strictObject({ color: z.literal(ICONS.color.file), outline: z.literal(ICONS.outline.file) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  bots: z
    .array(
      z.strictObject({
        botId: guid,
        scopes: z.tuple([z.literal('personal'), z.literal('team')]),
        // Plan files are sent to the bot in its 1:1 chat (Teams bot file APIs, personal scope only).
        supportsFiles: z.literal(true),
        isNotificationOnly: z.literal(false),
        commandLists: z
          .array(z.strictObject({ scopes: z.tuple([z.enum(['personal', 'team'])]), commands: z.array(command).min(1).max(10) }))
          .min(1)
          .max(3),
      }),
    )
    .length(1),
  // v1.25: the bot works in private and shared channels too (a PCG often keeps its channel private).
  supportedChannelTypes: z.tuple([z.literal('privateChannels'), z.literal('sharedChannels')]),
  supportsChannelFeatures: z.literal('tier1'),
  validDomains: z.array(host).length(1),
  webApplicationInfo: z.strictObject({ id: guid }).optional(),
});
export type TeamsManifest = z.infer<typeof TeamsManifest>;

type OptionName = Exclude<keyof PackageOptions, 'webApplicationInfo'>;

const FLAGS: Record<OptionName, string> = {
  appId: '--app-id',
  host: '--host',
  name: '--name',
  version: '--version',
  developer: '--developer',
  website: '--website',
  privacy: '--privacy',
  terms: '--terms',
  out: '--out',
};

/** The placeholder in the template that each option fills. */
const PLACEHOLDERS = {
  APP_ID: 'appId',
  HOST: 'host',
  NAME: 'name',
  VERSION: 'version',
  DEVELOPER: 'developer',
  WEBSITE: 'website',
  PRIVACY: 'privacy',
  TERMS: 'terms',
} as const satisfies Record<string, OptionName>;

/** Which option a manifest field comes from, for the message. */
function optionAt(path: readonly PropertyKey[]): OptionName | null {
  const [first, second] = path;
  if (first === 'id' || first === 'webApplicationInfo' || (first === 'bots' && path[2] === 'botId')) return 'appId';
  if (first === 'validDomains') return 'host';
  if (first === 'name') return 'name';
  if (first === 'version') return 'version';
  if (first === 'developer') {
    return ({ name: 'developer', websiteUrl: 'website', privacyUrl: 'privacy', termsOfUseUrl: 'terms' } as const)[second as string] ?? null;
  }
  return null;
}

const MISSING: Partial<Record<OptionName, string>> = {
  appId: "Say which bot the app is: --app-id <the Azure Bot's Microsoft App ID>, e.g. --app-id 00000000-0000-0000-0000-000000000000.",
  host: 'Say where the bot is: --host <its public host name>, e.g. --host actions.example.org.',
  developer: 'Say who publishes the app: --developer <organisation>, e.g. --developer "Dorset Council".',
  website: "Give the publisher's website: --website <https address>, e.g. --website https://www.example.gov.uk.",
  privacy: 'Give the privacy notice that covers the app: --privacy <https address>, e.g. --privacy https://www.example.gov.uk/privacy.',
  terms: 'Give the terms of use: --terms <https address>, e.g. --terms https://www.example.gov.uk/terms.',
  out: 'Say where to write the package: --out <file.zip>, e.g. --out partnership-actions.zip.',
};

export async function packageCommand(options: PackageOptions, io: CommandIo, manifestDir = MANIFEST_DIR): Promise<number> {
  const given = {
    ...PACKAGE_DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, (v as string).trim()])),
  } as Partial<Record<OptionName, string>>;

  // One message per option (the first thing wrong with it), in the order of --help; then the template's own.
  const problems = new Map<OptionName, string>();
  for (const option of Object.keys(MISSING) as OptionName[]) if (!given[option]) problems.set(option, MISSING[option]!);
  if (given.out) {
    const problem = await outProblem(given.out);
    if (problem !== null) problems.set('out', problem);
  }

  let files: { template: Buffer; color: Buffer; outline: Buffer };
  try {
    files = await readPackageFiles(manifestDir);
  } catch (error) {
    if (!(error instanceof PackageFileProblem)) throw error;
    io.err(error.message);
    return 2;
  }

  const values = { ...given, appId: given.appId?.toLowerCase(), host: given.host?.toLowerCase() };
  const filled = fill(JSON.parse(files.template.toString('utf8')) as unknown, values) as Record<string, unknown>;
  if (options.webApplicationInfo) filled.webApplicationInfo = { id: values.appId ?? '' };

  const checked = TeamsManifest.safeParse(filled);
  const templateProblems: string[] = [];
  for (const issue of checked.error?.issues ?? []) {
    const option = optionAt(issue.path);
    if (option === null) templateProblems.push(`${join(manifestDir, 'manifest.template.json')}: ${issue.path.join('.')} ${issue.message}`);
    else if (!problems.has(option)) problems.set(option, `${FLAGS[option]} "${given[option]}" ${issue.message}`);
  }
  if (problems.size > 0 || !checked.success) {
    const inOrder = (Object.keys(FLAGS) as OptionName[]).flatMap((option) => problems.get(option) ?? []);
    return fail([...inOrder, ...templateProblems], io);
  }
  const manifest = checked.data;

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file(ICONS.color.file, files.color);
  zip.file(ICONS.outline.file, files.outline);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });

  const out = given.out!;
  try {
    await writeFile(out, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail([`Cannot write ${out}: ${code === 'EACCES' ? 'permission denied' : (error as Error).message}.`], io);
  }
  io.out(
    `Wrote ${out}: ${manifest.name.short} ${manifest.version}, app and bot id ${manifest.id}, bot at ${manifest.validDomains[0]}. ` +
      'Upload it in the Teams admin centre (Teams apps > Manage apps > Upload new app) or in Teams (Apps > Manage your apps > Upload an app); see docs/install-in-teams.md.',
  );
  return 0;
}

function fail(problems: readonly string[], io: CommandIo): number {
  for (const problem of problems) io.err(problem);
  return 1;
}

async function outProblem(out: string): Promise<string | null> {
  if (extname(out).toLowerCase() !== '.zip') return `--out "${out}" must name a .zip file, the package Teams uploads, e.g. --out partnership-actions.zip.`;
  const folder = dirname(resolve(out));
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) return `Cannot write ${out}: the folder ${folder} does not exist.`;
  const existing = await stat(out).catch(() => null);
  if (existing?.isDirectory()) return `Cannot write ${out}: it is a folder.`;
  return null;
}

/** A file of the app package missing or wrong in `manifest/`: the installation is broken, not the input. */
class PackageFileProblem extends Error {}

async function readPackageFiles(dir: string): Promise<{ template: Buffer; color: Buffer; outline: Buffer }> {
  const read = (file: string) =>
    readFile(join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      throw new PackageFileProblem(`The app package's ${file} is missing from ${dir} (${error.code ?? error.message}): reinstall partnership-actions.`);
    });
  const files = { template: await read('manifest.template.json'), color: await read(ICONS.color.file), outline: await read(ICONS.outline.file) };
  for (const kind of ['color', 'outline'] as const) {
    const { file, size } = ICONS[kind];
    const found = pngSize(files[kind]);
    if (found?.width !== size || found.height !== size) {
      throw new PackageFileProblem(`${join(dir, file)} is not a ${size}×${size} PNG: make it again with node manifest/make-icons.mjs.`);
    }
  }
  return files;
}

/** Replaces each `{{PLACEHOLDER}}` in the template's strings with its value; the values are never parsed as JSON. */
function fill(node: unknown, values: Partial<Record<OptionName, string | undefined>>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => {
      const option = PLACEHOLDERS[key as keyof typeof PLACEHOLDERS] as OptionName | undefined;
      if (option === undefined) throw new Error(`manifest.template.json has an unknown placeholder {{${key}}}`);
      return values[option] ?? '';
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  return node;
}

/** Width and height from a PNG's IHDR chunk; null for anything that is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
