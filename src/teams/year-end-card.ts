import { dateInWords } from '../domain/in-words.js';
import { STATUS_LABELS, type Status } from '../domain/status.js';
import { NARRATIVE_MAX } from '../domain/update-rules.js';
import { capped } from './card-views.js';

/** Last year's actions still open and not carried forward into the new plan, for one body (`year-end`). */
export type YearEndView = {
  bodyId: string;
  bodyName: string;
  timeZone: string;
  /** The year being closed, and the new plan's year. */
  year: string;
  nextYear: string | null;
  actions: Array<{ ref: string; text: string; status: Status; narrative: string; deadline: string | null; deadlineText: string }>;
  /** The close just recorded, shown above the list. */
  closed?: { ref: string; status: Status } | null;
  /** Why the close was refused; nothing was changed. */
  error?: string | null;
};

/**
 * Each action's inputs carry its ref in their ids: the inputs of every
 * Close form on the card are sent together, so an id must say whose it is.
 */
export const closeInputIds = (ref: string) => ({ status: `status-${ref}`, reason: `reason-${ref}` });

export function yearEndCardData(view: YearEndView) {
  const list = capped(view.actions, (a) => ({
    key: { bodyId: view.bodyId, year: view.year, ref: a.ref },
    ref: a.ref,
    text: a.text,
    state: stateLine(a, view.timeZone),
    inputs: closeInputIds(a.ref),
  }));
  const next = view.nextYear === null ? 'the new plan' : `the ${view.nextYear} plan`;
  return {
    title: `${view.bodyName}: closing the ${view.year} plan`,
    intro:
      view.actions.length === 0
        ? `Every action of the ${view.year} plan is closed or carried forward into ${next}: nothing is left open. The sign-off report is on the summary card.`
        : `${view.actions.length === 1 ? 'This action is' : `These ${view.actions.length} actions are`} still open and not carried forward into ${next}. Close each with its final status and the reason: it is recorded as your update, and the sign-off report lists it as "Action 3.1 – …".`,
    done: view.closed ? `Closed ${view.closed.ref} as ${STATUS_LABELS[view.closed.status].symbol} ${STATUS_LABELS[view.closed.status].word}.` : '',
    error: view.error ?? '',
    actions: list.shown,
    more: list.more === '' ? '' : `${list.more}: close these first, then type **year-end** again.`,
    statusChoices: (['completed', 'not-completed'] as const).map((s) => ({ value: s, title: `${STATUS_LABELS[s].symbol} ${STATUS_LABELS[s].word}` })),
    narrativeMax: NARRATIVE_MAX,
  };
}

function stateLine(a: YearEndView['actions'][number], zone: string): string {
  const due = a.deadline === null ? (a.deadlineText === '' ? 'no deadline' : a.deadlineText) : `due ${dateInWords(a.deadline, { zone })}`;
  const said = a.narrative === '' ? 'no update recorded' : `last update: ${a.narrative.length > 200 ? `${a.narrative.slice(0, 199)}…` : a.narrative}`;
  return `${STATUS_LABELS[a.status].symbol} ${STATUS_LABELS[a.status].word} · ${due} · ${said}`;
}
