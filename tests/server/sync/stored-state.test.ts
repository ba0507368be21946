import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateOfStored } from '../../../server/sync/stored-state.js';
import { DamagedHistoryError } from '../../../server/sync/stored-history.js';
import { DAMAGED_UPDATE as DAMAGED } from '../../support/damaged-update.js';

const REF = { workspace: 'ws1', doc: 'plan-a' };

function titled(title: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', title);
  return Y.encodeStateAsUpdate(doc);
}

describe('stateOfStored (a snapshot from what storage holds)', () => {
  it('is the state of the stored snapshot and tail, as of the last sequence', async () => {
    const state = await stateOfStored(REF, { snapshot: null, updates: [titled('Plan A')], lastSeq: 4, takeBacks: [] }, false);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, state.snapshot);
    expect(state.upto).toBe(4);
    expect(doc.getMap('meta').get('title')).toBe('Plan A');
  });

  it('names the document and the stored update that does not decode, as every other reader of stored history does', async () => {
    const thrown = await stateOfStored(REF, { snapshot: null, updates: [titled('Plan A'), DAMAGED], lastSeq: 9, takeBacks: [] }, true).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(DamagedHistoryError);
    expect((thrown as DamagedHistoryError).ref).toEqual(REF);
    expect((thrown as DamagedHistoryError).place).toEqual({ kind: 'update', seq: 9 });
    expect((thrown as DamagedHistoryError).sv).toContain('Dokumentet ws1/plan-a går inte att läsa: dess sparade historik är skadad (uppdatering 9).');
  });
});
