/**
 * A document renamed over a socket before the catalogue record followed the document
 * (`title-follow.ts`) kept the old title in its record (the Explorer list, the REST record) until
 * its next rename. Such a drifted record is repaired when a room of the document loads, built or
 * served unbuilt from its stored fresh state (the title read from the stored bytes), and that is
 * logged once per document, without the title text; a drifted title no record may hold is warned
 * of once per process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { insertRow, setMeta } from '../../../shared/doc/index.js';
import { connectProvider, eventually, startTestServer, synced, TOKENS, WS, type TestServer } from './support.js';

let server: TestServer | undefined;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server?.stop();
  server = undefined;
});

const DRIFTED = 'Aktivitetsplan 2026 – vårdcentral A';

/** Store a rename of `doc`'s meta.title as an older server did: the update only, the record untouched. */
async function driftTitle(storage: ReturnType<typeof createMemoryStorage>, doc: string, title: string): Promise<void> {
  const ref = { workspace: WS, doc };
  const stored = await storage.loadDoc(ref);
  const copy = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(copy, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(copy, u);
  const before = Y.encodeStateVector(copy);
  setMeta(copy, { title });
  await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(copy, before), memberId: 'm-a' }]);
  copy.destroy();
}

async function open(doc: string): Promise<WebsocketProvider> {
  const provider = connectProvider(server as TestServer, doc, TOKENS.editorA);
  providers.push(provider);
  await synced(provider);
  return provider;
}

describe('a document whose record drifted from its meta.title', () => {
  it('has its record repaired from the document when it loads, logged once and without the title', async () => {
    const storage = createMemoryStorage();
    const logged: string[] = [];
    server = await startTestServer({ graceMs: 30 }, { storage, logger: pino({ level: 'info' }, { write: (line: string) => logged.push(line) }) });
    await driftTitle(storage, 'plan-a', DRIFTED);
    const untouched = await storage.getDocRecord({ workspace: WS, doc: 'plan-b' });
    expect((await storage.getDocRecord({ workspace: WS, doc: 'plan-a' }))?.title).toBe('plan-a');

    const first = await open('plan-a');
    expect((await storage.getDocRecord({ workspace: WS, doc: 'plan-a' }))?.title).toBe(DRIFTED);
    // The loaded room holds the repaired record too (what archive notices and rights read).
    await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, (room) => expect(room.record.title).toBe(DRIFTED));
    const repaired = logged.filter((line) => line.includes('repaired'));
    expect(repaired).toHaveLength(1);
    expect(JSON.parse(repaired[0] as string)).toMatchObject({ workspace: WS, doc: 'plan-a' });
    expect(logged.join('\n')).not.toContain('vårdcentral A');
    // Audited as a rename by no member (who renamed it is not known at load), stored with the record.
    const renames = (await storage.listAudit(WS, 50)).filter((l) => l.action === 'rename').map(({ doc, memberId, detail }) => ({ doc, memberId, detail }));
    expect(renames).toEqual([{ doc: 'plan-a', memberId: null, detail: `"plan-a" → "${DRIFTED}"` }]);

    // Unloaded and loaded again: nothing left to repair, nothing logged again.
    first.destroy();
    await eventually(() => server?.sync.registry.stats().rooms === 0, 5000, 'unload after grace');
    await open('plan-a');
    expect(logged.filter((line) => line.includes('repaired'))).toHaveLength(1);

    // A document whose record agrees is loaded without a write to its record.
    await open('plan-b');
    expect(await storage.getDocRecord({ workspace: WS, doc: 'plan-b' })).toEqual(untouched);
  });

  it('served unbuilt from its stored fresh state and only read, is repaired at load without being built', async () => {
    const storage = createMemoryStorage();
    const logged: string[] = [];
    server = await startTestServer({ graceMs: 30 }, { storage, logger: pino({ level: 'info' }, { write: (line: string) => logged.push(line) }) });
    await driftTitle(storage, 'plan-a', DRIFTED);
    // Loaded (and repaired) once, then unloaded: its compaction stores the fresh state, with no update after it.
    (await open('plan-a')).destroy();
    await eventually(() => server?.sync.registry.stats().rooms === 0, 5000, 'unload after grace');
    const ref = { workspace: WS, doc: 'plan-a' };
    expect((await storage.loadDoc(ref)).fresh).toBeDefined();
    // The record drifts again (as an older server left it).
    const record = await storage.getDocRecord(ref);
    await storage.putDocRecord({ ...(record as NonNullable<typeof record>), title: 'plan-a' });

    const reader = await open('plan-a');
    expect(reader.doc.getMap('meta').get('title')).toBe(DRIFTED);
    await server.sync.registry.withDoc(ref, (room) => {
      expect(room.built).toBe(false);
      expect(room.record.title).toBe(DRIFTED);
    });
    expect((await storage.getDocRecord(ref))?.title).toBe(DRIFTED);
    expect(logged.filter((line) => line.includes('repaired'))).toHaveLength(2);
  });

  it('warns once per process of a drifted title the record guard refuses, however often the document loads', async () => {
    const storage = createMemoryStorage();
    const logged: string[] = [];
    server = await startTestServer({ graceMs: 30 }, { storage, logger: pino({ level: 'info' }, { write: (line: string) => logged.push(line) }) });
    // A right-to-left override: no record may hold it (`checkRecordText`), an older server's document did.
    const REFUSED = 'Plan \u202Evårdcentral A';
    await driftTitle(storage, 'plan-a', REFUSED);
    const failed = () => logged.filter((line) => line.includes('title to its record failed'));
    for (let load = 1; load <= 3; load++) {
      const reader = await open('plan-a');
      expect(reader.doc.getMap('meta').get('title')).toBe(REFUSED);
      // A day's edit: the room builds its doc however it loaded.
      insertRow(reader.doc, { title: `Promenadgrupp ${load}` }, { id: `row-${load}` });
      await eventually(() => (server as TestServer).sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, (room) => room.built), 5000, `edit ${load} taken`);
      reader.destroy();
      await eventually(() => server?.sync.registry.stats().rooms === 0, 5000, `unload ${load} after grace`);
    }
    expect(failed()).toHaveLength(1);
    expect(JSON.parse(failed()[0] as string)).toMatchObject({ level: 40, workspace: WS, doc: 'plan-a' });
    expect(logged.join('\n')).not.toContain('vårdcentral A');
    expect((await storage.getDocRecord({ workspace: WS, doc: 'plan-a' }))?.title).toBe('plan-a');
  });
});
