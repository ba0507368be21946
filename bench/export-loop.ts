/**
 * bench/export-loop: how long a server's export of a large document (`exportDocument`, as
 * `GET …/rows?format=ods|xlsx` runs it) holds the event loop, and how long it takes. A plan of
 * `--rows` rows (10,000 by default) whose comment holds `--chars` characters (1,900) of Swedish
 * text, its room open (the rows read from the loaded doc, as a live server reads a document being
 * edited; loading one from storage is the room's work, not the export's), is exported as ODS and as XLSX, `--runs` times each (3); each export
 * prints its time and the longest the loop was held meanwhile (`perf_hooks.monitorEventLoopDelay`,
 * its largest delay, 10 ms resolution). Run: `npm run bench -- export-loop [--rows 10000]
 * [--chars 1900] [--runs 3]`. The rows are synthetic (no person's data).
 *
 * Measured (10,000 × 1,900, two runs each, load 13–17 on 2 shared cores, so every figure is some
 * times what a quiet core takes): ODS written whole, the loop held 2.2–4.7 s, all of the export
 * (2.2–4.7 s); written in pieces (`server/http/zip-write.ts`), held 64–277 ms at most, the export
 * 1.2–2.0 s, the same bytes. XLSX (exceljs' `writeBuffer`) holds it 3.7–9.2 s of 4.1–10.3 s.
 * Read from storage instead of an open room, loading the document (19 MB of text) held the loop
 * 2.6–3.5 s before either writer began.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { insertRows } from '../shared/doc/index.js';
import { madeDoc } from './support/made-doc.js';
import { kindDef } from '../shared/schema/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { registryDocAccess } from '../server/http/doc-access.js';
import { exportDocument } from '../server/http/export-rows.js';
import type { ExportFormat } from '../server/http/export-formats.js';
import { createMemoryStorage } from '../server/storage/memory.js';

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

async function once(format: ExportFormat): Promise<{ ms: number; heldMs: number; bytes: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // The monitor's first tick only starts its clock: a hold before it would go unseen.
  await new Promise((r) => setTimeout(r, 30));
  const t0 = performance.now();
  const out = await exportDocument(storage, docs, { workspace: WS, doc: 'plan' }, { format, lang: 'sv', semicolon: false, validated: false });
  const ms = performance.now() - t0;
  // One more turn, so the last stretch of work is measured.
  await new Promise((r) => setTimeout(r, 30));
  h.disable();
  return { ms: Math.round(ms), heldMs: Math.round(h.max / 1e6), bytes: out.body.length };
}

console.log(`export of ${ROWS} rows × ${CHARS} characters of comment`);
console.log('format | run | total ms | longest loop hold ms | bytes');
for (let run = 1; run <= RUNS; run++) {
  for (const format of ['ods', 'xlsx'] as const) {
    const r = await once(format);
    console.log(`${format} | ${run} | ${r.ms} | ${r.heldMs} | ${r.bytes}`);
  }
}
