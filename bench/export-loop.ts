/**
 * bench/export-loop: how long a server's export of a large document (`exportDocument`, as
 * `GET …/rows?format=ods|xlsx` runs it) holds the event loop, and how long it takes. A plan of
 * `--rows` rows (10,000 by default) whose comment holds `--chars` characters (1,900) of Swedish
 * text is exported as ODS and as XLSX, `--runs` times each (3), read two ways: from its open room
 * (`open room`: the rows read from the loaded doc, as a live server reads a document being edited)
 * and from SQLite with no room of it open (`storage`: stored compacted with the fresh clients'
 * bytes, as a room's close leaves every document; the export loads it, and it is unloaded after).
 * Each export prints its time and the longest the loop was held meanwhile
 * (`perf_hooks.monitorEventLoopDelay`, its largest delay, 10 ms resolution), and the load average
 * before and after. Run: `npm run bench -- export-loop [--rows 10000] [--chars 1900] [--runs 3]`.
 * The rows are synthetic (no person's data).
 *
 * Measured (10,000 × 1,900, two runs each, load 13–17 on 2 shared cores, so every figure is some
 * times what a quiet core takes): ODS written whole, the loop held 2.2–4.7 s, all of the export
 * (2.2–4.7 s); written in pieces (`server/http/zip-write.ts`), held 64–277 ms at most, the export
 * 1.2–2.0 s, the same bytes. XLSX (exceljs' `writeBuffer`) held it 3.7–9.2 s of 4.1–10.3 s.
 * Read from storage instead of an open room, loading the document (19 MB of text) held the loop
 * 2.6–3.5 s before either writer began.
 *
 * Then (three runs each, load 23–29, runs 1/2/3; hold ms of total ms): before (writeBuffer, the
 * room built in one apply): open room XLSX 14,948/16,573 · 11,618/12,055 · 7,395/7,888; storage
 * ODS 4,192/10,676 · 2,672/7,544 · 2,215/6,584; storage XLSX 17,071/17,539 · 8,082/11,816 ·
 * 6,971/10,389. After (`xlsx-stream.ts`, `update-pieces.ts`; load 16–23, `tsc` running beside
 * it): open room XLSX 7,680/16,868 · 251/5,287 · 356/3,334; storage ODS 1,805/19,097 ·
 * 536/9,638 · 436/6,761; storage XLSX 1,177/17,668 · 1,764/9,792 · 410/3,919; XLSX 388,652 bytes
 * (writeBuffer 390,400). The first XLSX of a process also loads exceljs (about 0.5 s of CPU in one
 * go); what stays of a load read from storage is mostly SQLite reading the snapshot and the fresh
 * bytes (42 MB) in one statement and the export reading every row in one call (`rowsOf`).
 *
 * Since (the row read by a worker, `sqlite-load.ts`; the rows read a piece at a time,
 * `rowsOfSliced`), three runs each, runs 1/2/3, hold ms of total ms: before (load 13–19): open room
 * ODS 1,398/12,188 · 1,058/15,244 · 267/10,271, XLSX 10,578/20,357 · 372/6,985 · 234/7,732; storage
 * ODS 1,554/18,752 · 1,740/15,705 · 2,445/15,789, XLSX 1,456/19,632 · 730/10,534 · 1,024/16,208.
 * After (load 22–29): open room ODS 763/15,768 · 276/6,099 · 407/14,180, XLSX 6,963/20,689 ·
 * 150/2,737 · 854/8,009; storage ODS 340/18,620 · 268/9,740 · 757/15,178, XLSX 424/12,312 ·
 * 390/14,293 · 464/14,668. The first XLSX still loads exceljs in one go; what stays of the holds is
 * the writers' pieces and the machine's load (this monitor counts a wait for a core as a hold).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import * as Y from 'yjs';
import { insertRows } from '../shared/doc/index.js';
import { madeDoc } from './support/made-doc.js';
import { kindDef } from '../shared/schema/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { registryDocAccess } from '../server/http/doc-access.js';
import { exportDocument } from '../server/http/export-rows.js';
import type { ExportFormat } from '../server/http/export-formats.js';
import { createMemoryStorage } from '../server/storage/memory.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { syncAuthFor } from '../server/http/sync-auth.js';
import { Registry } from '../server/sync/registry.js';
import { roomDepsOf } from '../server/sync/route.js';
import { encodeFresh } from '../server/sync/room-fresh.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import type { DocAccess } from '../server/http/doc-access.js';
import type { Storage } from '../server/storage/storage.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('rows', 10_000);
const CHARS = arg('chars', 1_900);
const RUNS = arg('runs', 3);
const WS = 'bench';

const WORDS = ['promenad', 'hälsosamtal', 'fysisk aktivitet', 'matvanor', 'Tensta', 'äldre', 'samverkan', 'uppföljning', 'grupp', 'träff'];
/** Text of `CHARS` characters, different per row. */
function comment(row: number): string {
  let text = '';
  for (let i = row; text.length < CHARS; i++) text += `${WORDS[i % WORDS.length] as string} `;
  return text.slice(0, CHARS);
}

