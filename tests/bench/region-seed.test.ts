/**
 * The region bench's seeded documents are stored as a server leaves its own: each record carries
 * the document's title, so a server loading them finds nothing to repair (`title-follow.ts`) and
 * writes no record — a record write moves the rights version and starts a rights round over every
 * open socket, work a storm on a server's own documents does not do.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { metaOf } from '../../shared/doc/index.js';
import { regionDoc, regionState, seedRegion, type SeedStored } from '../../bench/support/region-seed.js';
import { BENCH_WS } from '../../bench/support/bench-seed.js';

describe('seedRegion', () => {
  for (const stored of ['log', 'unloaded'] as SeedStored[]) {
    it(`stores each record with its document's title (${stored})`, async () => {
      const storage = createMemoryStorage();
      await seedRegion(storage, 3, regionState(), stored);
      for (let i = 0; i < 3; i++) {
        const ref = { workspace: BENCH_WS, doc: regionDoc(i) };
        const loaded = await storage.loadDoc(ref);
        const doc = new Y.Doc();
        if (loaded.snapshot) Y.applyUpdateV2(doc, loaded.snapshot);
        for (const u of loaded.updates) Y.applyUpdate(doc, u);
        const title = metaOf(doc)?.title;
        expect(title).toBe('Aktivitetsplan');
        expect((await storage.getDocRecord(ref))?.title).toBe(title);
      }
    });
  }
});
