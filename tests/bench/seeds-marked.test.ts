/**
 * The documents the benches seed are made as the server makes documents, marked (`meta.made`,
 * `bench/support/made-doc.ts`): the server's first load writes nothing to them, so a cold bench
 * measures what a real document costs, not one extra write of the mark per document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { markOnLoad } from '../../shared/doc/made-mark.js';
import { FUZZ_WS, seedFuzz } from '../../bench/support/fuzz-seed.js';
import { bigDoc } from '../../bench/support/bench-seed.js';

/** Every `.ts` file under `dir`, as paths. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('bench seeds', () => {
  it('the fuzz seed stores marked documents: loading one writes no mark', async () => {
    const storage = createMemoryStorage();
    const docs = await seedFuzz(storage);
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      const stored = await storage.loadDoc({ workspace: FUZZ_WS, doc: d.doc });
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      expect(markOnLoad(doc), d.doc).toBeNull();
    }
  });

  it('every bench file that stores documents makes them with madeDoc, never createDoc unmarked', () => {
    // Stores document records for the rights a socket holds, and loads no document: nothing to mark.
    const recordsOnly = new Set([join('bench', 'rights-round-tokens.ts')]);
    const storing = sources('bench').filter((path) => !recordsOnly.has(path) && /\b(appendUpdates|putDocRecord)\(/.test(readFileSync(path, 'utf8')));
    expect(readFileSync(join('bench', 'rights-round-tokens.ts'), 'utf8')).not.toMatch(/\b(appendUpdates|createDoc|startSyncServer|Registry)\b/);
    expect(storing.length).toBeGreaterThan(0);
    const unmarked = storing.filter((path) => /\bcreateDoc\(/.test(readFileSync(path, 'utf8')));
    expect(unmarked).toEqual([]);
    // bench-seed.ts's bigDoc is made with madeDoc too (checked below).
    for (const path of storing) expect(readFileSync(path, 'utf8'), path).toMatch(/\bmadeDoc\(|seedBench\(|bigDoc\(/);
  });

  it("bench-seed's bigDoc is marked: loading it writes no mark", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bigDoc(3)));
    expect(markOnLoad(doc)).toBeNull();
  });
});
