/**
 * A missing field is told from the input, not from zod's English: `validationHook` reads the value
 * at the issue's path in what was validated (`data`, as `zValidator` passes it), so a zod whose
 * message no longer ends "received undefined" still gives "saknas", and a field that is there with
 * a message that happens to say so still gives its type. Without the input the message decides.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, validationHook } from '../../../server/http/errors.js';
import { issueWordsSv } from '../../../shared/i18n/issue-words.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

interface Details {
  issues: { path: string; code: string; sv: string }[];
  message: { sv: string; en: string };
}

/** zod's messages as a later zod might word them: no "received undefined" anywhere. */
function rewordZod(): void {
  z.config({ customError: (iss) => (iss.code === 'invalid_type' ? `Invalid input: expected ${String(iss.expected)}, got nothing` : undefined) });
}

/** The refusal `validationHook` makes of `schema` parsing `input`, given the input as `zValidator` gives it. */
function refusalOf(schema: z.ZodType, input: unknown): Details {
  try {
    validationHook({ ...schema.safeParse(input), data: input });
  } catch (err) {
    if (err instanceof AppError) return err.details as Details;
    throw err;
  }
  throw new Error('no refusal');
}

describe('a missing field, told from the input', () => {
  afterEach(() => z.config({ customError: undefined }));

  it('is "saknas" when zod words it differently', () => {
    rewordZod();
    const details = refusalOf(z.object({ name: z.string() }), {});
    expect(details.message.en).toContain('got nothing');
    expect(details.message.sv).toBe('Förfrågan är inte giltig: namnet (name) saknas.');
  });

  it('is "saknas" deep in a list, and a present value of the wrong type names its type', () => {
    rewordZod();
    const schema = z.object({ units: z.array(z.object({ code: z.string(), years: z.number() })) });
    const details = refusalOf(schema, { units: [{ code: 'vc-a', years: 1 }, { years: 'två' }] });
    expect(details.issues.map((i) => [i.path, i.sv])).toEqual([
      ['units.1.code', 'saknas'],
      ['units.1.years', 'ska vara ett tal'],
    ]);
  });

  it('is not "saknas" for a value that is there, whatever the message says', () => {
    const details = refusalOf(z.object({ name: z.string({ error: 'received undefined' }) }), { name: 5 });
    expect(details.issues[0]?.sv).toBe('ska vara en text');
  });

  it('falls back on zod’s message without the input', () => {
    const issue = { code: 'invalid_type', expected: 'string', path: ['name'], message: 'Invalid input: expected string, received undefined' };
    expect(issueWordsSv(issue)).toBe('saknas');
    expect(issueWordsSv(issue, { value: { name: 5 } })).toBe('ska vara en text');
    expect(issueWordsSv({ ...issue, message: 'Invalid input: expected string, got nothing' }, { value: {} })).toBe('saknas');
  });
});

describe('a missing field through the routes, zod worded differently', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());
  afterEach(() => z.config({ customError: undefined }));

  it('a member without a name', async () => {
    rewordZod();
    const res = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, {
      method: 'POST',
      body: JSON.stringify({ id: 'nina', role: 'viewer' }),
      headers: { 'content-type': 'application/json' },
    });
    const error = await errorOf(res);
    expect([res.status, error.code]).toEqual([400, 'invalid-request']);
    expect((error.details as Details).message.sv).toBe('Förfrågan är inte giltig: namnet (name) saknas.');
  });
});
