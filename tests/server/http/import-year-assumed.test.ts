/**
 * A date read from a file without its year (`12 mars`, `12/3`): where the plan's title names a
 * year it is that year's, silently; otherwise the year is assumed from the server's clock (this
 * year, or next year for a day more than six months past: in December `12 mars` is next March)
 * and the import's answer names it in `warnings` (`year-assumed`), since the stored date is whole
 * and nothing later can show that the year was never written. A time of day dropped from a date
 * (`date-time-dropped`) is named there too, beside the year when both happened.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

const CSV = 'Aktivitet;Typ;Startdatum;Slutdatum\r\nVårpromenad;halsodag;12 mars;12/4 2027\r\n';

async function post(f: Fixture, csv = CSV): Promise<Record<string, unknown>> {
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function retitle(f: Fixture, title: string): Promise<void> {
  setMeta(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }), { title });
}

const start = async (f: Fixture) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).find((r) => r.values.title === 'Vårpromenad')?.values.startDate;

describe('import: a date without its year', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('in December, in a plan whose title names no year, is next year\'s and named in the warnings', async () => {
    f.now.value = new Date('2026-12-04T12:00:00Z');
    const summary = await post(f);
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect(await start(f)).toBe('2027-03-12');
    expect(summary.warnings).toEqual([
      {
        record: 1,
        row: 2,
        rowId: null,
        column: 'startDate',
        code: 'year-assumed',
        message: {
          sv: 'Rad 2 i filen: Startdatum: Året saknades; tolkat som 12 mars 2027. Skriv året om det ska vara ett annat.',
          en: 'Row 2 of the file: Start date: The year was missing; read as 12 March 2027. Write the year if it should be another.',
        },
      },
    ]);
  });

  it('in June, in a plan whose title names no year, is this year\'s and named in the warnings', async () => {
    f.now.value = new Date('2026-06-04T12:00:00Z');
    const summary = await post(f);
    expect(await start(f)).toBe('2026-03-12');
    expect(summary.warnings).toEqual([expect.objectContaining({ column: 'startDate', code: 'year-assumed', message: expect.objectContaining({ sv: expect.stringContaining('tolkat som 12 mars 2026.') }) })]);
  });

  it('with a time of day is named twice, the year assumed and the time dropped; a whole date with a time once', async () => {
    f.now.value = new Date('2026-12-04T12:00:00Z');
    const summary = await post(f, 'Aktivitet;Typ;Startdatum;Slutdatum\r\nVårpromenad;halsodag;12 mars 14:00;2027-04-12 09:30\r\n');
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect(await start(f)).toBe('2027-03-12');
    const warnings = summary.warnings as { column: string; code: string; message: { sv: string; en: string } }[];
    expect(warnings.map((w) => [w.column, w.code])).toEqual([
      ['startDate', 'year-assumed'],
      ['startDate', 'date-time-dropped'],
      ['endDate', 'date-time-dropped'],
    ]);
    expect(warnings[2]?.message).toEqual({
      sv: 'Rad 2 i filen: Slutdatum: klockslaget togs bort; datumet 2027-04-12 sparades.',
      en: 'Row 2 of the file: End date: the time of day was dropped; the date 2027-04-12 was kept.',
    });
  });

  it.each(['2026-12-04T12:00:00Z', '2026-06-04T12:00:00Z'])('at %s, in a plan titled with its year, is that year\'s without a warning', async (now) => {
    f.now.value = new Date(now);
    await retitle(f, 'Aktivitetsplan Fittja 2026');
    const summary = await post(f);
    expect(summary).toMatchObject({ imported: 1, refused: [] });
    expect(await start(f)).toBe('2026-03-12');
    expect(summary.warnings).toBeUndefined();
  });
});
