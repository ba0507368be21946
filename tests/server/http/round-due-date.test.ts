import { afterEach, describe, expect, it } from 'vitest';
import { periodFirstDay, parsePeriod } from '../../../shared/catalog/period.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
afterEach(async () => f?.close());

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const round = (period: string, dueDate: string) => ({ id: 'omgang', title: 'Omgång', period, dueDate, indicators: [], activities: true });

describe('a round’s due date', () => {
  it('is refused in words before the period begins (a year typed one too low at the turn of the year), and nothing is stored', async () => {
    f = await makeFixture();
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round('2025 kv 4', '2025-01-20')));
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('round-due-before-period');
    expect(englishOf(err)).toBe('The due date 2025-01-20 is before the period 2025 Q4, which begins 2025-10-01: a round follows up a period that has begun. Check the year.');
    expect(JSON.stringify(err.details)).toContain('Sista dagen 2025-01-20 ligger före perioden 2025 kv 4');
    const list = (await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator)).json()) as { rounds: unknown[] };
    expect(list.rounds).toEqual([]);
  });

  it('is refused before the period’s first day, asked about inside the period, and taken after its last day, for every kind of period', async () => {
    f = await makeFixture();
    const cases: [string, string, number][] = [
      ['2025Q4', '2025-09-30', 400],
      ['2025Q4', '2025-10-01', 409],
      ['2025Q4', '2025-12-31', 409],
      ['2025Q4', '2026-01-01', 201],
      ['2026', '2025-12-31', 400],
      ['2026', '2026-07-15', 409],
      ['2026', '2027-01-31', 201],
      ['2026S2', '2026-07-01', 409],
      ['2026S1', '2026-07-01', 201],
      ['202402', '2024-02-29', 409],
      ['202402', '2024-03-01', 201],
      ['202603', '2026-02-28', 400],
      ['202603', '2026-04-15', 201],
    ];
    for (const [i, [period, due, status]] of cases.entries()) {
      const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...round(period, due), id: `omgang-${i}` }));
      expect([period, due, res.status]).toEqual([period, due, status]);
    }
  });

  it('inside the period is asked about in words (clinics would report a quarter before it ends), nothing stored, and taken when confirmed as an interim round', async () => {
    f = await makeFixture();
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(round('2025 kv 4', '2025-11-15')));
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('round-due-in-period');
    expect(englishOf(err)).toBe(
      'The due date 2025-11-15 is inside the period 2025 Q4, which ends 2025-12-31: the units would report before the period ends. If the round is an interim follow-up, confirm it; otherwise choose a day after 2025-12-31.',
    );
    expect(err.details).toMatchObject({
      confirm: 'interim',
      message: { sv: 'Sista dagen 2025-11-15 ligger inom perioden 2025 kv 4, som slutar 2025-12-31: enheterna skulle rapportera innan perioden är slut. Är omgången en delavstämning, bekräfta det; annars välj en dag efter 2025-12-31.' },
    });
    const list = async () => ((await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator)).json()) as { rounds: { id: string; interim?: boolean }[] }).rounds;
    expect(await list()).toEqual([]);
    const confirmed = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...round('2025 kv 4', '2025-11-15'), interim: true }));
    expect(confirmed.status).toBe(201);
    expect(await list()).toMatchObject([{ id: 'omgang', interim: true }]);
    // Before the period begins stays a refusal: no confirmation makes 2025-01-20 right for 2025 kv 4.
    const before = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...round('2025 kv 4', '2025-01-20'), id: 'tidig', interim: true }));
    expect([before.status, (await errorOf(before)).code]).toEqual([400, 'round-due-before-period']);
  });

  it('confirmed as interim after the period ends is refused in words (no interim round), nothing stored', async () => {
    f = await makeFixture();
    const res = await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json({ ...round('2025 kv 4', '2026-01-20'), interim: true }));
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('round-interim-after-period');
    expect(englishOf(err)).toBe(
      'The due date 2026-01-20 is after the period 2025 Q4, which ends 2025-12-31: the round follows up the whole period and is no interim round. Define it without confirming it as interim, or choose a day inside the period.',
    );
    expect(JSON.stringify(err.details)).toContain('Sista dagen 2026-01-20 ligger efter perioden 2025 kv 4, som slutar 2025-12-31');
    const list = (await (await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator)).json()) as { rounds: unknown[] };
    expect(list.rounds).toEqual([]);
  });

  it('reads a period’s first day from its code', () => {
    expect(['2025', '2025S2', '2025Q4', '202512', '2026Q1'].map((p) => periodFirstDay(parsePeriod(p)!))).toEqual(['2025-01-01', '2025-07-01', '2025-10-01', '2025-12-01', '2026-01-01']);
  });
});

describe('overdue', () => {
  it('starts at 00:00 Swedish time on the day after the due date, in the completeness and the report alike', async () => {
    f = await makeFixture();
    const def = { ...round('2026Q2', '2026-07-15'), id: 'kv2' };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json(def))).status).toBe(201);
    const overdue = async () => {
      const body = (await (await f.req(`/v1/workspaces/${WS}/rounds/kv2/completeness`, f.tokens.viewer)).json()) as { units: { overdue: boolean }[] };
      return body.units.map((u) => u.overdue);
    };
    // 23:30 on the 15th in Sweden (summer time): still the due date.
    f.now.value = new Date('2026-07-15T21:30:00Z');
    expect(new Set(await overdue())).toEqual(new Set([false]));
    // 00:30 on the 16th in Sweden, 22:30 on the 15th in UTC: overdue.
    f.now.value = new Date('2026-07-15T22:30:00Z');
    expect(new Set(await overdue())).toEqual(new Set([true]));
    const report = await (await f.req(`/v1/workspaces/${WS}/rounds/kv2/report`, f.tokens.viewer)).text();
    expect(report).toContain('försenad');
  });
});
