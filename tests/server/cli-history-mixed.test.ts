/**
 * `samplan history scan` reads a stored history with the guard's one rule, so a number written
 * field by field with mixed marks (`19 85 - 01 - 01 - 12 - 36`, `85 01 01 - 12 36`) in a store
 * written before the guard knew that spelling is flagged, and the number is never printed. Fails
 * on the code before `personnummer-mixed.ts`, which let these spellings through every door.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { historyCommand } from '../../server/cli-history.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { DocRef, Storage } from '../../server/storage/storage.js';

const DOC = 'plan-a';

/** A memory store with one document whose history holds `text` in its title, as an older store kept it. */
async function legacyStore(text: string): Promise<Storage> {
  const real = createMemoryStorage();
  await real.putWorkspace({ id: 'ws', name: 'Region', createdAt: '2026-01-01T00:00:00.000Z' });
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', `Eva ${text}`);
  const update = Y.encodeStateAsUpdate(doc);
  const at = '2026-01-01T00:00:00.000Z';
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'listDocs') return async () => [{ workspace: 'ws', doc: DOC, kind: 'activity-plan', title: 'P', ownerUnit: 'vc', createdAt: at, updatedAt: at }];
      if (key === 'listStoredDocs') return async () => [{ workspace: 'ws', doc: DOC }];
      if (key === 'listUpdates') return async (ref: DocRef, after: number) => (ref.doc === DOC && after === 0 ? [{ seq: 1, at, memberId: null, update }] : []);
      if (key === 'loadDoc') return async (ref: DocRef) => (ref.doc === DOC ? { snapshot: null, snapshotSeq: 0, updates: [update], lastSeq: 1 } : { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 });
      if (key === 'listCheckpoints') return async () => [];
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

describe('samplan history scan of a number written with mixed marks', () => {
  it.each(['19 85 - 01 - 01 - 12 - 36', '19 85-01-01-12-36', '85 01 01 - 12 36', '19\u00A085\u00A0\u2013\u00A001\u00A0\u2013\u00A001\u00A0\u2013\u00A01236'])('flags %j and never prints it', async (text) => {
    const lines: string[] = [];
    const code = await historyCommand('scan', ['ws'], { lang: 'en' }, async (fn) => fn(await legacyStore(text)), (l) => lines.push(l), (l) => lines.push(l));
    expect(code).toBe(2);
    const out = lines.join('\n');
    expect(out).toContain('update 1');
    expect(out).not.toMatch(/1236|12 36/);
  });
});
