/**
 * The sheet's Problems of an indicator-values document check each value against the range the
 * workspace's indicator catalog declares, as the server's problems do: the pane binds the sheet
 * with the catalog it follows, read when Problems are checked.
 */
import { describe, expect, it } from 'vitest';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { validateDoc } from '../../../shared/validate/validate-doc.js';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import { fakeHost, fakePorts } from './support.js';

const catalogInfo: DocumentInfo = { id: 'katalog', kind: 'indicator-catalog', title: 'Indikatorkatalog', ownerUnit: 'region', updatedAt: null, archivedAt: null, archivedBy: null };
const valuesInfo: DocumentInfo = { id: 'varden', kind: 'indicator-values', title: 'Indikatorvärden', ownerUnit: 'region', updatedAt: null, archivedAt: null, archivedBy: null };
const coordinator: Me = { memberId: 'm-s', name: 'Sara Samordnare', role: 'coordinator', units: ['region'] };
const run = (async () => undefined) as never;

describe('an indicator value outside the catalog’s range in the sheet', () => {
  it('is a warning in the sheet’s Problems naming the value, the bound and the indicator, also for a catalog that arrives after binding', async () => {
    const { ports, record } = fakePorts();
    const docs = new DocumentsController(fakeHost(), ports);
    await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info: valuesInfo, me: coordinator, lang: 'sv', run, documents: [catalogInfo, valuesInfo] });
    const bound = record.binds.find((b) => b.docId === 'varden');
    expect(bound).toBeDefined();
    const values = createDoc('indicator-values', { title: 'v', ownerUnit: 'region', schemaVersion: 1 });
    insertRows(values, [
      { indicator: 'vc-andel', unit: 'vc-ronna', period: '2026Q1', kon: 'T', value: 250 },
      { indicator: 'vc-andel', unit: 'vc-alby', period: '2026Q1', kon: 'T', value: 80 },
    ]);
    const problems = () => validateDoc(values, 'varden', bound?.refs).filter((p) => p.column === 'value');
    expect(problems()).toEqual([]);

    // The catalog the pane follows read-only arrives after the sheet was bound.
    const catalog = record.connects.find((c) => c.docId === 'katalog')?.doc;
    expect(catalog).toBeDefined();
    insertRows(catalog!, [{ id: 'vc-andel', name: 'Andel FaR följda upp', unitOfMeasure: 'procent', numerator: 'a', denominator: 'b', factor: 100, min: 0, max: 100 }]);
    const found = problems();
    expect(found.map((p) => [p.code, p.severity])).toEqual([['above-max', 'warning']]);
    expect(found[0]?.message.sv).toBe('Värde: 250 är större än 100, det högsta värdet indikatorkatalogen anger för Andel FaR följda upp. Värdet sparas; rätta det om det är fel.');
  });
});
