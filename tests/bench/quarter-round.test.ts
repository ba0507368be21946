import { afterEach, describe, expect, it } from 'vitest';
import { quarterRound } from '../../bench/support/quarter-round.js';
import { makeFixture, WS, type Fixture } from '../server/http/support.js';

let f: Fixture | undefined;
afterEach(async () => f?.close());

describe('quarterRound (the rounds bench/migrate-history-scan defines)', () => {
  it('is due the 15th of the month after each quarter, the fourth in January of the next year, and the API takes all four', async () => {
    expect([1, 2, 3, 4].map((q) => quarterRound(2027, q as 1 | 2 | 3 | 4).dueDate)).toEqual(['2027-04-15', '2027-07-15', '2027-10-15', '2028-01-15']);
    f = await makeFixture();
    for (const q of [1, 2, 3, 4] as const) {
      const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, { method: 'POST', body: JSON.stringify(quarterRound(2027, q)), headers: { 'content-type': 'application/json' } });
      expect([q, res.status]).toEqual([q, 201]);
    }
  });
});

