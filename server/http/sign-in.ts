/**
 * Signing in with a work account (OpenID Connect), outside `/v1` because no session exists yet:
 * - `GET /auth/config`: whether sign-in is on, and the provider and client id (for the pane);
 * - `GET /auth/login?mode=dialog|redirect&return=/path`: sends the browser to the provider
 *   (authorization code flow with PKCE), or, when sign-in is off or the provider does not answer,
 *   back with `#samplan-error=<cause>` (to the return path, or `/auth/done` in the dialog);
 * - `GET /auth/callback`: the provider's answer; the code is exchanged, the ID token verified, the
 *   member found (or refused), a session started, and the browser sent on with a one-time
 *   hand-off code in the fragment (`/auth/done` for the Office dialog, the return path otherwise);
 * - `GET /auth/done`: the dialog's last page, which hands the fragment to the pane (`messageParent`);
 * - `POST /auth/handoff {code}`: the session for a hand-off code, once;
 * - `POST /auth/session {accessToken}`: a session for an access token from Office SSO (aud one of
 *   the configured audiences). A bare ID token is refused there (400 `id-token-not-accepted`): it
 *   carries no proof that this server asked for it (no nonce of ours, no PKCE), so one leaked from a
 *   log, a browser's history or another page of the same app registration would be a session for
 *   anyone. ID tokens are accepted only from the code flow's own exchange in `/auth/callback`.
 *   An access token whose session has ended is refused while it is valid: signed out by its
 *   person, in every workspace (401 `sign-in-signed-out`); revoked by a coordinator or admin, in
 *   that workspace only (401 `sign-in-revoked`). Every session it starts is kept by its key (`access-token-key.ts`) in the
 *   store all servers share, so a leaked token does not outlive the sign-out, and a sign-out ends
 *   every session started from it (`server/auth/sign-in-end.ts`), one started meanwhile on another
 *   server too.
 * Every refusal names its cause (`SignInFailure`) to the pane and in the log, never a token.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SIGN_IN_MESSAGES, signInCode, type SignInFailure } from '../../shared/i18n/sign-in-messages.js';
import { exchangeCode, authorizeUrl, providerErrorCause } from '../auth/oidc-client.js';
import { MAX_CLOCK_SKEW_SEC, type OidcConfig } from '../auth/oidc-config.js';
import { memberForClaims } from '../auth/oidc-member.js';
import { OidcError, type OidcVerifier, type TokenKind } from '../auth/oidc-verify.js';
import { PendingSignIns, type SignInMode } from '../auth/pending-sign-ins.js';
import { issueSession, type IssuedSession } from '../auth/sessions.js';
import { accessTokenKey } from '../auth/access-token-key.js';
import { endedMeanwhileDetail, endWords } from '../auth/access-token-end-words.js';
import { pageCsp } from '../page-headers.js';
import type { RouteDeps } from './context.js';
import { IdentityInTextError } from '../storage/record-text.js';
import { AppError, maskIdentities, validationHook, type ValidationIssue } from './errors.js';
import { strictBody } from '../../shared/validate/strict-body.js';

/** What the sign-in routes need beyond the route deps. */
export interface SignInDeps {
  config: OidcConfig | null;
  verifier: OidcVerifier | null;
  pending?: PendingSignIns;
}

const STATUS: Partial<Record<SignInFailure, 400 | 401 | 403 | 422 | 500 | 502>> = {
  'identity-in-account': 422,
  'server-error': 500,
  'not-invited': 403,
  removed: 403,
  'consent-missing': 403,
  'provider-unreachable': 502,
  'sign-in-off': 400,
};

/**
 * The JSON refusal of a sign-in: code `sign-in-<cause>` (`signInCode`: `sign-in-off`, never
 * `sign-in-sign-in-off`), the English sentence, the cause and both sentences (`message`) in details,
 * and `endedAt` (ISO) when an ended session refused its access token (`signed-out`, `revoked`).
 */
export function signInRefusal(cause: SignInFailure, endedAt?: string): AppError {
  return new AppError(STATUS[cause] ?? 401, signInCode(cause), SIGN_IN_MESSAGES[cause], { cause, ...(endedAt ? { endedAt } : {}) });
}

/** The shortest and longest text taken as an access token, in characters. */
const ACCESS_TOKEN_LENGTH = { min: 10, max: 20_000 } as const;

