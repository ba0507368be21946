/**
 * A date read from a file without its year (`3/1`, `1 mars`) in a plan of more than one year: the
 * year its title's period holds the day in (`läsåret 2025/26`: July to June; `aug 2025 – jun 2026`),
 * silently, as a plan of one year gives its year; refused in words, naming the dates it could be,
 * where the period holds the day in both years (`2025–2026`) or in none. It took the title's first
 * year: `3/1` in a plan of the school year 2025/26 was 3 January 2025, before the plan began.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const csv = (...dates: string[]) => `Aktivitet;Typ;Startdatum\r\n${dates.map((d, i) => `Träff ${i + 1};halsodag;${d}`).join('\r\n')}\r\n`;

describe('import: a date without its year in a plan of more than one year', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.now.value = new Date('2025-06-04T12:00:00Z');
  });
  afterEach(() => f.close());

  async function importInto(title: string, body: string): Promise<{ summary: Record<string, unknown>; starts: Record<string, unknown> }> {
    setMeta(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }), { title });
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect(res.status).toBe(200);
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    return { summary: (await res.json()) as Record<string, unknown>, starts: Object.fromEntries(rows.map((r) => [r.values.title, r.values.startDate])) };
  }

  it.each([
    ['Aktivitetsplan läsåret 2025/26', ['3/1', '1 mars', '15 sept', '30/6', '1/7'], ['2026-01-03', '2026-03-01', '2025-09-15', '2026-06-30', '2025-07-01']],
    ['Aktivitetsplan Tensta ht 2025 – vt 2026', ['3/1', '12 dec'], ['2026-01-03', '2025-12-12']],
    ['Plan aug 2025–jun 2026', ['3/1', '1 aug'], ['2026-01-03', '2025-08-01']],
  ])('in "%s" is the year the period holds the day in, without a warning', async (title, dates, expected) => {
    const { summary, starts } = await importInto(title, csv(...dates));
    expect(summary).toMatchObject({ imported: dates.length, refused: [] });
    expect(summary.warnings).toBeUndefined();
    expect(dates.map((_, i) => starts[`Träff ${i + 1}`])).toEqual(expected);
  });

  it('is refused in words where the period holds the day in both years, a date with its year taken', async () => {
    const { summary, starts } = await importInto('Aktivitetsplan 2025–2026', csv('3/1', '3/1 2026', '1 mars'));
    expect(starts['Träff 2']).toBe('2026-01-03');
    expect(starts['Träff 1']).toBeUndefined();
    expect(summary.refused).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'date-year-ambiguous',
        message: {
          sv: 'Rad 2 i filen: Startdatum: "3/1" saknar år, och planens titel nämner 2025–2026: det kan vara 3 januari 2025 eller 3 januari 2026. Skriv året.',
          en: 'Row 2 of the file: Start date: "3/1" has no year, and the plan\'s title names 2025–2026: it could be 3 January 2025 or 3 January 2026. Write the year.',
        },
      }),
      expect.objectContaining({ row: 4, code: 'date-year-ambiguous', message: expect.objectContaining({ sv: expect.stringContaining('1 mars 2025 eller 1 mars 2026') }) }),
    ]);
  });

  it('in a plan of one term is the term\'s year, and a day outside the term is refused, not put in the term\'s year', async () => {
    const { summary, starts } = await importInto('Aktivitetsplan ht 2025', csv('15 okt', '10/1'));
    expect(starts['Träff 1']).toBe('2025-10-15');
    expect(starts['Träff 2']).toBeUndefined();
    expect(summary.refused).toEqual([
      expect.objectContaining({ row: 3, code: 'date-outside-plan', message: expect.objectContaining({ sv: 'Rad 3 i filen: Startdatum: "10/1" saknar år och ligger utanför ht 2025, som planens titel nämner. Skriv året.' }) }),
    ]);
  });

  it('in a plan whose title names a revision date is the plan\'s year, silently', async () => {
    const { summary, starts } = await importInto('Plan 2026 (rev. 2025-11-03)', csv('3/1'));
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect(summary.warnings).toBeUndefined();
    expect(starts['Träff 1']).toBe('2026-01-03');
  });

  it('in a verksamhetsår of two years is refused, saying its months are not known', async () => {
    const { summary } = await importInto('Verksamhetsår 2025/26', csv('3/1'));
    expect(summary.refused).toEqual([
      expect.objectContaining({ code: 'date-year-ambiguous', message: expect.objectContaining({ sv: expect.stringContaining('nämner Verksamhetsår 2025/26 men inte vilka månader det går över') }) }),
    ]);
  });

  it('is refused in words where the period holds the day in neither year', async () => {
    const { summary } = await importInto('Plan aug 2025–jun 2026', csv('15 juli'));
    expect(summary.refused).toEqual([
      expect.objectContaining({
        code: 'date-outside-plan',
        message: expect.objectContaining({ en: 'Row 2 of the file: Start date: "15 juli" has no year and falls outside aug 2025–jun 2026, which the plan\'s title names. Write the year.' }),
      }),
    ]);
  });
});
