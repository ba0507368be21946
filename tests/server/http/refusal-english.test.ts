/**
 * A refused request body or query (400 `invalid-request`) says why in Samplan's own words in both
 * languages: `details.issues[].message` and `details.message.en` are the words the CLI gives
 * (`shared/i18n/issue-words-en.ts`), never zod's default English ("Too big: expected string to
 * have <=200 characters"), beside the Swedish of the same issue. Word for word, through the routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

interface Details {
  issues: { path: string; code: string; message: string; sv: string }[];
  message: { sv: string; en: string };
}

const ws = `/v1/workspaces/${WS}`;

interface Case {
  what: string;
  who: 'admin' | 'coordinator';
  method: string;
  path: string;
  body: unknown;
  issue: { path: string; code: string; message: string; sv: string };
  sv: string;
  en: string;
}

const CASES: Case[] = [
  {
    what: 'a missing field',
    who: 'admin',
    method: 'POST',
    path: `${ws}/members`,
    body: { id: 'nina', role: 'viewer' },
    issue: { path: 'name', code: 'invalid_type', message: 'is missing', sv: 'saknas' },
    sv: 'Förfrågan är inte giltig: namnet (name) saknas.',
    en: 'The request is not valid: name is missing.',
  },
  {
    what: 'a value of the wrong type',
    who: 'coordinator',
    method: 'POST',
    path: `${ws}/documents/plan-a/copy`,
    body: { title: 'Plan', years: 'två' },
    issue: { path: 'years', code: 'invalid_type', message: 'must be a number', sv: 'ska vara ett tal' },
    sv: 'Förfrågan är inte giltig: antalet år (years) ska vara ett tal.',
    en: 'The request is not valid: years must be a number.',
  },
  {
    what: 'a text too long',
    who: 'coordinator',
    method: 'PATCH',
    path: `${ws}/documents/plan-a`,
    body: { title: 'x'.repeat(201) },
    issue: { path: 'title', code: 'too_big', message: 'must have at most 200 characters', sv: 'får ha högst 200 tecken' },
    sv: 'Förfrågan är inte giltig: namnet (title) får ha högst 200 tecken.',
    en: 'The request is not valid: title must have at most 200 characters.',
  },
  {
    what: 'a value outside the list',
    who: 'admin',
    method: 'POST',
    path: `${ws}/members`,
    body: { id: 'nina', name: 'Nina', role: 'boss' },
    issue: { path: 'role', code: 'invalid_value', message: 'must be "admin", "coordinator", "editor" or "viewer"', sv: 'ska vara "admin", "coordinator", "editor" eller "viewer"' },
    sv: 'Förfrågan är inte giltig: rollen (role) ska vara "admin", "coordinator", "editor" eller "viewer".',
    en: 'The request is not valid: role must be "admin", "coordinator", "editor" or "viewer".',
  },
  {
    what: 'a number too small',
    who: 'admin',
    method: 'POST',
    path: `${ws}/tokens`,
    body: { memberId: 'eda', expiresInDays: 0 },
    issue: { path: 'expiresInDays', code: 'too_small', message: 'must be at least 1', sv: 'ska vara minst 1' },
    sv: 'Förfrågan är inte giltig: giltighetstiden (expiresInDays) ska vara minst 1.',
    en: 'The request is not valid: expiresInDays must be at least 1.',
  },
  {
    what: 'a body that is no object',
    who: 'coordinator',
    method: 'PATCH',
    path: `${ws}/documents/plan-a`,
    body: 5,
    issue: { path: '', code: 'invalid_type', message: 'must be an object ({ … })', sv: 'ska vara ett objekt ({ … })' },
    sv: 'Förfrågan är inte giltig: innehållet ska vara ett objekt ({ … }).',
    en: 'The request is not valid: the body must be an object ({ … }).',
  },
];

describe('a refused request, word for word in both languages', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());

  it.each(CASES)('$what', async (c) => {
    const res = await f.req(c.path, f.tokens[c.who], { method: c.method, body: JSON.stringify(c.body), headers: { 'content-type': 'application/json' } });
    const error = await errorOf(res);
    expect([res.status, error.code]).toEqual([400, 'invalid-request']);
    const details = error.details as Details;
    expect(details.issues[0]).toEqual(c.issue);
    expect(details.message).toEqual({ sv: c.sv, en: c.en });
    expect(englishOf(error)).toBe(c.en);
  });

  it('says so in /openapi.json: the English is Samplan’s words, not the validator’s', async () => {
    const text = await (await f.req('/openapi.json')).text();
    expect(text).toContain('never the validator’s default English');
    expect(text).not.toContain('the English is the validator’s');
  });
});
