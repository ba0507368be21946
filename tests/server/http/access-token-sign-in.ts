/**
 * Signing in with an Office SSO access token and signing out, on an OIDC harness
 * (`../auth/oidc-harness.ts`), for the tests of what an ended session does to its token
 * (`sign-in-signed-out.test.ts`, `sign-in-workspaces.test.ts`).
 */
import type { Storage } from '../../../server/storage/storage.js';
import type { Harness } from '../auth/oidc-harness.js';

/** The body of an answer of `POST /auth/session`: the session, or the refusal. */
export type Answer = { token?: string; error?: { code: string; message: string; details: { cause?: string; message?: { sv: string; en: string } } } };

/** `POST /auth/session` with `accessToken` on `h`: its status and body. */
export async function present(h: Harness, accessToken: string): Promise<{ status: number; body: Answer }> {
  const res = await h.req('/auth/session', { method: 'POST', body: JSON.stringify({ accessToken }) });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** `DELETE /v1/session` with `session` on `h`: its status. */
export const signOut = async (h: Harness, session: string): Promise<number> => (await h.req('/v1/session', { method: 'DELETE', token: session })).status;

/**
 * `inner` whose first `noteAccessTokenSession` waits for `release` once called (`reached`
 * resolves then): a sign-in held between its first question and its note.
 */
export function heldAtNote(inner: Storage): { storage: Storage; reached: Promise<void>; release: () => void } {
  const signals = { reach: (): void => undefined, release: (): void => undefined };
  const reached = new Promise<void>((r) => (signals.reach = () => r()));
  const released = new Promise<void>((r) => (signals.release = () => r()));
  let held = false;
  const storage = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name !== 'noteAccessTokenSession' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<Storage['noteAccessTokenSession']>) => {
        if (!held) {
          held = true;
          signals.reach();
          await released;
        }
        return target.noteAccessTokenSession(...args);
      };
    },
  });
  return { storage, reached, release: () => signals.release() };
}
