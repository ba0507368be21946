import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isoToExcelSerial } from '../../../shared/normalize/excel-date.js';
import { formatCell } from '../../../shared/normalize/format-cell.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { parseSwedishNumber } from '../../../shared/normalize/parse-number.js';
import { col } from './helpers.js';

/** Writes a number the way a Swedish spreadsheet shows it: space-grouped thousands, decimal comma. */
function swedish(n: number, decimals: number): string {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

describe('normalisation properties', () => {
  it('reads back any number written the Swedish way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 3 }), (cents, decimals) => {
        const n = cents / 100;
        const text = swedish(n, decimals);
        expect(parseSwedishNumber(text)).toBeCloseTo(Number(n.toFixed(decimals)), 6);
      }),
    );
  });

  it('round-trips every Excel serial from 1900-03-01 to 9999-12-31 through ISO', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        expect(isoToExcelSerial(excelSerialToIso(serial) as string)).toBe(serial);
      }),
    );
  });

  it('round-trips any stored number and date through formatCell and normalizeCell', () => {
    const value = col('indicator-values', 'value');
    const start = col('activity-plan', 'startDate');
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (n, d) => {
          const iso = d.toISOString().slice(0, 10);
          expect(normalizeCell(value, formatCell(value, n, 'sv'))).toEqual({ ok: true, value: n === 0 ? 0 : n });
          expect(normalizeCell(start, formatCell(start, iso, 'sv'))).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });

  it('never throws, and answers the same way twice, whatever Excel sends', () => {
    const columns = [
      col('indicator-values', 'value'),
      col('indicator-values', 'period'),
      col('indicator-values', 'kon'),
      col('activity-plan', 'startDate'),
      col('activity-plan', 'goals.motivation'),
      col('activity-plan', 'participantsPlanned'),
      col('partners', 'kommun'),
    ];
    const raw = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.integer());
    fc.assert(
      fc.property(fc.constantFrom(...columns), raw, (c, r) => {
        expect(normalizeCell(c, r)).toEqual(normalizeCell(c, r));
      }),
    );
  });
});