/** The body of `POST /auth/session`: an access token from Office SSO, nothing else. */
export const sessionBodySchema = strictBody({ accessToken: z.string().min(ACCESS_TOKEN_LENGTH.min).max(ACCESS_TOKEN_LENGTH.max) });
/** Body of `POST /auth/handoff`. */
export const handoffBodySchema = strictBody({ code: z.string().min(10).max(200) });

/** A body with a key the route does not take is answered 400 naming it (`validationHook`), not as a wrong code or token. */
function refuseUnknownKeys(result: { success: boolean; error?: { issues: readonly ValidationIssue[] } }, input: unknown): void {
  if (result.error?.issues.some((i) => i.code === 'unrecognized_keys')) validationHook({ ...result, data: input });
}

/** The refusal of a bare ID token at `/auth/session`, naming the two ways in. */
const ID_TOKEN_REFUSAL = {
  sv: 'ID-token tas inte emot här. Logga in med Office SSO (skicka {"accessToken": "…"}) eller via inloggningssidan (/auth/login).',
  en: 'ID tokens are not accepted here. Sign in with Office SSO (send {"accessToken": "…"}) or through the sign-in page (/auth/login).',
};
/** The refusal of a body without an access token at `/auth/session`. */
const ACCESS_TOKEN_ONLY = {
  sv: 'Skicka {"accessToken": "…"} från Office SSO, eller logga in via inloggningssidan (/auth/login).',
  en: 'Send {"accessToken": "…"} from Office SSO, or sign in through the sign-in page (/auth/login).',
};

/** How to send a token, after what is wrong with the one sent. */
const SEND_THE_TOKEN = {
  sv: 'Skicka hela token från Office SSO, eller logga in via inloggningssidan (/auth/login).',
  en: 'Send the whole token from Office SSO, or sign in through the sign-in page (/auth/login).',
};

/**
 * What is wrong with the `accessToken` a body carries that the schema refused (not a text, empty,
 * too short or too long to be a token), in Swedish and English; null when the body has none, so it
 * is answered as a body without a token. The token's text is never repeated.
 */
export function accessTokenProblem(raw: unknown): { sv: string; en: string } | null {
  if (!raw || typeof raw !== 'object' || !Object.hasOwn(raw, 'accessToken')) return null;
  const token: unknown = (raw as { accessToken: unknown }).accessToken;
  const words = (sv: string, en: string) => ({ sv: `${sv} ${SEND_THE_TOKEN.sv}`, en: `${en} ${SEND_THE_TOKEN.en}` });
  if (typeof token !== 'string') return words('accessToken är ingen text, så det är ingen token.', 'The accessToken is not a text, so it is no token.');
  const n = token.length;
  if (n === 0) return words('accessToken är tom.', 'The accessToken is empty.');
  if (n < ACCESS_TOKEN_LENGTH.min) {
    // An Office SSO access token is a JWT of hundreds of characters: a few characters are a placeholder or a cut copy.
    return words(
      `accessToken är ${n} tecken lång, för kort för att vara en token (en token från Office SSO är hundratals tecken lång).`,
      `The accessToken is ${n} character${n === 1 ? '' : 's'} long, too short to be a token (a token from Office SSO is hundreds of characters long).`,
    );
  }
  if (n > ACCESS_TOKEN_LENGTH.max) {
    return words(
      `accessToken är ${n} tecken lång, längre än någon token (högst ${ACCESS_TOKEN_LENGTH.max} tecken tas emot).`,
      `The accessToken is ${n} characters long, longer than any token (at most ${ACCESS_TOKEN_LENGTH.max} characters are taken).`,
    );
  }
  return null;
}

/** A return path on this server only: no scheme, no `//host`, no backslash. */
const safeReturn = (path: string | undefined): string => (path && /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : '/');

