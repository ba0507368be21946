/**
 * `samplan history scan` names a flagged document by workspace and id, and `samplan migrate`
 * masks a personnummer in that key; the scan must too: a store written before the guard knew a
 * spelling (the premise of `history drop`) may hold one in a document's id, and the scan's lines
 * go to the operator's terminal and logs. The masked line points at `--all-flagged`, which finds
 * the document without typing its id. Fails on the old cli-history.ts, which printed the id.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { historyCommand } from '../../server/cli-history.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { DocRef, Storage } from '../../server/storage/storage.js';

const NUMBER = '850101-1236';
const DOC = `plan-${NUMBER}`;

/**
 * A memory store with one workspace whose document id and history hold a number, as an older
 * store kept them (past the guard): update 1 wrote it in the title, update 2 wrote another title.
 */
async function legacyStore(): Promise<Storage> {
  const real = createMemoryStorage();
  await real.putWorkspace({ id: 'ws', name: 'Region', createdAt: '2026-01-01T00:00:00.000Z' });
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', `Eva ${NUMBER}`);
  const update = Y.encodeStateAsUpdate(doc);
  const before = Y.encodeStateVector(doc);
  doc.getMap('meta').set('title', 'Plan');
  const next = Y.encodeStateAsUpdate(doc, before);
  const at = '2026-01-01T00:00:00.000Z';
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'listDocs') return async () => [{ workspace: 'ws', doc: DOC, kind: 'activity-plan', title: 'P', ownerUnit: 'vc', createdAt: at, updatedAt: at }];
      if (key === 'listStoredDocs') return async () => [{ workspace: 'ws', doc: DOC }];
      if (key === 'listUpdates') return async (ref: DocRef, after: number) => (ref.doc === DOC && after === 0 ? [{ seq: 1, at, memberId: null, update }, { seq: 2, at, memberId: null, update: next }] : []);
      if (key === 'loadDoc') return async (ref: DocRef) => (ref.doc === DOC ? { snapshot: null, snapshotSeq: 0, updates: [update, next], lastSeq: 2 } : { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
      if (key === 'listCheckpoints') return async () => [];
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('samplan history scan of a document whose id holds a personnummer', () => {
  it('names it masked, never the number, and points at --all-flagged', async () => {
    const storage = await legacyStore();
    const lines: string[] = [];
    const code = await historyCommand('scan', ['ws'], { lang: 'en' }, (fn) => fn(storage), (l) => lines.push(l), (l) => lines.push(l));
    expect(code).toBe(2);
    const text = lines.join('\n');
    expect(text).toContain('update 1');
    expect(text).not.toMatch(/850101|1236/);
    expect(text).toContain('ws/plan-[personnummer]');
    expect(text).toContain('samplan history drop --all-flagged ws');
  });
});
