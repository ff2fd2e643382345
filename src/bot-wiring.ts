import { randomBytes } from 'node:crypto';
import { planUploadUseCases, type PlanUploadSettings } from './app/plan-upload.js';
import type { StatusUpdate, StoredAction } from './domain/action-record.js';
import { DomainError } from './domain/errors.js';
import { isChair, isCoordinator, personKey, roleHolder, type Body, type ConversationReference, type Person } from './domain/partnership.js';
import { chaseProblems, chaseRows, readChaseTexts } from './domain/chase-settings-text.js';
import { isClosed } from './domain/status.js';
import { undoUntil } from './domain/undo-update.js';
import { daysBetween, localTime } from './domain/working-time.js';
import { actionCardView, cardViewers, teamsUserId } from './services/action-card-view.js';
import { actionForUpdate, findActionByRef, locateAction, type ActionToUpdate } from './services/action-for-update.js';
import { actionHistory } from './services/action-history.js';
import { chairSummary, type ChairSummary } from './services/chair-summary.js';
import { requireAdministrator, type ServiceDeps } from './services/deps.js';
import { withBodyCache } from './store/body-cache.js';
import { findBodyByChannel, linkChannel } from './services/link-channel.js';
import { listMyActions } from './services/list-my-actions.js';
import { mapRole } from './services/map-role.js';
import { markUnreachable } from './services/mark-unreachable.js';
import { recordUpdate } from './services/record-update.js';
import { signReportLink } from './services/report-link.js';
import { setChaseSettings } from './services/set-chase-settings.js';
import { setMeetings } from './services/set-meetings.js';
import { bodiesRunBy, DUE_DAYS_AHEAD, watchList } from './services/person-overview.js';
import { undoUpdate } from './services/undo-update.js';
import { mentionNotice } from './teams/proactive-activity.js';
import { refreshChannelReference, rememberConversation } from './services/remember-conversation.js';
import type { BotLogger, BotUseCases, ConversationLost, ConversationPlace, ConversationPorts, ConversationSeen } from './teams/bot-ports.js';
import type { ProactiveView, SummaryView, UpdateFormView, UpdateRecordedView } from './teams/card-views.js';
import type { SendProactive, SendView } from './teams/create-bot.js';
import type { OutboundMessage, ProactiveSender } from './scheduler/outbound.js';

/**
 * The Teams layer's ports, built from the services: each use case calls
 * services and turns their results into the plain views the cards bind to.
 * Kept out of src/teams so the bot never sees the store, and out of the
 * services so they never see a card.
 */

async function updateForm(deps: ServiceDeps, { body, action }: ActionToUpdate): Promise<UpdateFormView> {
  // Teams refreshes a card by itself only for the user ids it lists; anyone else gets a manual Refresh.
  return actionCardView(body, action, await cardViewers(deps, body, action));
}

/** A channel no body is linked to: what to do about it. */
function unlinked(whose: string): DomainError {
  return new DomainError(
    'channel-unlinked',
    `This channel is not linked to a PCG or CSP, so I do not know whose ${whose}. A coordinator or chair of the body links it by mentioning me here with **link** and the body’s id, e.g. **link purbeck-pcg**.`,
  );
}

/** The body a channel is linked to, or the refusal that says how to link it. */
async function linkedBody(deps: ServiceDeps, where: ConversationPlace, whose: string): Promise<Body> {
  const body = await findBodyByChannel(deps, { conversationId: where.conversationId });
  if (body === null) throw unlinked(whose);
  return body;
}

/** Where the summary's download links point: the bot's public address and the secret that signs them. */
export type ReportLinks = { secret: string; publicBaseUrl: () => string };

function leadName(body: Body, lead: string | null): string {
  if (lead === null) return 'no lead named';
  const holder = roleHolder(body, lead);
  return holder === undefined ? lead : `${lead} (${holder.person.displayName})`;
}

