/**
 * `POST …/rounds` reads the period as the pane and the CLI take it: in words (`2026 kv 1`,
 * `mars 2026`, `mar-26`, `helår 2026`) or as a month's first day, and stores its code; a day
 * that is no month's first and text that is no period are refused in words naming the spellings.
 * Every round is due 2027-01-15, after each period tried has ended: one due inside its period is asked about first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function createRound(id: string, period: string): Promise<Response> {
  return f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ id, title: `Omgång ${id}`, period, dueDate: '2027-01-15' }));
}

describe('a round defined over REST with its period in words', () => {
  it('stores the code of every spelling the pane and the CLI take', async () => {
    f = await makeFixture();
    const cases: [string, string][] = [
      ['2026 kv 1', '2026Q1'],
      ['kv 2 2026', '2026Q2'],
      ['2026 halvår 2', '2026S2'],
      ['mars 2026', '202603'],
      ['jul-26', '202607'],
      ['2026-08-01', '202608'],
      ['helår 2026', '2026'],
      ['2026Q4', '2026Q4'],
    ];
    for (const [i, [period, code]] of cases.entries()) {
      const res = await createRound(`r${i}`, period);
      expect(res.status, period).toBe(201);
      expect(((await res.json()) as { round: { period: string } }).round.period, period).toBe(code);
    }
    const list = (await (await f.req(`/v1/workspaces/${WS}/rounds/r4`, f.tokens.viewer)).json()) as { round: { period: string } };
    expect(list.round.period).toBe('202607');
  });

  it('reads a month’s first day in every Swedish spelling, and spacing and capitals as typed in a hurry', async () => {
    f = await makeFixture();
    const cases: [string, string][] = [
      ['1.7.2026', '202607'],
      ['1/7 2026', '202607'],
      ['1 juli 2026', '202607'],
      ['1 jul 2026', '202607'],
      ['  Kv1  2026 ', '2026Q1'],
      ['H1 2026', '2026S1'],
      ['2026 juli', '202607'],
      ['första kvartalet 2026', '2026Q1'],
      ['kv2 -26', '2026Q2'],
      ['1 juli 26', '202607'],
      ['apr–jun 2026', '2026Q2'],
      ['januari–juni 26', '2026S1'],
      ['2026\u201309', '202609'],
    ];
    for (const [i, [period, code]] of cases.entries()) {
      const res = await createRound(`s${i}`, period);
      expect(res.status, period).toBe(201);
      expect(((await res.json()) as { round: { period: string } }).round.period, period).toBe(code);
    }
  });

  it('refuses text that is no period, in words naming the spellings', async () => {
    f = await makeFixture();
    for (const period of ['2026Q5', 'i slutet av året']) {
      const res = await createRound('bad', period);
      expect(res.status, period).toBe(400);
      const error = await errorOf(res);
      expect(englishOf(error)).toContain('period must be a period, e.g. 2026, 2026 Q1, 2026 H1, March 2026 or Mar-26');
      expect(JSON.stringify(error.details), 'the Swedish suggests the words, not the codes').toContain('2026 kv 1, 2026 halvår 1, mars 2026 eller mar-26');
    }
  });

  it('tells a day, a slashed date read two ways, a week and a season as what they are, in Swedish and English', async () => {
    f = await makeFixture();
    const cases: [string, string, string][] = [
      ['2026-07-15', 'the date 2026-07-15 is not a period', 'datumet 2026-07-15 är ingen period'],
      ['15 juli 2026', 'the date 2026-07-15 is not a period', 'datumet 2026-07-15 är ingen period'],
      ['7/1/2026', '"7/1/2026" could be 2026-01-07 (day first, as Swedes write it) or 2026-07-01 (month first', '"7/1/2026" kan vara 2026-01-07 (dag först, som vi skriver i Sverige) eller 2026-07-01 (månad först'],
      ['vecka 12', '"vecka 12" is a week, which is no period of Samplan', '"vecka 12" är en vecka, och det är ingen period i Samplan'],
      ['hösten 2026', '"hösten 2026" is a season', '"hösten 2026" är en årstid'],
      ['ht 2026', '"ht 2026" is a school term', '"ht 2026" är en termin'],
      ['feb–apr 2026', '"feb–apr 2026" is a range of months that is no quarter, half-year or year', '"feb–apr 2026" är månader som inte bildar ett kvartal'],
    ];
    for (const [period, en, sv] of cases) {
      const res = await createRound('bad', period);
      expect(res.status, period).toBe(400);
      const error = await errorOf(res);
      expect(englishOf(error), period).toContain(en);
      expect((error.details as { message: { sv: string } }).message.sv, period).toContain(sv);
    }
    expect((await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer)).json()) as { rounds: unknown[] }).toMatchObject({ rounds: [] });
  });
});
