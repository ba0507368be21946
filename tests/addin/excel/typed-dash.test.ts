/**
 * A dash typed alone into a number, date or period cell (`–`, `-`, `—`: Swedish tables' "no
 * value") is read as empty and the cell is emptied (`normalize-cell.ts`). The person who typed it
 * is told so in Problems, in words naming the column and the dash, instead of seeing the cell go
 * blank without a word; the value stored before is taken away as the empty cell says.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

describe('a dash typed as "no value"', () => {
  it.each(['–', '-', '—'])('%s in Värde empties the cell and is named in Problems as information', async (dash) => {
    const doc = docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-test', period: '2025', kon: 'T', value: 12 }]);
    const side = await openSide(doc, 'indicator-values');
    opened.push(side);
    const cell = cellAt('indicator-values', 'value', 0);
    side.host.user.type(SHEET, cell, dash);
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value ?? null).toBeNull();
    expect(side.host.readText(SHEET, cell)).toEqual([['']]);
    const said = side.binding.problems.filter((p) => p.column === 'value');
    expect(said).toEqual([expect.objectContaining({ severity: 'info', code: 'empty-from-dash' })]);
    expect(said[0]!.message.sv).toBe(`Värde: "${dash}" läses som inget värde; cellen är nu tom.`);
  });

  it('.. (SCB\'s missing figure) in Värde empties the cell and is named in Problems as information', async () => {
    const doc = docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-test', period: '2025', kon: 'T', value: 12 }]);
    const side = await openSide(doc, 'indicator-values');
    opened.push(side);
    const cell = cellAt('indicator-values', 'value', 0);
    side.host.user.type(SHEET, cell, '..');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.value ?? null).toBeNull();
    expect(side.host.readText(SHEET, cell)).toEqual([['']]);
    const said = side.binding.problems.filter((p) => p.column === 'value');
    expect(said).toEqual([expect.objectContaining({ severity: 'info', code: 'empty-from-missing' })]);
    expect(said[0]!.message.sv).toBe('Värde: ".." betyder att uppgiften saknas (så skriver SCB i sin statistik) och läses som inget värde; cellen är nu tom.');
  });
});
