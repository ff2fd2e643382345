import { DateTime } from 'luxon';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from '../store/cosmos-fixture.js';
import { runCli } from './run-cli.js';

const TENANT = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';
const id = (n: number) => `20000000-0000-4000-8000-00000000000${n}`;
const CHAIR = `${id(1)}=Cllr Pat Dunmore`;
const COORDINATOR = `${id(2)}=Alex Hale`;
const CSP_COORDINATOR = `${id(9)}=Sam Okafor`;
const CSO = `${id(3)}=Casey Lund`;
const DELEGATE = `${id(4)}=Priya Shah`;

/** Meetings to come, from today: weeks ahead at a time, in the body's zone (the CLI reads the real clock). */
const ahead = (weeks: number, hour: number, minute = 0) => DateTime.now().setZone('Europe/London').plus({ weeks }).set({ hour, minute, second: 0, millisecond: 0 });
const [A, B, C, D] = [ahead(5, 14), ahead(9, 14), ahead(30, 10, 30), ahead(40, 14)];
/** A day as a person writes it: "15 January 2027". */
const words = (d: DateTime) => d.toFormat('d LLLL yyyy');
/** A meeting as the CLI prints it, months in three letters as everywhere ("Sep", not en-GB's "Sept"): "Fri 15 Jan 2027, 14:00 GMT". */
const line = (d: DateTime) => `${d.setLocale('en-US').toFormat('ccc d LLL yyyy, HH:mm')} ${d.setLocale('en-GB').toFormat('ZZZZ')}`;

const PLAN = [
  'Community Safety Delivery Plan 2017-2018,,,,,',
  'ACTION,MEASURE OF SUCCESS,PLANNED OUTCOME,RESOURCES/PARTNERS,DEADLINE,ACTION UPDATE/RAG',
  '1. Anti-social behaviour,,,,,',
  '1.1 Hold two events,Events held,Less ASB,Lead – CSO,Sept 2017,',
  '1.2 Review the DPPO,Review done,PSPO in place,"Lead – ASBRO, CSO",Dec 2017,',
  'Community Safety Officer (CSO),,,,,',
  'Anti Social Behaviour Reduction Officer (ASBRO),,,,,',
].join('\n');

