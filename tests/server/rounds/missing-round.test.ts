import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../server/cli-args.js';
import { reportCommand } from '../../../server/report-command.js';
import { missingRound, periodOfRoundRef } from '../../../server/rounds/missing-round.js';
import type { RoundDef } from '../../../shared/rounds/model.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from '../http/support.js';

let f: Fixture | undefined;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const round = (id: string, title: string, period: string, dueDate: string): RoundDef => ({ id, title, period, dueDate, indicators: [], activities: true, units: [] });

/** A workspace with rounds for 2025 kv 2 and 2025 kv 4, and one for 2026 kv 1 titled in other words. */
async function withRounds(): Promise<Fixture> {
  const fx = await makeFixture();
  for (const r of [round('2025-kv-2', '2025 kv 2', '2025Q2', '2025-07-15'), round('2025-kv-4', '2025 kv 4', '2025Q4', '2026-01-20'), round('styrgrupp-mars', 'Styrgrupp mars', '2026Q1', '2026-04-15')]) {
    expect((await fx.req(`/v1/workspaces/${WS}/rounds`, fx.tokens.coordinator, json(r))).status).toBe(201);
  }
  return fx;
}

describe('a round asked for by a period it does not have', () => {
  it('is told in the completeness and the report as no round for that period, naming the periods that have rounds, not as no such id', async () => {
    f = await withRounds();
    for (const path of ['completeness', 'report', 'rollup', 'completeness?format=csv']) {
      const res = await f.req(`/v1/workspaces/${WS}/rounds/2025-kv-3/${path}`, f.tokens.viewer);
      expect([path, res.status]).toEqual([path, 404]);
      const err = await errorOf(res);
      expect(err.code).toBe('round-period-none');
      expect(englishOf(err)).toBe('There is no follow-up round for 2025 Q3. There are rounds for 2026 Q1 (styrgrupp-mars), 2025 Q4 (2025-kv-4) and 2025 Q2 (2025-kv-2).');
      expect(err.details).toMatchObject({ message: { sv: 'Det finns ingen uppföljningsomgång för 2025 kv 3. Omgångar finns för 2026 kv 1 (styrgrupp-mars), 2025 kv 4 (2025-kv-4) och 2025 kv 2 (2025-kv-2).' } });
    }
  });

  it('names the round of the period when its id is another, so the one to ask for is said', async () => {
    f = await withRounds();
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-1/completeness`, f.tokens.viewer);
    expect(res.status).toBe(404);
    const err = await errorOf(res);
    expect(err.code).toBe('round-not-found');
    expect(englishOf(err)).toBe('There is no follow-up round "2026-kv-1". For 2026 Q1 there is the round "Styrgrupp mars" (styrgrupp-mars).');
    expect(err.details).toMatchObject({ message: { sv: 'Det finns ingen uppföljningsomgång "2026-kv-1". För 2026 kv 1 finns omgången "Styrgrupp mars" (styrgrupp-mars).' } });
  });

  it('is told so by samplan report too, for the period in words, in the command’s language', async () => {
    f = await withRounds();
    const fx = f;
    const ask = (say: 'sv' | 'en') => reportCommand(fx.storage, { workspace: WS, round: '2025 kv 3', unit: null, lang: 'sv', say, out: null, pdf: null }, () => undefined).catch((e: unknown) => e);
    const refused = await ask('sv');
    expect(refused).toBeInstanceOf(CliError);
    expect(refused).toMatchObject({
      sv: 'Det finns ingen uppföljningsomgång för 2025 kv 3. Omgångar finns för 2026 kv 1 (styrgrupp-mars), 2025 kv 4 (2025-kv-4) och 2025 kv 2 (2025-kv-2).',
      message: 'There is no follow-up round for 2025 Q3. There are rounds for 2026 Q1 (styrgrupp-mars), 2025 Q4 (2025-kv-4) and 2025 Q2 (2025-kv-2).',
    });
  });

  it('keeps the plain words for an id that is no period, and says when the workspace has no rounds at all', () => {
    expect(missingRound('x', [])).toEqual({ code: 'round-not-found', localized: { sv: 'Det finns ingen uppföljningsomgång "x".', en: 'There is no follow-up round "x".' } });
    expect(missingRound('2025-kv-3', [])).toEqual({
      code: 'round-period-none',
      localized: { sv: 'Det finns ingen uppföljningsomgång för 2025 kv 3: arbetsytan har inga omgångar ännu.', en: 'There is no follow-up round for 2025 Q3: the workspace has no rounds yet.' },
    });
  });

  it('reads the ways a period is written as a round: its id’s shape, its code and its words', () => {
    expect(['2025-kv-3', '2025q3', '2025Q3', '2025 kv 3', 'helar-2025', '2025-halvar-2', '2025', 'mars-2026', 'styrgrupp-mars'].map(periodOfRoundRef)).toEqual([
      '2025Q3', '2025Q3', '2025Q3', '2025Q3', '2025', '2025S2', '2025', '202603', null,
    ]);
  });

  it('names six periods and says how many more there are', () => {
    const many = Array.from({ length: 9 }, (_, i) => round(`m-${i + 1}`, `M ${i + 1}`, `2024${String(i + 1).padStart(2, '0')}`, '2025-01-31'));
    expect(missingRound('2025-kv-3', many).localized.en).toBe(
      'There is no follow-up round for 2025 Q3. There are rounds for September 2024 (m-9), August 2024 (m-8), July 2024 (m-7), June 2024 (m-6), May 2024 (m-5), April 2024 (m-4) and 3 more periods.',
    );
  });
});
