/**
 * A request zod refuses is told in Swedish without zod's English inside (REST side of the CLI's
 * `cli-issue-words.test.ts`): a number where text goes, a role that is not one, an empty name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const ZOD_ENGLISH = /Too (small|big)|Invalid|expected|received|Unrecognized/;
interface Details {
  issues: { path: string; code: string; sv: string }[];
  message: { sv: string; en: string };
}

describe('REST refusals of zod issues', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each([
    ['a number for the name, and an unknown role', { id: 'ny', name: 5, role: 'boss', units: [] }, ['invalid_type', 'invalid_value']],
    ['an empty name', { id: 'ny', name: '', role: 'viewer', units: [] }, ['too_small']],
  ])('says %s in Swedish words only', async (_name, body, codes) => {
    const res = await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const details = (await errorOf(res)).details as Details;
    expect(details.issues.map((i) => i.code)).toEqual(codes);
    for (const issue of details.issues) expect(issue.sv).not.toMatch(ZOD_ENGLISH);
    expect(details.message.sv).toMatch(/^Förfrågan är inte giltig: /);
    expect(details.message.sv).not.toMatch(ZOD_ENGLISH);
  });
});
