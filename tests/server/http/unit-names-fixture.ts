/**
 * The workspace the unit-name tests of pulled tables (CSV and workbook) start from: vc-a named
 * with a semicolon, quotes and a leading `=`, and one indicator's 2026 Q2 values per unit.
 */
import type { RowValues } from '../../../shared/schema/types.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

/** The indicator of the tables. */
export const F = 'vc-far-forskrivna';
/** vc-a's name: a semicolon, quotes and a leading `=`, as a spreadsheet must not run it. */
export const TRICKY = '=Alby; "Norra" vc';

/** A fixture whose vc-a is named {@link TRICKY}, with {@link F} in the catalogue and its 2026Q2 value of each unit in `values`, in order. */
export async function unitNamesFixture(values: Readonly<Record<string, number>>): Promise<Fixture> {
  const f = await makeFixture();
  await f.storage.putUnit({ workspace: WS, code: 'vc-a', name: TRICKY, parent: 'region' });
  await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: F, name: 'Förskrivna FaR', area: 'god-och-jamlik-halsa', unitOfMeasure: 'antal', factor: 1, direction: 'higher', target: 40 }]);
  const v = (unit: string, value: number): RowValues => ({ indicator: F, unit, period: '2026Q2', kon: 'T', value, numerator: null, denominator: null });
  await putRegionDoc(f, 'varden', 'indicator-values', Object.entries(values).map(([unit, value]) => v(unit, value)));
  return f;
}
