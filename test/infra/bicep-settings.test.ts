import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { CONTAINERS } from '../../src/store/open-store.js';

/**
 * No Bicep compiler installs from the npm registry (the CLI is a download
 * from GitHub), so the template is checked as text: what it sets for the app
 * against what src/config.ts requires, the store's containers, the
 * parameters file and the toolkit's project file.
 */
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const bicep = read('infra/main.bicep');

/** The container's env entries: `{ name: 'X', value: … }` or `{ name: 'X', secretRef: 's' }`. */
function containerEnv(): Array<{ name: string; value?: string; secretRef?: string }> {
  const block = /env: \[\n([\s\S]*?)\n\s*\]/.exec(bicep)?.[1] ?? '';
  return [...block.matchAll(/\{ name: '([^']+)', (value|secretRef): ((?:[^{}]|\$\{[^}]*\})+?) \}/g)].map((m) => ({ name: m[1]!, [m[2]!]: m[3]!.trim() }));
}

/** Values of the kind the deployment gives each setting (an https endpoint, GUIDs, secrets from Key Vault). */
const SAMPLE: Record<string, string> = {
  COSMOS_ENDPOINT: 'https://pactions-cosmos-abc.documents.azure.com:443/',
  MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
  MicrosoftAppTenantId: '66666666-7777-4888-9999-000000000000',
  PUBLIC_BASE_URL: 'https://pactions-app.kindhill-1234.uksouth.azurecontainerapps.io',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/',
  AZURE_CLIENT_ID: '99999999-8888-4777-8666-555555555555',
  COSMOS_DATABASE: /^var databaseName = '([^']+)'$/m.exec(bicep)?.[1] ?? 'unset',
};

function deployedEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of containerEnv()) {
    if (e.secretRef !== undefined) env[e.name] = `secret-from-key-vault-${e.secretRef.replace(/'/g, '')}-0123456789abcdef`;
    else if (e.value!.startsWith("'") && !e.value!.includes('${')) env[e.name] = e.value!.slice(1, -1);
    else env[e.name] = SAMPLE[e.name] ?? (e.name === 'SCHEDULER_EVERY_SECONDS' ? '60' : `computed-${e.name}`);
  }
  return env;
}

describe('infra/main.bicep', () => {
  it('sets every setting azure mode requires: the app starts in azure mode on Cosmos DB with its managed identity, telemetry on', () => {
    const config = loadConfig(deployedEnvironment());
    expect(config.bot.mode).toBe('azure');
    expect(config.bot.auth).toMatchObject({ kind: 'secret', appId: SAMPLE.MicrosoftAppId });
    expect(config.bot.host).toBe('0.0.0.0');
    expect(config.cosmos).toMatchObject({ mode: 'account', auth: { kind: 'identity' }, database: 'partnership-actions' });
    expect(config.scheduler.tickSecret).not.toBeNull();
    expect(config.telemetry).not.toBeNull();
  });

  it('gives each setting of the Bot Framework and the store a value, and takes the three secrets from Key Vault only', () => {
    const env = containerEnv();
    const byName = new Map(env.map((e) => [e.name, e]));
    expect(env.length).toBe(byName.size);
    for (const name of ['MicrosoftAppPassword', 'REPORT_LINK_SECRET', 'TICK_SECRET']) expect(byName.get(name)?.secretRef, name).toBeDefined();
    expect(bicep).not.toMatch(/COSMOS_KEY/);
    const secretNames = [...bicep.matchAll(/\{ name: '([a-z-]+)', value: (botPassword|reportLinkSecret|tickSecret) \}/g)].map((m) => m[1]);
    expect(secretNames).toEqual(['bot-password', 'report-link-secret', 'tick-secret']);
    expect(bicep).toContain("keyVaultUrl: '${vault.properties.vaultUri}secrets/${s.name}'");
    for (const ref of env.flatMap((e) => (e.secretRef === undefined ? [] : [e.secretRef.replace(/'/g, '')]))) expect(secretNames).toContain(ref);
  });

  it('creates the two containers with the partition keys the store uses, serverless with continuous backup and no keys', () => {
    for (const c of Object.values(CONTAINERS)) expect(bicep).toContain(`{ name: '${c.id}', partitionKey: '${c.partitionKey}' }`);
    expect(bicep).toContain("capabilities: [{ name: 'EnableServerless' }]");
    expect(bicep).toContain('disableLocalAuth: true');
    expect(bicep).toMatch(/type: 'Continuous'/);
    // Cosmos DB Built-in Data Contributor, for the app's user-assigned identity.
    expect(bicep).toContain("cosmosDataContributor: '00000000-0000-0000-0000-000000000002'");
    expect(bicep).toMatch(/principalId: identity\.properties\.principalId\n\s*scope: cosmos\.id/);
  });

  it('registers a single-tenant Azure Bot with the Teams channel at the app\'s /api/messages', () => {
    expect(bicep).toMatch(/msaAppType: 'SingleTenant'/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toContain("endpoint: 'https://${publicHost}/api/messages'");
    expect(bicep).toContain("{ name: 'PUBLIC_BASE_URL', value: 'https://${publicHost}' }");
  });

  it('names only API versions of the form Azure publishes, and the parameters file only parameters the template declares', () => {
    const types = [...bicep.matchAll(/^resource \w+ '([\w./]+)@([\w-]+)'/gm)];
    expect(types.length).toBeGreaterThanOrEqual(15);
    for (const [, , version] of types) expect(version).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    const declared = new Set([...bicep.matchAll(/^param (\w+) /gm)].map((m) => m[1]));
    const parameters = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, unknown> };
    for (const name of Object.keys(parameters.parameters)) expect(declared, name).toContain(name);
    for (const required of [...bicep.matchAll(/^param (\w+) string$/gm)].map((m) => m[1]!)) expect(Object.keys(parameters.parameters), required).toContain(required);
  });
});

describe('m365agents.yml', () => {
  it('provisions the single-tenant app registration and the template, deploys the image, publishes the package', () => {
    const project = parse(read('m365agents.yml')) as Record<string, Array<{ uses: string; with: Record<string, unknown> }>> & { version: string };
    expect(project.version).toMatch(/^v1\.\d+$/);
    expect(project.provision!.map((s) => s.uses)).toEqual(['aadApp/create', 'arm/deploy']);
    expect(project.provision![0]!.with.signInAudience).toBe('AzureADMyOrg');
    const templates = project.provision![1]!.with.templates as Array<{ path: string; parameters: string }>;
    expect(templates).toEqual([{ path: './infra/main.bicep', parameters: './infra/main.parameters.json', deploymentName: 'partnership-actions' }]);
    expect(project.deploy!.map((s) => s.uses)).toEqual(['script', 'arm/deploy']);
    expect(project.publish!.map((s) => s.uses)).toEqual(['script', 'teamsApp/validateAppPackage', 'teamsApp/update']);
  });
});
