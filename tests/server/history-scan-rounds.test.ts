/**
 * `samplan history scan` of a workspace's rounds (`~rounds`), as the server writes them: a
 * reason written with an en dash and one that mentions `pnr` beside the server's timestamp are no
 * numbers, in the updates, the V2 snapshot or the fresh state. The old scan read each part as raw
 * bytes: the Yjs encoding's binary bytes made it read the reason's UTF-8 en dash in Windows-1252
 * (`â€“`, a number to the guard in `20260302 (â€“) 09:14`), and the JSON text whole, where `pnr`
 * named the timestamp (`2026-03-02T09:14`); both were then called deleted text, though live.
 * A number a round's reason really holds is named as the live state's, at its path, and as
 * deleted text kept by history once the reason is written over.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { historyCommand } from '../../server/cli-history.js';
import { scanDocHistory } from '../../server/history-scan.js';
import { ROUNDS_DOC, RoundsStore, type RoundsWrite } from '../../server/rounds/rounds-store.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { Storage } from '../../server/storage/storage.js';
import { encodeFresh } from '../../server/sync/fresh-state.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';

const WS = 'ws';
const rounds = { workspace: WS, doc: ROUNDS_DOC };
const AT = '2026-03-02T09:14:03.512Z';
const EN_DASH = 'Stängd 20260302 (\u2013) 09:14';
const PNR = 'Kontrollera pnr-rutinen';

const closure = (reason: string): RoundsWrite => ({
  closures: { '2026-q1': { round: '2026-q1', closed: true, by: 'anna', at: AT, reason, history: [{ action: 'close', by: 'anna', at: AT, reason }] } },
});

async function write(store: RoundsStore, w: RoundsWrite): Promise<void> {
  await store.change(WS, 'anna', () => ({ write: w, result: undefined }));
}

/** The rounds' stored state compacted into a V2 snapshot and its fresh state, as a server's compaction stores them. */
async function compacted(storage: Storage): Promise<void> {
  const stored = await storage.loadDoc(rounds);
  const doc = new Y.Doc();
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  await storage.compact(rounds, Y.encodeStateAsUpdateV2(doc), stored.lastSeq, encodeFresh(doc));
}

async function scan(storage: Storage): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await historyCommand('scan', [WS], { lang: 'en' }, (fn) => fn(storage), (l) => lines.push(l), (l) => lines.push(l));
  return { code, lines };
}

describe('the history scan of rounds the server wrote', () => {
  it.each([
    ['an en dash', EN_DASH],
    ['pnr beside the timestamp', PNR],
  ])('flags no reason written with %s, in updates, snapshot or fresh state', async (_what, reason) => {
    // It passed the door: no number in the text alone.
    expect(findPersonnummer(reason)).toBeNull();
    const storage = createMemoryStorage();
    await storage.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
    const store = new RoundsStore(storage);
    await write(store, closure(reason));
    await write(store, {
      units: { '2026-q1/vc-a': { round: '2026-q1', unit: 'vc-a', status: 'atersand', reason, history: [{ action: 'return', from: 'inskickad', to: 'atersand', by: 'anna', at: AT, reason }] } },
    });
    expect(await scanDocHistory(storage, rounds)).toEqual([]);
    await compacted(storage);
    expect(await scanDocHistory(storage, rounds)).toEqual([]);
    expect(await scan(storage)).toEqual({ code: 0, lines: ['No personnummer in the stored history of 1 document.'] });
  });

  it('names a number in a live reason as the live state\'s, and as deleted text once written over, never the number', async () => {
    const storage = createMemoryStorage();
    await storage.putWorkspace({ id: WS, name: 'Region', createdAt: AT });
    const store = new RoundsStore(storage);
    await write(store, closure(PNR));
    // Past the door, as an older server or the sqlite3 shell could store it.
    await write(store, closure('Eva 850101-1236 saknas'));
    const live = await scan(storage);
    expect(live.code).toBe(2);
    expect(live.lines[0]).toBe(
      `${WS}/${ROUNDS_DOC}: a personnummer in its live state at closures/2026-q1/reason, closures/2026-q1/history/0/reason (stored at update 2): it is not deleted text, and samplan history drop refuses while the document holds it. Change that text in the document (on a server), then scan again.`,
    );
    await write(store, closure('Klar'));
    const deleted = await scan(storage);
    expect(deleted.code).toBe(2);
    expect(deleted.lines[0]).toBe(
      `${WS}/${ROUNDS_DOC}: a personnummer in its stored history at update 2 (deleted text kept by history; the live state is checked apart); remove it with samplan history drop ${WS}/${ROUNDS_DOC}`,
    );
    expect([...live.lines, ...deleted.lines].join('\n')).not.toMatch(/850101|1236/);
  });
});
