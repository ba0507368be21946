/**
 * `npm run oidc:rehearse`: a local OpenID provider to try work-account sign-in with before
 * pointing Samplan at Entra ID. It runs `oidc-provider` (`oidc-test-provider.ts`, the provider the
 * sign-in tests use) on http://127.0.0.1:8790 with one client, `samplan` (a confidential client
 * with a secret, as an Entra *Web* registration is), whose redirect URI is Samplan's
 * `<public URL>/auth/callback`, and one account per demo member (`admin`, `samordnare`,
 * `tensta-dsk`, `chef`: the demo's member ids, so sign-in finds them invited). It prints the
 * environment to start `samplan serve --demo` (or `npm start`) with, and whom to sign in as.
 *
 *   npm run oidc:rehearse                       # the provider on :8790, for Samplan on :8787
 *   npm run oidc:rehearse -- --port 8790 --samplan http://localhost:8787
 *
 * Its login page takes any password. Rehearsal only: nothing here is fit to guard real data.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_MEMBERS, DEMO_WORKSPACE } from '../server/demo/seed.js';
import { startTestProvider, type Accounts, type TestProvider } from './oidc-test-provider.js';

/** The client Samplan signs in as at the rehearsal provider: its id and its (public, rehearsal-only) secret. */
export const REHEARSAL_CLIENT = { id: 'samplan', secret: 'samplan-rehearsal-secret' } as const;
/** The account to sign in as first: the demo's coordinator. */
export const REHEARSAL_LOGIN = 'samordnare';

/** A running rehearsal provider. */
export interface Rehearsal {
  provider: TestProvider;
  /** Samplan's address the provider sends people back to (`<samplan>/auth/callback`). */
  samplanUrl: string;
  /** The environment to start `samplan serve --demo` with, in the order printed. */
  env: Record<string, string>;
  /** The accounts to sign in as (any password): login, name, the demo member's role. */
  accounts: { login: string; name: string; role: string }[];
}

/**
 * Start the rehearsal provider on 127.0.0.1:`port` (0: a free port) for Samplan at `samplanUrl`.
 *
 * @example
 * const r = await startRehearsal({ port: 8790 });
 * console.log(rehearsalText(r));
 * await r.provider.stop();
 */
export async function startRehearsal(opts: { port?: number; samplanUrl?: string } = {}): Promise<Rehearsal> {
  const samplanUrl = (opts.samplanUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  const accounts: Accounts = Object.fromEntries(DEMO_MEMBERS.map((m) => [m.id, { name: m.name }]));
  const provider = await startTestProvider(
    [{ client_id: REHEARSAL_CLIENT.id, client_secret: REHEARSAL_CLIENT.secret, token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [`${samplanUrl}/auth/callback`] }],
    accounts,
    { port: opts.port ?? 8790 },
  );
  return {
    provider,
    samplanUrl,
    env: {
      SAMPLAN_OIDC_ISSUER: provider.issuer,
      SAMPLAN_OIDC_CLIENT_ID: REHEARSAL_CLIENT.id,
      SAMPLAN_OIDC_CLIENT_SECRET: REHEARSAL_CLIENT.secret,
      SAMPLAN_OIDC_WORKSPACE: DEMO_WORKSPACE,
      SAMPLAN_PUBLIC_URL: samplanUrl,
    },
    accounts: DEMO_MEMBERS.map((m) => ({ login: m.id, name: m.name, role: m.role })),
  };
}

/**
 * The command that starts Samplan where `samplanUrl` says (its redirect URI must match): with
 * `--port` when the URL names another port than serve's 8787.
 */
function serveLine(samplanUrl: string): string {
  const url = new URL(samplanUrl);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const flag = port === '8787' ? '' : ` --port ${port}`;
  return `  samplan serve --demo${flag}          # or, from the source: npm start${flag ? ` --${flag}` : ''}`;
}

/** What the script prints: the provider, the environment to start Samplan with, and whom to sign in as. */
export function rehearsalText(r: Rehearsal, release: { lts?: string | false } = process.release): string {
  const env = Object.entries(r.env).map(([k, v]) => `  ${k}=${v} \\`);
  const note = runtimeNote(release);
  return [
    ...(note ? [note, ''] : []),
    `A local OpenID provider for rehearsing work-account sign-in runs at ${r.provider.issuer}`,
    `(client ${REHEARSAL_CLIENT.id}, redirect URI ${r.samplanUrl}/auth/callback). In another terminal, start Samplan with:`,
    '',
    ...env,
    serveLine(r.samplanUrl),
    '',
    `Then open ${r.samplanUrl}/addin/taskpane.html, choose "Logga in med jobbkonto" (Sign in with work account)`,
    `and sign in as ${REHEARSAL_LOGIN} with any password. The other accounts, each a demo member:`,
    ...r.accounts.map((a) => `  ${a.login.padEnd(12)} ${a.role.padEnd(12)} ${a.name}`),
    '',
    'For Entra ID, replace the issuer, client id and secret with your app registration’s (README, "Sign-in with work accounts").',
    'Stop with Ctrl+C.',
  ].join('\n');
}

/**
 * Why oidc-provider printed `Unsupported runtime` above, or null when it did not: it warns, as it
 * is imported, on any Node whose LTS codename (`process.release.lts`) sorts before `Jod` (Node 22;
 * Node 20 is `Iron`), and on non-LTS releases. Samplan runs on Node 20.19 or later (`engines`);
 * oidc-provider is a dev dependency used only by this rehearsal and the tests, never by the server.
 */
export function runtimeNote(release: { lts?: string | false }): string | null {
  if (typeof release.lts === 'string' && release.lts >= 'Jod') return null;
  return [
    `Note: the "oidc-provider WARNING: Unsupported runtime" above is oidc-provider asking for Node.js 22 LTS or later (this is Node ${process.versions.node}${release.lts ? `, ${release.lts}` : ''}).`,
    'The rehearsal provider works on it (Samplan\'s tests sign in through it on Node 20); Samplan itself does not use oidc-provider.',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8790' }, samplan: { type: 'string', default: 'http://localhost:8787' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0–65535): got ${values.port}.`);
  const r = await startRehearsal({ port, samplanUrl: values.samplan });
  process.stdout.write(`${rehearsalText(r)}\n`);
  const stop = () => void r.provider.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
