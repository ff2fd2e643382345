import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { createBot, type BotAuth } from '../../src/teams/create-bot.js';

const refuse = async () => {
  throw new DomainError('not-allowed', 'unused');
};

function build(auth: BotAuth) {
  return createBot({
    tenantId: '7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001',
    timeZone: 'Europe/London',
    auth,
    useCases: { listMyActions: refuse, openUpdate: refuse, actionRefsOf: refuse, findActionToUpdate: refuse, recordUpdate: refuse, summary: refuse, linkChannel: refuse, meetings: refuse, mapRole: refuse, chase: refuse, recordTypedUpdate: refuse, undoUpdate: refuse, history: refuse, watchList: refuse, chairedBodies: refuse, personalChat: refuse, yearEnd: refuse, closeAtYearEnd: refuse, openDigest: refuse, confirmLink: refuse, createAndLink: refuse, welcome: refuse, setup: refuse, saveSetup: refuse, recordFor: refuse, previewPlanUpload: refuse, previewPlanUploadFor: refuse, rereadPlanUpload: refuse, importPlanUpload: refuse, importMeetingsUpload: refuse },
    conversations: { saveConversationReference: async () => {}, reportConversationLost: async () => {} },
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
}

describe('createBot', () => {
  it.each<BotAuth>([
    { kind: 'none' },
    { kind: 'secret', appId: '11111111-0000-0000-0000-000000000001', password: 'client-secret' },
    { kind: 'certificate', appId: '11111111-0000-0000-0000-000000000001', thumbprint: 'AB12', privateKeyPem: '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----' },
    { kind: 'managed-identity', appId: '11111111-0000-0000-0000-000000000002' },
  ])('builds a single-tenant adapter for $kind auth without calling out', (auth) => {
    const bot = build(auth);
    const config = bot.adapter.botFrameworkAuthConfig ?? {};
    expect(config.MicrosoftAppId ?? '').toBe(auth.kind === 'none' ? '' : auth.appId);
    if (auth.kind !== 'none') expect(config.MicrosoftAppTenantId).toBe('7c0f3d0e-5a1b-4c7e-9a34-2f3f9e1c0001');
    expect(config.MicrosoftAppType).toBe({ none: undefined, secret: 'SingleTenant', certificate: 'SingleTenant', 'managed-identity': 'UserAssignedMSI' }[auth.kind]);
  });
});
