/**
 * A bound table whose reference list is forgotten (`RefListsFeed.unset`: the pane follows another
 * indicator catalog, not in yet) and then set from the new document: meanwhile the cells keep the
 * names they show (not rewritten to stored ids), a name typed is not judged against the old list
 * but waits, said in words in Problems, and is read against the new list once it arrives.
 */
import { describe, expect, it } from 'vitest';
import { getRow, rowsOf } from '../../../shared/doc/index.js';
import { refListsFeed } from '../../../addin/excel/sheet/ref-lists.js';
import { cellAt, disposedAfterEach, docWith, openSide } from './helpers.js';

const opened = disposedAfterEach();
const UNITS = [{ id: 'vc-tensta', name: 'Tensta vårdcentral' }];
// The workspace's own indicators, in the catalog followed first and in the one followed next.
const CATALOG_A = [{ id: 'vc-hs', name: 'Andel hälsosamtal' }];
const CATALOG_B = [
  { id: 'vc-hs', name: 'Andel hälsosamtal' },
  { id: 'far-01', name: 'Andel FaR som följts upp' },
];

describe('a reference list replaced by another document’s', () => {
  it('lets cells wait, said in words, while neither list is known, and reads them against the new list', async () => {
    const doc = docWith('indicator-values', [{ indicator: 'vc-hs', unit: 'vc-tensta', period: '2025', kon: 'T', value: 12 }]);
    const lists = refListsFeed({ unit: UNITS, indicator: CATALOG_A });
    const side = await openSide(doc, 'indicator-values', { refLists: lists });
    opened.push(side);
    const sheet = side.binding.sheetName;
    const id = rowsOf(doc)[0]!.id;
    await side.settle();
    expect(side.host.readText(sheet, cellAt('indicator-values', 'indicator', 0))).toEqual([['Andel hälsosamtal']]);

    lists.unset('indicator');
    await side.settle();
    // The name shown stays: the stored id is not written over it while no list names it.
    expect(side.host.readText(sheet, cellAt('indicator-values', 'indicator', 0))).toEqual([['Andel hälsosamtal']]);
    side.host.user.type(sheet, cellAt('indicator-values', 'indicator', 0), 'Andel FaR som följts upp');
    await side.settle();
    expect(getRow(doc, id)?.values.indicator).toBe('vc-hs');
    const problems = side.binding.problems.filter((p) => p.rowId === id && p.column === 'indicator');
    expect(problems.map((p) => [p.code, p.severity, p.message.sv, p.message.en])).toEqual([
      [
        'ref-waiting',
        'info',
        'Indikator: listan har inte kommit från arbetsytan än. Det som står i cellen står kvar och läses när listan har kommit.',
        'Indicator: the list has not arrived from the workspace yet. What the cell shows stays and is read once the list has arrived.',
      ],
    ]);

    lists.set('indicator', CATALOG_B);
    await expect.poll(() => getRow(doc, id)?.values.indicator, { timeout: 5000 }).toBe('far-01');
    await side.settle();
    expect(side.binding.problems.filter((p) => p.rowId === id && p.column === 'indicator')).toEqual([]);
    expect(side.host.readText(sheet, cellAt('indicator-values', 'indicator', 0))).toEqual([['Andel FaR som följts upp']]);
  });
});
