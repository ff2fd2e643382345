import { DateTime } from 'luxon';
import { previousPlanYear } from '../domain/carry-forward.js';
import { financialYearEnd } from '../domain/deadline.js';
import { localTime } from '../domain/working-time.js';
import { randomBytes } from 'node:crypto';
import { planUploadUseCases, type PlanUploadSettings } from './plan-upload.js';
import { DomainError } from '../domain/errors.js';
import { channelConversationId, lastReportedAt, type EnteredBy, type StatusUpdate, type StoredAction } from '../domain/action-record.js';
import { canAdminister, isChair, isCoordinator, linkToken, personKey, roleHolder, samePerson, type Body, type ConversationReference, type Person } from '../domain/partnership.js';
import { leadToEnterFor, splitLeadName } from '../domain/on-behalf.js';
import { matchRole } from '../domain/role-match.js';
import { roleAssignments } from '../domain/role-setup.js';
import { readTypedUpdate } from '../domain/typed-update.js';
import { peopleWhoMayUpdate, reportersOf } from '../domain/update-rules.js';
import { chaseProblems, chaseRows, readChaseTexts } from '../domain/chase-settings-text.js';
import { isClosed } from '../domain/status.js';
import { undoOffer } from '../domain/undo-update.js';
import { actionCardView, cardViewers, teamsUserId } from '../services/action-card-view.js';
import { actionForUpdate, findActionByRef, locateAction, refsInPlansOf, type ActionToUpdate } from '../services/action-for-update.js';
import { actionHistory } from '../services/action-history.js';
import { chairSummary, type ChairSummary } from '../services/chair-summary.js';
import { requireAdministrator, requireBody, type ServiceDeps } from '../services/deps.js';
import { withBodyCache } from '../store/body-cache.js';
import { createBody } from '../services/create-body.js';
import { findBodyByChannel, linkChannel, planLink } from '../services/link-channel.js';
import { listMyActions } from '../services/list-my-actions.js';
import { mapRole } from '../services/map-role.js';
import { markUnreachable } from '../services/mark-unreachable.js';
import { recordUpdate } from '../services/record-update.js';
import { signReportLink } from '../services/report-link.js';
import { setChaseSettings } from '../services/set-chase-settings.js';
import { addMeetings, meetingsOf, removeMeeting } from '../services/set-meetings.js';
import { setUpRoles, type RoleSaved } from '../services/set-up-roles.js';
import { bodiesRunBy, DUE_DAYS_AHEAD, watchList } from '../services/person-overview.js';
import { undoUpdate } from '../services/undo-update.js';
import { closeAtYearEnd, leftOpen } from '../services/year-end.js';
import { mentionNotice } from '../teams/proactive-activity.js';
import { refreshChannelReference, rememberConversation } from '../services/remember-conversation.js';
import type { BotLogger, BotUseCases, ConversationLost, ConversationPlace, ConversationPorts, ConversationSeen } from '../teams/bot-ports.js';
import type { MeetingsView, ProactiveView, SummaryView, UpdateFormView, UpdateRecordedView, SetupView } from '../teams/card-views.js';
import type { SendProactive, SendView } from '../teams/create-bot.js';
import type { YearEndView } from '../teams/year-end-card.js';
import type { OutboundMessage, ProactiveSender, SendTarget } from '../scheduler/outbound.js';
import type { DigestItem } from '../domain/digest.js';
import { digestStatus } from '../services/digest-status.js';
import type { ActionCardView } from '../services/action-card-view.js';
import type { DigestEntryView } from '../teams/digest-view.js';

/**
 * The Teams layer's ports, built from the services: each use case calls
 * services and turns their results into the plain views the cards bind to.
 * Kept out of src/teams so the bot never sees the store, and out of the
 * services so they never see a card.
 */

