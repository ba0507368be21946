/**
 * The CLI's and the settings' English for a zod issue: Samplan's words for every issue code zod 4
 * makes, never zod's default message; a check's own words are kept.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isZodDefaultMessage, issueWordsEn } from '../../../shared/i18n/issue-words-en.js';

/** The first issue of `schema` parsing `input`. */
function issueOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('no issue');
  return result.error.issues[0]!;
}

/** One case per issue code zod 4 makes, as zod words it by default. */
const CASES: [string, z.ZodType, unknown, string][] = [
  ['invalid_type (wrong type)', z.object({ a: z.string() }), { a: 5 }, 'must be text'],
  ['invalid_type (missing)', z.object({ a: z.string() }), {}, 'is missing'],
  ['too_small (empty text)', z.string().min(1), '', 'must not be empty'],
  ['too_small (number)', z.number().min(2), 1, 'must be at least 2'],
  ['too_big (text)', z.string().max(3), 'abcd', 'must have at most 3 characters'],
  ['invalid_format', z.email(), 'x', 'must be an e-mail address'],
  ['not_multiple_of', z.number().multipleOf(5), 3, 'must be a multiple of 5'],
  ['invalid_value', z.enum(['admin', 'editor']), 'boss', 'must be "admin" or "editor"'],
  ['unrecognized_keys', z.object({}).strict(), { b: 1 }, 'has a field it does not take: "b"'],
  ['invalid_union', z.union([z.string(), z.number()]), true, 'fits none of the kinds of value taken'],
  ['invalid_key', z.record(z.string().min(2), z.number()), { a: 1 }, 'has a key that cannot be used'],
];

describe('issueWordsEn', () => {
  it.each(CASES)('words %s in Samplan’s English, not zod’s', (_name, schema, input, words) => {
    const issue = issueOf(schema, input);
    expect(isZodDefaultMessage(issue)).toBe(true);
    expect(issueWordsEn(issue)).toBe(words);
    expect(issueWordsEn(issue)).not.toMatch(/Invalid|Too (small|big)|expected|received|Unrecognized/);
  });

  it('words invalid_element (which zod makes inside maps and sets) in Samplan’s English', () => {
    const issue = { code: 'invalid_element', origin: 'map', message: 'Invalid value in map', path: [] };
    expect(isZodDefaultMessage(issue)).toBe(true);
    expect(issueWordsEn(issue)).toBe('has a value that cannot be used');
  });

  it('keeps the words a check gave itself', () => {
    const issue = issueOf(z.string().regex(/^[a-z]+$/, { error: 'must be lower-case letters a–z' }), 'A');
    expect(isZodDefaultMessage(issue)).toBe(false);
    expect(issueWordsEn(issue)).toBe('must be lower-case letters a–z');
  });
});
