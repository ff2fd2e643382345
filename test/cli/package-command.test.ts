import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_DIR, packageCommand, TeamsManifest, type PackageOptions } from '../../src/cli/package-command.js';
import { COMMANDS } from '../../src/teams/commands.js';
import { runCli } from './run-cli.js';

const APP_ID = '6f1a2b3c-0d4e-4f50-8a6b-7c8d9e0f1a2b';
const GOOD = {
  appId: APP_ID,
  host: 'actions.example.org',
  developer: 'Dorset Council',
  website: 'https://www.example.gov.uk',
  privacy: 'https://www.example.gov.uk/privacy',
  terms: 'https://www.example.gov.uk/terms',
} satisfies PackageOptions;

/** The official v1.25 schema, as @microsoft/app-manifest (the Teams Toolkit's package) ships it. */
async function officialSchema(): Promise<object> {
  const root = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  return JSON.parse(await readFile(join(root, 'build/json-schemas/teams/v1.25/MicrosoftTeams.schema.json'), 'utf8')) as object;
}

async function packageWith(options: PackageOptions): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await packageCommand(options, { out: (t) => out.push(t), err: (t) => err.push(t), width: 120 });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

type Manifest = TeamsManifest;

async function openPackage(file: string): Promise<{ names: string[]; manifest: Manifest; color: Buffer; outline: Buffer }> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const read = (name: string) => zip.file(name)!.async('nodebuffer');
  return {
    names: Object.keys(zip.files).sort(),
    manifest: JSON.parse((await read('manifest.json')).toString('utf8')) as Manifest,
    color: await read('color.png'),
    outline: await read('outline.png'),
  };
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe('partnership-actions package', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pa-package-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('a good package', () => {
    let zip: Awaited<ReturnType<typeof openPackage>>;
    let result: Awaited<ReturnType<typeof packageWith>>;
    beforeAll(async () => {
      const out = join(dir, 'partnership-actions.zip');
      result = await packageWith({ ...GOOD, appId: APP_ID.toUpperCase(), version: '1.2.0', out });
      zip = await openPackage(out);
    });

    it('says what it wrote and holds manifest.json and the two icons at its root, nothing else', () => {
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(/^Wrote .*partnership-actions\.zip: Partnership Actions 1\.2\.0, app and bot id 6f1a2b3c-0d4e-4f50-8a6b-7c8d9e0f1a2b, bot at actions\.example\.org\. Upload it/);
      expect(zip.names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    });

    it('has the app id as the app id and the bot id, the host as its only valid domain, and the options given', () => {
      const m = zip.manifest;
      expect(m.id).toBe(APP_ID);
      expect(m.bots[0]!.botId).toBe(APP_ID);
      expect(m.validDomains).toEqual(['actions.example.org']);
      expect(m).toMatchObject({
        manifestVersion: '1.25',
        $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
        version: '1.2.0',
        name: { short: 'Partnership Actions', full: 'Partnership Actions' },
        developer: { name: 'Dorset Council', websiteUrl: GOOD.website, privacyUrl: GOOD.privacy, termsOfUseUrl: GOOD.terms },
        icons: { color: 'color.png', outline: 'outline.png' },
        bots: [{ scopes: ['personal', 'team'], supportsFiles: true, isNotificationOnly: false }],
        supportedChannelTypes: ['privateChannels', 'sharedChannels'],
        supportsChannelFeatures: 'tier1',
      });
      expect(m).not.toHaveProperty('webApplicationInfo');
      expect(JSON.stringify(m)).not.toMatch(/\{\{/);
    });

    it('passes the zod schema of the fields we set (limits: name 30, short description 80, full 4000, commands)', () => {
      expect(TeamsManifest.safeParse(zip.manifest).error?.issues).toBeUndefined();
      expect(zip.manifest.description.short.length).toBeLessThanOrEqual(80);
      expect(zip.manifest.description.full.length).toBeLessThanOrEqual(4000);
    });

    it("passes Microsoft's own v1.25 JSON schema", async () => {
      const ajv = new Ajv04.default({ allErrors: true, strict: false });
      addFormats.default(ajv, ['uri', 'email', 'regex']);
      const validate = ajv.compile(await officialSchema());
      expect(validate(zip.manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });

    it('lists the typed commands of src/teams/commands.ts: each one in a chat (import plan only there), summary, link, meetings, role and chase only in a channel, setup in both', () => {
      const lists = Object.fromEntries(zip.manifest.bots[0]!.commandLists.map((l) => [l.scopes.join(), l.commands]));
      expect(Object.keys(lists).sort()).toEqual(['personal', 'team']);
      // What a person sends after choosing the command: the title, or the description's example where it takes an argument.
      const typed = (c: { title: string; description: string }) => /e\.g\. (.+)$/.exec(c.description)?.[1] ?? c.title;
      const commandOf = (c: { title: string; description: string }) => {
        const matching = Object.entries(COMMANDS).filter(([, pattern]) => pattern.test(typed(c)));
        expect(matching, `${c.title}: ${typed(c)}`).toHaveLength(1);
        return matching[0]![0];
      };
      expect(lists.personal!.map(commandOf)).toEqual(['myActions', 'update', 'overdue', 'due', 'history', 'summary', 'importPlan', 'setup', 'help']);
      expect(lists.team!.map(commandOf)).toEqual(['summary', 'link', 'meetings', 'role', 'setup', 'chase', 'myActions', 'update', 'help']);
      expect(lists.team!.map((c) => c.title)).toEqual(['summary', 'link', 'meetings', 'role', 'setup', 'chase', 'my actions', 'update', 'help']);
      expect(typed(lists.team![3]!)).toBe('role Housing Manager @Alex Hale');
      expect(typed(lists.team![1]!)).toBe('link purbeck-pcg');
      expect(typed(lists.team![2]!)).toBe('meetings add 15 January 2pm');
      expect(typed(lists.personal![1]!)).toBe('2.3 done');
      expect(typed(lists.team![7]!)).toBe('update 2.3 amber - venue not confirmed');
    });

    it('carries the icons in manifest/ unchanged', async () => {
      expect(zip.color.equals(await readFile(join(MANIFEST_DIR, 'color.png')))).toBe(true);
      expect(zip.outline.equals(await readFile(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
    });
  });

  it('adds webApplicationInfo with the app id only when asked', async () => {
    const out = join(dir, 'with-web-app-info.zip');
    expect((await packageWith({ ...GOOD, webApplicationInfo: true, out })).code).toBe(0);
    const { manifest } = await openPackage(out);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID });
  });

  describe('icons', () => {
    const decode = async (file: string) => PNG.sync.read(await readFile(join(MANIFEST_DIR, file)));

    it('color.png is 192×192 in full colour', async () => {
      const png = await decode('color.png');
      expect([png.width, png.height]).toEqual([192, 192]);
      const colours = new Set<string>();
      for (let i = 0; i < png.data.length; i += 4) {
        expect(png.data[i + 3]).toBe(255);
        colours.add(png.data.subarray(i, i + 3).join());
      }
      // The accent background, the board, the green, amber and red statuses at least.
      for (const hex of ['1f6f8b', 'ffffff', '2e8b57', 'e8a317', 'c8393b']) expect(colours).toContain([0, 2, 4].map((j) => Number.parseInt(hex.slice(j, j + 2), 16)).join());
    });

    it('outline.png is 32×32, every pixel opaque white or fully transparent, and has both', async () => {
      const png = await decode('outline.png');
      expect([png.width, png.height]).toEqual([32, 32]);
      let white = 0;
      let clear = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b, a] = png.data.subarray(i, i + 4);
        if (a === 0) clear++;
        else if (r === 255 && g === 255 && b === 255 && a === 255) white++;
        else throw new Error(`outline.png pixel ${i / 4} is rgba(${r}, ${g}, ${b}, ${a}): only white or transparent is allowed`);
      }
      expect(white).toBeGreaterThan(50);
      expect(clear).toBeGreaterThan(50);
    });

    it('are what manifest/make-icons.mjs draws', async () => {
      const fresh = join(dir, 'icons');
      await promisify(execFile)('node', [join(MANIFEST_DIR, 'make-icons.mjs'), fresh]);
      for (const file of ['color.png', 'outline.png']) {
        const made = PNG.sync.read(await readFile(join(fresh, file)));
        expect(made.data.equals((await decode(file)).data), `${file} differs from what make-icons.mjs draws`).toBe(true);
      }
    });
  });

  it.each<[string, PackageOptions, string]>([
    ['an app id that is not a GUID', { appId: 'abc' }, `--app-id "abc" is not a GUID: give the Azure Bot's Microsoft App ID, e.g. 00000000-0000-0000-0000-000000000000`],
    ['a host given as a URL', { host: 'https://actions.example.org/api/messages' }, '--host "https://actions.example.org/api/messages" must be the host name alone, without https://, a port or a path, e.g. actions.example.org'],
    ['a host with a port', { host: 'actions.example.org:3978' }, '--host "actions.example.org:3978" must be the host name alone, without https://, a port or a path, e.g. actions.example.org'],
    ['a host that is not public', { host: 'localhost' }, `--host "localhost" is not a public host name: give the host people's Teams reaches the bot at, e.g. actions.example.org`],
    ['a host with a space', { host: 'actions example.org' }, `--host "actions example.org" is not a public host name: give the host people's Teams reaches the bot at, e.g. actions.example.org`],
    ['a name over 30 characters', { name: 'Community Safety Partnership Actions' }, '--name "Community Safety Partnership Actions" is longer than 30 characters, the most Teams shows: e.g. "Partnership Actions"'],
    ['an empty name', { name: '  ' }, '--name "" is empty: give the name people see, e.g. "Partnership Actions"'],
    ['a version with two numbers', { version: '1.0' }, '--version "1.0" is not a version Teams accepts: three numbers, e.g. 1.0.0 (raise it each time you upload a changed package)'],
    ['a pre-release version', { version: '1.0.0-beta' }, '--version "1.0.0-beta" is not a version Teams accepts: three numbers, e.g. 1.0.0 (raise it each time you upload a changed package)'],
    ['a developer over 32 characters', { developer: 'Purbeck Community Safety Partnership' }, '--developer "Purbeck Community Safety Partnership" is longer than 32 characters, the most Teams allows'],
    ['a website on http', { website: 'http://www.example.gov.uk' }, '--website "http://www.example.gov.uk" is not https: Teams needs an https address, e.g. https://www.example.gov.uk'],
    ['a privacy notice without a scheme', { privacy: 'www.example.gov.uk/privacy' }, '--privacy "www.example.gov.uk/privacy" is not a web address: give the whole https address, e.g. https://www.example.gov.uk/privacy'],
    ['terms that are not an address', { terms: 'see intranet' }, '--terms "see intranet" is not a web address: give the whole https address, e.g. https://www.example.gov.uk/terms'],
    ['an output that is not a zip', { out: 'package.txt' }, '--out "package.txt" must name a .zip file, the package Teams uploads, e.g. --out partnership-actions.zip.'],
    ['an output folder that is not there', { out: '/no/such/folder/app.zip' }, 'Cannot write /no/such/folder/app.zip: the folder /no/such/folder does not exist.'],
    ['no app id', { appId: undefined }, "Say which bot the app is: --app-id <the Azure Bot's Microsoft App ID>, e.g. --app-id 00000000-0000-0000-0000-000000000000."],
    ['no host', { host: undefined }, 'Say where the bot is: --host <its public host name>, e.g. --host actions.example.org.'],
    ['no developer', { developer: undefined }, 'Say who publishes the app: --developer <organisation>, e.g. --developer "Dorset Council".'],
    ['no website', { website: undefined }, "Give the publisher's website: --website <https address>, e.g. --website https://www.example.gov.uk."],
    ['no privacy notice', { privacy: undefined }, 'Give the privacy notice that covers the app: --privacy <https address>, e.g. --privacy https://www.example.gov.uk/privacy.'],
    ['no terms', { terms: undefined }, 'Give the terms of use: --terms <https address>, e.g. --terms https://www.example.gov.uk/terms.'],
  ])('stops with exit code 1, says why and writes nothing for %s', async (_case, bad, message) => {
    const out = bad.out ?? join(dir, `bad-${_case.replace(/\W+/g, '-')}.zip`);
    const result = await packageWith({ ...GOOD, out, ...bad });
    expect(result).toEqual({ code: 1, out: '', err: message });
    expect(await exists(out)).toBe(false);
  });

  it('lists every problem at once, one line per option, in the order of --help', async () => {
    const out = join(dir, 'many.zip');
    const result = await packageWith({ appId: 'abc', version: 'v1', website: 'http://a.example', out });
    expect(result.code).toBe(1);
    expect(result.err.split('\n').map((line) => /--[a-z-]+/.exec(line)?.[0])).toEqual([
      '--app-id',
      '--host',
      '--version',
      '--developer',
      '--website',
      '--privacy',
      '--terms',
    ]);
    expect(await exists(out)).toBe(false);
  });

  describe('through the command line (the built bin)', () => {
    it('writes the package', async () => {
      const out = join(dir, 'cli.zip');
      const flags = Object.entries(GOOD).flatMap(([key, value]) => [`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, value]);
      const run = await runCli({}, 'package', ...flags, '--name', 'CSP Actions', '--version', '2.0.1', '--out', out);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const { manifest, names } = await openPackage(out);
      expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
      expect(manifest).toMatchObject({ id: APP_ID, version: '2.0.1', name: { short: 'CSP Actions' }, validDomains: ['actions.example.org'] });
    });

    it('exits 1 with the message for a bad option, and writes nothing', async () => {
      const out = join(dir, 'cli-bad.zip');
      const run = await runCli({}, 'package', '--app-id', 'abc', '--host', 'actions.example.org', '--developer', 'Dorset Council', '--website', GOOD.website, '--privacy', GOOD.privacy, '--terms', GOOD.terms, '--out', out);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr.trim()).toBe(`--app-id "abc" is not a GUID: give the Azure Bot's Microsoft App ID, e.g. 00000000-0000-0000-0000-000000000000`);
      expect(await exists(out)).toBe(false);
    });
  });
});
