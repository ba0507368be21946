/**
 * The sign-in routes' refusals that need no provider: the code each refusal carries (the prefix
 * `sign-in-` once, whatever the cause), and what `POST /auth/session` says of an access token that
 * cannot be one. The fixture's server has work-account sign-in off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILURES } from '../../../shared/i18n/sign-in-messages.js';
import { signInRefusal } from '../../../server/http/sign-in.js';
import { errorOf, makeFixture, type Fixture, englishOf } from './support.js';

let f: Fixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const post = (fx: Fixture, path: string, body: unknown) =>
  fx.req(path, undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('sign-in refusal codes', () => {
  it('carry the prefix sign-in- once for every cause, those that start with it included', () => {
    for (const cause of SIGN_IN_FAILURES) {
      const code = signInRefusal(cause).code;
      expect(code, cause).toMatch(/^sign-in-/);
      expect(code, cause).not.toMatch(/^sign-in-sign-in-/);
      expect(code.replace(/^sign-in-/, ''), cause).toBe(cause.replace(/^sign-in-/, ''));
    }
  });

  it('answers sign-in-off at POST /auth/session when work-account sign-in is off, the cause for the pane', async () => {
    f = await makeFixture();
    const res = await post(f, '/auth/session', { accessToken: 'a'.repeat(40) });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('sign-in-off');
    expect(error.details).toMatchObject({ cause: 'sign-in-off' });
  });

  it('answers sign-in-timeout for a hand-off code it does not know', async () => {
    f = await makeFixture();
    const res = await post(f, '/auth/handoff', { code: 'x'.repeat(20) });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toMatchObject({ code: 'sign-in-timeout', details: { cause: 'sign-in-timeout' } });
  });
});

describe('POST /auth/session with an access token that cannot be one', () => {
  it('says a token shorter than 10 characters is too short to be one, in Swedish and English', async () => {
    f = await makeFixture();
    const res = await post(f, '/auth/session', { accessToken: 'abc12' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('access-token-malformed');
    expect(englishOf(error)).toMatch(/^The accessToken is 5 characters long, too short to be a token/);
    expect(error.details).toMatchObject({ field: 'accessToken', message: { sv: expect.stringMatching(/^accessToken är 5 tecken lång, för kort för att vara en token/) } });
    expect(JSON.stringify(error)).not.toContain('abc12');
  });

  it('says an empty token is empty, one that is no text is none, and one past 20,000 characters is too long', async () => {
    f = await makeFixture();
    const words = async (accessToken: unknown) => englishOf(await errorOf(await post(f!, '/auth/session', { accessToken })));
    expect(await words('')).toMatch(/^The accessToken is empty\./);
    expect(await words(12345678901)).toMatch(/^The accessToken is not a text/);
    expect(await words('a'.repeat(20_001))).toMatch(/^The accessToken is 20001 characters long, longer than any token/);
  });

  it('still asks for a token when the body has none', async () => {
    f = await makeFixture();
    const error = await errorOf(await post(f, '/auth/session', {}));
    expect(error.code).toBe('bad-request');
    expect(englishOf(error)).toMatch(/^Send \{"accessToken": "…"\} from Office SSO/);
  });
});
