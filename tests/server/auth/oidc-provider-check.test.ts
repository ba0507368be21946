/**
 * An issuer this server cannot read the discovery document of (typed wrong, or not reachable from
 * here) was first noticed at the first person's sign-in (`provider-unreachable`); the server
 * started without a word. It is now said in the log as the server starts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkProvider } from '../../../server/auth/oidc-setup.js';
import { loadConfig } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { startServer, type RunningServer } from '../../../server/serve.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { eventually } from '../../support/eventually.js';
import { freePort } from '../../support/services.js';
import { testConfig } from './oidc-harness.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

function capture() {
  const lines: Array<{ level: number; msg: string; signInSetup?: boolean }> = [];
  const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) } });
  return { logger, lines };
}

describe('the provider checked as the server starts', () => {
  it('a provider nothing answers for is named, with the setting to check', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}/tenant`;
    const { logger, lines } = capture();
    const warning = await checkProvider(testConfig(issuer), logger);
    expect(warning).toMatch(
      new RegExp(`^Sign-in: the provider's discovery document could not be read \\(${issuer.replace(/[.]/g, '\\.')}/\\.well-known/openid-configuration: .+\\), so nobody can sign in until it can: check --oidc-issuer / SAMPLAN_OIDC_ISSUER`),
    );
    expect(lines).toEqual([expect.objectContaining({ level: 40, signInSetup: true, msg: warning })]);
  });

  it('a document that reads says nothing', async () => {
    const { logger, lines } = capture();
    const meta = { issuer: 'https://login.example/tenant', authorization_endpoint: 'a', token_endpoint: 't', jwks_uri: 'j' };
    expect(await checkProvider(testConfig('https://login.example/tenant'), logger, { metadata: () => Promise.resolve(meta) })).toBeNull();
    expect(lines).toEqual([]);
  });

  it('a started server logs it without waiting for a sign-in', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}/tenant`;
    const { logger, lines } = capture();
    const config = loadConfig({ port: '0', db: ':memory:' }, {});
    servers.push(await startServer(config, { checkUpdate, logger, oidc: testConfig(issuer) }));
    await eventually(() => lines.some((l) => l.msg.startsWith("Sign-in: the provider's discovery document could not be read")), 20_000, 'the warning in the log');
  }, 60_000);
});
