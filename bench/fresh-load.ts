/**
 * A cold load of a large document by a process that serves it a client holding nothing: with the
 * fresh clients' bytes stored beside the snapshot (`fresh-state.ts`: read and framed, the doc not
 * built) against a snapshot stored without them (the doc built from the V2 snapshot, then the V1
 * state encoded for the client). Both read through `readRoomDoc` from one SQLite file, alternated
 * in pairs; printed per pair: the median ms of `--loads` loads each, their ratio, and the load average.
 *
 * `npx tsx bench/fresh-load.ts [--rows 2000] [--pairs 5] [--loads 9]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import * as Y from 'yjs';
import { openSqliteStorage } from '../server/storage/sqlite.js';
import { encodeFresh, readRoomDoc, Unbuilt } from '../server/sync/room-fresh.js';
import { encodeSyncStep2 } from '../server/sync/protocol.js';
import { bigDoc } from './support/bench-seed.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '2000' }, pairs: { type: 'string', default: '5' }, loads: { type: 'string', default: '9' } } });
const rows = Number(values.rows);
const logger = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'samplan-fresh-load-'));
const storage = openSqliteStorage(join(dir, 'f.db'));
const withFresh = { workspace: 'bench', doc: 'with-fresh' };
const without = { workspace: 'bench', doc: 'without' };
const doc = bigDoc(rows);
for (const ref of [withFresh, without]) {
  // Made with its record, as the server makes a document (a store appends only to one whose record is stored).
  const record = { ...ref, kind: 'activity-plan', title: ref.doc, ownerUnit: 'bench', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
  const seq = await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null, record, creates: true }]);
  await storage.compact(ref, Y.encodeStateAsUpdateV2(doc), seq, ref === withFresh ? encodeFresh(doc) : undefined);
}

/** One cold load's ms to the answer for a client that holds nothing. */
async function load(ref: typeof withFresh): Promise<number> {
  const t0 = performance.now();
  const read = await readRoomDoc(ref, storage, logger, async (_d, owed) => [...owed]);
  const answer = read instanceof Unbuilt ? read.step2() : encodeSyncStep2(Y.encodeStateAsUpdate(read.doc));
  const ms = performance.now() - t0;
  if (answer.byteLength === 0 || (ref === withFresh) !== read instanceof Unbuilt) throw new Error('unexpected load path');
  if (!(read instanceof Unbuilt)) read.doc.destroy();
  return ms;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

for (let pair = 1; pair <= Number(values.pairs); pair++) {
  const fresh: number[] = [];
  const built: number[] = [];
  for (let i = 0; i < Number(values.loads); i++) {
    fresh.push(await load(withFresh));
    built.push(await load(without));
  }
  const [f, b] = [median(fresh), median(built)];
  console.log(`pair ${pair}: ${rows} rows, with fresh bytes ${f.toFixed(1)} ms, without ${b.toFixed(1)} ms, without/with ${(b / f).toFixed(1)}x, load ${loadavg()[0]?.toFixed(1)}`);
}
await storage.close?.();
rmSync(dir, { recursive: true, force: true });
