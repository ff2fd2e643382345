import { z } from 'zod';

/**
 * Leads are named in plans by role, often abbreviated: "Lead – ASBRO, CSO",
 * where the plan defines "Anti Social Behaviour Reduction Officer (ASBRO)"
 * elsewhere. A role key is the abbreviation when the plan defines one, so
 * every spelling of that role meets the same person; otherwise the role's
 * own words.
 */
export const RoleSchema = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
});
export type Role = z.infer<typeof RoleSchema>;

export type RoleDefinitions = {
  /** normalised abbreviation → definition */
  byAbbreviation: Map<string, Role>;
  /** normalised full name → definition */
  byName: Map<string, Role>;
  /** normalised abbreviation → what to tell the coordinator, when the plan defines it twice */
  conflicts: Map<string, string>;
  /** Normalised names the plan writes on their own: a person in brackets ("(Steve Hume)"), a lead cell of one name. */
  people: Set<string>;
};

/** Case, hyphens and "Anti-Social"/"Anti Social" must not make two roles. */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function normaliseAbbreviation(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const CONNECTORS = new Set(['and', 'of', 'for', 'the', '&', 'in', 'on']);
/** A person named in brackets ("…passed through the council (Steve Hume)"): first name and surname, capitalised. */
const BRACKETED_PERSON = /\(([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})\)/g;
const DEFINITION = /\(([A-Z][A-Za-z0-9]*(?:[-/ ][A-Z0-9][A-Za-z0-9]*)*)\)/g;

/** The run of capitalised words (with "and", "of"…) that ends just before a "(ABBR)". */
function nameBefore(text: string, end: number, abbreviation: string): string | null {
  const words = text.slice(0, end).trimEnd().split(/\s+/);
  const name: string[] = [];
  let plain: string[] | null = null;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    // A comma ends the name unless the abbreviation spells the words across it ("Head of Community Safety, Housing…").
    const comma = /^[A-Z][A-Za-z'’\-]*,$/.test(word) && name.length > 0;
    if (comma && plain === null) plain = [...name];
    if (/^[A-Z][A-Za-z'’\-]*$/.test(word) || comma) name.unshift(word);
    else if (CONNECTORS.has(word.toLowerCase()) && name.length > 0) name.unshift(word);
    else break;
  }
  // An abbreviation starts with its name's first letter: "Planning Policy (EHDC)" names a team of EHDC, not EHDC.
  const first = abbreviation[0]!.toUpperCase();
  const trim = (list: string[]): string | null => {
    while (list.length > 0 && (CONNECTORS.has(list[0]!.toLowerCase()) || list[0]![0]!.toUpperCase() !== first)) list.shift();
    return list.length > 0 ? list.join(' ') : null;
  };
  if (plain === null) return trim(name);
  const initials = (list: string[]): string => list.filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
  const wanted = normaliseAbbreviation(abbreviation);
  for (let start = 0; start < name.length; start++) {
    const candidate = name.slice(start);
    if (candidate.some((w) => w.endsWith(',')) && initials(candidate) === wanted) return trim(candidate);
  }
  return trim(plain);
}

/** A key's line "RSMT – Rough sleeper management team" (Coventry's rough sleeping action plan 2022): abbreviation, dash, name. */
const KEY_LINE = /^([A-Z][A-Z0-9&]{1,7})\s+[–—-]\s+([A-Za-z][A-Za-z'’ ]{3,80})$/;

/** The key's name when its words' initials spell the abbreviation (linking words aside), so a dash in prose is no definition. */
function keyLineDefinition(line: string): { abbreviation: string; name: string } | null {
  const m = KEY_LINE.exec(line.trim());
  if (!m) return null;
  const name = m[2]!.trim();
  const initials = name
    .split(/\s+/)
    .filter((w) => !CONNECTORS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return initials === normaliseAbbreviation(m[1]!) ? { abbreviation: m[1]!, name } : null;
}

/** Every "(ABBR)" with the name before it, and every key line "ABBR – Name", in the given texts. */
function definitionsIn(text: string): Array<{ abbreviation: string; name: string | null }> {
  const found: Array<{ abbreviation: string; name: string | null }> = [];
  for (const m of text.matchAll(DEFINITION)) found.push({ abbreviation: m[1]!, name: nameBefore(text, m.index, m[1]!) });
  for (const line of text.split('\n')) {
    const keyed = keyLineDefinition(line);
    if (keyed) found.push(keyed);
  }
  return found;
}

/** Finds every "Full Name (ABBR)", and every key line "ABBR – Full Name", in the given texts. */
export function collectRoleDefinitions(texts: Iterable<string>): RoleDefinitions {
  const byAbbreviation = new Map<string, Role>();
  const byName = new Map<string, Role>();
  const conflicts = new Map<string, string>();
  const people = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(BRACKETED_PERSON)) people.add(normaliseName(m[1]!));
    for (const { abbreviation, name } of definitionsIn(text)) {
      if (abbreviation.length < 2 || abbreviation.length > 12) continue;
      if (name === null || normaliseName(name) === normaliseName(abbreviation)) continue;
      const key = normaliseAbbreviation(abbreviation);
      const existing = byAbbreviation.get(key);
      if (existing && normaliseName(existing.name) !== normaliseName(name)) {
        if (!conflicts.has(key)) {
          conflicts.set(key, `role "${abbreviation}" is defined as both "${existing.name}" and "${name}"; "${existing.name}" is used`);
        }
        continue;
      }
      if (!existing) {
        const role = { key: abbreviation, name };
        byAbbreviation.set(key, role);
        byName.set(normaliseName(name), role);
      }
    }
  }
  return { byAbbreviation, byName, conflicts, people };
}

/**
 * Partner organisations are named alongside roles ("Dorset Police",
 * "Taxi Trade", "CSP partners") but are not people the bot can prompt.
 */
const ORGANISATION =
  /\b(police|constabulary|council|councils|fire|rescue|probation|nhs|ccg|trust|commissioner|pcc|panel|board|partnership|partners|trade|licensees|schools?|college|university|charity|charities|housing associations?|association|dwp|crc|nps|opcc|dcc|bcp|ltd|limited|plc|cic|hospital|prison|hmpps|community groups?|residents|businesses|retailers|agencies)\b/i;
const ROLE_WORD =
  /\b(officer|officers|manager|spokesperson|co-?ordinator|lead|head|director|champion|chair|team|group|unit|section|service manager|worker|advisor|adviser|analyst|member|inspector|sergeant|constable|pcso)\b/i;

export function isOrganisation(name: string): boolean {
  return ORGANISATION.test(name) && !ROLE_WORD.test(name.replace(/\b(task group|partnership co-?ordinating group)\b/i, ''));
}

export type Resources = {
  lead: Role | null;
  support: Role[];
  partners: string[];
};

function cleanPart(part: string): string {
  return part
    .replace(/\s+/g, ' ')
    .trim()
    // A bulleted list of leads ("• DMBC Hate Crime Lead"): the bullet is no part of the name.
    .replace(/^[•▪◦●■►➢§·]\s+/, '')
    .replace(/^(and|&)\s+/i, '')
    .replace(/[.;:,]+$/, '')
    .trim();
}

function toRole(part: string, defs: RoleDefinitions): Role {
  const defined = /^(.*?)\s*\(([^)]+)\)$/.exec(part);
  if (defined) {
    const byAbbr = defs.byAbbreviation.get(normaliseAbbreviation(defined[2]!));
    if (byAbbr) return byAbbr;
  }
  const byAbbr = defs.byAbbreviation.get(normaliseAbbreviation(part));
  // A single word spelled as the abbreviation in any case ("Asbro") is that role.
  if (byAbbr && !/\s/.test(part)) return byAbbr;
  const byName = defs.byName.get(normaliseName(part));
  if (byName) return byName;
  return { key: part, name: part };
}

function isKnownRole(part: string, defs: RoleDefinitions): boolean {
  return (
    defs.byAbbreviation.has(normaliseAbbreviation(part)) ||
    defs.byName.has(normaliseName(part)) ||
    /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/.test(part) ||
    (ROLE_WORD.test(part) && !isOrganisation(part))
  );
}

const NAME_WORD = /^[A-Z][a-z'’-]+$/;

/** Words that end in a person's name ("C/Supt Lang", "Steve Hume"), not a role ("ASB Officer") or a body. */
function endsInName(words: ReadonlyArray<string>): boolean {
  const text = words.join(' ');
  return NAME_WORD.test(words[words.length - 1]!) && !ROLE_WORD.test(text) && !isOrganisation(text);
}

/**
 * Two people whose lines in one cell were joined ("C/Supt Lang" and "Steve Hume" copied out of Word as
 * "C/Supt Lang Steve Hume"): split where one side is a name the plan writes on its own elsewhere (another lead
 * cell, a name in brackets) and both sides end in a name, the second a first name and surname.
 */
function splitJoinedPeople(part: string, people: ReadonlySet<string>): string[] {
  const words = part.split(/\s+/);
  for (let k = 1; k <= words.length - 2; k++) {
    const head = words.slice(0, k);
    const tail = words.slice(k);
    const known = people.has(normaliseName(head.join(' '))) || people.has(normaliseName(tail.join(' ')));
    if (known && tail.length <= 3 && tail.every((w) => NAME_WORD.test(w)) && endsInName(head) && endsInName(tail)) return [head.join(' '), tail.join(' ')];
  }
  return [part];
}

/**
 * Where "and" joins two names rather than sits inside one: "CSO and GM-PHH" names two roles, "COSLA and Alcohol and
 * Drug Partnerships" two bodies (Scottish Government drugs action plan 2020), but "Police and Crime Panel", "Safer
 * Communities and Neighbourhoods" and "Director of Housing and Communities" one each. An organisation's name often
 * holds "and", so a name is cut off at an "and" only when the words before it are a name in their own right (a role
 * or an abbreviation the plan uses) and the words after it are one too (a role, an abbreviation or an organisation);
 * the words between two cuts stay one name.
 */
export function splitOnAnd(part: string, standsAlone: { before: (name: string) => boolean; after: (name: string) => boolean }): string[] {
  // Odd places hold the joins as written ("and", "&"), so a name kept whole keeps its own.
  const pieces = part.split(/(\s+(?:and|&)\s+)/i);
  const names: string[] = [];
  let current = pieces[0]!;
  for (let i = 2; i < pieces.length; i += 2) {
    const rest = pieces.slice(i).join('');
    if (standsAlone.before(cleanPart(current)) && standsAlone.after(cleanPart(rest))) {
      names.push(current);
      current = pieces[i]!;
    } else current = `${current}${pieces[i - 1]}${pieces[i]}`;
  }
  return [...names, current].map(cleanPart).filter((p) => p !== '');
}

/** A body named in the plural with its qualifier ("Alcohol and Drug Partnerships", "Housing Associations"); a bare "Partnerships" is a remit. */
function namesBodies(name: string): boolean {
  return name.trim().split(/\s+/).length >= 2 && isOrganisation(name.replace(/(?<=\w{3})s\b/g, ''));
}

function namesOnEitherSide(defs: RoleDefinitions): { before: (name: string) => boolean; after: (name: string) => boolean } {
  return { before: (name) => isKnownRole(name, defs), after: (name) => isKnownRole(name, defs) || isOrganisation(name) || namesBodies(name) };
}

/** A defined role's name with commas in it stays one name: its commas are hidden while the cell is split. */
/**
 * A department whose name is itself a list ("Ministry of Housing, Communities
 * & Local Government", "Department for Digital, Culture, Media & Sport"): the
 * list after "of"/"for" closes with "&" or "and", so its commas are not separators.
 */
const LISTED_DEPARTMENT =
  /\b(?:Department|Ministry|Office|Directorate|Secretary of State)\s+(?:of|for)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s*,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)+\s*(?:&|and)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*/g;

/**
 * A job title whose remit is a list ("Director of Policy, Performance and Partnerships", "Head of Housing,
 * Regeneration & Planning"): after "of"/"for", capitalised words closed by "and"/"&". Only when no part of the
 * list is itself a role ("Community Safety Officer"), an organisation ("Police") or an abbreviation ("CSO"):
 * those are people or bodies named beside the title.
 */
const TITLE_WORD = "[A-Z][a-z'’-]+";
const TITLE_PART = `${TITLE_WORD}(?:\\s+${TITLE_WORD})*`;
const LISTED_TITLE = new RegExp(
  `\\b(?:Director|Head|Manager|Officer|Lead|Chair|Member|Holder|Co-?ordinator)\\s+(?:of|for)\\s+${TITLE_PART}(?:\\s*,\\s*${TITLE_PART})+\\s*(?:&|and)\\s+${TITLE_PART}`,
  'g',
);

function keepListedTitle(name: string): string {
  const remit = name.replace(/^\S+\s+(?:of|for)\s+/, '').split(/\s*,\s*|\s+(?:&|and)\s+/);
  if (remit.some((part) => ROLE_WORD.test(part) || isOrganisation(part))) return name;
  return name.replace(/,/g, '\u0000').replace(/&/g, '\u0001');
}

/**
 * A job title whose remit follows a comma ("Assistant Director, Safeguarding and Family Support", as Herefordshire's
 * Ofsted improvement plan 2015 names its leads): a bare title alone names nobody, so the remit after the comma is part
 * of it, unless the remit is itself a role or an organisation ("Head, Dorset Police").
 */
const BARE_TITLE = /^((?:(?:Assistant|Deputy|Interim|Acting|Senior|Chief|Executive|Strategic|Corporate|Service|Operations?)\s+)*(?:Director|Head|Manager|Officer|Lead|Executive))\s*,\s*([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|&|of|for))*)$/;

function keepTitleWithRemit(text: string): string {
  const m = BARE_TITLE.exec(text.trim());
  if (!m || ROLE_WORD.test(m[2]!) || isOrganisation(m[2]!)) return text;
  return text.replace(/,/g, '\u0000').replace(/&/g, '\u0001');
}

function protectDefinedNames(text: string, defs: RoleDefinitions): string {
  let out = keepTitleWithRemit(text)
    .replace(LISTED_DEPARTMENT, (name) => name.replace(/,/g, '\u0000').replace(/&/g, '\u0001'))
    .replace(LISTED_TITLE, keepListedTitle);
  for (const role of defs.byAbbreviation.values()) {
    if (!role.name.includes(',')) continue;
    const at = out.toLowerCase().indexOf(role.name.toLowerCase());
    if (at >= 0) out = out.slice(0, at) + out.slice(at, at + role.name.length).replace(/,/g, '\u0000') + out.slice(at + role.name.length);
  }
  return out;
}

const LABEL = /^(lead(?:\s+(?:officer|agency|partner))?|partners?|support(?:ed by)?|resources)\s*(?:[-–—:]|\s(?=[A-Z]))\s*/i;

/**
 * Reads a RESOURCES/PARTNERS cell such as "Lead – ASBRO, CSO, Dorset Police":
 * the first role named leads, other roles support, organisations are partners.
 */
const SURNAME_FIRST = /^[A-Z][a-z'’-]+, [A-Z][a-z'’-]+(?:\s*\/\s*[A-Z][a-z'’-]+, [A-Z][a-z'’-]+)+$/;

/** What a lead cell says when it names nobody. */
const NOBODY = /^(n\/?a|none|tbc|tba|tbd|to be (confirmed|agreed)|not applicable|[-–—?]+)$/i;

/** Officers' initials joined by slashes ("DM/PL/KL", a scrutiny tracker's lead officers): each is someone. */
const INITIALS_RUN = /\b[A-Z]{2,5}(?:\/[A-Z]{2,5})+\b/g;

/** A person's name as plans write it beside a post: two or three capitalised words. */
const PERSON = /^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$/;

/**
 * Of "<who> – <more>", the part that names the role: the first ("Prevent Officer – Geoff Thomas", "EQUIP –
 * commissioned by NBBC"), unless the first is a person and the second their post ("Julie Allan – Assistant Director
 * Probation Service", Stockton's reducing re-offending plan 2009): a role is what the bot asks someone to hold.
 */
function roleBesideName(part: string): string {
  const [first, second] = part.split(/\s[–—-]\s/);
  if (second === undefined) return first!;
  const person = PERSON.test(first!.trim()) && !ROLE_WORD.test(first!) && !isOrganisation(first!);
  return person && ROLE_WORD.test(second) ? second.trim() : first!;
}

export function parseResources(text: string, defs: RoleDefinitions, options: { leadColumn?: boolean } = {}): Resources {
  const segments = text
    .split(/\n|(?=\b(?:Partners?|Support(?:ed by)?)\s*[-–—:])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const named: Array<{ name: string; supportOnly: boolean }> = [];
  for (const segment of segments) {
    const label = LABEL.exec(segment);
    const supportOnly = label !== null && !/^lead/i.test(label[1]!) && !options.leadColumn;
    const written = protectDefinedNames(label ? segment.slice(label[0].length) : segment, defs);
    // "Kane, Graeme / Potter, Ed": people written surname first, separated by "/"; their commas are not separators.
    const spaced = written.replace(INITIALS_RUN, (run) => run.split('/').join(' / '));
    const body = SURNAME_FIRST.test(spaced) ? spaced.split(/\s*\/\s*/).map((n) => n.replace(/,/g, '\u0000')).join(', ') : spaced;
    // Commas inside a definition's brackets never separate roles.
    const parts = body
      // A slash with a space beside it separates names ("Sheffield City Council/ South Yorkshire Police"); "C/Supt" is one word.
      .split(/[,;&](?![^(]*\))|\s+\/\s*|\/\s+/)
      .map((p) => cleanPart(p.replace(/\u0000/g, ',').replace(/\u0001/g, '&')))
      .filter((p) => p !== '');
    for (const part of parts) {
      if (NOBODY.test(part)) continue;
      // "EQUIP – commissioned by NBBC", "Prevent Officer – Geoff Thomas": the name before the dash is who leads.
      const name = roleBesideName(part);
      for (const person of splitJoinedPeople(name, defs.people)) for (const piece of splitOnAnd(person, namesOnEitherSide(defs))) named.push({ name: piece, supportOnly });
    }
  }
  const roles: Role[] = [];
  const partners: string[] = [];
  // Under a "Partners:" label only a recognisable role is a role: "NFU" there is an organisation.
  const isPartner = (n: { name: string; supportOnly: boolean }): boolean =>
    isOrganisation(n.name) ||
    namesBodies(n.name) ||
    (n.supportOnly && !ROLE_WORD.test(n.name) && !defs.byAbbreviation.has(normaliseAbbreviation(n.name)) && !defs.byName.has(normaliseName(n.name)));
  for (const entry of named) {
    const { name } = entry;
    if (isPartner(entry)) {
      if (!partners.includes(name)) partners.push(name);
      continue;
    }
    const role = toRole(name, defs);
    if (!roles.some((r) => r.key === role.key)) roles.push(role);
  }
  // The first role named leads. When an agency comes first and no role this recognises is named, the agency leads
  // ("Dorset Police, Street Pastors"): a plan that names no role still names who does the work.
  const offered = named.filter((n) => !n.supportOnly);
  const first = offered[0];
  const leader = first === undefined || !isPartner(first) ? first : (offered.find((n) => !isPartner(n) && isKnownRole(n.name, defs)) ?? first);
  if (leader === undefined) return { lead: null, support: roles, partners };
  if (isPartner(leader)) {
    return { lead: { key: leader.name, name: leader.name }, support: roles, partners: partners.filter((p) => p !== leader.name) };
  }
  const lead = toRole(leader.name, defs);
  return { lead, support: roles.filter((r) => r.key !== lead.key), partners };
}