/** The summary card's view of a body's summary, with its signed download links. */
function summaryView(deps: ServiceDeps, found: ChairSummary, reports: ReportLinks | null): SummaryView {
  const { body, year, summary: s, bodies } = found;
  // A CSP's rolled-up actions are its PCGs': their refs repeat across PCGs and their leads are the PCG's roles.
  const ref = (line: { bodyId: string; ref: string }) => (line.bodyId === body.id ? line.ref : `${bodies.get(line.bodyId)?.name ?? line.bodyId} ${line.ref}`);
  const lead = (line: { bodyId: string; lead: string | null }) => leadName(bodies.get(line.bodyId) ?? body, line.lead);
  const base = reports?.publicBaseUrl().replace(/\/+$/, '');
  const link = (format: 'docx' | 'xlsx') => `${base}/api/reports/${signReportLink(reports!.secret, { body: body.id, format, year }, deps.clock())}`;
  return {
    timeZone: body.timeZone,
    title: `${body.name}: ${year} plan`,
    asOf: s.asAt,
    meeting: s.meeting,
    total: s.total,
    totals: s.totals,
    priorities: s.priorities.map((p) => ({ number: p.number, title: p.bodyId === body.id ? p.title : `${p.title} (${bodies.get(p.bodyId)?.name ?? p.bodyId})`, counts: p.counts })),
    overdue: s.overdue.map((o) => ({ ref: ref(o), text: o.action, lead: lead(o), deadline: o.due, status: o.status, daysOverdue: o.daysOverdue })),
    notReported: s.notReported.map((n) => ({ lead: leadName(body, n.lead), refs: n.refs })),
    changes: s.changes.map((c) => ({ ref: ref(c), text: c.action, from: c.from, to: c.status, completed: c.completed, revisedDeadline: c.revisedDeadline?.to ?? null })),
    dueBeforeMeeting: s.dueBeforeMeeting.map((d) => ({ ref: ref(d), text: d.action, lead: lead(d), deadline: d.due, status: d.status })),
    downloads:
      // A CSP with no plan of its own has no progress table to export: its PCGs' links are in their channels.
      reports === null || body.currentPlanYear === null
        ? []
        : [
            { title: 'Download the progress table (Word)', url: link('docx') },
            { title: 'Download the progress table (Excel)', url: link('xlsx') },
          ],
  };
}

/** The recorded card's view of an update, with its Undo while it lasts (not for an undo, nor for one that revised the deadline). */
async function recordedView(deps: ServiceDeps, u: StatusUpdate, action: StoredAction, checked: Body | null = null): Promise<UpdateRecordedView> {
  // recordUpdate hands back the body it checked: no second read for a submit.
  const body = checked === null ? await deps.store.readBody(u.bodyId) : { value: checked };
  const undoable = u.source !== 'undo' && u.revisedDeadline === null;
  return {
    ...(body === null ? {} : { timeZone: body.value.timeZone }),
    bodyId: u.bodyId,
    year: u.year,
    ref: u.ref,
    text: action.plan.action,
    status: u.status,
    narrative: u.narrative,
    revisedDeadline: u.revisedDeadline,
    by: u.author.displayName,
    at: u.at,
    undo: undoable ? { updateId: u.id, until: undoUntil(u) } : null,
    undone: u.source === 'undo',
  };
}

/** A chaired body at a glance for `my actions`: its summary's totals and overdue count, as of now. */
async function chairedOverview(deps: ServiceDeps, body: Body) {
  const found = await chairSummary(deps, { bodyId: body.id });
  if (found === null) return null;
  return { bodyName: body.name, total: found.summary.total, counts: found.summary.totals, overdue: found.summary.overdue.length };
}

/**
 * `upload`: where plan files sent in Teams may be fetched from (loopback too
 * in local mode); their preview tokens are signed with the report-link secret.
 */
