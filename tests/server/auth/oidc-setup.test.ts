/** Sign-in settings checked against the database at start: what would let nobody in is said, with the redirect URI. */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOidcConfig, parseRoleRules } from '../../../server/auth/oidc-config.js';
import { clientSecretWarning, signInSetupWarnings } from '../../../server/auth/oidc-setup.js';
import { loadConfig } from '../../../server/config.js';
import { startServer, type RunningServer } from '../../../server/serve.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { testConfig } from './oidc-harness.js';

const ISSUER = 'https://login.example/tenant/v2.0';
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function storageWithWorkspace() {
  const storage = createMemoryStorage();
  await storage.putWorkspace({ id: 'hbi-stockholm', name: 'Region Stockholm', createdAt: '2026-01-01T00:00:00.000Z' });
  await storage.putUnit({ workspace: 'hbi-stockholm', code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null });
  return storage;
}

describe('sign-in setup warnings', () => {
  it('names a workspace that does not exist, the ones that do, and how to create it', async () => {
    const storage = await storageWithWorkspace();
    const warnings = await signInSetupWarnings(storage, testConfig(ISSUER, { workspace: 'hbi-stockholmm' }));
    expect(warnings).toEqual([
      'Sign-in: the workspace "hbi-stockholmm" (--oidc-workspace / SAMPLAN_OIDC_WORKSPACE) does not exist, so nobody can sign in: correct the setting (workspaces here: hbi-stockholm), or create it (samplan workspace create --id hbi-stockholmm --name …) and invite its members.',
    ]);
  });

  it('names a rule whose units the workspace does not have, and an editor rule that adds nobody', async () => {
    const storage = await storageWithWorkspace();
    const rules = parseRoleRules('Samplan.Admin=admin;tensta=editor:vc-tensta;husby=editor:vc-husby;samordnare=coordinator:vc-tensta,region;alla=editor');
    const warnings = await signInSetupWarnings(storage, testConfig(ISSUER, { workspace: 'hbi-stockholm', rules, autoProvision: true }));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^Sign-in: the rule "husby=editor:vc-husby" .* \(vc-husby\), left out of the members it adds, so it adds nobody: correct the code/);
    expect(warnings[1]).toMatch(/^Sign-in: the rule "samordnare=coordinator:vc-tensta,region" .* \(region\), left out of the members it adds: correct/);
    expect(warnings[2]).toMatch(/^Sign-in: the rule "alla=editor" .* names no unit, so it adds nobody/);
  });

  it('says nothing when the settings fit', async () => {
    const storage = await storageWithWorkspace();
    const rules = parseRoleRules('tensta=editor:vc-tensta;Samplan.Admin=admin');
    expect(await signInSetupWarnings(storage, testConfig(ISSUER, { workspace: 'hbi-stockholm', rules }))).toEqual([]);
  });

  it('a started server gives the redirect URI and the warnings, after seeding the demo workspace', async () => {
    const config = loadConfig({ port: '0', db: ':memory:', demo: true, publicUrl: 'https://samplan.region.se' }, {});
    const logger = pino({ level: 'silent' });
    const right = await startServer(config, { checkUpdate, logger, oidc: testConfig(ISSUER, { workspace: 'hbi-stockholm', clientSecret: 'app-secret-1' }) });
    servers.push(right);
    expect(right.signIn).toEqual({
      line: `Sign-in with work accounts: ${ISSUER}, workspace hbi-stockholm; register the redirect URI https://samplan.region.se/auth/callback at the provider.`,
      warnings: [],
    });
    const wrong = await startServer(config, { checkUpdate, logger, oidc: testConfig(ISSUER, { workspace: 'hbi-stokholm', clientSecret: 'app-secret-1' }) });
    servers.push(wrong);
    expect(wrong.signIn?.warnings).toEqual([expect.stringMatching(/^Sign-in: the workspace "hbi-stokholm" .* \(workspaces here: hbi-stockholm\)/)]);
  });

  it('warns at start, in the banner and the log, when SAMPLAN_OIDC_CLIENT_SECRET is unset, naming the variable and the public-client fallback', async () => {
    const config = loadConfig({ port: '0', db: ':memory:', demo: true }, {});
    const logged: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
    const oidc = loadOidcConfig({}, { SAMPLAN_OIDC_ISSUER: ISSUER, SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm' });
    const server = await startServer(config, { checkUpdate, logger, oidc: oidc! });
    servers.push(server);
    expect(server.signIn?.warnings).toEqual([expect.stringMatching(/^Sign-in: SAMPLAN_OIDC_CLIENT_SECRET is not set, .*public client \(PKCE alone.*only if the provider allows public clients.*refused at the provider/)]);
    expect(logged.some((line) => line.includes('SAMPLAN_OIDC_CLIENT_SECRET is not set'))).toBe(true);
  });

  it('says nothing of the secret when it is set, and never prints it', async () => {
    const secret = 'Qx8~very-secret-value';
    const config = loadConfig({ port: '0', db: ':memory:', demo: true }, {});
    const logged: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logged.push(line) });
    const oidc = loadOidcConfig({}, { SAMPLAN_OIDC_ISSUER: ISSUER, SAMPLAN_OIDC_CLIENT_ID: 'samplan', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm', SAMPLAN_OIDC_CLIENT_SECRET: secret })!;
    const server = await startServer(config, { checkUpdate, logger, oidc });
    servers.push(server);
    expect(clientSecretWarning(oidc)).toBeNull();
    expect(server.signIn?.warnings).toEqual([]);
    expect(logged.join('\n')).not.toContain(secret);
  });
});
