/**
 * A date typed in the sheet without its year (`12 mars`, `12/3`): where the plan's title names a
 * year it is that year's, silently (`plan-year.ts`); otherwise the year is assumed from the clock
 * — this year, or next year for a day more than six months past (in December `12 mars` is next
 * March) — and Problems names the date taken, as information, so the person who typed it sees it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rowsOf, setMeta } from '../../../shared/doc/index.js';
import { onePerCell } from '../../../shared/validate/one-per-cell.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

async function typeStart(title: string | null, typed: string) {
  const doc = docWith('activity-plan', [{ title: 'Vårpromenad', type: 'halsodag', startDate: '2026-01-01' }]);
  if (title !== null) setMeta(doc, { title });
  const side = await openSide(doc, 'activity-plan');
  opened.push(side);
  side.host.user.type(SHEET, cellAt('activity-plan', 'startDate', 0), typed);
  await side.settle();
  return { stored: rowsOf(side.doc)[0]!.values.startDate, said: side.binding.problems.filter((p) => p.column === 'startDate'), all: side.binding.problems };
}

describe('a date typed without its year', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(['12 mars', '12/3'])('in December, "%s" in a plan titled without a year is next March, named in Problems', async (typed) => {
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
    const { stored, said } = await typeStart(null, typed);
    expect(stored).toBe('2027-03-12');
    expect(said).toEqual([expect.objectContaining({ severity: 'info', code: 'year-assumed' })]);
    expect(said[0]!.message).toEqual({
      sv: 'Startdatum: Året saknades; tolkat som 12 mars 2027. Skriv året om det ska vara ett annat.',
      en: 'Start date: The year was missing; read as 12 March 2027. Write the year if it should be another.',
    });
  });

  it('in June, "12 mars" in a plan titled without a year is this March, named in Problems', async () => {
    vi.setSystemTime(new Date('2026-06-04T12:00:00Z'));
    const { stored, said } = await typeStart(null, '12 mars');
    expect(stored).toBe('2026-03-12');
    expect(said).toEqual([expect.objectContaining({ severity: 'info', code: 'year-assumed', message: expect.objectContaining({ sv: expect.stringContaining('tolkat som 12 mars 2026.') }) })]);
  });

  it.each(['2026-12-04T12:00:00Z', '2026-06-04T12:00:00Z'])('at %s, "12 mars" in a plan titled with its year is that year\'s, said nowhere', async (now) => {
    vi.setSystemTime(new Date(now));
    const { stored, said } = await typeStart('Aktivitetsplan Fittja 2026', '12 mars');
    expect(stored).toBe('2026-03-12');
    expect(said).toEqual([]);
  });

  it('with its year written, "12 mars 2026" is taken as written, said nowhere', async () => {
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
    const { stored, said } = await typeStart(null, '12 mars 2026');
    expect(stored).toBe('2026-03-12');
    expect(said).toEqual([]);
  });

  it('in December, "12 mars 14:00" is next March with both notes in Problems: the year assumed and the time dropped', async () => {
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
    const { stored, said, all } = await typeStart(null, '12 mars 14:00');
    expect(stored).toBe('2027-03-12');
    expect(said.map((p) => [p.severity, p.code])).toEqual([
      ['info', 'year-assumed'],
      ['info', 'date-time-dropped'],
    ]);
    expect(said.map((p) => p.message)).toEqual([
      {
        sv: 'Startdatum: Året saknades; tolkat som 12 mars 2027. Skriv året om det ska vara ett annat.',
        en: 'Start date: The year was missing; read as 12 March 2027. Write the year if it should be another.',
      },
      { sv: 'Startdatum: klockslaget togs bort; datumet 2027-03-12 sparades.', en: 'Start date: the time of day was dropped; the date 2027-03-12 was kept.' },
    ]);
    // The Problems panel shows one problem per cell (`onePerCell`): both notes stay.
    expect(onePerCell(all).filter((p) => p.column === 'startDate')).toEqual(said);
  });
});