async function updateForm(deps: ServiceDeps, { body, action }: ActionToUpdate, person: Person): Promise<UpdateFormView> {
  // Teams refreshes a card by itself only for the user ids it lists; anyone else gets a manual Refresh.
  const view = actionCardView(body, action, await cardViewers(deps, body, action));
  if (!canAdminister(body, person)) return view;
  const people = reportersOf(body, action).filter((p) => !samePerson(p, person));
  const self = peopleWhoMayUpdate(body, action).some((p) => samePerson(p, person));
  return { ...view, recordFor: { people: people.map((p) => ({ id: p.aadObjectId, name: p.displayName })), self } };
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

/**
 * The year-end on the summary: which year's sign-off report it offers (the
 * shown plan's once its year has ended, else last year's once the new plan
 * is in), and how many of last year's actions are still left open.
 */
async function yearEndOnSummary(deps: ServiceDeps, found: ChairSummary): Promise<{ signOffYear: string | null; leftOpen: { year: string; count: number } | null }> {
  const { body, year } = found;
  if (body.currentPlanYear === null) return { signOffYear: null, leftOpen: null };
  const today = DateTime.fromJSDate(deps.clock(), { zone: body.timeZone }).toISODate()!;
  const previous = previousPlanYear(year);
  const lastYearIn = (await deps.store.readPlanHead(body.id, previous)) !== null;
  const ended = financialYearEnd(Number(year.slice(0, 4))) < today;
  const left = lastYearIn ? await leftOpen(deps, { bodyId: body.id, year: previous }) : null;
  return {
    signOffYear: ended ? year : lastYearIn ? previous : null,
    leftOpen: left === null ? null : { year: previous, count: left.actions.length },
  };
}

function historyLine(u: StatusUpdate) {
  return { at: u.at, by: u.author.displayName, enteredBy: u.enteredBy?.operator ?? null, status: u.status, narrative: u.narrative, source: u.source, revisedDeadline: u.revisedDeadline };
}

/** The year-end card of a body whose new plan is in: last year's actions still open and not carried forward. Null before that. */
async function yearEndView(deps: ServiceDeps, body: Body): Promise<YearEndView | null> {
  if (body.currentPlanYear === null) return null;
  const previous = previousPlanYear(body.currentPlanYear);
  if ((await deps.store.readPlanHead(body.id, previous)) === null) return null;
  return leftOpenView(deps, body, previous);
}

async function leftOpenView(deps: ServiceDeps, body: Body, year: string): Promise<YearEndView> {
  const left = await leftOpen(deps, { bodyId: body.id, year });
  return {
    bodyId: body.id,
    bodyName: body.name,
    timeZone: body.timeZone,
    year: left.year,
    nextYear: left.nextYear,
    actions: left.actions.map((a) => ({
      ref: a.ref,
      text: a.plan.action,
      status: a.latest?.status ?? a.plan.status,
      narrative: a.latest?.narrative ?? a.plan.update,
      deadline: a.revisedDeadline ?? a.plan.deadline,
      deadlineText: a.plan.deadlineText,
    })),
  };
}

/** The summary card's view of a body's summary, with its signed download links. */
async function summaryView(deps: ServiceDeps, found: ChairSummary, reports: ReportLinks | null): Promise<SummaryView> {
  const { body, year, summary: s, bodies } = found;
  const yearEnd = await yearEndOnSummary(deps, found);
  // A CSP's rolled-up actions are its PCGs': their refs repeat across PCGs and their leads are the PCG's roles.
  const ref = (line: { bodyId: string; ref: string }) => (line.bodyId === body.id ? line.ref : `${bodies.get(line.bodyId)?.name ?? line.bodyId} ${line.ref}`);
  const lead = (line: { bodyId: string; lead: string | null }) => leadName(bodies.get(line.bodyId) ?? body, line.lead);
  const base = reports?.publicBaseUrl().replace(/\/+$/, '');
  const link = (format: 'docx' | 'xlsx', report: 'progress' | 'year-end' = 'progress', of = year) =>
    `${base}/api/reports/${signReportLink(reports!.secret, { body: body.id, format, year: of, report }, deps.clock())}`;
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
            ...(yearEnd.signOffYear === null ? [] : [{ title: `Sign-off report ${yearEnd.signOffYear} (Word)`, url: link('docx', 'year-end', yearEnd.signOffYear) }]),
          ],
    leftOpen: yearEnd.leftOpen,
  };
}