export function botUseCases(storeDeps: ServiceDeps, reports: ReportLinks | null = null, upload: Omit<PlanUploadSettings, 'secret'> = { mode: 'azure' }): BotUseCases {
  // A card submit reads the body it was opened from moments before: see withBodyCache.
  const deps: ServiceDeps = { ...storeDeps, store: withBodyCache(storeDeps.store) };
  return {
    ...planUploadUseCases(deps, { ...upload, secret: reports?.secret ?? randomBytes(32).toString('base64url') }),
    async listMyActions(person) {
      const groups = await listMyActions(deps, { person });
      const chaired = await Promise.all((await bodiesRunBy(deps, person)).map((b) => chairedOverview(deps, b)));
      return {
        person,
        chaired: chaired.filter((c) => c !== null),
        ...(groups[0] === undefined ? {} : { timeZone: (await deps.store.readBody(groups[0].bodyId))?.value.timeZone ?? 'Europe/London' }),
        actions: groups.flatMap((g) =>
          g.actions
            .filter(({ action }) => !isClosed(action.latest?.status ?? action.plan.status))
            .map(({ action }) => ({
              bodyId: g.bodyId,
              year: g.year,
              ref: action.ref,
              text: action.plan.action,
              deadline: action.revisedDeadline ?? action.plan.deadline,
              deadlineText: action.plan.deadlineText,
              status: action.latest?.status ?? action.plan.status,
              lastUpdatedAt: action.latest?.at ?? null,
            })),
        ),
      };
    },
    async openUpdate(person, key) {
      return updateForm(deps, await actionForUpdate(deps, { person, bodyId: key.bodyId, year: key.year, ref: key.ref }));
    },
    async findActionToUpdate(person, ref) {
      return updateForm(deps, await findActionByRef(deps, { person, ref }));
    },
    async recordUpdate(person, submission) {
      const result = await recordUpdate(deps, {
        bodyId: submission.action.bodyId,
        year: submission.action.year,
        ref: submission.action.ref,
        status: submission.status,
        narrative: submission.narrative,
        revisedDeadline: submission.revisedDeadline,
        author: person,
        source: 'card',
        basedOn: submission.basedOn,
        confirmStale: submission.confirmStale,
        ...(submission.submissionId === null ? {} : { submissionId: submission.submissionId }),
      });
      return recordedView(deps, result.update, result.action, result.body);
    },
    async recordTypedUpdate(person, typed) {
      const { body, year, action } = await findActionByRef(deps, { person, ref: typed.ref });
      const result = await recordUpdate(deps, {
        bodyId: body.id,
        year,
        ref: action.ref,
        status: typed.status,
        narrative: typed.narrative,
        author: person,
        source: 'command',
        ...(typed.submissionId === null ? {} : { submissionId: typed.submissionId }),
      });
      return recordedView(deps, result.update, result.action, result.body);
    },
    async undoUpdate(person, key, updateId) {
      const result = await undoUpdate(deps, { bodyId: key.bodyId, year: key.year, ref: key.ref, updateId, by: person });
      return recordedView(deps, result.update, result.action);
    },
    async history(person, ref) {
      const { body, year, action } = await locateAction(deps, { person, ref });
      const h = await actionHistory(deps, { bodyId: body.id, year, ref: action.ref });
      return {
        timeZone: h.timeZone,
        bodyName: h.bodyName,
        ref: action.ref,
        text: action.plan.action,
        updates: h.updates.map((u) => ({ at: u.at, by: u.author.displayName, status: u.status, narrative: u.narrative, source: u.source, revisedDeadline: u.revisedDeadline })),
      };
    },
    async watchList(person, which) {
      return { which, daysAhead: DUE_DAYS_AHEAD, groups: await watchList(deps, person, which) };
    },
    async chairedBodies(person) {
      return (await bodiesRunBy(deps, person)).map((b) => ({ id: b.id, name: b.name }));
    },
    async personalChat(person) {
      return (await deps.store.readPerson(personKey(person)))?.value.conversation ?? null;
    },
    async summary(person, where, bodyId = null) {
      if (bodyId !== null) {
        const body = (await deps.store.readBody(bodyId))?.value;
        if (body === undefined || !(isChair(body, person) || isCoordinator(body, person))) {
          throw new DomainError('not-allowed', 'That summary is for the body’s chairs and coordinators; in its channel anyone may ask for it with **summary**.');
        }
        const found = await chairSummary(deps, { bodyId });
        if (found === null) throw new DomainError('plan-none', `${body.name} has no plan on record yet, so there is no summary.`);
        return summaryView(deps, found, reports);
      }
      if (where.scope !== 'channel') {
        throw new DomainError('summary-not-here', 'The summary belongs to a partnership’s channel: mention me there with **summary**. Its chairs also get it here, in their chat with me.');
      }
      const found = await chairSummary(deps, { conversationId: where.conversationId });
      if (found === null) throw unlinked('summary to show');
      return summaryView(deps, found, reports);
    },
    async chase(person, where, change) {
      const body = await linkedBody(deps, where, 'settings these are');
      const view = (b: Body, changed: boolean) => ({ bodyName: b.name, timeZone: b.timeZone, rows: chaseRows(b), changed });
      if (change === null) return view(body, false);
      requireAdministrator(body, person, 'change how it is chased');
      const bold = (word: string) => `**${word}**`;
      const read = readChaseTexts(change.texts, bold);
      const problems = chaseProblems(body, read, change.reset, bold);
      if (problems.length > 0) throw new DomainError('input-invalid', `Not changed: ${problems.join(' ')}`, { problems });
      return view(await setChaseSettings(deps, { bodyId: body.id, settings: read.given, reset: change.reset, by: person }), true);
    },
    async mapRole(person, where, roleKey, holder, delegate) {
      const body = await linkedBody(deps, where, 'roles these are');
      const updated = await mapRole(deps, { bodyId: body.id, roleKey, person: holder, delegate, by: person });
      return { bodyName: updated.name, roleKey: updated.roles.find((r) => r.key.toLowerCase() === roleKey.toLowerCase())?.key ?? roleKey };
    },
    async meetings(person, where, set) {
      const body = await linkedBody(deps, where, 'meetings these are');
      const updated = set === null ? body : await setMeetings(deps, { bodyId: body.id, meetings: set, by: person });
      return { bodyName: updated.name, timeZone: updated.timeZone, meetings: updated.meetings, changed: set !== null };
    },
    async linkChannel(person, where, bodyId) {
      const body = await linkChannel(deps, { bodyId, name: where.name, reference: where.reference, by: person });
      return { bodyName: body.name };
    },
  };
}

