/**
 * A refusal's bound or choice is written as each language writes a number (`number-words.ts`):
 * `12 000`, `−1,5`, `0,5` in Swedish. `String(n)` wrote `12000`, `-1.5` and `0.5` inside Swedish
 * sentences, and `12000` in English.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueWordsEn } from '../../../shared/i18n/issue-words-en.js';
import { issueWordsSv } from '../../../shared/i18n/issue-words.js';

/** The first issue of `schema` refusing `input`. */
function issueOf(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('taken');
  return parsed.error.issues[0]!;
}

describe("a refusal's numbers", () => {
  it.each([
    ['a long text', z.string().max(12_000), 'x'.repeat(12_001), 'får ha högst 12\u00a0000 tecken', 'must have at most 12,000 characters'],
    ['a long list', z.array(z.number()).max(10_000), Array.from({ length: 10_001 }, () => 1), 'får ha högst 10\u00a0000 värden', 'must have at most 10,000 values'],
    ['a number below a negative bound', z.number().min(-1.5), -2, 'ska vara minst \u22121,5', 'must be at least -1.5'],
    ['a number over a bound with decimals', z.number().lt(0.5), 1, 'ska vara mindre än 0,5', 'must be less than 0.5'],
    ['a big bound', z.number().max(250_000), 300_000, 'får vara högst 250\u00a0000', 'must be at most 250,000'],
    ['a step', z.number().multipleOf(0.25), 0.3, 'ska vara en multipel av 0,25', 'must be a multiple of 0.25'],
  ])('%s', (_what, schema, input, sv, en) => {
    const issue = issueOf(schema, input);
    expect(issueWordsSv(issue)).toBe(sv);
    expect(issueWordsEn(issue)).toBe(en);
  });

  it('writes the choices of an enum of numbers so', () => {
    const issue = issueOf(z.literal([1.5, 12_000]), 3);
    expect(issueWordsSv(issue)).toBe('ska vara 1,5 eller 12\u00a0000');
    expect(issueWordsEn(issue)).toBe('must be 1.5 or 12,000');
  });
});
