import { ActivityTypes, type Activity, type ConversationReference as BotConversationReference, type TurnContext } from 'botbuilder';
import type { AdaptiveCard, TurnState } from '@microsoft/teams-ai';
// Application from its own module: the package's index also loads its AI planners, models and moderators (a third of its start-up).
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import type { ConversationReference } from '../domain/partnership.js';
import type { BotLogger, BotUseCases, ConversationPorts, ConversationScope } from './bot-ports.js';
import { isFromTenant, tenantOf } from './activity-facts.js';
import { CheckedAdapter } from './checked-adapter.js';
import { noticeCard, type CardDeps } from './card-handler.js';
import { registerCommands } from './commands.js';
import { registerConversationEvents, rememberFromMessage } from './conversation-events.js';
import type { ProactiveView } from './card-views.js';
import { cancelLink } from './cancel-link.js';
import { confirmLink } from './confirm-link.js';
import { createBody } from './create-body.js';
import { openSetup } from './open-setup.js';
import { openUpdate } from './open-update.js';
import { proactiveActivity } from './proactive-activity.js';
import { cancelPlanUpload, importMeetingsUpload, importPlanUpload, previewPlanUploadFor, rereadPlanUpload } from './plan-upload-cards.js';
import { registerPlanFileUpload } from './receive-plan-file.js';
import { recordUpdate } from './record-update.js';
import { refreshMyActions } from './refresh-my-actions.js';
import { openFromDigest } from './open-from-digest.js';
import { refreshDigest } from './refresh-digest.js';
import { refreshUpdate } from './refresh-update.js';
import { saveSetup } from './save-setup.js';
import { sendUpdateCard } from './send-update-card.js';
import { showSummary } from './show-summary.js';
import { closeAtYearEnd } from './close-at-year-end.js';
import { undoUpdate } from './undo-update.js';
import { TEXT } from './user-text.js';
import { VERBS, type VerbName } from './verbs.js';

/**
 * How the bot proves itself to the Bot Connector. `none` is for the local
 * Agents Playground only: it sends and accepts no tokens, and the bot must
 * then have an empty app id.
 */
export type BotAuth =
  | { kind: 'none' }
  | { kind: 'secret'; appId: string; password: string }
  | { kind: 'certificate'; appId: string; thumbprint: string; privateKeyPem: string }
  /** A user-assigned managed identity: `appId` is its client id. */
  | { kind: 'managed-identity'; appId: string };

/**
 * Where tokens' signing keys are published. Unset: the Bot Framework's
 * public cloud (login.botframework.com). Tests point it at a stand-in on
 * 127.0.0.1, so every token check runs as in production with no network.
 */
export type BotFrameworkKeys = { openIdMetadataUrl: string };

export type BotOptions = {
  /** The partnership's Entra tenant: activities from any other tenant are refused. */
  tenantId: string;
  keys?: BotFrameworkKeys;
  /** IANA zone dates and times are shown in when a view names none (a body's own zone wins), e.g. Europe/London. */
  timeZone: string;
  auth: BotAuth;
  useCases: BotUseCases;
  conversations: ConversationPorts;
  log: BotLogger;
};

export type SendProactive = (reference: ConversationReference, activity: Partial<Activity>, scope?: ConversationScope) => Promise<{ id: string | null }>;

/** Sends what the scheduler asked for, rendered as this layer renders it (see proactive-activity.ts). */
export type SendView = (reference: ConversationReference, view: ProactiveView, scope?: ConversationScope) => Promise<{ id: string | null }>;

export type Bot = {
  adapter: CheckedAdapter;
  app: Application<TurnState>;
  /** The turn logic the HTTP endpoint hands to the adapter: tenant check, then the app. */
  logic: (context: TurnContext) => Promise<void>;
  sendProactive: SendProactive;
  sendView: SendView;
  /** Verbs with a card route, for the test that every verb in `cards/` has one. */
  routedVerbs: ReadonlySet<VerbName>;
};

/**
 * A proactive send Teams did not accept. `reported`: the loss of the
 * conversation has been reported (a 403: the person is marked unreachable
 * and the chair told), so the caller need not tell anyone again.
 * `retryAfterMs`: a 429's Retry-After, when Teams gave one.
 */
export class ProactiveSendError extends Error {
  readonly reported: boolean;
  readonly retryAfterMs: number | null;
  constructor(
    readonly code: 'send-forbidden' | 'send-failed',
    message: string,
    readonly status: number | null,
    options: { cause: unknown; retryAfterMs?: number | null },
  ) {
    super(message, options);
    this.name = 'ProactiveSendError';
    this.reported = code === 'send-forbidden';
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** The public cloud's settings with the key locations replaced: botbuilder takes all of them or none. */
function keysAt(keys: BotFrameworkKeys | undefined): Record<string, string> {
  if (keys === undefined) return {};
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: keys.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: keys.openIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}

function adapterFor(auth: BotAuth, tenantId: string, keys: BotFrameworkKeys | undefined): CheckedAdapter {
  switch (auth.kind) {
    case 'none':
      return new CheckedAdapter({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
    case 'secret':
      return new CheckedAdapter({ ...keysAt(keys), MicrosoftAppType: 'SingleTenant', MicrosoftAppId: auth.appId, MicrosoftAppPassword: auth.password, MicrosoftAppTenantId: tenantId });
    case 'certificate':
      return new CheckedAdapter({
        ...keysAt(keys),
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppId: auth.appId,
        MicrosoftAppTenantId: tenantId,
        CertificateThumbprint: auth.thumbprint,
        CertificatePrivateKey: auth.privateKeyPem,
      });
    case 'managed-identity':
      return new CheckedAdapter({ ...keysAt(keys), MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: auth.appId, MicrosoftAppTenantId: tenantId });
  }
}

async function refuseOtherTenant(context: TurnContext, log: BotLogger): Promise<void> {
  const activity = context.activity;
  log.warn('refused an activity from another tenant', { tenant: tenantOf(activity), type: activity.type, name: activity.name, activityId: activity.id });
  if (activity.type === ActivityTypes.Message) {
    await context.sendActivity(TEXT.otherTenant);
  } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: noticeCard('Not allowed', TEXT.otherTenant) } },
    });
  } else if (activity.type === ActivityTypes.Invoke) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
  }
}

function statusCodeOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** A 429's Retry-After (seconds or an HTTP date) from the connector's error response, in milliseconds. */
function retryAfterOf(error: unknown, now: number): number | null {
  const headers = (error as { response?: { headers?: { get?: (name: string) => unknown } } } | null)?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createBot(options: BotOptions): Bot {
  const { tenantId, log } = options;
  const adapter = adapterFor(options.auth, tenantId, options.keys);
  const appId = options.auth.kind === 'none' ? '' : options.auth.appId;
  adapter.onTurnError = async (context, error) => {
    log.error('turn failed', { activityId: context.activity.id, type: context.activity.type, error: error.stack ?? error.message });
  };
  const app = new Application<TurnState>({
    adapter,
    botAppId: appId,
    // Replies here take milliseconds; the typing timer would cost a connector call per message.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });

  const deps: CardDeps = {
    useCases: options.useCases,
    tenantId,
    timeZone: options.timeZone,
    log,
    // Late-bound: the proactive sender is defined below.
    sendPrivately: async (reference, activity) => void (await sendProactive(reference, activity, 'personal')),
  };
  const routes: Record<VerbName, (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard | string>> = {
    openUpdate: openUpdate(deps),
    sendUpdateCard: sendUpdateCard(deps),
    recordUpdate: recordUpdate(deps),
    refreshUpdate: refreshUpdate(deps),
    undoUpdate: undoUpdate(deps),
    refreshMyActions: refreshMyActions(deps),
    openFromDigest: openFromDigest(deps),
    refreshDigest: refreshDigest(deps),
    showSummary: showSummary(deps),
    closeAtYearEnd: closeAtYearEnd(deps),
    confirmLink: confirmLink(deps),
    cancelLink: cancelLink(deps),
    createBody: createBody(deps),
    openSetup: openSetup(deps),
    saveSetup: saveSetup(deps),
    importPlanUpload: importPlanUpload(deps),
    cancelPlanUpload: cancelPlanUpload(deps),
    previewPlanUploadFor: previewPlanUploadFor(deps),
    rereadPlanUpload: rereadPlanUpload(deps),
    importMeetingsUpload: importMeetingsUpload(deps),
  };
  for (const [name, handler] of Object.entries(routes) as Array<[VerbName, (typeof routes)[VerbName]]>) {
    app.adaptiveCards.actionExecute(VERBS[name], handler);
  }
  // Before the commands: a file's message may have no text, or text a command would take.
  registerPlanFileUpload(app, deps);
  registerCommands(app, deps);
  registerConversationEvents(app, { conversations: options.conversations, tenantId, log, welcome: options.useCases.welcome });

  const logic = async (context: TurnContext): Promise<void> => {
    if (!isFromTenant(context.activity, tenantId)) {
      await refuseOtherTenant(context, log);
      return;
    }
    if (context.activity.type === ActivityTypes.Message) await rememberFromMessage(context, { conversations: options.conversations, tenantId, log });
    await app.run(context);
  };

  // The connector client already retries 429 (honouring Retry-After) and 5xx
  // with backoff; a second retry layer here would multiply the calls.
  const sendProactive: SendProactive = async (reference, activity, scope = 'personal') => {
    try {
      let id: string | null = null;
      let failure: { error: unknown } | null = null;
      await adapter.continueConversationAsync(appId, reference as unknown as Partial<BotConversationReference>, async (context) => {
        // The adapter hands a turn's error to onTurnError and returns normally; the caller must see it.
        try {
          id = (await context.sendActivity(activity))?.id ?? null;
        } catch (error) {
          failure = { error };
        }
      });
      if (failure !== null) throw (failure as { error: unknown }).error;
      return { id };
    } catch (error) {
      const status = statusCodeOf(error);
      if (status === 403) {
        await options.conversations
          .reportConversationLost({
            reason: 'send-forbidden',
            place: { scope, conversationId: reference.conversation.id, teamId: null, channelId: null },
            person: null,
            reference,
            detail: 'Teams refused the message (403): the person blocked the bot or removed the app',
          })
          .catch((reportError: unknown) => log.error('could not report a forbidden send', { error: String(reportError) }));
        throw new ProactiveSendError('send-forbidden', `Teams refused a message to conversation ${reference.conversation.id}: the bot is blocked or the app was removed.`, 403, { cause: error });
      }
      throw new ProactiveSendError('send-failed', `Could not send to conversation ${reference.conversation.id}: ${error instanceof Error ? error.message : String(error)}`, status, {
        cause: error,
        retryAfterMs: status === 429 ? retryAfterOf(error, Date.now()) : null,
      });
    }
  };
  const sendView: SendView = (reference, view, scope) => sendProactive(reference, proactiveActivity(view, options.timeZone), scope);

  return { adapter, app, logic, sendProactive, sendView, routedVerbs: new Set(Object.keys(routes) as VerbName[]) };
}
