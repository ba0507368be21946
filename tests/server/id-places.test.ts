/**
 * What `samplan migrate` and `samplan history scan` make of Samplan's own ids that the guard reads
 * a number in, drawn before it did (`P850101x1236`): a row's id, a comment's id and a comment's
 * `row`, each of a drawn id's shape, are ids (no one can change them, and they name no person) and
 * are not named. A number in a text beside them is named as before, and so is an id of another
 * shape an import kept (`198501011236`), and a partner cell of that shape: the check of a plan
 * cannot look into the partner list, so a text there may be typed (`partner-ref-ids.test.ts`).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { refusedTextsOf } from '../../server/doc-texts.js';
import { scanDocHistory } from '../../server/history-scan.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { addComment } from '../../shared/comments/comments.js';
import { createDoc, insertRow, setCell } from '../../shared/doc/index.js';
import { kindDef } from '../../shared/schema/index.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';

const ROW_ID = 'P850101x1236';
const PARTNER_ID = 'a850101b1236';
const AT = new Date('2026-02-01T08:00:00.000Z');

/** A plan holding a row under {@link ROW_ID} with a comment on it (under an id of a drawn shape that spells a number); each step's update. */
function planWithIds(): { doc: Y.Doc; updates: Uint8Array[]; commentId: string } {
  const doc = createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  insertRow(doc, { title: 'Hälsodag' }, { id: ROW_ID });
  const commentId = addComment(doc, { row: ROW_ID, author: 'eva', text: 'Boka lokal', at: AT });
  // The comment's id, as one drawn before the guard read a number in it.
  const comments = doc.getMap<Y.Map<unknown>>('comments');
  const entry = comments.get(commentId) as Y.Map<unknown>;
  doc.transact(() => {
    const copy = new Y.Map<unknown>();
    for (const [k, v] of entry) copy.set(k, v);
    comments.set('a10O3126248Z', copy);
    comments.delete(commentId);
  });
  return { doc, updates, commentId: 'a10O3126248Z' };
}

describe('ids in their places, as the stored-document scans read them', () => {
  it('are such ids', () => {
    for (const id of [ROW_ID, PARTNER_ID, 'a10O3126248Z']) expect(findPersonnummer(id)).not.toBeNull();
  });

  it('migrate names none of them in the live state, but a number in a text beside them', () => {
    const { doc } = planWithIds();
    expect(refusedTextsOf(doc)).toEqual([]);
    setCell(doc, ROW_ID, 'responsible', 'Ring 850101-1236');
    expect(refusedTextsOf(doc)).toEqual([[`rows/P[personnummer]/responsible`, 'a personnummer']]);
  });

  it('migrate still names an id of another shape, and such an id in a text column or a partner cell', () => {
    const { doc } = planWithIds();
    insertRow(doc, { title: 'Promenad' }, { id: '198501011236' });
    setCell(doc, ROW_ID, 'responsible', PARTNER_ID);
    setCell(doc, ROW_ID, 'partner', PARTNER_ID);
    expect(refusedTextsOf(doc).map(([path]) => path).sort()).toEqual(['rows/P[personnummer]/partner', 'rows/P[personnummer]/responsible', 'rows/[personnummer]']);
  });

  it('history scan names no stored update for them, and one holding a number typed and deleted again', async () => {
    const store = createMemoryStorage();
    const ref = { workspace: 'ws', doc: 'plan' };
    const at = AT.toISOString();
    await store.putWorkspace({ id: 'ws', name: 'Region', createdAt: at });
    await store.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc', createdAt: at, updatedAt: at });
    const { doc, updates } = planWithIds();
    await store.appendUpdates(ref, updates.map((update) => ({ update, memberId: null })));
    expect(await scanDocHistory(store, ref)).toEqual([]);
    const stored = updates.length;
    setCell(doc, ROW_ID, 'responsible', 'Ring 850101-1236');
    setCell(doc, ROW_ID, 'responsible', 'Eva');
    await store.appendUpdates(ref, updates.slice(stored).map((update) => ({ update, memberId: null })));
    expect(await scanDocHistory(store, ref)).toEqual([`update ${stored + 1}`]);
  });
});
