import { botAuth } from '../teams/bot-auth.js';
import { botUseCases, conversationPorts, schedulerSender } from './bot-wiring.js';
import type { Config } from '../config.js';
import type { ProactiveSender } from '../scheduler/outbound.js';
import type { SchedulerLog } from '../scheduler/scheduler.js';
import type { ServiceDeps } from '../services/deps.js';
import { createBot, type Bot } from '../teams/create-bot.js';

/**
 * The CLI's way into Teams for `tick`: the bot's own adapter with the bot's
 * credentials, not listening, only sending with `continueConversationAsync`
 * (a proactive send needs no inbound endpoint). In local mode it sends
 * without tokens, which only the local Teams client (the Agents Playground)
 * accepts.
 */
export async function cliTeamsSender(config: Config, deps: ServiceDeps, log: SchedulerLog): Promise<ProactiveSender> {
  // With an app id PUBLIC_BASE_URL is required; in local mode the links point where `npm start` listens.
  const reports = { secret: config.reports.secret, publicBaseUrl: () => config.reports.publicBaseUrl ?? `http://127.0.0.1:${config.bot.port}` };
  // Only incoming activities are checked against the tenant, and the CLI receives none; a 403's report names the person from the reference.
  const tenantId = config.bot.tenantId ?? '';
  let bot: Bot | null = null;
  bot = createBot({
    tenantId,
    timeZone: 'Europe/London',
    auth: await botAuth(config),
    useCases: botUseCases(deps, reports),
    conversations: conversationPorts(deps, { tenantId, log, send: () => bot!.sendProactive }),
    log,
  });
  return schedulerSender(deps, { reports, send: () => bot!.sendView });
}
