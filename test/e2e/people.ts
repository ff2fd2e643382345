import type { PlaygroundUser } from '../../src/local/agents-playground.js';

/** The partnership's tenant in local runs, and the people of the end-to-end journeys. */
export const TENANT_ID = '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001';

function person(key: string, given: string, surname: string, n: number): PlaygroundUser {
  const mail = `${given}.${surname}@purbeck.example.gov.uk`.toLowerCase();
  return {
    id: `user-id-${key}`,
    name: `${given} ${surname}`,
    aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    givenName: given,
    surname,
    email: mail,
    userPrincipalName: mail,
  };
}

export const PEOPLE = {
  lead: person('lead', 'Laura', 'Hughes', 1),
  chair: person('chair', 'Charles', 'Okafor', 2),
  coordinator: person('coordinator', 'Carol', 'Dennis', 3),
  secondLead: person('lead2', 'Sam', 'Whitfield', 4),
  officer: person('officer', 'Omar', 'Shah', 5),
  partner: person('partner', 'Priya', 'Nair', 6),
} as const;

/**
 * The Playground sends every message as its current user (the lead here) and
 * wants exactly five other, distinct users in the tenant, group chat and team.
 */
export const PLAYGROUND_PEOPLE = {
  currentUser: PEOPLE.lead,
  users: [PEOPLE.chair, PEOPLE.coordinator, PEOPLE.secondLead, PEOPLE.officer, PEOPLE.partner],
};
