/**
 * bench/migrate-history-scan: would the raw-byte net (`shared/validate/raw-scan.ts`) refuse
 * history a server wrote itself? The demo workspace is seeded, then driven through the REST API
 * (rounds defined, submitted, returned with reasons, approved, maturity placed with comments,
 * closed and reopened; documents made, renamed, imported into, copied) and through documents
 * edited by many clients (random client ids, numbers, dates and periods typed cell by cell); every
 * stored blob (updates, snapshots, checkpoints, take-backs) is then read by `findPersonnummerInBytes`,
 * as the history scan once read every blob, and by the history scan itself (`scanHistories`: each
 * part decoded, each text read alone). Every blob either flags is a false refusal: each went
 * through the server's guard. Prints the counts by table and document and the scan's time; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { createApp } from '../server/app.js';
import { createToken } from '../server/auth/tokens.js';
import { seedDemo, DEMO_WORKSPACE as WS } from '../server/demo/seed.js';
import { silentLogger } from '../server/logger.js';
import { documentsOf, scanHistories } from '../server/history-scan.js';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { insertRow, rowsOf, setCell } from '../shared/doc/index.js';
import { findPersonnummerInBytes } from '../shared/validate/raw-scan.js';
import { findPersonnummerUtf8First } from '../shared/validate/raw-scan-utf8-first.js';
import { findPersonnummerUtf16 } from '../shared/validate/raw-scan-utf16.js';
import { quarterRound } from './support/quarter-round.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-history-scan-'));
const file = path.join(dir, 'samplan.db');
const storage = openSqliteStorage(file);
const clock = () => new Date();
await seedDemo(storage, { clock, logger: silentLogger(), tokenFile: null });
const admin = (await storage.listMembers(WS)).find((m) => m.role === 'admin')!;
const coord = (await storage.listMembers(WS)).find((m) => m.role === 'coordinator') ?? admin;
const secret = async (memberId: string) => (await createToken(storage, { workspace: WS, memberId, label: 'bench', clock })).secret;
const tokens = { admin: await secret(admin.id), coord: await secret(coord.id) };
const samplan = createApp({ storage, logger: silentLogger(), clock, publicUrl: 'http://bench.test' });
const req = async (p: string, token: string, method = 'GET', body?: unknown) => {
  const res = await samplan.app.request(p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return res;
};
const W = `/v1/workspaces/${WS}`;
const units = (await storage.listUnits(WS)).filter((u) => u.parent !== null).map((u) => u.code);
let ok = 0;
let refused = 0;
const count = (res: Response) => (res.ok ? ok++ : refused++);
for (const q of [1, 2, 3, 4] as const) {
  const round = quarterRound(2027, q);
  const id = round.id;
  count(await req(`${W}/rounds`, tokens.coord, 'POST', round));
  for (const [i, unit] of units.entries()) {
    count(await req(`${W}/rounds/${id}/units/${unit}/submit`, tokens.admin, 'POST', {}));
    if (i % 3 === 0) {
      count(await req(`${W}/rounds/${id}/units/${unit}/return`, tokens.coord, 'POST', { reason: `Siffrorna för ${q * 12 + i} deltagare 2027-0${q}-1${i % 10} stämmer inte, se rad ${i + 1000}` }));
      count(await req(`${W}/rounds/${id}/units/${unit}/submit`, tokens.admin, 'POST', {}));
    }
    count(await req(`${W}/rounds/${id}/units/${unit}/approve`, tokens.coord, 'POST', {}));
  }
  count(await req(`${W}/rounds/${id}/maturity`, tokens.coord, 'POST', { level: String((q % 4) + 1), comment: `Nivå ${q} efter ${q * 117} samtal, 2027-0${q}-30` }));
  count(await req(`${W}/rounds/${id}/close`, tokens.coord, 'POST', { reason: `Styrgruppen beslutade 2027-0${q}-2${q}, protokoll 1${q}4-2027` }));
  // Reasons the door passes that the raw-byte net read of the rounds' bytes flagged: an en dash
  // (UTF-8 read as Windows-1252) and `pnr` beside the server's timestamp in the same JSON text.
  if (q === 1) count(await req(`${W}/rounds/${id}/reopen`, tokens.coord, 'POST', { reason: 'Återöppnad 20260302 (\u2013) 09:14' }));
  if (q === 3) count(await req(`${W}/rounds/${id}/reopen`, tokens.coord, 'POST', { reason: 'Kontrollera pnr-rutinen först' }));
  if (q % 2 === 0) count(await req(`${W}/rounds/${id}/reopen`, tokens.coord, 'POST', { reason: `Öppnad igen ${q}/${q + 6} 2027` }));
}
const docs = await storage.listDocs(WS);
for (const d of docs.slice(0, 6)) count(await req(`${W}/documents/${d.doc}`, tokens.admin, 'PATCH', { title: `${d.title} 2027-01-01` }));
// Many clients typing numbers, dates and periods cell by cell into the plans.
let edits = 0;
for (const d of docs.filter((x) => x.kind === 'activity-plan').slice(0, 8)) {
  const ref = { workspace: WS, doc: d.doc };
  const live = await samplan.registry.getDoc(ref);
  for (let c = 0; c < 60; c++) {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(client);
    const rows = rowsOf(client);
    const row = rows[c % rows.length];
    if (c % 4 === 0 || !row) insertRow(client, { title: `Promenad ${c}`, participantsPlanned: 10 + c, startDate: `2026-0${(c % 9) + 1}-1${c % 10}` });
    else for (const [col, v] of [['participantsPlanned', 100 + c * 7], ['startDate', `2026-1${c % 3}-0${(c % 9) + 1}`], ['participantsReached', c * 13 + 1]] as const) setCell(client, row.id, col, v);
    const update = Y.encodeStateAsUpdate(client, before);
    const r = await samplan.registry.submit(ref, update, { memberId: admin.id, principal: null });
    if (r.ok) edits++;
    client.destroy();
  }
}
await samplan.close();
// The history scan as `samplan history scan` runs it (every part decoded, each text read alone,
// the raw-byte net only for bytes that decode in no known layout), on the same store.
const s0 = performance.now();
const refs = await documentsOf(storage, WS);
const scanned = await scanHistories(storage, refs);
const scanMs = performance.now() - s0;
for (const f of scanned) console.log(`history scan: ${f.ref.doc}: ${f.places.join(', ')}${f.damaged.length > 0 ? ` (${f.damaged.length} damaged)` : ''}`);
await storage.close();

const db = new Database(file, { readonly: true });
const blobs: [table: string, doc: string, data: Buffer][] = [];
for (const r of db.prepare('SELECT k.doc AS doc, u.data AS data FROM update_rows u JOIN doc_keys k ON u.id >= k.id * 4294967296 AND u.id < (k.id + 1) * 4294967296').all() as { doc: string; data: Buffer }[]) blobs.push(['update_rows', r.doc, r.data]);
for (const t of ['snapshots', 'checkpoints', 'take_backs']) for (const r of db.prepare(`SELECT doc, data FROM ${t}`).all() as { doc: string; data: Buffer }[]) blobs.push([t, r.doc, r.data]);
db.close();
const flagged = new Map<string, number>();
const total = new Map<string, number>();
let bytes = 0;
const t0 = performance.now();
for (const [table, doc, data] of blobs) {
  bytes += data.byteLength;
  const key = `${table} ${doc.startsWith('~') ? doc : doc.replace(/-.*/, '-…')}`;
  total.set(key, (total.get(key) ?? 0) + 1);
  const hit = findPersonnummerInBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (hit) {
    flagged.set(key, (flagged.get(key) ?? 0) + 1);
    console.log(`flagged: ${table} ${doc}: ${JSON.stringify(hit.match)}`);
  }
}
const ms = performance.now() - t0;
// The net the scan falls back to for bytes of no known layout, read over every blob as if none
// decoded: what it would flag of history a server wrote, and its time.
let fallbackFlagged = 0;
const f0 = performance.now();
for (const [table, doc, data] of blobs) {
  const hit = findPersonnummerUtf8First(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (hit) {
    fallbackFlagged++;
    console.log(`fallback net flagged: ${table} ${doc}: ${JSON.stringify(hit.match)}`);
  }
}
const fallbackMs = performance.now() - f0;
// Its UTF-16 readings alone (`raw-scan-utf16.ts`), which it makes of bytes the 8-bit readings find nothing in.
let utf16Flagged = 0;
const u0 = performance.now();
for (const [, , data] of blobs) if (findPersonnummerUtf16(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) utf16Flagged++;
const utf16Ms = performance.now() - u0;
// The control: text typed and deleted again, as history keeps it, is found (so the scan can flag).
const typed = new Y.Doc();
insertRow(typed, { title: 'Ring Eva 850101-1236' }, { id: 'r1' });
const deleted = Y.encodeStateAsUpdate(typed);
setCell(typed, 'r1', 'title', 'Ring Eva');
console.log(`control: a deleted personnummer in an update ${findPersonnummerInBytes(deleted) ? 'is' : 'is NOT'} flagged`);
console.log(`REST calls ${ok} ok, ${refused} refused; socket-path edits ${edits}`);
for (const [key, n] of [...total].sort()) console.log(`${key}: ${n} blobs, ${flagged.get(key) ?? 0} flagged`);
console.log(`all: ${blobs.length} blobs, ${bytes} bytes, ${[...flagged.values()].reduce((a, b) => a + b, 0)} flagged by the raw-byte net, scan ${ms.toFixed(1)} ms; load ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`);
console.log(`fallback net (findPersonnummerUtf8First) over every blob: ${fallbackFlagged} flagged, ${fallbackMs.toFixed(1)} ms; its UTF-16 readings alone ${utf16Flagged} flagged, ${utf16Ms.toFixed(1)} ms`);
console.log(`history scan (decoded): ${refs.length} documents, ${scanned.length} with a finding, ${scanMs.toFixed(1)} ms`);
fs.rmSync(dir, { recursive: true, force: true });
