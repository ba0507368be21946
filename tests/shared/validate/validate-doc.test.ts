import { describe, expect, it } from 'vitest';
import { createDoc, insertRow, insertRows, setMeta } from '../../../shared/doc/index.js';
import { crossRefsFrom } from '../../../shared/validate/cross-refs.js';
import { validateDoc } from '../../../shared/validate/validate-doc.js';
import * as Y from 'yjs';

const meta = { title: 't', ownerUnit: 'vc-fittja', schemaVersion: 2 };

describe('validateDoc', () => {
  it('validates every row of the doc in order', () => {
    const doc = createDoc('activity-plan', meta);
    insertRows(doc, [
      { title: 'Hälsodag', type: 'halsodag' },
      { title: '', type: 'halsodag' },
      { title: 'Promenad', type: 'dans' },
    ]);
    expect(validateDoc(doc, 'plan').map((p) => [p.column, p.code])).toEqual([
      ['title', 'required'],
      ['type', 'enum'],
    ]);
  });

  it('returns no problems for an empty doc', () => {
    expect(validateDoc(createDoc('partners', { ...meta, schemaVersion: 1 }), 'p')).toEqual([]);
  });

  it('reports a doc whose kind is unknown', () => {
    expect(validateDoc(new Y.Doc(), 'x').map((p) => [p.rowId, p.code])).toEqual([[null, 'unknown-kind']]);
  });

  it('warns about a schema version newer than it knows', () => {
    const doc = createDoc('partners', { ...meta, schemaVersion: 1 });
    setMeta(doc, { schemaVersion: 9 });
    expect(validateDoc(doc, 'p').map((p) => [p.code, p.severity])).toEqual([['newer-schema', 'warning']]);
  });

  it('reports duplicate indicator values (same indicator, unit, period and kön) on the later row', () => {
    const doc = createDoc('indicator-values', { ...meta, schemaVersion: 1 });
    const row = { indicator: 'sfh-01', unit: '0180', period: '2024', kon: 'T', value: 3 };
    insertRows(doc, [row, { ...row, kon: 'K' }]);
    const dup = insertRow(doc, { ...row, value: 4 });
    const problems = validateDoc(doc, 'v');
    expect(problems.map((p) => [p.rowId, p.code])).toEqual([[dup, 'duplicate']]);
  });

  it('names the duplicate\'s other row: its sheet row when the bound table gives one, else its place in the document', () => {
    const doc = createDoc('indicator-values', { ...meta, schemaVersion: 1 });
    const row = { indicator: 'sfh-01', unit: '0180', period: '2024', kon: 'T', value: 3 };
    const [, same] = insertRows(doc, [{ ...row, unit: '0181' }, row, { ...row, kon: 'K' }]);
    const firstDup = insertRows(doc, [{ ...row, value: 4 }])[0];
    const original = validateDoc(doc, 'v').find((p) => p.code === 'duplicate');
    expect(original?.rowId).toBe(firstDup);
    expect(original?.otherRowId).toBe(same);
    expect(original?.message.sv).toContain('finns redan på rad 2 i dokumentet.');
    expect(original?.message.en).toContain('is already on row 2 of the document.');
    // In a bound table placed lower on its sheet (or sorted), the row is where `TableBinding.sheetRow` says.
    const sheetRow = (id: string): number | null => (id === same ? 14 : null);
    const inSheet = validateDoc(doc, 'v', undefined, sheetRow).find((p) => p.code === 'duplicate');
    expect(inSheet?.message.sv).toContain('finns redan på rad 14.');
    expect(inSheet?.message.en).toContain('is already on row 14.');
  });

  it('names a duplicate indicator value in the words the sheet shows: the period in words, Kön by its label, the indicator by its catalog name', () => {
    const doc = createDoc('indicator-values', { ...meta, schemaVersion: 1 });
    const row = { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2026Q1', kon: 'T', value: 12 };
    insertRows(doc, [row, { ...row, value: 14 }]);
    const refs = { indicatorBounds: new Map([['vc-halsosamtal', { name: 'Genomförda hälsosamtal', min: 0, max: null }]]) };
    const [problem] = validateDoc(doc, 'v', refs);
    expect(problem?.message.sv).toBe('Indikator: "Genomförda hälsosamtal / vc-tensta / 2026 kv 1 / Totalt" finns redan på rad 1 i dokumentet. Varje rad ska vara unik här.');
    expect(problem?.message.en).toContain('"Genomförda hälsosamtal / vc-tensta / 2026 Q1 / Total"');
    // Without the catalog the indicator keeps its id; the period and Kön are still words.
    expect(validateDoc(doc, 'v')[0]?.message.sv).toContain('"vc-halsosamtal / vc-tensta / 2026 kv 1 / Totalt"');
  });

  it('reports duplicate partner names', () => {
    const doc = createDoc('partners', { ...meta, schemaVersion: 1 });
    insertRows(doc, [
      { name: 'SFI', type: 'skola' },
      { name: 'SFI', type: 'skola' },
    ]);
    expect(validateDoc(doc, 'p').map((p) => p.code)).toEqual(['duplicate']);
  });

  it('reports partner names that differ only in the spaces around them, or in case, as the list looks names up', () => {
    const doc = createDoc('partners', { ...meta, schemaVersion: 1 });
    // "Röda korset " as older code stored it, with the spaces a person typed after it.
    insertRows(doc, [
      { name: 'Röda korset ', type: 'forening' },
      { name: 'Röda korset', type: 'forening' },
      { name: 'RÖDA  KORSET', type: 'forening' },
      { name: 'Röda korset Fittja', type: 'forening' },
    ]);
    expect(validateDoc(doc, 'p').map((p) => p.code)).toEqual(['duplicate', 'duplicate']);
  });

  it('checks references against the workspace’s partner list and indicator catalog', () => {
    const partners = createDoc('partners', { ...meta, schemaVersion: 1 });
    const sfi = insertRow(partners, { name: 'SFI', type: 'skola' });
    const catalog = createDoc('indicator-catalog', { ...meta, schemaVersion: 1 });
    insertRow(catalog, { id: 'sfh-01', name: 'x', area: 'god-kvalitet', direction: 'higher' });
    const refs = crossRefsFrom({ partners, indicatorCatalog: catalog, units: ['vc-fittja'] });
    expect([...(refs.partners?.ids ?? [])]).toEqual([sfi]);
    expect([...(refs.indicators ?? [])]).toEqual(['sfh-01']);

    const plan = createDoc('action-plan', { ...meta, schemaVersion: 1 });
    insertRow(plan, { unit: 'vc-fittja', measure: 'a', partner: sfi, indicator: 'sfh-01' });
    insertRow(plan, { unit: 'vc-fittja', measure: 'b', partner: 'Röda Korset', indicator: 'sfh-02' });
    // Stored by name before ids: still that partner.
    insertRow(plan, { unit: 'vc-fittja', measure: 'c', partner: 'sfi', indicator: 'sfh-01' });
    expect(validateDoc(plan, 'ap', refs).map((p) => p.code)).toEqual(['unknown-indicator', 'unknown-partner']);
  });
});

describe('crossRefsFrom', () => {
  it('ignores a document of the wrong kind', () => {
    const notPartners = createDoc('indicator-catalog', { ...meta, schemaVersion: 1 });
    expect(crossRefsFrom({ partners: notPartners }).partners).toBeUndefined();
  });
});
