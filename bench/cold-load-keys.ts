/**
 * Cold loads of many small documents from one SQLite file, each by a store just opened (no key
 * remembered): what a server started afresh pays per document for its key (`sqlite-doc-keys.ts`,
 * which checks at its first read that the key holds the row at the document's newest checkpoint).
 * Seeds `--docs` activity plans (made as the server makes them, `madeDoc`), each written in 12
 * updates, compacted at the 8th (a checkpoint), then loads all of them `--runs` times, each run in
 * a new store; prints every run's wall and CPU ms, CPU µs per document and the load average.
 *
 * `npx tsx bench/cold-load-keys.ts [--docs 100] [--runs 5]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { kindDef } from '../shared/schema/index.js';
import { madeDoc } from './support/made-doc.js';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100' }, runs: { type: 'string', default: '5' } } });
const docs = Number(values.docs);
const dir = mkdtempSync(join(tmpdir(), 'samplan-cold-load-keys-'));
const file = join(dir, 'cold.db');
const refs = Array.from({ length: docs }, (_, i) => ({ workspace: 'bench', doc: `plan-${String(i).padStart(3, '0')}` }));

const seeding = openSqliteStorage(file);
for (const ref of refs) {
  const doc = madeDoc('activity-plan', { title: ref.doc, ownerUnit: 'bench', schemaVersion: kindDef('activity-plan').schemaVersion });
  const at = new Date().toISOString();
  const record = { ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'bench', createdAt: at, updatedAt: at };
  // Made with its record, as the server makes a document (a store appends only to one whose record is stored).
  await seeding.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null, record, creates: true }]);
  const rows = doc.getMap<Y.Map<unknown>>('rows');
  for (let u = 2; u <= 12; u++) {
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      const row = new Y.Map<unknown>();
      rows.set(`row${u}`, row);
      row.set('_pos', `a${u.toString(36)}`);
      row.set('title', `Promenadgrupp ${u}`);
      row.set('type', 'promenadgrupp');
      row.set('participantsPlanned', 10 + u);
    });
    const seq = await seeding.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc, before), memberId: 'anna' }]);
    if (seq === 8) await seeding.compact(ref, Y.encodeStateAsUpdateV2(doc), seq);
  }
}
await seeding.close();

for (let run = 1; run <= Number(values.runs); run++) {
  const storage = openSqliteStorage(file);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let updates = 0;
  for (const ref of refs) updates += (await storage.loadDoc(ref)).updates.length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await storage.close();
  if (updates !== docs * 4) throw new Error(`read ${updates} updates after the snapshots, not ${docs * 4}`);
  // CPU as well as wall time: on a shared machine the wall time is mostly other processes' turns.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`run ${run}: ${docs} documents cold, ${ms.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU, ${((cpuMs * 1000) / docs).toFixed(1)} µs CPU per document, load ${loadavg()[0]?.toFixed(1)}`);
}
rmSync(dir, { recursive: true, force: true });