describe('partnership-actions body', () => {
  let f: Fixture;
  let env: Record<string, string>;
  const run = (...args: string[]) => runCli(env, ...args);
  /** Runs the CLI and checks it refused with exit 1, the message given, and wrote nothing. */
  async function refused(message: string | RegExp, ...args: string[]): Promise<string> {
    const before = await f.dump();
    const r = await run(...args);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
    expect(r.code).toBe(1);
    expect(await f.dump()).toEqual(before);
    return r.stderr;
  }

  beforeAll(async () => {
    f = await startFixture();
    env = { COSMOS_ENDPOINT: f.server.endpoint, COSMOS_DATABASE: f.opened.database };
  });
  afterAll(async () => f?.stop());

  it('every body command needs the shared store (exit 2)', async () => {
    for (const args of [
      ['create', 'x-csp', '--kind', 'csp', '--name', 'X', '--tenant', TENANT, '--chair', CHAIR, '--coordinator', COORDINATOR],
      ['show', 'x-csp'],
      ['role', 'x-csp', 'CSO', '--person', CSO],
      ['meetings', 'x-csp', '2018-01-15 14:00'],
      ['chase', 'x-csp'],
    ]) {
      const r = await runCli({}, 'body', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('This command needs the shared store: set COSMOS_ENDPOINT.');
    }
  });

  // Setting up a CSP and a PCG, a step (a few CLI starts) to a test; each step builds on the one before.
  it('create: a CSP, then a PCG under it with the tenant from the bot’s settings', async () => {
    const csp = await run('body', 'create', 'dorset-csp', '--kind', 'csp', '--name', 'Dorset CSP', '--tenant', TENANT, '--chair', CHAIR, '--coordinator', CSP_COORDINATOR);
    expect(csp.stderr).toBe('');
    expect(csp.code).toBe(0);
    expect(csp.stdout).toContain(`Set up Dorset CSP (dorset-csp): a CSP, in tenant ${TENANT}, time zone Europe/London.`);

    // The tenant from the bot's settings, two coordinators.
    const pcg = await runCli(
      { ...env, MicrosoftAppTenantId: TENANT.toUpperCase() },
      'body', 'create', 'purbeck-pcg', '--kind', 'PCG', '--name', 'Purbeck PCG', '--csp', 'dorset-csp',
      '--chair', CHAIR, '--coordinator', COORDINATOR, '--coordinator', CSP_COORDINATOR,
    );
    expect(pcg.stderr).toBe('');
    expect(pcg.code).toBe(0);
    expect(pcg.stdout).toContain(`Set up Purbeck PCG (purbeck-pcg): a PCG of Dorset CSP (dorset-csp), in tenant ${TENANT}, time zone Europe/London.`);
    expect(pcg.stdout).toContain(`  coordinators: Alex Hale (${id(2)}), Sam Okafor (${id(9)})`);
    expect(pcg.stdout).toContain('Next: import its plan (partnership-actions import <file> --body purbeck-pcg)');

  });

  it('import, then role: a coordinator maps a role of the plan', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pa-body-cli-')), 'plan.csv');
    await writeFile(file, PLAN);
    const imported = await run('import', file, '--body', 'purbeck-pcg', '--as', 'Alex Hale');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    const role = await run('body', 'role', 'purbeck-pcg', 'cso', '--person', CSO, '--delegate', DELEGATE, '--as', 'Alex Hale');
    expect(role.stderr).toBe('');
    expect(role.code).toBe(0);
    expect(role.stdout).toBe(`CSO (Community Safety Officer) in Purbeck PCG is now Casey Lund (${id(3)}), delegate Priya Shah (${id(4)}) (by Alex Hale).\n`);

  });

  it('meetings: a chair and a coordinator add them as people write them, remove one to come, and list them', async () => {
    // The chair may set up too; unquoted words, two meetings separated by a comma, as typed in Teams.
    const added = await run('body', 'meetings', 'purbeck-pcg', 'add', ...`${words(A)} 2pm, ${words(B)} 2pm`.split(' '), '--as', id(1));
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(
      [`Added ${line(A)}; ${line(B)} to Purbeck PCG's meetings (by Cllr Pat Dunmore).`, 'Purbeck PCG meets (Europe/London):', `  ${line(A)}`, `  ${line(B)}`, ''].join('\n'),
    );

    // Each quoted argument is one meeting, in any style.
    const more = await run('body', 'meetings', 'purbeck-pcg', 'add', `${C.toFormat('yyyy-LL-dd')} 10:30`, `${D.toFormat('dd/LL/yyyy')} 2pm`, '--as', 'Alex Hale');
    expect(more.stderr).toBe('');
    expect(more.stdout).toContain(`Added ${line(C)}; ${line(D)} to Purbeck PCG's meetings (by Alex Hale).`);

    const removed = await run('body', 'meetings', 'purbeck-pcg', 'remove', ...words(D).split(' '), '--as', 'Alex Hale');
    expect(removed.stderr).toBe('');
    expect(removed.stdout).toContain(`Removed ${line(D)} from Purbeck PCG's meetings (by Alex Hale).`);

    // Listing needs no --as: anyone the store lets in may read the calendar.
    const listed = await run('body', 'meetings', 'purbeck-pcg');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toBe(['Purbeck PCG meets (Europe/London):', `  ${line(A)}`, `  ${line(B)}`, `  ${line(C)}`, ''].join('\n'));
  });

  it('chase: shows the defaults, sets the body’s own, lays later settings over them', async () => {
    const before = await run('body', 'chase', 'purbeck-pcg');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/prompts\s+14, 7, 1 days before a deadline\s+default/);
    expect(before.stdout).toContain('--reset returns to the defaults.');

    const chase = await run('body', 'chase', 'purbeck-pcg', '--prompt-days', '7, 14,21', '--reminder-every', '10', '--working-hours', '08:30-16:30', '--send-at', '8:30', '--as', 'Alex Hale');
    expect(chase.stderr).toBe('');
    expect(chase.code).toBe(0);
    expect(chase.stdout).toBe(
      [
        'Changed how Purbeck PCG is chased (by Alex Hale).',
        'Chase settings (Europe/London):',
        '  working hours       08:30-16:30 on working days            own',
        '  messages sent at    08:30                                  own',
        '  prompts             21, 14, 7 days before a deadline       own',
        '  overdue reminders   every 10 days                          own',
        '  escalation          after 2 unanswered reminders in a row  default',
        '  update round opens  10 days before a meeting               default',
        '  summary posted      2 working days before a meeting        default',
        '',
      ].join('\n'),
    );
    // Settings given later are laid over the body's own.
    expect((await run('body', 'chase', 'purbeck-pcg', '--summary-days', '3', '--as', 'Alex Hale')).code).toBe(0);

  });

  it('show: the PCG as set up, as text', async () => {
    const show = await run('body', 'show', 'purbeck-pcg');
    expect(show.stderr).toBe('');
    expect(show.code).toBe(0);
    expect(show.stdout).toBe(
      [
        'Purbeck PCG (purbeck-pcg)',
        '  kind          PCG of Dorset CSP (dorset-csp)',
        '  time zone     Europe/London',
        `  tenant        ${TENANT}`,
        `  chairs        Cllr Pat Dunmore (${id(1)})`,
        `  coordinators  Alex Hale (${id(2)}), Sam Okafor (${id(9)})`,
        '  plan          2017-18 (current)',
        '  channel       not linked (in the channel: @Partnership Actions link purbeck-pcg)',
        'Roles:',
        '  ASBRO (Anti Social Behaviour Reduction Officer) → no one yet',
        `  CSO (Community Safety Officer)                  → Casey Lund (${id(3)}), delegate Priya Shah (${id(4)})`,
        'Meetings (Europe/London):',
        `  ${line(A)}`,
        `  ${line(B)}`,
        `  ${line(C)}`,
        'Chase settings (Europe/London):',
        '  working hours       08:30-16:30 on working days            own',
        '  messages sent at    08:30                                  own',
        '  prompts             21, 14, 7 days before a deadline       own',
        '  overdue reminders   every 10 days                          own',
        '  escalation          after 2 unanswered reminders in a row  default',
        '  update round opens  10 days before a meeting               default',
        '  summary posted      3 working days before a meeting        own',
        '',
      ].join('\n'),
    );

  });

  it('show: the CSP, and the PCG as JSON', async () => {
    const cspShow = await run('body', 'show', 'dorset-csp');
    expect(cspShow.stdout).toContain('  kind          CSP; its PCGs: Purbeck PCG (purbeck-pcg)');
    expect(cspShow.stdout).toContain('  plan          none imported yet');
    expect(cspShow.stdout).toMatch(/Roles:\n {2}none yet\nMeetings \(Europe\/London\):\n {2}none set\n/);
    expect(cspShow.stdout).toMatch(/working hours\s+09:00-17:00 on working days\s+default/);

    const json = JSON.parse((await run('body', 'show', 'purbeck-pcg', '--json')).stdout);
    expect(json.body).toMatchObject({ id: 'purbeck-pcg', kind: 'pcg', parentId: 'dorset-csp', tenantId: TENANT, meetings: [A, B, C].map((m) => m.toFormat("yyyy-LL-dd'T'HH:mm")) });
    expect(json.csp).toEqual({ id: 'dorset-csp', name: 'Dorset CSP' });
    expect(json.unmappedRoles).toEqual([{ key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' }]);
    expect(json.chase.own).toEqual({ promptDaysBefore: [21, 14, 7], reminderEveryDays: 10, workdayStart: '08:30', workdayEnd: '16:30', sendAt: '08:30', summaryWorkingDaysBefore: 3 });
    expect(json.chase.inForce).toMatchObject({ timeZone: 'Europe/London', escalateAfterReminders: 2, roundOpensDaysBefore: 10, summaryWorkingDaysBefore: 3 });

  });

  it('chase --reset: back to the defaults, with a setting given over them', async () => {
    // --reset returns to the defaults; with a setting, that setting over the defaults.
    const reset = await run('body', 'chase', 'purbeck-pcg', '--reset', '--escalate-after', '3', '--as', 'Alex Hale');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/working hours\s+09:00-17:00 on working days\s+default/);
    expect(reset.stdout).toMatch(/escalation\s+after 3 unanswered reminders in a row\s+own/);
    expect(JSON.parse((await run('body', 'show', 'purbeck-pcg', '--json')).stdout).body.chase).toEqual({ escalateAfterReminders: 3 });
  });

  // Each refusal is a CLI start of its own, checked to exit 1 with its message and to write nothing.
  const people = ['--chair', CHAIR, '--coordinator', COORDINATOR];
  const create = (bodyId: string, ...args: string[]) => ['body', 'create', bodyId, ...args];
  it.each<[string, string[]]>([
    ['The body id "Rural PCG" is not a short id of lower-case letters, digits and hyphens, e.g. "purbeck-pcg".', create('Rural PCG', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', TENANT, ...people)],
    ['--kind "district" is not a kind of body: use --kind pcg', create('rural-pcg', '--kind', 'district', '--name', 'Rural PCG', '--tenant', TENANT, ...people)],
    ['A PCG belongs to a CSP: give its CSP\'s id with --csp', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--tenant', TENANT, ...people)],
    ['--csp is for a PCG', create('other-csp', '--kind', 'csp', '--name', 'Other', '--csp', 'dorset-csp', '--tenant', TENANT, ...people)],
    ['Not set up: There is no CSP "nowhere-csp" for Rural PCG to belong to.', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'nowhere-csp', '--tenant', TENANT, ...people)],
    ['Not set up: There is no CSP "purbeck-pcg"', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'purbeck-pcg', '--tenant', TENANT, ...people)],
    ['Not set up: There is already a body "purbeck-pcg".', create('purbeck-pcg', '--kind', 'pcg', '--name', 'Purbeck again', '--csp', 'dorset-csp', '--tenant', TENANT, ...people)],
    ['--time-zone "Mars/Olympus" is not an IANA time zone such as "Europe/London".', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--time-zone', 'Mars/Olympus', '--tenant', TENANT, ...people)],
    ['Say which Microsoft Entra tenant the partnership works in: --tenant', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', ...people)],
    ['--tenant "contoso" is not a Microsoft Entra tenant id (a GUID).', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', 'contoso', ...people)],
    ['--chair "Pat Dunmore" is not a person: write their Microsoft Entra object id', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', TENANT, '--chair', 'Pat Dunmore', '--coordinator', COORDINATOR)],
    ['--coordinator "Alex Hale=', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', TENANT, '--chair', CHAIR, '--coordinator', `Alex Hale=${id(2)}`)],
    ['Name the coordinator: --coordinator "<Entra object id>=<name>"', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', TENANT, '--chair', CHAIR)],
    ['Name the chair: --chair', create('rural-pcg', '--kind', 'pcg', '--name', 'Rural PCG', '--csp', 'dorset-csp', '--tenant', TENANT, '--coordinator', COORDINATOR)],
    ["--name is empty", create('rural-pcg', '--kind', 'pcg', '--name', ' ', '--csp', 'dorset-csp', '--tenant', TENANT, ...people)],
    ["error: required option '--kind <kind>' not specified", create('rural-pcg', '--name', 'Rural PCG', '--tenant', TENANT, ...people)],
  ])('create refuses, exit 1, nothing written: %s', async (message, args) => {
    await refused(message, ...args);
  });

  it('show: an unknown body, exit 1', async () => {
    await refused('Cannot show nowhere-pcg: There is no partnership body "nowhere-pcg".', 'body', 'show', 'nowhere-pcg');
  });

  it.each<[string, string[]]>([
    [`--person "Casey Lund" is not a person`, ['body', 'role', 'purbeck-pcg', 'ASBRO', '--person', 'Casey Lund', '--as', 'Alex Hale']],
    [`--delegate "${id(4)}=" is not a person`, ['body', 'role', 'purbeck-pcg', 'ASBRO', '--person', CSO, '--delegate', `${id(4)}=`, '--as', 'Alex Hale']],
    ["Not changed: The 2017-18 plan names no role \"LO\"; its roles are: CSO, ASBRO.", ['body', 'role', 'purbeck-pcg', 'LO', '--person', CSO, '--as', 'Alex Hale']],
    ['Not changed: Dorset CSP has no plan yet: import one first.', ['body', 'role', 'dorset-csp', 'CSO', '--person', CSO, '--as', 'Sam Okafor']],
    // A role holder, a delegate: known to the body, but not its coordinator or chair.
    ['Not changed: "Casey Lund" is not a coordinator or chair of Purbeck PCG: use one of Alex Hale', ['body', 'role', 'purbeck-pcg', 'ASBRO', '--person', CSO, '--as', 'Casey Lund']],
    [`Not changed: "${id(4)}" is not a coordinator or chair of Purbeck PCG`, ['body', 'role', 'purbeck-pcg', 'ASBRO', '--person', CSO, '--as', id(4)]],
    // Two coordinators: the CLI cannot guess which.
    ['Not changed: Say who you are with --as <object id or name> (or PARTNERSHIP_CLI_AS): one of Alex Hale', ['body', 'role', 'purbeck-pcg', 'ASBRO', '--person', CSO]],
    ['Not changed: There is no partnership body "nowhere-pcg".', ['body', 'role', 'nowhere-pcg', 'ASBRO', '--person', CSO, '--as', 'Alex Hale']],
  ])('role refuses, exit 1, nothing written: %s', async (message, args) => {
    await refused(message, ...args);
  });

  // The example is four weeks from today, never a date from another year's plan.
  const example = (format: string) => DateTime.now().setZone('Europe/London').plus({ weeks: 4 }).toFormat(format);
  const meetings = (...args: string[]) => ['body', 'meetings', 'purbeck-pcg', ...args, '--as', 'Alex Hale'];

  it.each<[string, string[]]>([
    // The old whole-calendar form: dates with no verb are added, never a replacement, and a past one refuses them all.
    [`Not changed: Cannot add the meetings: Wed 24 Jan 2018, 14:00 is in the past`, meetings('2018-01-24 14:00', `${example('yyyy-LL-dd')} 14:00`)],
    [`Not changed: Cannot add the meetings: Purbeck PCG already meets on ${A.setLocale('en').toFormat('ccc d LLL yyyy')}, 14:00, one meeting a day`, meetings('add', `${words(A)} 6pm`)],
    [`Not changed: Cannot add the meetings: "next Tuesday" is not a meeting date and time I can read; write it as, e.g. "${example('d LLLL yyyy')} 2pm"`, meetings('add', 'next', 'Tuesday')],
    [`Not changed: Cannot add the meetings: "${words(C)}" has no time; add it, e.g. "${words(C)} 2pm"`, meetings('add', words(C))],
    ['Not changed: Cannot add the meetings: 5,000 characters is more than 24 meetings could need.', meetings('add', 'x'.repeat(5000))],
    [`Name the meeting to add, e.g. body meetings purbeck-pcg add ${example('d LLLL yyyy')} 2pm`, meetings('add')],
    [`Name the meeting to remove, e.g. body meetings purbeck-pcg remove ${example('d LLLL yyyy')} (`, meetings('delete')],
    ['Not changed: Cannot remove the meeting: "frobnicate" is not a date I can read', meetings('remove', 'frobnicate')],
    [`Not changed: Cannot remove the meeting: Purbeck PCG has no meeting on ${D.setLocale("en").toFormat("d LLL yyyy")} to remove`, meetings('cancel', D.toFormat('yyyy-LL-dd'))],
    ['Not changed: "Priya Shah" is not a coordinator or chair of Purbeck PCG', ['body', 'meetings', 'purbeck-pcg', 'add', `${example('yyyy-LL-dd')} 14:00`, '--as', 'Priya Shah']],
  ])('meetings refuses, exit 1, nothing written: %s', async (message, args) => {
    await refused(message, ...args);
  });

  it('meetings: PARTNERSHIP_CLI_AS names someone who is not a coordinator or chair, exit 1', async () => {
    const other = await runCli({ ...env, PARTNERSHIP_CLI_AS: 'Casey Lund' }, 'body', 'meetings', 'purbeck-pcg', 'add', `${example('yyyy-LL-dd')} 14:00`);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('"Casey Lund" is not a coordinator or chair of Purbeck PCG');
  });

  const chase = (...args: string[]) => ['body', 'chase', 'purbeck-pcg', ...args, '--as', 'Alex Hale'];
  it.each<[string, string[]]>([
    ['--reminder-every "3": must be at least 5 days.', chase('--reminder-every', '3')],
    ['--reminder-every "weekly" is not a whole number: write e.g. --reminder-every 7.', chase('--reminder-every', 'weekly')],
    ['--prompt-days "14,x": "x" is not a whole number of days; write the days before a deadline separated by commas, e.g. --prompt-days 14,7,1', chase('--prompt-days', '14,x')],
    ['--prompt-days "14,0": each must be at least 1 day.', chase('--prompt-days', '14,0')],
    ['--send-at "18:00": messages must be scheduled within working hours (09:00-17:00).', chase('--send-at', '18:00')],
    ['--send-at "noon": not a local time such as "09:00".', chase('--send-at', 'noon')],
    ['--working-hours "17:00-09:00": the working day must end after it starts.', chase('--working-hours', '17:00-09:00')],
    ['--working-hours "9 to 5" is not a span of the day: write its start and end, e.g. --working-hours 09:00-17:00.', chase('--working-hours', '9 to 5')],
    ['--working-hours "25:00-26:00": not a local time such as "09:00".', chase('--working-hours', '25:00-26:00')],
    // The send time in force falls outside the new hours: says which option to give too.
    ['--send-at is 09:00 (in force; give --send-at to change it): messages must be scheduled within working hours (10:00-16:00).', chase('--working-hours', '10:00-16:00')],
    ['--escalate-after "0": must be at least 1 reminder.', chase('--escalate-after', '0')],
    ['--summary-days "31": must be at most 30 working days.', chase('--summary-days', '31')],
    ['--round-days "-1" is not a whole number', chase('--round-days=-1')],
    ['Not changed: "Casey Lund" is not a coordinator or chair of Purbeck PCG', ['body', 'chase', 'purbeck-pcg', '--reminder-every', '14', '--as', 'Casey Lund']],
    ['Not changed: There is no partnership body "nowhere-pcg".', ['body', 'chase', 'nowhere-pcg', '--reset', '--as', 'Alex Hale']],
  ])('chase refuses, exit 1, nothing written: %s', async (message, args) => {
    await refused(message, ...args);
  });

  it('chairs: listed, added by a coordinator, and the new chair may remove another', async () => {
    const listed = await run('body', 'chairs', 'purbeck-pcg');
    expect(listed.stdout).toBe(`Purbeck PCG's chairs: Cllr Pat Dunmore (${id(1)}).\n`);

    const added = await run('body', 'chairs', 'purbeck-pcg', '--add', DELEGATE, '--as', 'Alex Hale');
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe(`Changed Purbeck PCG's chairs (by Alex Hale).\nPurbeck PCG's chairs: Cllr Pat Dunmore (${id(1)}), Priya Shah (${id(4)}).\n`);
    // The new chair may now run it.
    expect((await run('body', 'chairs', 'purbeck-pcg', '--remove', id(1), '--as', 'Priya Shah')).stdout).toContain(`Purbeck PCG's chairs: Priya Shah (${id(4)}).`);
  });

  it('chairs and coordinators: garbage and someone who may not are refused, nothing written', async () => {
    await refused(`Not changed: ${id(7)} is not among Purbeck PCG's chairs: Priya Shah (${id(4)}).`, 'body', 'chairs', 'purbeck-pcg', '--remove', id(7), '--as', 'Alex Hale');
    await refused('--add "Sam" is not', 'body', 'coordinators', 'purbeck-pcg', '--add', 'Sam', '--as', 'Alex Hale');
    await refused('Not changed: "Casey Lund" is not a coordinator or chair of Purbeck PCG', 'body', 'coordinators', 'purbeck-pcg', '--add', CSO, '--as', 'Casey Lund');
  });

  it('chairs and coordinators: never none left to run the body', async () => {
    // Down to the last: the coordinators go, then removing the last chair is refused.
    await run('body', 'coordinators', 'purbeck-pcg', '--remove', id(2), '--remove', id(9), '--as', 'Priya Shah');
    await refused('Not changed: Purbeck PCG would have no chair or coordinator left to run it', 'body', 'chairs', 'purbeck-pcg', '--remove', id(4), '--as', 'Priya Shah');
    await run('body', 'coordinators', 'purbeck-pcg', '--add', COORDINATOR, '--add', CSP_COORDINATOR, '--as', 'Priya Shah');
    await run('body', 'chairs', 'purbeck-pcg', '--add', CHAIR, '--remove', id(4), '--as', 'Alex Hale');
    expect((await run('body', 'chairs', 'purbeck-pcg')).stdout).toBe(`Purbeck PCG's chairs: Cllr Pat Dunmore (${id(1)}).\n`);
  });
});