/** The recorded card's view of an update, with its Undo while it lasts (not for an undo, nor for one that revised the deadline). */
async function recordedView(deps: ServiceDeps, u: StatusUpdate, action: StoredAction, checked: Body | null = null, alreadyRecorded = false): Promise<UpdateRecordedView> {
  // recordUpdate hands back the body it checked: no second read for a submit.
  const body = checked === null ? await deps.store.readBody(u.bodyId) : { value: checked };
  return {
    ...(body === null ? {} : { timeZone: body.value.timeZone }),
    bodyId: u.bodyId,
    year: u.year,
    ref: u.ref,
    updateId: u.id,
    text: action.plan.action,
    status: u.status,
    narrative: u.narrative,
    revisedDeadline: u.revisedDeadline,
    by: u.author.displayName,
    enteredBy: u.enteredBy?.operator ?? null,
    at: u.at,
    undo: undoOffer(u, action, deps.clock()),
    undone: u.source === 'undo',
    alreadyRecorded,
  };
}

/** A chaired body at a glance for `my actions`: its summary's totals and overdue count, as of now. */
async function chairedOverview(deps: ServiceDeps, body: Body) {
  const found = await chairSummary(deps, { bodyId: body.id });
  if (found === null) return null;
  return { bodyName: body.name, total: found.summary.total, counts: found.summary.totals, overdue: found.summary.overdue.length };
}

/** The set-up card's view of a body: its people, meetings, chase settings and its plan's roles with their holders. */
async function setupView(deps: ServiceDeps, body: Body): Promise<SetupView> {
  const head = body.currentPlanYear === null ? null : await deps.store.readPlanHead(body.id, body.currentPlanYear);
  const who = (p: Person | null) => (p === null ? null : { id: p.aadObjectId, name: p.displayName });
  return {
    timeZone: body.timeZone,
    bodyId: body.id,
    bodyName: body.name,
    planYear: head === null ? null : body.currentPlanYear,
    channel: body.channel?.name ?? null,
    chairs: body.chairs.map((c) => c.displayName),
    coordinators: body.coordinators.map((c) => c.displayName),
    meetings: body.meetings,
    today: localTime(deps.clock(), body.timeZone).date,
    chase: chaseRows(body),
    roles: roleAssignments(head?.value.roles ?? [], body.roles).map(({ role, holder }) => ({ key: role.key, name: role.name, holder: who(holder?.person ?? null), delegate: who(holder?.delegate ?? null) })),
  };
}

/** A coordinator or chair entering an update for someone else, as the update records them. */
function enteredBy(person: Person): EnteredBy {
  return { operator: person.displayName.slice(0, 100), person: { tenantId: person.tenantId, aadObjectId: person.aadObjectId } };
}

/** The lead chosen in an update card's "Whose update is this?", checked against the record. */
async function leadOnCard(deps: ServiceDeps, person: Person, key: { bodyId: string; year: string; ref: string }, leadId: string): Promise<Person> {
  const { body, action } = await actionForUpdate(deps, { person, bodyId: key.bodyId, year: key.year, ref: key.ref, orAdministrator: true });
  requireAdministrator(body, person, 'record an update for someone else');
  return leadToEnterFor(body, action, { aadObjectId: leadId, name: 'The person chosen' });
}

