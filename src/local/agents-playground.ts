import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalOnly } from './dev-dependencies.js';

/**
 * The Microsoft 365 Agents Playground as the local Teams client: it emulates
 * Teams and the Bot Connector on one loopback port. Its HTTP API is
 * undocumented, so the package version is pinned in package.json.
 */

export type PlaygroundUser = {
  /** The Teams user id the bot sees as `from.id`, e.g. `user-id-lead`. */
  id: string;
  name: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
  userPrincipalName: string;
};

export type PlaygroundOptions = {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  appEndpoint: string;
  tenantId: string;
  /** Who the messages come from: the Playground always sends as this user. */
  currentUser: PlaygroundUser;
  /** Everyone else in the tenant, group chat and team: the Playground demands exactly five, none of them the current user. */
  users: readonly PlaygroundUser[];
  bot?: { id: string; name: string };
  team?: { id: string; name: string; aadGroupId: string; channel?: { id: string; name: string } };
  personalChatId?: string;
  groupChat?: { id: string; name: string };
  /** The environment the child starts from (the composition root passes its own, from config). */
  env: Readonly<Record<string, string | undefined>>;
  /** Default: a free loopback port. */
  port?: number;
  startTimeoutMs?: number;
};

export type PlaygroundIds = { personalChatId: string; groupChatId: string; teamId: string; channelId: string | null; botId: string };

export type RunningPlayground = {
  /** http://127.0.0.1:PORT: the UI and every API. */
  url: string;
  ids: PlaygroundIds;
  workDir: string;
  logFile: string;
  stop(): Promise<void>;
};

export const PLAYGROUND_USER_COUNT = 5;

const DEFAULTS = {
  bot: { id: '00000000-0000-0000-0000-00000000b071', name: 'Partnership Actions' },
  personalChatId: 'personal-chat-id',
  groupChat: { id: 'group-chat-id', name: 'Partnership group chat' },
  team: { id: 'team-id', name: 'Community Safety Partnership', aadGroupId: '00000000-0000-0000-0000-000000000031', channel: { id: 'channel-pcg-id', name: 'PCG' } },
};

function user(u: PlaygroundUser) {
  // The Playground's schema spells it "userPrincipleName".
  return { id: u.id, name: u.name, userPrincipleName: u.userPrincipalName, aadObjectId: u.aadObjectId, givenName: u.givenName, surname: u.surname, email: u.email };
}

/**
 * The `.m365agentsplayground.yml` content. JSON is YAML, and the Playground
 * rejects the whole file over one unknown or missing field (then exits
 * quietly), so it is built from typed values and checked here first.
 */
export function playgroundConfig(options: PlaygroundOptions): string {
  if (options.users.length !== PLAYGROUND_USER_COUNT) {
    throw new Error(`The Agents Playground needs exactly ${PLAYGROUND_USER_COUNT} users besides the current user; got ${options.users.length}.`);
  }
  const ids = [options.currentUser, ...options.users].map((u) => u.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) throw new Error(`The Agents Playground needs distinct user ids (current user included); "${repeated}" appears twice.`);
  const team = options.team ?? DEFAULTS.team;
  const config = {
    version: '0.1.1',
    tenantId: options.tenantId,
    bot: options.bot ?? DEFAULTS.bot,
    currentUser: user(options.currentUser),
    users: options.users.map(user),
    personalChat: { id: options.personalChatId ?? DEFAULTS.personalChatId },
    groupChat: options.groupChat ?? DEFAULTS.groupChat,
    team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId, channels: team.channel ? [team.channel] : [] },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * The Playground listens on every interface with no option to change it. This
 * preload, given to its Node process, makes a `listen()` without a host bind
 * to loopback only, and ends the Playground with its parent.
 */
export const LOOPBACK_PRELOAD = `'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (args.length === 0 || typeof first === 'function') args.unshift(0, '127.0.0.1');
  else if (typeof first === 'number' || (typeof first === 'string' && /^\\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && first.port !== undefined && first.host === undefined && first.path === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
// Started with an IPC channel: when the parent goes, however it goes, so does the Playground.
if (typeof process.send === 'function') process.on('disconnect', () => process.exit(0));
`;

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.listen(0, '127.0.0.1', resolve).once('error', reject));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-20).join('\n');
}

async function waitForPong(url: string, child: ChildProcess, deadline: number, logFile: string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The Agents Playground exited (${child.exitCode ?? child.signalCode}) before it was ready. Its log ${logFile} ends:\n${await tail(logFile)}`);
    }
    const pong = await fetch(`${url}/_debug/ping`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.text())
      .catch(() => '');
    if (pong.trim() === 'pong') return;
    if (Date.now() > deadline) throw new Error(`The Agents Playground did not answer ${url}/_debug/ping in time. Its log ${logFile} ends:\n${await tail(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const cli = resolveLocalOnly('playground', 'cli.js');
  const config = playgroundConfig(options);
  const workDir = await mkdtemp(join(tmpdir(), 'agents-playground-'));
  const logFile = join(workDir, 'playground.log');
  const preload = join(workDir, 'loopback.cjs');
  await writeFile(join(workDir, '.m365agentsplayground.yml'), config);
  await writeFile(preload, LOOPBACK_PRELOAD);

  const port = options.port ?? (await freeLoopbackPort());
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    // Set by us alone: a test runner's loaders must not reach the child, and the preload must reach any Node it starts.
    NODE_OPTIONS: `--require ${JSON.stringify(preload)}`,
    // Without it the telemetry SDK calls Azure's metadata address even with --disable-telemetry.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  });
  const child = spawn(
    process.execPath,
    [cli, 'start', '--app-endpoint', options.appEndpoint, '--channel-id', 'msteams', '--port', String(port), '--disable-telemetry'],
    { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );

  // If the port is taken it silently picks another and says so.
  let actualPort = port;
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
    const m = /Listening on (\d+)/.exec(output);
    if (m) actualPort = Number(m[1]);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    }
    await rm(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  try {
    while (!/Listening on \d+/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitForPong(`http://127.0.0.1:${actualPort}`, child, deadline, logFile);
  } catch (error) {
    await stop();
    throw error;
  }

  const team = options.team ?? DEFAULTS.team;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    ids: {
      personalChatId: options.personalChatId ?? DEFAULTS.personalChatId,
      groupChatId: (options.groupChat ?? DEFAULTS.groupChat).id,
      teamId: team.id,
      channelId: team.channel?.id ?? null,
      botId: (options.bot ?? DEFAULTS.bot).id,
    },
    workDir,
    logFile,
    stop,
  };
}
