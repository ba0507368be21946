import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyState, createDoc, encodeState, getRow, insertRow, metaOf, rowsOf } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { MIGRATIONS, migrateDoc, type Migration } from '../../../shared/doc/migrations.js';
import { DOC_KINDS } from '../../../shared/schema/types.js';
import { validateDoc } from '../../../shared/validate/validate-doc.js';

function v1Plan(): { doc: Y.Doc; a: string; b: string; c: string } {
  const doc = createDoc('activity-plan', { title: 'Plan 2023', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
  const a = insertRow(doc, { title: 'Hälsodag', type: 'halsodag', date: '2023-05-10', participants: 85 });
  const b = insertRow(doc, { title: 'Promenad', type: 'promenadgrupp', date: '2023-09-01', endDate: '2023-12-15' });
  const c = insertRow(doc, { title: 'Utbildning', type: 'personalutbildning' });
  return { doc, a, b, c };
}

describe('migrateDoc', () => {
  it('migrates an activity plan from version 1 to 2: date → start and end, participants → reached', () => {
    const { doc, a, b, c } = v1Plan();
    const result = migrateDoc(doc);
    expect(result).toEqual({
      ok: true,
      kind: 'activity-plan',
      from: 1,
      to: 2,
      applied: ['date → startDate + endDate; participants → participantsReached'],
    });
    expect(metaOf(doc)?.schemaVersion).toBe(2);
    expect(getRow(doc, a)?.values).toEqual({
      title: 'Hälsodag',
      type: 'halsodag',
      startDate: '2023-05-10',
      endDate: '2023-05-10',
      participantsReached: 85,
    });
    expect(getRow(doc, b)?.values).toMatchObject({ startDate: '2023-09-01', endDate: '2023-12-15' });
    expect(getRow(doc, c)?.values).toEqual({ title: 'Utbildning', type: 'personalutbildning' });
  });

  it('leaves no column the new version does not know', () => {
    const { doc } = v1Plan();
    expect(validateDoc(doc, 'p').map((p) => p.code)).toContain('unknown-column');
    migrateDoc(doc);
    expect(validateDoc(doc, 'p')).toEqual([]);
  });

  it('keeps row ids and order', () => {
    const { doc } = v1Plan();
    const before = rowsOf(doc).map((r) => r.id);
    migrateDoc(doc);
    expect(rowsOf(doc).map((r) => r.id)).toEqual(before);
  });

  it('sends the whole migration as one update', () => {
    const { doc } = v1Plan();
    let updates = 0;
    doc.on('update', () => updates++);
    migrateDoc(doc);
    expect(updates).toBe(1);
  });

  it('does nothing to a current doc, and nothing twice', () => {
    const { doc } = v1Plan();
    migrateDoc(doc);
    const state = encodeState(doc);
    expect(migrateDoc(doc)).toMatchObject({ ok: true, from: 2, to: 2, applied: [] });
    expect(encodeState(doc)).toEqual(state);
  });

  it('converges when two replicas migrate the same doc concurrently', () => {
    const { doc } = v1Plan();
    const other = new Y.Doc();
    applyState(other, encodeState(doc));
    migrateDoc(doc);
    migrateDoc(other);
    applyState(doc, encodeState(other));
    applyState(other, encodeState(doc));
    expect(rowsOf(doc).map((r) => r.values)).toEqual(rowsOf(other).map((r) => r.values));
    expect(validateDoc(other, 'p')).toEqual([]);
  });

  it('refuses a doc newer than the code, an unknown kind and a gap in the chain', () => {
    const newer = createDoc('partners', { title: 'p', ownerUnit: 'x', schemaVersion: 7 });
    expect(migrateDoc(newer)).toEqual({ ok: false, code: 'newer-schema', from: 7, to: 1 });
    expect(migrateDoc(new Y.Doc())).toEqual({ ok: false, code: 'unknown-kind' });
    const { doc } = v1Plan();
    expect(migrateDoc(doc, [])).toEqual({ ok: false, code: 'no-migration', from: 1, to: 2 });
    expect(metaOf(doc)?.schemaVersion).toBe(1);
  });
});

describe('MIGRATIONS', () => {
  it('chains every kind from version 1 to its current version', () => {
    for (const kind of DOC_KINDS) {
      let v = 1;
      while (v < kindDef(kind).schemaVersion) {
        const step: Migration | undefined = MIGRATIONS.find((m) => m.kind === kind && m.from === v);
        expect(step, `${kind} from ${v}`).toBeDefined();
        v = step?.to ?? Infinity;
      }
      expect(v).toBe(kindDef(kind).schemaVersion);
    }
  });
});