const DONE_SCRIPT = `Office.onReady(function () {
  var hash = location.hash.slice(1);
  history.replaceState(null, '', location.pathname);
  Office.context.ui.messageParent(hash);
});`;
const DONE_PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Samplan</title>
<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
<script>${DONE_SCRIPT}</script></head><body><p>Samplan: inloggningen är klar. / Signed in.</p></body></html>`;

/** The sign-in routes, mounted at `/auth`. */
export function signInRoutes(deps: RouteDeps, signIn: SignInDeps) {
  const { storage, clock, logger } = deps;
  const pending = signIn.pending ?? new PendingSignIns(() => clock().getTime());
  const app = new Hono();
  const redirectUri = `${deps.publicUrl}/auth/callback`;

  const refuse = (cause: SignInFailure, detail: string, endedAt?: string): never => {
    logger.warn({ signIn: cause, detail }, 'sign-in refused');
    throw signInRefusal(cause, endedAt);
  };
  const ready = () => {
    if (!signIn.config || !signIn.verifier) return refuse('sign-in-off', 'no OpenID Connect issuer is configured');
    return { config: signIn.config, verifier: signIn.verifier };
  };

  /**
   * Verify, map to a member, start a session. Throws the refusal ({@link signInRefusal}, an
   * `AppError` with `details.cause`) for an `OidcError`, and `identity-in-account` (422) when a
   * claim Samplan would store (name, user name) holds a personnummer; the log names the field,
   * never the claim's text.
   */
  const sessionFor = async (token: string, kind: TokenKind, via: string, opts: { nonce?: string; fresh?: boolean } = {}) => {
    const { config, verifier } = ready();
    try {
      const claims = await verifier.verify(token, kind, opts);
      const at = clock().toISOString();
      // An access token can be presented again (Office hands out the same one until it runs out);
      // one whose session ended must not start another: signed out, in any workspace; revoked, in
      // this one (a revocation elsewhere governs only there). Kept until the verifier would refuse it anyway.
      const key = kind === 'access' ? accessTokenKey(token) : null;
      const ended = key ? await storage.accessTokenEnded(key, config.workspace, at) : null;
      if (ended) return refuse(ended.how, `the access token's sign-in ended: ${endWords(ended)}`, ended.at);
      const { member, created } = await memberForClaims(storage, config, claims, { at });
      // The session and its sign-in line in one transaction: both, or neither when the write fails.
      const session = await issueSession(storage, {
        workspace: config.workspace,
        memberId: member.id,
        via,
        minutes: config.sessionMinutes,
        clock,
        lines: [{ at, workspace: config.workspace, doc: null, memberId: member.id, action: 'sign-in', bytes: 0, detail: `${via}${created ? ', new member' : ''}` }],
      });
      if (key) {
        // Kept while any server of the store may take the token: servers of one deployment may
        // allow another clock skew, and one allowing more must still find the sign-out.
        const until = new Date(((claims.exp as number) + MAX_CLOCK_SKEW_SEC) * 1000).toISOString();
        await storage.noteAccessTokenSession({ key, tokenId: session.tokenId, until }, at);
        // Asked again once the session is noted: a sign-out or revocation of this token's sign-in on
        // another server between the first question and the note did not see this session
        // (`server/auth/sign-in-end.ts`). The session is revoked and its secret never leaves this
        // server; the audit says so, and how the token ended, beside its sign-in line.
        const meanwhile = await storage.accessTokenEnded(key, config.workspace, at);
        if (meanwhile) {
          const line = { at, workspace: config.workspace, doc: null, memberId: member.id, action: 'token', bytes: 0, detail: endedMeanwhileDetail(session.tokenId, meanwhile) };
          await storage.revokeToken(session.tokenId, at, [line]);
          return refuse(meanwhile.how, `the access token's sign-in ended while this session was being started: ${endWords(meanwhile)}`, meanwhile.at);
        }
      }
      logger.info({ member: member.id, via }, 'signed in');
      return session;
    } catch (err) {
      if (err instanceof OidcError) return refuse(err.code, err.detail);
      if (err instanceof IdentityInTextError) return refuse('identity-in-account', `the ${err.field} claim of the account holds an identity number`);
      throw err;
    }
  };

  const sessionBody = (s: IssuedSession) => ({ token: s.token, expiresAt: s.expiresAt, workspace: s.workspace, memberId: s.memberId });

  app.get('/config', (c) => {
    const cfg = signIn.config;
    return c.json(cfg ? { enabled: true, issuer: cfg.issuer, clientId: cfg.clientId, workspace: cfg.workspace } : { enabled: false });
  });

  app.get('/login', async (c) => {
    const mode: SignInMode = c.req.query('mode') === 'dialog' ? 'dialog' : 'redirect';
    const returnTo = safeReturn(c.req.query('return'));
    // A browser page (the pane's, or Office's dialog) came here, not a script: a refusal goes back
    // to it in the fragment, as the callback's do, so the pane says it in words in its language;
    // a JSON answer left the person on an English error page (the dialog never closed).
    const back = (cause: SignInFailure, detail: string) => {
      logger.warn({ signIn: cause, detail }, 'sign-in refused');
      return c.redirect(`${mode === 'redirect' ? returnTo : '/auth/done'}#samplan-error=${cause}`, 302);
    };
    if (!signIn.config || !signIn.verifier) return back('sign-in-off', 'no OpenID Connect issuer is configured');
    const { config, verifier } = signIn;
    let meta;
    try {
      meta = await verifier.metadata();
    } catch (err) {
      return back('provider-unreachable', err instanceof OidcError ? err.detail : String(err));
    }
    const { state, entry } = pending.begin(mode, returnTo);
    return c.redirect(authorizeUrl(meta, config, redirectUri, state, entry), 302);
  });

  app.get('/callback', async (c) => {
    const entry = pending.take(c.req.query('state') ?? '');
    const finish = (fragment: string) => c.redirect(`${entry?.mode === 'redirect' ? entry.returnTo : '/auth/done'}#${fragment}`, 302);
    const fail = (cause: SignInFailure, detail: string) => {
      logger.warn({ signIn: cause, detail }, 'sign-in refused');
      return finish(`samplan-error=${cause}`);
    };
    if (!entry) return fail('sign-in-timeout', 'unknown or expired state');
    const error = c.req.query('error');
    if (error) {
      const description = c.req.query('error_description') ?? '';
      return fail(providerErrorCause(error, description), `provider: ${error} ${description.slice(0, 200)}`);
    }
    const code = c.req.query('code');
    if (!code) return fail('provider-error', 'no code in the answer');
    try {
      const { config, verifier } = ready();
      const meta = await verifier.metadata();
      const { idToken } = await exchangeCode(meta, config, { code, redirectUri, verifier: entry.verifier });
      const session = await sessionFor(idToken, 'id', entry.mode, { nonce: entry.nonce, fresh: true });
      return finish(`samplan-handoff=${pending.handOff(session)}`);
    } catch (err) {
      if (err instanceof OidcError) return fail(err.code, err.detail);
      const cause = err instanceof AppError ? (err.details as { cause?: SignInFailure } | null)?.cause : undefined;
      if (cause) return finish(`samplan-error=${cause}`);
      // Anything else still ends on the pane's page with a sentence, not on an error page the
      // Office dialog would show; the log keeps the error's name and message, identities masked.
      logger.error({ signIn: 'server-error', err: maskIdentities(err instanceof Error ? `${err.name}: ${err.message}` : String(err)) }, 'sign-in failed');
      return finish('samplan-error=server-error');
    }
  });

  app.get('/done', (c: Context) => {
    c.header('Content-Security-Policy', pageCsp({ html: DONE_PAGE, host: c.req.header('host'), publicUrl: deps.publicUrl }));
    c.header('Cache-Control', 'no-store');
    return c.html(DONE_PAGE);
  });

  app.post('/handoff', async (c) => {
    const raw = await c.req.json().catch(() => null);
    const body = handoffBodySchema.safeParse(raw);
    refuseUnknownKeys(body, raw);
    const session = body.success ? pending.redeem(body.data.code) : null;
    if (!session) return refuse('sign-in-timeout', 'unknown, used or expired hand-off code');
    return c.json(sessionBody(session));
  });

  app.post('/session', async (c) => {
    const raw: unknown = await c.req.json().catch(() => null);
    if (raw && typeof raw === 'object' && 'idToken' in raw) {
      logger.warn({ signIn: 'id-token-not-accepted' }, 'sign-in refused: an ID token was presented to /auth/session');
      throw new AppError(400, 'id-token-not-accepted', ID_TOKEN_REFUSAL.en, { message: ID_TOKEN_REFUSAL });
    }
    const body = sessionBodySchema.safeParse(raw);
    refuseUnknownKeys(body, raw);
    if (!body.success) {
      // A token that was sent but cannot be one is named as such, not answered as if none had been sent.
      const problem = accessTokenProblem(raw);
      if (problem) {
        logger.warn({ signIn: 'access-token-malformed' }, 'sign-in refused: the access token sent cannot be one');
        throw new AppError(400, 'access-token-malformed', problem.en, { message: problem, field: 'accessToken' });
      }
      throw new AppError(400, 'bad-request', ACCESS_TOKEN_ONLY.en, { message: ACCESS_TOKEN_ONLY });
    }
    const session = await sessionFor(body.data.accessToken, 'access', 'sso');
    return c.json(sessionBody(session));
  });

  return app;
}
