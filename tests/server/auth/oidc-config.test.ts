/** Sign-in settings: off without an issuer, required companions, rules that read, one sentence per mistake. */
import { describe, expect, it } from 'vitest';
import { loadOidcConfig, parseRoleRules } from '../../../server/auth/oidc-config.js';
import { roleByRules } from '../../../server/auth/oidc-member.js';

const ISSUER = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';

describe('oidc config', () => {
  it('is off without an issuer', () => {
    expect(loadOidcConfig({}, {})).toBeNull();
  });

  it('reads flags over the environment, with invite-only and the client id as audience by default', () => {
    const config = loadOidcConfig(
      { oidcClientId: 'flag-client' },
      { SAMPLAN_OIDC_ISSUER: `${ISSUER}/`, SAMPLAN_OIDC_CLIENT_ID: 'env-client', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm' },
    );
    expect(config).toMatchObject({ issuer: ISSUER, clientId: 'flag-client', audiences: ['flag-client'], autoProvision: false, clockSkewSec: 120 });
  });

  it('reads the client applications an access token may be issued to, the client id alone by default', () => {
    const env = { SAMPLAN_OIDC_ISSUER: ISSUER, SAMPLAN_OIDC_CLIENT_ID: 'c', SAMPLAN_OIDC_WORKSPACE: 'w' };
    expect(loadOidcConfig({}, env)?.clientApps).toBeUndefined();
    expect(loadOidcConfig({}, { ...env, SAMPLAN_OIDC_CLIENT_APPS: ' c , office-app ,' })?.clientApps).toEqual(['c', 'office-app']);
  });

  it('names the missing setting in one sentence', () => {
    expect(() => loadOidcConfig({ oidcIssuer: ISSUER }, {})).toThrow(/--oidc-client-id \/ SAMPLAN_OIDC_CLIENT_ID must be set/);
    expect(() => loadOidcConfig({ oidcIssuer: 'login.example' }, { SAMPLAN_OIDC_CLIENT_ID: 'c', SAMPLAN_OIDC_WORKSPACE: 'w' })).toThrow(/--oidc-issuer/);
  });

  it('says each mistake in its own words, naming the setting, never in the parser\'s', () => {
    const base = { SAMPLAN_OIDC_ISSUER: ISSUER, SAMPLAN_OIDC_CLIENT_ID: 'c', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm' };
    const cases: [Record<string, string>, RegExp][] = [
      [{ SAMPLAN_OIDC_ISSUER: ISSUER }, /^The setting --oidc-client-id \/ SAMPLAN_OIDC_CLIENT_ID must be set when an issuer is: got "". The setting --oidc-workspace \/ SAMPLAN_OIDC_WORKSPACE must be set when an issuer is: got ""\.$/],
      [{ ...base, SAMPLAN_OIDC_AUDIENCE: ' , ' }, /^The setting --oidc-audience \/ SAMPLAN_OIDC_AUDIENCE must name at least one accepted audience/],
      [{ ...base, SAMPLAN_OIDC_CLOCK_SKEW: 'abc' }, /^The setting SAMPLAN_OIDC_CLOCK_SKEW must be a whole number of seconds, 0–900: got "abc"\.$/],
      [{ ...base, SAMPLAN_OIDC_CLOCK_SKEW: '-5' }, /SAMPLAN_OIDC_CLOCK_SKEW must be a whole number of seconds, 0–900: got "-5"/],
      [{ ...base, SAMPLAN_SESSION_MINUTES: '1h' }, /^The setting SAMPLAN_SESSION_MINUTES must be a whole number of minutes, 2–1440: got "1h"\.$/],
      [{ ...base, SAMPLAN_SESSION_MINUTES: '1' }, /SAMPLAN_SESSION_MINUTES must be a whole number of minutes, 2–1440: got "1"/],
    ];
    for (const [env, sentence] of cases) {
      expect(() => loadOidcConfig({}, env)).toThrow(sentence);
      try {
        loadOidcConfig({}, env);
      } catch (err) {
        expect((err as Error).message).not.toMatch(/Too small|Invalid input|expected /);
      }
    }
  });

  it('refuses auto-provisioning without a group rule, which would add nobody', () => {
    const env = { SAMPLAN_OIDC_ISSUER: ISSUER, SAMPLAN_OIDC_CLIENT_ID: 'c', SAMPLAN_OIDC_WORKSPACE: 'hbi-stockholm' };
    expect(() => loadOidcConfig({ oidcAutoProvision: true }, env)).toThrow(/--oidc-auto-provision .* --oidc-roles \/ SAMPLAN_OIDC_ROLES, and none is set/);
    expect(loadOidcConfig({ oidcAutoProvision: true, oidcRoles: 'Samplan.Samordnare=coordinator' }, env)?.autoProvision).toBe(true);
    const rules = { ...env, SAMPLAN_OIDC_ROLES: 'Samplan.Samordnare=coordinator' };
    expect(loadOidcConfig({}, { ...rules, SAMPLAN_OIDC_AUTO_PROVISION: 'Yes' })?.autoProvision).toBe(true);
    expect(loadOidcConfig({}, { ...rules, SAMPLAN_OIDC_AUTO_PROVISION: 'false' })?.autoProvision).toBe(false);
    // A word that is neither was read as off, and people a rule names were silently not added.
    expect(() => loadOidcConfig({}, { ...rules, SAMPLAN_OIDC_AUTO_PROVISION: 'enabled' })).toThrow(
      'The setting SAMPLAN_OIDC_AUTO_PROVISION must be 1, true or yes (on) or 0, false or no (off): got "enabled".',
    );
  });

  it('parses group → role rules and refuses one that does not read', () => {
    expect(parseRoleRules('Samplan.Admin=admin; vc-husby=editor:vc-husby,vc-tensta')).toEqual([
      { group: 'Samplan.Admin', role: 'admin', units: [] },
      { group: 'vc-husby', role: 'editor', units: ['vc-husby', 'vc-tensta'] },
    ]);
    expect(() => parseRoleRules('Samplan.Admin=owner')).toThrow(/SAMPLAN_OIDC_ROLES.*"Samplan.Admin=owner"/);
  });

  it('gives the most powerful matching role and the units of every matching rule', () => {
    const rules = parseRoleRules('a=viewer;b=editor:u1;c=editor:u2;d=coordinator');
    expect(roleByRules(rules, ['b', 'c'])).toEqual({ role: 'editor', units: ['u1', 'u2'] });
    expect(roleByRules(rules, ['a', 'd'])).toEqual({ role: 'coordinator', units: [] });
    expect(roleByRules(rules, ['x'])).toBeNull();
  });
});
