import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import type { BotAuth } from './create-bot.js';

/** The bot's credentials as the Teams layer takes them: a certificate's private key read from its file. */
export async function botAuth(config: Config): Promise<BotAuth> {
  const auth = config.bot.auth;
  if (auth.kind !== 'certificate') return auth;
  const privateKeyPem = await readFile(auth.privateKeyFile, 'utf8').catch((error: unknown) => {
    throw new Error(`Cannot start: MicrosoftAppCertificateKeyFile ${auth.privateKeyFile} cannot be read (${error instanceof Error ? error.message : String(error)})`);
  });
  return { kind: 'certificate', appId: auth.appId, thumbprint: auth.thumbprint, privateKeyPem };
}