const storage = createMemoryStorage();
const at = new Date().toISOString();
await storage.putWorkspace({ id: WS, name: 'Bench', createdAt: at });
const ydoc = madeDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc', schemaVersion: kindDef('activity-plan').schemaVersion });
const rows: RowValues[] = Array.from({ length: ROWS }, (_, i) => ({ title: `Aktivitet ${i % 50}`, startDate: '2026-03-12', participantsPlanned: i % 40, comment: comment(i) }));
insertRows(ydoc, rows);
const record = { workspace: WS, doc: 'plan', kind: 'activity-plan', title: 'Aktivitetsplan 2026', ownerUnit: 'vc', createdAt: at, updatedAt: at };
await storage.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null, record, creates: true }]);
// The document's room is open, as on a live server where it is being edited: its rows are read from the loaded doc.
const docs = registryDocAccess({ getDoc: async () => ydoc, submit: async () => ({ ok: true }) });

// The same document at rest in SQLite (compacted, with the fresh clients' bytes, as a room's close
// leaves it), read through a registry whose room of it is not open: each export loads it.
const dir = mkdtempSync(join(tmpdir(), 'samplan-export-loop-'));
const stored = openSqliteStorage(join(dir, 'bench.db'));
await stored.putWorkspace({ id: WS, name: 'Bench', createdAt: at });
const seq = await stored.appendUpdates({ workspace: WS, doc: 'plan' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null, record, creates: true }]);
await stored.compact({ workspace: WS, doc: 'plan' }, Y.encodeStateAsUpdateV2(ydoc), seq, encodeFresh(ydoc));
const registry = new Registry(roomDepsOf({ storage: stored, records: stored, auth: syncAuthFor(stored, () => new Date()), checkUpdate, logger: pino({ level: 'silent' }) }));
const storedDocs = registryDocAccess(registry);

async function once(format: ExportFormat, from: Storage, access: DocAccess): Promise<{ ms: number; heldMs: number; bytes: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // The monitor's first tick only starts its clock: a hold before it would go unseen.
  await new Promise((r) => setTimeout(r, 30));
  const t0 = performance.now();
  const out = await exportDocument(from, access, { workspace: WS, doc: 'plan' }, { format, lang: 'sv', semicolon: false, validated: false });
  const ms = performance.now() - t0;
  // One more turn, so the last stretch of work is measured.
  await new Promise((r) => setTimeout(r, 30));
  h.disable();
  return { ms: Math.round(ms), heldMs: Math.round(h.max / 1e6), bytes: out.body.length };
}

console.log(`export of ${ROWS} rows × ${CHARS} characters of comment; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('read from | format | run | total ms | longest loop hold ms | bytes');
for (let run = 1; run <= RUNS; run++) {
  for (const format of ['ods', 'xlsx'] as const) {
    const r = await once(format, storage, docs);
    console.log(`open room | ${format} | ${run} | ${r.ms} | ${r.heldMs} | ${r.bytes}`);
  }
  for (const format of ['ods', 'xlsx'] as const) {
    const r = await once(format, stored, storedDocs);
    console.log(`storage | ${format} | ${run} | ${r.ms} | ${r.heldMs} | ${r.bytes}`);
    await registry.evict({ workspace: WS, doc: 'plan' });
  }
}
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await registry.closeAll();
await stored.close();
rmSync(dir, { recursive: true, force: true });
