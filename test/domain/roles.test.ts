import { describe, expect, it } from 'vitest';
import { planActions } from '../../src/domain/plan.js';
import { readPlans } from '../../src/domain/read-plan.js';
import { collectRoleDefinitions, isOrganisation, parseResources } from '../../src/domain/roles.js';
import { wordText } from './plan-rows.js';

const defs = collectRoleDefinitions([
  'Lead – Anti Social Behaviour Reduction Officer (ASBRO), CSO, Public Health and Housing',
  'Lead – General Manager Public Health and Housing (GM-PHH), Housing Manager (HO), Community Safety Officer (CSO).',
  'Lead – Licensing Officer (LO), CSO',
]);

describe('role definitions and leads', () => {
  it('finds every "Full Name (ABBR)" in the plan', () => {
    expect(defs.byAbbreviation.get('ASBRO')).toEqual({ key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' });
    expect(defs.byAbbreviation.get('GMPHH')).toEqual({ key: 'GM-PHH', name: 'General Manager Public Health and Housing' });
    expect(defs.byAbbreviation.get('HO')?.name).toBe('Housing Manager');
  });

  it('makes one role of every spelling of a defined role', () => {
    for (const text of [
      'Lead – Anti-Social Behaviour Reduction Officer, Licensing Officer',
      'Lead - anti social behaviour reduction officer, LO',
      'Lead – ASBRO, Licensing Officer (LO)',
      'Lead: Asbro, LO',
    ]) {
      expect(parseResources(text, defs)).toMatchObject({ lead: { key: 'ASBRO' }, support: [{ key: 'LO' }] });
    }
  });

  it('the first role named leads, the rest support', () => {
    expect(parseResources('Lead – ASBRO, CSO', defs)).toEqual({
      lead: { key: 'ASBRO', name: 'Anti Social Behaviour Reduction Officer' },
      support: [{ key: 'CSO', name: 'Community Safety Officer' }],
      partners: [],
    });
    expect(parseResources('Lead - ASBRO & EP Team', defs)).toMatchObject({ lead: { key: 'ASBRO' }, support: [{ key: 'EP Team' }] });
    expect(parseResources('Lead – CSO and GM-PHH', defs)).toMatchObject({ lead: { key: 'CSO' }, support: [{ key: 'GM-PHH' }] });
  });

  it('keeps "and" inside a name that is one body', () => {
    const r = parseResources('Lead – Community Safety Spokesperson, Police and Crime Panel, CSO', defs);
    expect(r.lead?.key).toBe('Community Safety Spokesperson');
    expect(r.support.map((s) => s.key)).toEqual(['CSO']);
    expect(r.partners).toEqual(['Police and Crime Panel']);
    expect(parseResources('Lead – ASBRO, CSO, Public Health and Housing', defs).support.map((s) => s.key)).toEqual([
      'CSO',
      'Public Health and Housing',
    ]);
  });

  it('names organisations as partners, not roles', () => {
    const r = parseResources('Lead – Anti-Social Behaviour Reduction Officer, Licensing Officer, Taxi Trade, Licensees', defs);
    expect(r).toMatchObject({ lead: { key: 'ASBRO' }, support: [{ key: 'LO' }], partners: ['Taxi Trade', 'Licensees'] });
    expect(parseResources('Lead – CSO, CSP partners, ASBRO', defs).partners).toEqual(['CSP partners']);
    expect(parseResources('Lead – ASBRO, CSO, Dorset Police, DCC', defs).partners).toEqual(['Dorset Police', 'DCC']);
    expect(isOrganisation('Domestic Violence Task Group')).toBe(false);
    expect(isOrganisation('Dorset Fire and Rescue Service')).toBe(true);
  });

  it('reads separate lead and partner labels', () => {
    const r = parseResources('Lead: CSO\nPartners: Dorset Police, ASBRO', defs);
    expect(r).toMatchObject({ lead: { key: 'CSO' }, support: [{ key: 'ASBRO' }], partners: ['Dorset Police'] });
  });

  it('makes the first agency named the lead when no role is named, unless it is only a partner', () => {
    expect(parseResources('Dorset Police, Taxi Trade', defs)).toEqual({ lead: { key: 'Dorset Police', name: 'Dorset Police' }, support: [], partners: ['Taxi Trade'] });
    expect(parseResources('Partners: Dorset Police, Taxi Trade', defs).lead).toBeNull();
  });

  it('keeps a job title whose remit is a list as one name, but splits roles and bodies named beside a title', () => {
    expect(parseResources('Director of Policy, Performance and Partnerships', defs).lead).toEqual({
      key: 'Director of Policy, Performance and Partnerships',
      name: 'Director of Policy, Performance and Partnerships',
    });
    expect(parseResources('Head of Housing, Regeneration & Planning', defs).lead?.name).toBe('Head of Housing, Regeneration & Planning');
    const beside = parseResources('Head of Service, Community Safety Officer and Licensing Officer', defs);
    expect(beside.lead?.name).toBe('Head of Service');
    expect(beside.support.map((r) => r.key)).toEqual(['CSO', 'LO']);
    expect(parseResources('Head of Service, Housing and Dorset Police', defs).lead?.name).toBe('Head of Service');
  });
});

describe('officers named by their initials', () => {
  it('reads initials joined by slashes as several people, the first leading', () => {
    const none = collectRoleDefinitions([]);
    expect(parseResources('DM/PL/KL', none, { leadColumn: true })).toMatchObject({ lead: { key: 'DM' }, support: [{ key: 'PL' }, { key: 'KL' }] });
    expect(parseResources('C/Supt Jones', none, { leadColumn: true }).lead).toMatchObject({ key: 'C/Supt Jones' });
    expect(parseResources('N/A', none, { leadColumn: true }).lead).toBeNull();
  });
});

describe('people whose lines in one lead cell were joined (text copied out of Word)', () => {
  // Stockton-on-Tees neighbourhood policing scrutiny action plan (2015): "C/Supt Lang" and "Steve Hume" on two lines
  // of one Responsibility cell, joined by the copy; the plan writes each alone elsewhere.
  const plan = collectRoleDefinitions(['Council to have identified Single Point of Contact (Steve Hume)']);
  const withLead = { ...plan, people: new Set([...plan.people, 'c supt lang']) };

  it('reads two people where the plan names either alone elsewhere', () => {
    expect(plan.people).toEqual(new Set(['steve hume']));
    expect(parseResources('C/Supt Lang Steve Hume', plan, { leadColumn: true })).toMatchObject({ lead: { key: 'C/Supt Lang' }, support: [{ key: 'Steve Hume' }] });
    expect(parseResources('C/Supt Lang Steve Hume', { ...withLead, people: new Set(['c supt lang']) }, { leadColumn: true })).toMatchObject({
      lead: { key: 'C/Supt Lang' },
      support: [{ key: 'Steve Hume' }],
    });
  });

  it('reads a plan’s cells so: the lead of one action names the person joined to another in the next, one role per person', () => {
    const rows = wordText(
      [
        'Action Plan – Neighbourhood Policing',
        'No.\tRecommendation\tResponsibility',
        '1\tUse social media consistently\tC/Supt. Lang',
        '2\tKeep information sharing under review (Steve Hume)\tC/Supt Lang Steve Hume',
      ].join('\n'),
    );
    const plan = readPlans(rows, { fallbackTitle: 'stockton' }).plans[0]!;
    expect(planActions(plan).map((a) => [a.ref, a.lead, a.support])).toEqual([
      ['1', 'C/Supt. Lang', []],
      ['2', 'C/Supt. Lang', ['Steve Hume']],
    ]);
    expect(plan.roles.map((r) => r.key)).toEqual(['C/Supt. Lang', 'Steve Hume']);
  });

  it('keeps one name whole when nothing says it is two, and never splits a role from its holder', () => {
    expect(parseResources('C/Supt Lang Steve Hume', defs, { leadColumn: true }).lead?.key).toBe('C/Supt Lang Steve Hume');
    expect(parseResources('Mary Anne Smith', withLead, { leadColumn: true }).lead?.key).toBe('Mary Anne Smith');
    const known = { ...defs, people: new Set(['cso', 'jane smith']) };
    expect(parseResources('CSO Team Leader', known, { leadColumn: true }).lead?.key).toBe('CSO Team Leader');
    expect(parseResources('ASB Officer Jane Smith', known, { leadColumn: true }).lead?.key).toBe('ASB Officer Jane Smith');
  });
});

describe('"and" between two names or inside one', () => {
  const none = collectRoleDefinitions([]);
  const lead = (text: string) => parseResources(text, none, { leadColumn: true });

  it.each([
    // Scottish Government drugs action plan 2020, Annex 1: two bodies, the second's name holding "and".
    ['COSLA and Alcohol and Drug Partnerships', 'COSLA', [], ['Alcohol and Drug Partnerships']],
    ['Scottish Government, Public Health Scotland, COSLA and Alcohol and Drug Partnerships', 'Scottish Government', ['Public Health Scotland', 'COSLA'], ['Alcohol and Drug Partnerships']],
    ['CSO and GM-PHH', 'CSO', ['GM-PHH'], []],
    // One name each: the words before "and" are no name of their own, or the words after it are none.
    ['Police and Crime Panel', 'Police and Crime Panel', [], []],
    ['Safer Communities and Neighbourhoods', 'Safer Communities and Neighbourhoods', [], []],
    ['Director of Housing and Communities', 'Director of Housing and Communities', [], []],
    ['Head of Community Safety and Partnerships', 'Head of Community Safety and Partnerships', [], []],
  ])('reads "%s" as %s leading', (text, leader, support, partners) => {
    const read = lead(text);
    expect([read.lead?.name, read.support.map((r) => r.name), read.partners]).toEqual([leader, support, partners]);
  });

  it('splits a lead the plan names alone elsewhere from the body joined to it, keeping that body’s name whole', () => {
    const reading = readPlans(
      wordText(['Ref\tAction\tLead', '1.1\tImplement the framework\tCOSLA and Alcohol and Drug Partnerships', '1.2\tAgree the guidance\tCOSLA'].join('\n')),
      { fallbackTitle: 'plan' },
    );
    const [first] = planActions(reading.plans[0]!);
    expect([first!.lead, first!.partners]).toEqual(['COSLA', ['Alcohol and Drug Partnerships']]);
  });

  it('drops the bullet of a bulleted list of leads (a Word cell’s list)', () => {
    expect(lead('• DMBC Hate Crime Lead\n• DMBC Communications').lead?.name).toBe('DMBC Hate Crime Lead');
  });
});
