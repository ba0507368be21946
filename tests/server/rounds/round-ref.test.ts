/**
 * A round asked for by its id spelt otherwise (`rounds-service.ts` `requireRound`, `missing-round.ts`
 * `roundOfRef`): `2025 KV 4`, `2025q4` or `Q4 2025` for the round `2025-kv-4` was refused as no
 * such round ("För 2025 kv 4 finns omgången 2025-kv-4"), the round named in the refusal itself.
 * Now it is found, and what is read and written for it is keyed by its own id; a spelling the ids of
 * two rounds share is refused naming both.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/report-command.js';
import { roundOfRef } from '../../../server/rounds/missing-round.js';
import { requireRound, RoundError, RoundsService } from '../../../server/rounds/rounds-service.js';
import { RoundsStore } from '../../../server/rounds/rounds-store.js';
import type { RoundDef } from '../../../shared/rounds/model.js';
import { errorOf, makeFixture, WS, type Fixture } from '../http/support.js';

let f: Fixture | undefined;
afterEach(async () => f?.close());
const dir = mkdtempSync(join(tmpdir(), 'samplan-round-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const round = (id: string, title: string, period: string, dueDate: string): RoundDef => ({ id, title, period, dueDate, indicators: [], activities: true, units: [] });
const COORD = { workspace: WS, memberId: 'coord', role: 'coordinator' as const, units: ['region'] };

/** A workspace with the rounds 2025-kv-2 and 2025-kv-4, and one for 2026 kv 1 titled in other words. */
async function withRounds(extra: RoundDef[] = []): Promise<Fixture> {
  const fx = await makeFixture();
  for (const r of [round('2025-kv-2', '2025 kv 2', '2025Q2', '2025-07-15'), round('2025-kv-4', '2025 kv 4', '2025Q4', '2026-01-20'), round('styrgrupp-mars', 'Styrgrupp mars', '2026Q1', '2026-04-15'), ...extra]) {
    expect((await fx.req(`/v1/workspaces/${WS}/rounds`, fx.tokens.coordinator, json(r))).status).toBe(201);
  }
  return fx;
}

describe('a round asked for by its id spelt otherwise', () => {
  it('is found for the spellings of its period, in capitals, with spaces, or in another order', async () => {
    f = await withRounds();
    const state = await new RoundsStore(f.storage).state(WS);
    for (const ref of ['2025 KV 4', '2025 kv 4', '2025_kv_4', '2025q4', '2025Q4', 'Q4 2025', 'kv4-2025', ' 2025  kv 4 ']) {
      expect([ref, requireRound(state, ref).id]).toEqual([ref, '2025-kv-4']);
    }
    // A round whose id spells no period is found by its id spelt otherwise, not by its period.
    expect(requireRound(state, 'Styrgrupp Mars').id).toBe('styrgrupp-mars');
    expect(() => requireRound(state, '2026 kv 1')).toThrow(/For 2026 Q1 there is the round "Styrgrupp mars" \(styrgrupp-mars\)/);
  });

  it('is moved, closed and placed under its own id, and read so by REST', async () => {
    f = await withRounds();
    const service = new RoundsService(new RoundsStore(f.storage), f.storage, () => new Date('2026-01-15T10:00:00Z'));
    const closed = await service.setClosed(COORD, '2025 KV 4', 'close', 'Styrgruppen beslutade');
    expect(closed.round).toBe('2025-kv-4');
    await service.place(COORD, '2025 kv 4', '2', undefined);
    const state = await service.store.state(WS);
    expect(state.closures.get('2025-kv-4')?.closed).toBe(true);
    expect(state.maturity.get('2025-kv-4')).toHaveLength(1);
    expect([...state.closures.keys(), ...state.maturity.keys()]).not.toContain('2025 KV 4');
    // REST takes an id of the id's shape only; one that spells the period otherwise finds the round, closed.
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2025q4/completeness`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect((await res.json()) as { round: { id: string }; closed: unknown }).toMatchObject({ round: { id: '2025-kv-4' }, closed: { reason: 'Styrgruppen beslutade' } });
    const submit = await f.req(`/v1/workspaces/${WS}/rounds/2025q4/units/vc-a/submit`, f.tokens.editor, json({}));
    expect([submit.status, (await errorOf(submit)).code]).toEqual([409, 'round-closed']);
  });

  it('is found by samplan report, as "2025 KV 4"', async () => {
    f = await withRounds();
    const out = join(dir, 'rapport.html');
    await expect(reportCommand(f.storage, { workspace: WS, round: '2025 KV 4', unit: null, lang: 'sv', say: 'sv', out, pdf: null }, () => undefined)).resolves.toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('2025 kv 4');
  });

  it('is refused naming each round when the ids of two spell the period, while the id spelt as one of them finds it', async () => {
    f = await withRounds([round('q4-2025', 'Q4 2025', '2025Q4', '2026-02-15')]);
    const state = await new RoundsStore(f.storage).state(WS);
    expect(roundOfRef('2025q4', state.rounds.values())).toMatchObject({ ambiguous: [{ id: '2025-kv-4' }, { id: 'q4-2025' }] });
    const refused = (() => {
      try {
        requireRound(state, '2025q4');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(RoundError);
    expect(refused).toMatchObject({
      status: 404,
      code: 'round-ambiguous',
      localized: {
        sv: '"2025q4" kan vara flera uppföljningsomgångar: "2025 kv 4" (2025-kv-4) och "Q4 2025" (q4-2025). Skriv omgångens id.',
        en: '"2025q4" could be several follow-up rounds: "2025 kv 4" (2025-kv-4) and "Q4 2025" (q4-2025). Write the round\'s id.',
      },
    });
    expect(requireRound(state, '2025 KV 4').id).toBe('2025-kv-4');
    expect(requireRound(state, 'Q4 2025').id).toBe('q4-2025');
    const res = await f.req(`/v1/workspaces/${WS}/rounds/2025q4/report`, f.tokens.viewer);
    expect([res.status, (await errorOf(res)).code]).toEqual([404, 'round-ambiguous']);
  });
});
