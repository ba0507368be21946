/**
 * A file typed before a unit or a catalogue indicator was renamed names it by the name it had then.
 * That name no longer resolved: a unit's record was refused as another unit's row ("Enhet:
 * "Vårdcentral A" finns inte i listan"), an indicator value's record was added as a new row under
 * the old name as unresolved text instead of updating the value it was meant for. A partner
 * renamed was read by its former name already (`import-renamed-partner.test.ts`); now a unit is
 * read by the names its renames kept, and a catalogue indicator by the names its catalog row had
 * in the catalog's kept history, when one unit or indicator had the name.
 */
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { csvOf, importAnswer } from '../../support/import-answer.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from './support.js';

const X = 'x-rokare';
const entry: RowValues = { id: X, name: 'Andel rökare i området', area: 'god-och-jamlik-halsa', unitOfMeasure: 'procent', factor: 1, direction: 'lower' };
const value: RowValues = { indicator: X, unit: 'vc-a', period: '2026Q1', kon: 'T', value: 14, numerator: null, denominator: null };

describe('a file typed before a unit or an indicator was renamed', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const rows = async (doc: string) => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc })).map((r) => r.values);

  it('imports a row of the renamed unit under its former name onto that unit, not refused as another unit\'s', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/units/vc-a`, f.tokens.admin, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Alby vårdcentral' }) });
    expect(res.status).toBe(200);
    const answer = await importAnswer(f, 'handlingsplan', csvOf(['Enhet', 'Åtgärd'], [['Vårdcentral A', 'Promenader för nyanlända']]), { token: f.tokens.editor });
    expect(answer).toMatchObject({ imported: 1, refused: [], unresolved: [] });
    expect((await rows('handlingsplan')).map((r) => r.unit)).toEqual(['vc-a']);
  });

  it('reads a unit by a name it had before a rename older than the newest 20,000 audit lines', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/units/vc-a`, f.tokens.admin, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Alby vårdcentral' }) });
    expect(res.status).toBe(200);
    // A busy workspace's edits since: the rename's line is older than the newest 20,000.
    const line = { at: '2026-03-01T08:00:00.000Z', workspace: WS, doc: 'handlingsplan', memberId: 'editor', action: 'write', bytes: 40, detail: null };
    await f.storage.appendAudit(Array.from({ length: 20_001 }, () => line));
    const answer = await importAnswer(f, 'handlingsplan', csvOf(['Enhet', 'Åtgärd'], [['Vårdcentral A', 'Promenader för nyanlända']]), { token: f.tokens.editor });
    expect(answer).toMatchObject({ imported: 1, refused: [], unresolved: [] });
    expect((await rows('handlingsplan')).map((r) => r.unit)).toEqual(['vc-a']);
  });

  it('keeps as typed a name no unit ever had', async () => {
    const answer = await importAnswer(f, 'handlingsplan', csvOf(['Enhet', 'Åtgärd'], [['Vårdcentral Ö', 'Promenader']]), { token: f.tokens.coordinator });
    expect(answer).toMatchObject({ imported: 1, unresolved: [expect.objectContaining({ column: 'unit', value: 'Vårdcentral Ö' })] });
  });

  it('updates the value of the renamed indicator named by its former name, instead of adding a row', async () => {
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [entry]);
    await putRegionDoc(f, 'varden', 'indicator-values', [value]);
    const ref = { workspace: WS, doc: 'katalog' };
    const rowId = rowsOf(await f.samplan.registry.getDoc(ref)).find((r) => r.values.id === X)?.id as string;
    const renamed = await f.samplan.registry.submit(ref, (live) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(copy);
      setCells(copy, rowId, { name: 'Andel dagligrökare i området' });
      return Y.encodeStateAsUpdate(copy, before);
    }, { memberId: 'coord', principal: null });
    expect(renamed).toEqual({ ok: true });
    await f.samplan.registry.settle?.(ref);
    const file = csvOf(['Indikator', 'Enhet', 'Period', 'Kön', 'Värde'], [['Andel rökare i området', 'vc-a', '2026Q1', 'T', 12]]);
    const answer = await importAnswer(f, 'varden', file);
    expect(answer).toMatchObject({ imported: 0, updated: 1, refused: [], unresolved: [] });
    expect(await rows('varden')).toEqual([expect.objectContaining({ indicator: X, unit: 'vc-a', value: 12 })]);
  });
});