function savedLine(s: RoleSaved): string {
  const name = (p: Person | null) => p?.displayName ?? 'no one';
  const holder = s.holder === null ? 'now held by no one' : `now ${name(s.holder)}${s.delegate === null ? '' : `, with ${name(s.delegate)} as delegate`}`;
  return `${s.key}: ${holder} (was ${name(s.was.holder)}${s.was.delegate === null ? '' : `, delegate ${name(s.was.delegate)}`})`;
}

/** Why `setup` shows this person nothing: a body of theirs named with its coordinators and chairs, or that none lists them. */
async function refuseSetup(deps: ServiceDeps, person: Person, bodyId: string | null): Promise<never> {
  const entry = await deps.store.readPerson(personKey(person));
  const id = bodyId ?? entry?.value.bodies[0];
  const body = id === undefined ? null : await deps.store.readBody(id);
  if (body !== null) requireAdministrator(body.value, person, 'set it up');
  throw new DomainError('not-allowed', 'Set-up is for a partnership’s coordinators and chairs, and no PCG or CSP lists you as one. Ask your community safety officer to add you.');
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
              lastUpdatedAt: lastReportedAt(action.latest),
            })),
        ),
      };
    },
    async openUpdate(person, key) {
      return updateForm(deps, await actionForUpdate(deps, { person, bodyId: key.bodyId, year: key.year, ref: key.ref, orAdministrator: true }), person);
    },
    async actionRefsOf(person) {
      return refsInPlansOf(deps, person);
    },
    async findActionToUpdate(person, ref) {
      return updateForm(deps, await findActionByRef(deps, { person, ref, orAdministrator: true }), person);
    },
    async recordUpdate(person, submission) {
      const forLead = submission.for == null ? null : await leadOnCard(deps, person, submission.action, submission.for);
      const result = await recordUpdate(deps, {
        bodyId: submission.action.bodyId,
        year: submission.action.year,
        ref: submission.action.ref,
        status: submission.status,
        narrative: submission.narrative,
        revisedDeadline: submission.revisedDeadline,
        author: forLead ?? person,
        ...(forLead === null ? {} : { enteredBy: enteredBy(person) }),
        source: 'card',
        basedOn: submission.basedOn,
        confirmStale: submission.confirmStale,
        ...(submission.submissionId === null ? {} : { submissionId: submission.submissionId }),
      });
      return recordedView(deps, result.update, result.action, result.body, result.alreadyRecorded);
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
      return recordedView(deps, result.update, result.action, result.body, result.alreadyRecorded);
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
        continues: action.continues ? `${action.continues.year} ${action.continues.ref}` : null,
        // Last year's updates first, oldest year first, each under the ref it had then.
        updates: [
          ...[...h.earlier].reverse().flatMap((e) => e.updates.map((u) => ({ ...historyLine(u), under: `${e.action.year} ${e.action.ref}` }))),
          ...h.updates.map(historyLine),
        ],
      };
    },
    async watchList(person, which) {
      return { which, daysAhead: DUE_DAYS_AHEAD, groups: await watchList(deps, person, which) };
    },
    async chairedBodies(person) {
      return (await bodiesRunBy(deps, person)).map((b) => ({ id: b.id, name: b.name }));
    },
    async openDigest(person, digest, recorded) {
      const found = await digestStatus(deps, { person, bodyId: digest.bodyId, id: digest.id, recorded: recorded === null ? null : { bodyId: recorded.action.bodyId, updateId: recorded.updateId } });
      const first = found.entries[0]?.body;
      // Named at the top while it is still how the action stands; a newer update makes it history.
      const shown = found.recorded !== null && found.recorded.action.latest?.id === found.recorded.update.id ? found.recorded : null;
      return {
        timeZone: first?.timeZone ?? 'Europe/London',
        ref: digest,
        audience: 'person',
        date: found.date,
        entries: found.entries.map(({ item, body, action, done }) => digestEntryView(item, body.name, actionCardView(body, action, []), null, done)),
        beyond: found.beyond,
        recorded:
          shown === null
            ? null
            : {
                key: { bodyId: shown.update.bodyId, year: shown.update.year, ref: shown.update.ref },
                updateId: shown.update.id,
                status: shown.update.status,
                undone: shown.update.source === 'undo',
                undo: undoOffer(shown.update, shown.action, deps.clock()),
              },
      };
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
        return await summaryView(deps, found, reports);
      }
      if (where.scope !== 'channel') {
        throw new DomainError('summary-not-here', 'The summary belongs to a partnership’s channel: mention me there with **summary**. Its chairs also get it here, in their chat with me.');
      }
      const found = await chairSummary(deps, { conversationId: where.conversationId });
      if (found === null) throw unlinked('summary to show');
      return await summaryView(deps, found, reports);
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
      const mapped = updated.roles.find((r) => samePerson(r.person, holder) && (roleKey.trim().toLowerCase() === r.key.toLowerCase() || matchRole([r], roleKey).kind === 'one'));
      return { bodyName: updated.name, roleKey: mapped?.key ?? roleKey };
    },
    async setup(person, where, bodyId) {
      if (where.scope === 'channel' && bodyId === null) {
        const body = await linkedBody(deps, where, 'set-up this is');
        requireAdministrator(body, person, 'set it up');
        return { kind: 'view', view: await setupView(deps, body) };
      }
      const bodies = await bodiesRunBy(deps, person, true);
      const chosen = bodyId === null ? (bodies.length === 1 ? bodies[0] : undefined) : bodies.find((b) => b.id === bodyId);
      if (chosen !== undefined) return { kind: 'view', view: await setupView(deps, chosen) };
      if (bodyId === null && bodies.length > 1) return { kind: 'choose', bodies: bodies.map((b) => ({ id: b.id, name: b.name })) };
      await refuseSetup(deps, person, bodyId);
      throw new Error('unreachable: refuseSetup always throws');
    },
    async saveSetup(person, save, findMembers) {
      const { value: body } = await requireBody(deps.store, save.bodyId);
      const channel = body.channel?.reference.conversation.id ?? null;
      try {
        const result = await setUpRoles(deps, {
          bodyId: body.id,
          by: person,
          shown: save.shown,
          picked: save.picked,
          findMembers: (ids) => (channel === null ? Promise.resolve([]) : findMembers(channel, ids)),
        });
        const lines = result.saved.map(savedLine);
        return { ...(await setupView(deps, result.body)), outcome: { saved: true, lines: lines.length === 0 ? ['You changed no role, so nothing needed saving.'] : lines } };
      } catch (error) {
        if (!(error instanceof DomainError) || !['setup-stale', 'person-unknown', 'input-invalid', 'role-unknown'].includes(error.code)) throw error;
        return { ...(await setupView(deps, (await requireBody(deps.store, body.id)).value)), outcome: { saved: false, lines: [...error.problems] } };
      }
    },
    async recordFor(person, typed) {
      const { body, year, action } = await locateAction(deps, { person, ref: typed.ref });
      requireAdministrator(body, person, 'record an update for someone else');
      const { name, update } = splitLeadName(typed.tail, reportersOf(body, action));
      const lead = leadToEnterFor(body, action, { aadObjectId: typed.mentioned, name });
      const read = readTypedUpdate(`${action.ref} ${update}`, [action.ref]);
      if (read === null || read.kind !== 'record') {
        const why = read?.kind === 'prefill' ? `${read.why}` : 'it says no status';
        throw new DomainError('input-invalid', `Not recorded for ${lead.displayName}: ${why}. Write the status and their words after the name, e.g. **update ${action.ref} for ${lead.displayName} done: trainer booked**.`);
      }
      const result = await recordUpdate(deps, {
        bodyId: body.id,
        year,
        ref: action.ref,
        status: read.status,
        narrative: read.narrative,
        author: lead,
        enteredBy: enteredBy(person),
        source: 'command',
        ...(typed.submissionId === null ? {} : { submissionId: typed.submissionId }),
      });
      return recordedView(deps, result.update, result.action, result.body, result.alreadyRecorded);
    },
    async meetings(person, where, change) {
      const body = await linkedBody(deps, where, 'meetings these are');
      const view = (b: Body, added: string[], removed: string | null, setAside: MeetingsView['setAside'] = []): MeetingsView => ({
        bodyName: b.name,
        timeZone: b.timeZone,
        today: localTime(deps.clock(), b.timeZone).date,
        ...meetingsOf(deps, b),
        added,
        removed,
        setAside,
      });
      if (change === null) return view(body, [], null);
      if ('remove' in change) {
        const result = await removeMeeting(deps, { bodyId: body.id, text: change.remove, by: person });
        return view(result.body, [], result.removed);
      }
      const result = await addMeetings(deps, { bodyId: body.id, text: change.add, by: person });
      return view(result.body, result.added, null, result.setAside);
    },
    async yearEnd(person) {
      const views = await Promise.all((await bodiesRunBy(deps, person, true)).map((body) => yearEndView(deps, body)));
      return views.filter((v) => v !== null);
    },
    async closeAtYearEnd(person, close) {
      const body = (await deps.store.readBody(close.bodyId))?.value;
      if (body === undefined) throw new DomainError('body-unknown', 'That partnership body is no longer on record.');
      try {
        const update = await closeAtYearEnd(deps, { bodyId: body.id, year: close.year, ref: close.ref, status: close.status, reason: close.reason, by: person, source: 'card' });
        return { ...(await leftOpenView(deps, body, close.year)), closed: { ref: update.ref, status: update.status } };
      } catch (error) {
        // A close the person can mend (no reason, a status that is not a close, already closed) keeps the card, with why.
        if (!(error instanceof DomainError) || error.code !== 'input-invalid') throw error;
        return { ...(await leftOpenView(deps, body, close.year)), error: error.message };
      }
    },
    async linkChannel(person, where, bodyId) {
      const plan = await planLink(deps, { bodyId, conversationId: where.conversationId, by: person });
      switch (plan.kind) {
        case 'here':
          return { kind: 'linked', bodyName: plan.body.name, already: true };
        case 'link': {
          const body = await linkChannel(deps, { bodyId, name: where.name, reference: where.reference, by: person });
          return { kind: 'linked', bodyName: body.name, already: false };
        }
        case 'move':
          return { kind: 'confirm', bodyId: plan.body.id, bodyName: plan.body.name, linkedTo: plan.from.name, replacing: linkToken(plan.from) };
        case 'new-body': {
          const csps = (await deps.store.listBodies()).filter((b) => b.kind === 'csp' && b.tenantId === person.tenantId);
          return { kind: 'create', bodyId: plan.bodyId, csps: csps.map((b) => ({ id: b.id, name: b.name })).sort((a, b) => a.name.localeCompare(b.name)) };
        }
      }
    },
    async confirmLink(person, where, bodyId, replacing) {
      const before = await deps.store.readBody(bodyId);
      const linked = before?.value.channel ?? null;
      // A second press of a Confirm that took effect: linked here already, nothing to write.
      if (before !== null && linked !== null && channelConversationId(linked.reference.conversation.id) === channelConversationId(where.conversationId)) {
        return { bodyName: before.value.name, unlinked: null };
      }
      const body = await linkChannel(deps, { bodyId, name: where.name, reference: where.reference, by: person, replacing });
      return { bodyName: body.name, unlinked: linked !== null && linkToken(linked) === replacing ? linked.name : null };
    },
    async createAndLink(person, where, form) {
      if (form.name === '') throw new DomainError('input-invalid', `Not created: give "${form.id}" a name, as the committee papers write it.`);
      await createBody(deps, { id: form.id, kind: form.kind, name: form.name, parentId: form.parentId, tenantId: person.tenantId, chairs: [], coordinators: [person] });
      const body = await linkChannel(deps, { bodyId: form.id, name: where.name, reference: where.reference, by: person });
      return { bodyName: body.name };
    },
    async welcome(person) {
      if (person === null) return { firstName: null, openActions: [], chairs: [], coordinates: [], runBy: [] };
      const groups = await listMyActions(deps, { person });
      const names = new Map<string, string>();
      for (const g of groups) names.set(g.bodyId, (await deps.store.readBody(g.bodyId))?.value.name ?? g.bodyId);
      const openActions = groups.flatMap((g) =>
        g.actions.filter(({ action }) => !isClosed(action.latest?.status ?? action.plan.status)).map(({ action }) => ({ ref: action.ref, bodyName: names.get(g.bodyId) ?? g.bodyId })),
      );
      const run = await bodiesRunBy(deps, person, true);
      // Teams leaves the name out of install events: the name the partnership knows them by.
      const name = (await deps.store.readPerson(personKey(person)))?.value.displayName ?? person.displayName;
      const known = openActions.length > 0 || run.length > 0;
      const listed = known ? [] : (await deps.store.listBodies()).filter((b) => b.tenantId === person.tenantId);
      return {
        firstName: name === 'Someone' ? null : (name.split(' ')[0] ?? null),
        openActions,
        chairs: run.filter((b) => isChair(b, person)).map((b) => b.name),
        coordinates: run.filter((b) => isCoordinator(b, person)).map((b) => ({ id: b.id, name: b.name, linked: b.channel !== null })),
        runBy: listed.map((b) => ({ bodyName: b.name, coordinators: b.coordinators.map((c) => c.displayName) })),
      };
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
    const view = await proactiveView(deps, target, message, options.reports);
    return options.send()(target.reference, view, target.kind === 'person' ? 'personal' : 'channel');
  };
}