/** The person a personal conversation is with, from its reference (Teams puts the user there). */
function personOfReference(reference: ConversationReference, tenantId: string): Person | null {
  const user = (reference as { user?: { aadObjectId?: string; name?: string } }).user;
  if (user?.aadObjectId === undefined || user.aadObjectId === '') return null;
  return { tenantId, aadObjectId: user.aadObjectId, displayName: user.name?.trim() || 'Someone' };
}

/**
 * Where the bot keeps its ways in, and what happens when one is lost: the
 * person is marked unreachable and each body's chair is told in its channel.
 * `send` is late-bound: the bot that sends is built after these ports.
 */
export function conversationPorts(deps: ServiceDeps, options: { tenantId: string; send: () => SendProactive; log: BotLogger }): ConversationPorts {
  const { log } = options;
  return {
    async saveConversationReference(seen: ConversationSeen) {
      if (seen.place.scope === 'personal' && seen.person !== null) {
        await rememberConversation(deps, { person: seen.person, reference: seen.reference });
      } else if (seen.place.scope === 'channel') {
        await refreshChannelReference(deps, { conversationId: seen.place.conversationId, reference: seen.reference });
      }
    },
    async reportConversationLost(lost: ConversationLost) {
      const person = lost.person ?? (lost.place.scope === 'personal' ? personOfReference(lost.reference, options.tenantId) : null);
      if (person === null) {
        log.warn('lost a conversation with no person to mark', { reason: lost.reason, conversationId: lost.place.conversationId });
        return;
      }
      const marked = await markUnreachable(deps, { person, reason: lost.reason, detail: lost.detail });
      for (const t of marked.tell) {
        if (t.channel === null) {
          log.warn('a person is unreachable and their body has no linked channel to tell its chair', { body: t.body.id, person: person.aadObjectId });
          continue;
        }
        const chairs = await Promise.all(t.chairs.map(async (c) => ({ id: teamsUserId((await deps.store.readPerson(personKey(c)))?.value.conversation) ?? c.aadObjectId, name: c.displayName })));
        await options
          .send()(t.channel.reference, mentionNotice(t.message, chairs), 'channel')
          .catch((error: unknown) => log.error('could not tell the chair that a person is unreachable', { body: t.body.id, error: String(error) }));
      }
    },
  };
}

/**
 * The scheduler's proactive sender over the bot's: each message as the view
 * the Teams layer renders (the update card with why it came, the escalation
 * card, the summary card as `@bot summary` shows it, or a notice). `send` is
 * late-bound, like the conversation ports': the bot is built after them.
 */
export function schedulerSender(deps: ServiceDeps, options: { send: () => SendView; reports: ReportLinks | null }): ProactiveSender {
  return async (target, message) => {
    const view = await proactiveView(deps, message, options.reports);
    return options.send()(target.reference, view, target.kind === 'person' ? 'personal' : 'channel');
  };
}

async function proactiveView(deps: ServiceDeps, message: OutboundMessage, reports: ReportLinks | null): Promise<ProactiveView> {
  switch (message.kind) {
    case 'prompt':
      return { kind: 'prompt', due: message.due, daysLeft: daysBetween(localTime(new Date(message.scheduledFor), message.body.timeZone).date, message.due), form: message.action };
    case 'reminder':
      return { kind: 'reminder', due: message.due, overdueDays: message.overdueDays, reminder: message.reminder, form: message.action };
    case 'round':
      return { kind: 'round', meeting: message.meeting, bodyName: message.body.name, form: message.action };
    case 'escalation':
      return {
        kind: 'escalation',
        audience: message.to === 'channel' ? 'channel' : 'chair',
        bodyName: message.body.name,
        lead: message.lead === null ? 'no lead named' : message.leadName === null ? message.lead : `${message.lead} (${message.leadName})`,
        due: message.due,
        overdueDays: message.overdueDays,
        unansweredReminders: message.unansweredReminders,
        form: message.action,
      };
    case 'summary': {
      // As of the instant it was due: a tick catching up on a past meeting must not describe today.
      const found = await chairSummary(deps, { bodyId: message.body.id, at: new Date(message.scheduledFor) });
      // A body with no plan has nothing to summarise; the chair hears so rather than nothing.
      if (found === null) return { kind: 'notice', text: `${message.body.name} has no plan on record yet, so there is no summary before its meeting.` };
      return { kind: 'summary', summary: summaryView(deps, found, reports) };
    }
    case 'unreachable':
      return { kind: 'notice', text: message.text };
  }
}
