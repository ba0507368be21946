/**
 * What a server starting with work-account sign-in tells IT about its sign-in settings against
 * the database it opened: the redirect URI to register at the provider, and the settings that
 * would let nobody (or not whom IT meant) in, which the configuration alone cannot see:
 *
 * - the workspace of `--oidc-workspace` does not exist (a typing error, or not created yet):
 *   every sign-in is refused as `not-invited`, and an auto-provisioned member would be written
 *   into a workspace nobody can open;
 * - a group rule of `--oidc-roles` names a unit the workspace does not have: that unit is left
 *   out of the member the rule adds, so an editor rule with only such units, or with none, adds
 *   nobody (`oidc-member.ts`).
 *
 * - `SAMPLAN_OIDC_CLIENT_SECRET` is not set (`clientSecretWarning`): the server then redeems codes
 *   as a public client with PKCE alone, which a provider refuses unless the registration allows
 *   public clients (Entra ID refuses it for a *Web* redirect URI), and the first person's sign-in
 *   fails at the provider as `client-secret`, long after the server started without a word.
 *
 * These are warnings, not refusals: the workspace and its units may be created while the server
 * runs (`samplan workspace create`, `samplan unit add`), and sign-in reads them at each attempt.
 */
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { OidcConfig } from './oidc-config.js';
import { createOidcVerifier, OidcError, type OidcVerifier } from './oidc-verify.js';

/** The line naming the provider, the workspace and the redirect URI, for the start banner. */
export function signInLine(config: OidcConfig, publicUrl: string): string {
  return `Sign-in with work accounts: ${config.issuer}, workspace ${config.workspace}; register the redirect URI ${publicUrl}/auth/callback at the provider.`;
}

/**
 * The warning for a server without `SAMPLAN_OIDC_CLIENT_SECRET`, naming the variable and what
 * happens without it; null when a secret is set. The secret itself is never part of any sentence.
 *
 * @example
 * clientSecretWarning(oidc) // null with a secret; with none, a sentence naming SAMPLAN_OIDC_CLIENT_SECRET
 */
export function clientSecretWarning(config: Pick<OidcConfig, 'clientSecret'>): string | null {
  if (config.clientSecret) return null;
  return (
    'Sign-in: SAMPLAN_OIDC_CLIENT_SECRET is not set, so this server redeems sign-in codes as a public client (PKCE alone, no secret). ' +
    'That works only if the provider allows public clients for this app; otherwise every sign-in is refused at the provider (logged as signIn "client-secret"). ' +
    'Microsoft Entra ID requires a secret for a Web redirect URI: set SAMPLAN_OIDC_CLIENT_SECRET to the app registration\'s client secret (Certificates & secrets).'
  );
}

/**
 * Sentences (English, for the operator) on sign-in settings that do not fit the stored
 * workspace; empty when everything fits.
 *
 * @example
 * for (const warning of await signInSetupWarnings(storage, oidc)) logger.warn(warning);
 */
export async function signInSetupWarnings(storage: Storage, config: OidcConfig): Promise<string[]> {
  const workspace = await storage.getWorkspace(config.workspace);
  if (!workspace) {
    const known = (await storage.listWorkspaces()).map((w) => w.id);
    return [
      `Sign-in: the workspace ${JSON.stringify(config.workspace)} (--oidc-workspace / SAMPLAN_OIDC_WORKSPACE) does not exist, so nobody can sign in: ` +
        (known.length > 0 ? `correct the setting (workspaces here: ${known.join(', ')}), or ` : '') +
        `create it (samplan workspace create --id ${config.workspace} --name …) and invite its members.`,
    ];
  }
  const units = new Set((await storage.listUnits(config.workspace)).map((u) => u.code));
  const warnings: string[] = [];
  for (const rule of config.rules) {
    if (rule.role === 'editor' && rule.units.length === 0) {
      warnings.push(
        `Sign-in: the rule ${JSON.stringify(`${rule.group}=editor`)} (--oidc-roles / SAMPLAN_OIDC_ROLES) names no unit, so it adds nobody (an editor writes its own units' rows): add them, e.g. ${JSON.stringify(`${rule.group}=editor:<unit code>`)}.`,
      );
      continue;
    }
    const unknown = rule.units.filter((u) => !units.has(u));
    if (unknown.length === 0) continue;
    warnings.push(
      `Sign-in: the rule ${JSON.stringify(`${rule.group}=${rule.role}:${rule.units.join(',')}`)} (--oidc-roles / SAMPLAN_OIDC_ROLES) names ` +
        `${unknown.length === 1 ? 'a unit' : 'units'} workspace ${config.workspace} does not have (${unknown.join(', ')}), left out of the members it adds` +
        `${rule.role === 'editor' && unknown.length === rule.units.length ? ', so it adds nobody' : ''}: correct the code (samplan unit list --workspace ${config.workspace}).`,
    );
  }
  return warnings;
}

/**
 * Read the provider's discovery document once, in the background, and log a warning when it
 * cannot be read or names another issuer: an issuer typed wrong, or one this server cannot reach
 * (a proxy, a firewall), is then said in the log as the server starts, not at the first person's
 * sign-in. Resolves with the warning, or null when the document was read; never rejects.
 *
 * @example
 * void checkProvider(oidc, logger);
 */
export async function checkProvider(config: OidcConfig, logger: Logger, verifier: Pick<OidcVerifier, 'metadata'> = createOidcVerifier(config)): Promise<string | null> {
  try {
    await verifier.metadata();
    return null;
  } catch (err) {
    const why = err instanceof OidcError ? err.detail : (err as Error).message;
    const warning =
      `Sign-in: the provider's discovery document could not be read (${why}), so nobody can sign in until it can: ` +
      'check --oidc-issuer / SAMPLAN_OIDC_ISSUER and that this server reaches that address.';
    logger.warn({ signInSetup: true }, warning);
    return warning;
  }
}
