import WebSocket from 'ws';

/**
 * Drives the Agents Playground through the HTTP API its own UI uses
 * (undocumented; pinned by the package version) and listens to the bot's
 * messages on its WebSocket. Connect before sending: the Playground buffers
 * messages until a client connects, then hands them to whoever connects first.
 */
export type BotMessage = {
  event: 'createMessage' | 'updateMessage';
  conversationId: string;
  message: {
    messageId: string;
    from: { id: string };
    text?: string;
    attachments: Array<{ contentType: string; content: any }>;
    [key: string]: unknown;
  };
};

/** A channel reply lands in the thread: `<channel id>;messageid=<root>` belongs to the channel. */
function inConversation(message: BotMessage, conversationId: string): boolean {
  return message.conversationId === conversationId || message.conversationId.startsWith(`${conversationId};messageid=`);
}

type Waiter = { conversationId: string; match: (m: BotMessage) => boolean; resolve: (m: BotMessage) => void };

export class PlaygroundClient {
  private socket: WebSocket | null = null;
  private readonly seen: BotMessage[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(readonly url: string) {}

  async connect(): Promise<void> {
    const socket = new WebSocket(`${this.url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (raw) => this.receive(raw.toString('utf8')));
    this.socket = socket;
  }

  private receive(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const message of toBotMessages(parsed)) {
      this.seen.push(message);
      for (const waiter of this.waiters) {
        if (inConversation(message, waiter.conversationId) && waiter.match(message)) {
          this.waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
    }
  }

  /** The next (or an already seen, not yet taken) bot message in the conversation that matches. */
  waitForBotMessage(conversationId: string, match: (m: BotMessage) => boolean = () => true, timeoutMs = 10_000): Promise<BotMessage> {
    const index = this.seen.findIndex((m) => inConversation(m, conversationId) && match(m));
    if (index >= 0) return Promise.resolve(this.seen.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        conversationId,
        match,
        resolve: (m) => {
          clearTimeout(timer);
          this.seen.splice(this.seen.indexOf(m), 1);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no bot message in ${conversationId} within ${timeoutMs} ms; seen: ${JSON.stringify(this.seen.map((m) => `${m.conversationId}: ${m.message.text ?? m.message.attachments[0]?.contentType}`))}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Every bot message seen and not yet taken by a wait, taken now: what a tick sent, to count. */
  takeAll(): BotMessage[] {
    return this.seen.splice(0, this.seen.length);
  }

  async sendMessage(conversationId: string, from: { id: string }, text: string, mentions?: unknown[]): Promise<void> {
    await this.post(`/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { from, text, textFormat: 'plain', ...(mentions ? { mentions } : {}) });
  }

  /** An Action.Execute press; answers with the bot's invoke response. */
  async execute(conversationId: string, from: { id: string }, replyToId: string, verb: string, data: Record<string, unknown>): Promise<{ status: number; body: any }> {
    return this.post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      conversation: { id: conversationId },
      from,
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }

  /** Any raw activity into a conversation: the Playground's template for it, with `fields` laid over. */
  async customActivity(conversationId: string, fields: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`);
    if (!res.ok) throw new Error(`activity template for ${conversationId}: ${res.status} ${await res.text()}`);
    await this.post('/_internal/v1/customActivities', { ...((await res.json()) as object), ...fields });
  }

  /**
   * A file sent to the bot, as Teams delivers one in a 1:1 chat: a
   * `file.download.info` attachment naming where to download it. The
   * Playground's message API takes only cards, so it goes in as a raw activity.
   */
  async sendFile(conversationId: string, from: { id: string; name: string; aadObjectId: string }, name: string, downloadUrl: string): Promise<void> {
    await this.customActivity(conversationId, {
      type: 'message',
      text: '',
      from,
      attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl, uniqueId: name, fileType: name.split('.').pop() } }],
    });
  }

  async install(conversationId: string): Promise<void> {
    await this.post(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {});
  }

  private async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`POST ${path}: ${res.status} ${text}`);
    return { status: res.status, body: text === '' ? null : JSON.parse(text) };
  }

  close(): void {
    this.socket?.close();
  }
}

/** The stream's events look like `{action: 'createMessage', actionConversationId, message}`. */
function toBotMessages(event: unknown): BotMessage[] {
  const e = event as { action?: string; actionConversationId?: string; message?: BotMessage['message'] };
  if ((e.action !== 'createMessage' && e.action !== 'updateMessage') || e.message === undefined) return [];
  return [{ event: e.action, conversationId: e.actionConversationId ?? '', message: { ...e.message, attachments: e.message.attachments ?? [] } }];
}
