import { DIGEST_ITEMS_MAX } from '../domain/digest.js';
import { countInWords, dateInWords, listInWords } from '../domain/in-words.js';
import { deadlineOf, statusOf, undoTitle } from './card-views.js';
import { renderCard, type AdaptiveCardJson } from './render-card.js';
import { NO_DIGEST, type DigestEntryView, type DigestRecorded, type DigestView } from './digest-view.js';

/**
 * The day's digest (issue 15, item 2): one card listing each action the bot
 * asks a person about, with why, and an Update button per action. In the
 * person's 1:1 chat the button replaces the digest with that action's
 * update card, and recording the update brings the digest back with the
 * action marked done; in a channel (the body's escalations) the button
 * sends the update card to the presser's own chat and the card stays.
 * The update recorded from it is named at its top with Undo, as on the
 * recorded card, and undoing brings the digest back with the action to do.
 */

export function digestCardData(view: DigestView, viewerId: string | null) {
  const zone = view.timeZone;
  const shown = view.entries.slice(0, DIGEST_ITEMS_MAX);
  const rest = view.entries.slice(DIGEST_ITEMS_MAX);
  // Past what its record keeps, a digest counts its actions without listing them (and cannot tell which are done).
  const beyond = view.beyond ?? 0;
  const total = view.entries.length + beyond;
  const open = view.entries.filter((e) => !e.done).length + beyond;
  const line = (e: DigestEntryView) => {
    const status = statusOf(e.status);
    return {
      actionKey: e.key,
      openData: { digest: view.ref, action: e.key },
      ref: e.key.ref,
      text: e.text.length > 160 ? `${e.text.slice(0, 159)}…` : e.text,
      reason: e.done ? `✔ Updated: ${status.statusSymbol} ${status.statusWord}` : `${capital(e.reason)}.`,
      done: e.done,
      facts: `Deadline ${deadlineOf(e, zone)} · ${status.statusSymbol} ${status.statusWord}${e.lead === null ? '' : ` · Lead ${e.lead}`}`,
      buttonTitle: e.done ? `Update ${e.key.ref} again` : `Update ${e.key.ref}`,
    };
  };
  const section = (which: 'yours' | 'chaired') => shown.filter((e) => e.section === which).map(line);
  const chaired = [...new Set(shown.filter((e) => e.section === 'chaired').map((e) => e.bodyName))];
  const day = dateInWords(view.date, { weekday: true });
  return {
    // A chair's escalations alone (or a channel's) are for following up, not for updating.
    title: view.entries.every((e) => e.section === 'chaired') ? `Overdue in ${listInWords(chaired)}: ${day}` : `For you to update: ${day}`,
    subtitle:
      view.audience === 'channel'
        ? `${countInWords(total, 'action')} overdue. Update sends the action's card to your own chat with the bot; this post stays as it is.`
        : open === 0
          ? `All ${countInWords(total, 'action')} updated. Thank you.`
          : `${countInWords(open, 'action')} ${open === 1 ? 'needs' : 'need'} an update${open < total ? ` (${total - open} done)` : ''}. Press Update beside one.`,
    ...recordedLine(view.recorded ?? null, view.ref, zone),
    refusal: view.refusal === undefined ? '' : `⚠ ${view.refusal}`,
    personal: view.audience === 'person',
    refreshUserIds: viewerId === null || view.ref === null ? [] : [viewerId],
    // A refresh keeps the recorded line, and its Undo while it lasts.
    refreshData: { digest: view.ref ?? NO_DIGEST, recorded: view.recorded == null ? null : { action: view.recorded.key, updateId: view.recorded.updateId } },
    yoursTitle: 'Your actions',
    yours: section('yours'),
    chairedTitle: view.audience === 'channel' ? 'The lead has been reminded in their chat with the bot; these are for the chair to follow up.' : `Overdue in ${listInWords(chaired)} (you chair it)`,
    chaired: section('chaired'),
    more: moreLine(rest.map((e) => e.key.ref), beyond),
  };
}

/** The digest card; a channel's has no refresh at all (the template leaves it null), so it never turns into something else. */
export function digestCard(view: DigestView, viewerId: string | null): AdaptiveCardJson {
  const card = renderCard('digest', digestCardData(view, viewerId));
  if (card.refresh == null) delete card.refresh;
  return card;
}

/** The line at the top for the update just recorded or undone, and its Undo button's title and data. */
function recordedLine(recorded: DigestRecorded | null, digest: DigestView['ref'], zone: string) {
  if (recorded === null) return { recorded: '', canUndo: false, undo: { title: '', data: {} } };
  const { statusSymbol, statusWord } = statusOf(recorded.status);
  const ref = recorded.key.ref;
  return {
    recorded: recorded.undone ? `↶ Undone: your update on ${ref} is taken back; it is back to ${statusSymbol} ${statusWord}.` : `✔ Recorded your update on ${ref}: ${statusSymbol} ${statusWord}.`,
    canUndo: recorded.undo !== null,
    undo:
      recorded.undo === null
        ? { title: '', data: {} }
        : { title: undoTitle(recorded.undo.until, zone), data: { action: recorded.key, updateId: recorded.undo.updateId, digest: digest ?? NO_DIGEST } },
  };
}

/** The actions past the detailed ones: named by ref, then (past what a record keeps) counted. */
function moreLine(refs: readonly string[], beyond: number): string {
  if (refs.length + beyond === 0) return '';
  const named = beyond === 0 ? refs : [...refs, countInWords(beyond, 'other')];
  return `…and ${countInWords(refs.length + beyond, 'more action')}: ${listInWords(named)}. Type **my actions** for all of yours.`;
}

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
