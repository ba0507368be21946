/**
 * A body with a misspelt field (`member` for `memberId`) fails twice: the field it does not take,
 * and the field it needs missing. The refusal's sentence names the misspelling first — the cause,
 * with the fields the request takes — in both languages, instead of only "memberId … received
 * undefined", which leaves the person to find the real cause in `details.issues`.
 */
import { describe, expect, it } from 'vitest';
import { AppError, validationHook } from '../../../server/http/errors.js';
import { tokenBodySchema } from '../../../server/http/workspaces.js';

interface Details {
  issues: { path: string; code: string; message: string; sv: string }[];
  message: { sv: string; en: string };
}

function refusalOf(input: unknown): { details: Details; message: string } {
  try {
    validationHook({ ...tokenBodySchema.safeParse(input), data: input });
  } catch (err) {
    if (err instanceof AppError) return { details: err.details as Details, message: err.message };
    throw err;
  }
  throw new Error('no refusal');
}

describe('a misspelt field in a request body', () => {
  it('is named first, with the fields the request takes, in both languages', () => {
    const { details, message } = refusalOf({ member: 'bo', label: 'Power Query', days: 30 });
    expect(details.issues.map((i) => i.code)).toEqual(['unrecognized_keys', 'invalid_type']);
    expect(details.message.en).toContain('"member", "days"');
    expect(details.message.en).toContain('memberId');
    expect(details.message.sv).toContain('"member", "days"');
    expect(details.message.sv).toContain('memberId');
    expect(message).toBe(details.message.en);
  });

  it('leaves a refusal without a field it does not take as it was', () => {
    const { details } = refusalOf({ label: 'Power Query' });
    expect(details.issues.map((i) => [i.code, i.path])).toEqual([['invalid_type', 'memberId']]);
    expect(details.message.sv).toBe('Förfrågan är inte giltig: medlemmens id (memberId) saknas.');
  });
});