function digestEntryView(item: DigestItem, bodyName: string, action: ActionCardView, lead: string | null, done: boolean): DigestEntryView {
  return {
    key: { bodyId: item.bodyId, year: item.year, ref: item.ref },
    bodyName,
    text: action.text,
    reason: item.reason,
    section: item.section,
    status: action.status,
    deadline: action.deadline,
    deadlineText: action.deadlineText,
    lead,
    done,
  };
}

async function proactiveView(deps: ServiceDeps, target: SendTarget, message: OutboundMessage, reports: ReportLinks | null): Promise<ProactiveView> {
  switch (message.kind) {
    case 'prompt':
    case 'reminder':
    case 'round':
    case 'escalation':
      // The scheduler sends these only inside a digest (see digest.ts).
      throw new Error(`a ${message.kind} goes in the day's digest, not on its own`);
    case 'summary': {
      // As of the instant it was due: a tick catching up on a past meeting must not describe today.
      const found = await chairSummary(deps, { bodyId: message.body.id, at: new Date(message.scheduledFor) });
      // A body with no plan has nothing to summarise; the chair hears so rather than nothing.
      if (found === null) return { kind: 'notice', text: `${message.body.name} has no plan on record yet, so there is no summary before its meeting.` };
      return { kind: 'summary', summary: await summaryView(deps, found, reports) };
    }
    case 'unreachable':
      return { kind: 'notice', text: message.text, mentions: message.mentions };
    case 'digest':
      return {
        kind: 'digest',
        viewerId: target.kind === 'person' ? teamsUserId(target.reference) : null,
        digest: {
          timeZone: message.timeZone,
          ref: message.audience === 'person' ? { bodyId: message.recordBodyId, id: message.id } : null,
          audience: message.audience,
          date: message.date,
          entries: message.entries.map((e) => digestEntryView(e.item, e.bodyName, e.action, e.lead, false)),
          beyond: message.beyond ?? 0,
        },
      };
  }
}
