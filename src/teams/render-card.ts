import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { VERBS } from './verbs.js';

/**
 * Fills the Adaptive Card templates of the top-level `cards/` folder. The
 * folder sits two levels above this module both in `src/teams` and in
 * `dist/teams`, so tests and the built bot read the same files.
 */
export const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));

export const CARD_NAMES = ['my-actions', 'update', 'update-recorded', 'summary', 'notice', 'choices', 'year-end', 'digest', 'link-confirm', 'new-body', 'setup', 'plan-preview', 'plan-imported', 'meetings-preview'] as const;
export type CardName = (typeof CARD_NAMES)[number];

export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

type Template = { expand(context: { $root: unknown }): unknown };

// The package's own typings import `adaptivecards/src/*.ts` sources, which
// do not compile under this project's settings: its API is typed here instead.
const ACData = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => Template;
  GlobalSettings: { getUndefinedFieldValueSubstitutionString?: (path: string) => string | undefined };
};

// By default a field that is missing from the data is shown as its own
// `${expression}` text; a person must never see template syntax.
ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = () => '';

const templates = new Map<CardName, Template>();

function template(name: CardName): Template {
  let t = templates.get(name);
  if (t === undefined) {
    t = new ACData.Template(JSON.parse(readFileSync(`${CARDS_DIR}${name}.card.json`, 'utf8')));
    templates.set(name, t);
  }
  return t;
}

/** The card `name` bound to `data`; templates also see the verbs as `$root.verbs`. */
export function renderCard(name: CardName, data: object): AdaptiveCardJson {
  return template(name).expand({ $root: { ...data, verbs: VERBS } }) as AdaptiveCardJson;
}
