/**
 * bench/validate-edits: `checkUpdate` on the edits the sync benches send, warm, in µs per call,
 * against a loaded plan: the region fan-out's one-cell write (`comment` of the writer's own row,
 * `bench/support/region-measure.ts`), a number written into a cell as the pane writes a count, a
 * row insert, the whole state a client sends back after its first sync (which the server already
 * has), and a paste of 200 full rows (`--paste-rows N` for another size). A bare
 * `Y.applyUpdate` of the same updates stands beside each, as the room applies them after the
 * check. `--runs N` repeats the whole table (default 3); `--calls N` sets the calls per shape;
 * `--only <text>` keeps the shapes whose name holds it. `--against DIR` checks each update by
 * another tree's `checkUpdate` too (its `shared/validate`, unpacked as for `bench/raw-scan.ts`,
 * with this project's `tsconfig.json`: `support/other-tree.ts`),
 * the two trees' batches alternated update for update (which goes first, too), so that the
 * machine's load falls on both alike; each figure then has a `before` and an `after` column.
 * Profile it with `node --cpu-prof --import tsx bench/validate-edits.ts`.
 */
import * as Y from 'yjs';
import { createDoc, insertRow, insertRows, setCell } from '../shared/doc/index.js';
import { kindDef } from '../shared/schema/index.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { knownSize } from '../shared/validate/doc-size.js';
import { emitted } from './support/emitted.js';
import { REGION_ROWS, regionState } from './support/region-seed.js';
import { otherTreeFile } from './support/other-tree.js';
import { sampleRows } from './support/sample-rows.js';

const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const RUNS = flag('runs', 3);
/** `--only <text>`: only the shapes whose name holds it (e.g. `--only cell` to profile the fan-out's write). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const CALLS = flag('calls', 4000);
const PASTE_ROWS = flag('paste-rows', 200);
/** The large plan beside the region's, to show that a cell write's check does not grow with the doc. */
const BIG_ROWS = 2000;
const PASTE_CALLS = Math.max(10, Math.floor(CALLS / 100));
const AGAINST = process.argv.includes('--against') ? process.argv[process.argv.indexOf('--against') + 1] : undefined;

/** A tree's check, and how it is told a doc's size (each tree follows sizes in a map of its own). */
interface Tree {
  label: string;
  check: (doc: Y.Doc, update: Uint8Array) => { ok: boolean };
  knownSize: (doc: Y.Doc, bytes: number) => void;
}

const TREES: Tree[] = [{ label: AGAINST === undefined ? '' : 'after ', check: checkUpdate, knownSize }];
if (AGAINST !== undefined) {
  const at = (file: string): string => otherTreeFile(AGAINST, file);
  const other = (await import(at('check-update.ts'))) as { checkUpdate: Tree['check'] };
  const size = (await import(at('doc-size.ts'))) as { knownSize: Tree['knownSize'] };
  TREES.unshift({ label: 'before ', check: other.checkUpdate, knownSize: size.knownSize });
}

/**
 * The server's doc: the region plan, or a plan of `rows` full rows. Its size is made known as the
 * room learns it when a client syncs from nothing (`server/sync/frames.ts`), so the first check
 * does not encode the whole doc.
 */
function serverDoc(rows: number): Y.Doc {
  const doc = new Y.Doc();
  let state: Uint8Array;
  if (rows === REGION_ROWS) state = regionState();
  else {
    const plan = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: kindDef('activity-plan').schemaVersion });
    insertRows(plan, sampleRows(rows, 0));
    state = Y.encodeStateAsUpdate(plan);
  }
  Y.applyUpdate(doc, state);
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  for (const tree of TREES) tree.knownSize(doc, bytes);
  return doc;
}

function replica(of: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  return doc;
}

interface Shape {
  name: string;
  /** The updates to check, made before timing. */
  updates: Uint8Array[];
  /** Apply each accepted update before the next check (a sequence from one client), or check each against the same doc. */
  sequential: boolean;
}

/** The fan-out's writes: one client inserts its row, then writes its `comment` cell again and again. */
function cellWrites(server: Y.Doc, n: number): Shape {
  const client = replica(server);
  const updates: Uint8Array[] = [];
  let row = '';
  updates.push(emitted(client, () => (row = insertRow(client, { title: 'Hälsodag' }, { id: 'bench-w0' }))));
  for (let i = 0; i < n; i++) updates.push(emitted(client, () => setCell(client, row, 'comment', `bench-${i}`)));
  return { name: 'cell write (fan-out)', updates, sequential: true };
}

/** A number written into a row's `participantsPlanned` again and again, as the pane writes a count. */
function numberWrites(server: Y.Doc, n: number): Shape {
  const client = replica(server);
  const updates: Uint8Array[] = [];
  let row = '';
  updates.push(emitted(client, () => (row = insertRow(client, { title: 'Hälsodag' }, { id: 'bench-n0' }))));
  for (let i = 0; i < n; i++) updates.push(emitted(client, () => setCell(client, row, 'participantsPlanned', 10 + (i % 90))));
  return { name: 'cell write, a number', updates, sequential: true };
}

/** Row inserts of one client, each a new row with a title (the fan-out writer's first edit). */
function rowInserts(server: Y.Doc, n: number): Shape {
  const client = replica(server);
  const updates = Array.from({ length: n }, (_, i) => emitted(client, () => insertRow(client, { title: 'Hälsodag' }, { id: `bench-r${i}` })));
  return { name: 'row insert', updates, sequential: true };
}

/** The state a client sends back after syncing: everything the server already has. */
function syncAnswers(server: Y.Doc, n: number): Shape {
  const state = Y.encodeStateAsUpdate(server);
  return { name: 'sync answer (known state)', updates: Array.from({ length: n }, () => state), sequential: false };
}

/** Pastes of {@link PASTE_ROWS} full rows, each from a client of its own, checked against the same doc. */
function pastes(server: Y.Doc, n: number): Shape {
  const base = replica(server);
  const state = Y.encodeStateAsUpdate(base);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const client = new Y.Doc();
    Y.applyUpdate(client, state);
    updates.push(emitted(client, () => insertRows(client, sampleRows(PASTE_ROWS, i * PASTE_ROWS))));
    client.destroy();
  }
  return { name: `paste of ${PASTE_ROWS} rows`, updates, sequential: false };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] as number;
}

/**
 * µs per call of checkUpdate, for each tree of {@link TREES}. Each update is checked
 * {@link repsOf} times in a row by each tree in turn (a check changes nothing in the doc), so one
 * batch's mean is one figure; the least and the median of those figures are what a busy machine's
 * preemption inflates least. The process's CPU time over all batches is given too. Sequential
 * shapes are applied after their batches, as the room applies an accepted update, and a bare
 * `Y.applyUpdate` of each on a copy of the doc is timed beside. The first fifth of the updates
 * (at most 200) warm up and are not counted.
 */
function measure(shape: Shape, rows: number): { batches: number[][]; cpu: number[]; apply: number[]; refused: number[] } {
  const server = serverDoc(rows);
  const applied = serverDoc(rows);
  const reps = repsOf(shape);
  const batches = TREES.map((): number[] => []);
  const cpu = TREES.map(() => 0);
  const refused = TREES.map(() => 0);
  const apply: number[] = [];
  const warm = Math.min(200, Math.floor(shape.updates.length / 5));
  shape.updates.forEach((update, i) => {
    for (let j = 0; j < TREES.length; j++) {
      const k = i % 2 === 0 ? j : TREES.length - 1 - j;
      const check = (TREES[k] as Tree).check;
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      let ok = true;
      for (let r = 0; r < reps; r++) ok = check(server, update).ok;
      const t1 = process.hrtime.bigint();
      const c1 = process.cpuUsage(c0);
      if (!ok) refused[k] = (refused[k] as number) + 1;
      if (i >= warm) {
        batches[k]?.push(Number(t1 - t0) / 1e3 / reps);
        cpu[k] = (cpu[k] as number) + (c1.user + c1.system) / reps;
      }
    }
    if (shape.sequential) {
      Y.applyUpdate(server, update);
      const t2 = process.hrtime.bigint();
      Y.applyUpdate(applied, update);
      if (i >= warm) apply.push(Number(process.hrtime.bigint() - t2) / 1e3);
    }
  });
  return { batches, cpu: cpu.map((c, k) => c / (batches[k] as number[]).length), apply, refused };
}

/** Checks per batch: enough for a small update's batch to outlast the clock's and the syscalls' cost. */
function repsOf(shape: Shape): number {
  const bytes = shape.updates[shape.updates.length - 1]?.byteLength ?? 0;
  return bytes > 50_000 ? 1 : bytes > 1000 ? 5 : 20;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');

for (let run = 1; run <= RUNS; run++) {
  const table: Array<Record<string, string | number>> = [];
  for (const rows of [REGION_ROWS, BIG_ROWS]) {
    const base = serverDoc(rows);
    // The whole-state answer and the pastes are checked against the region plan only: on a large
    // plan the answer is as long as the plan, and the cell write shows what the doc's size costs.
    const shapes =
      rows === REGION_ROWS
        ? [cellWrites(base, CALLS), numberWrites(base, CALLS), rowInserts(base, Math.floor(CALLS / 4)), syncAnswers(base, Math.floor(CALLS / 8)), pastes(base, PASTE_CALLS)]
        : [cellWrites(base, CALLS)];
    for (const shape of shapes) {
      if (ONLY !== undefined && !shape.name.includes(ONLY)) continue;
      const r = measure(shape, rows);
      const applyMean = r.apply.length ? r.apply.reduce((a, b) => a + b, 0) / r.apply.length : NaN;
      const line: Record<string, string | number> = {
        doc: `${rows} rows`,
        update: shape.name,
        bytes: shape.updates[shape.updates.length - 1]?.byteLength ?? 0,
        'calls': (r.batches[0] as number[]).length * repsOf(shape),
      };
      for (const [k, { label }] of TREES.entries()) {
        const b = r.batches[k] as number[];
        line[`${label}check µs min`] = fmt(percentile(b, 0));
        line[`${label}check µs p50`] = fmt(percentile(b, 0.5));
        line[`${label}check µs p90`] = fmt(percentile(b, 0.9));
        line[`${label}check CPU µs`] = fmt(r.cpu[k] as number);
        line[`${label}refused`] = r.refused[k] as number;
        console.log(`  ${rows} rows, ${shape.name}, ${label}: ${fmt(percentile(b, 0))} µs min, ${fmt(percentile(b, 0.5))} µs p50, ${fmt(r.cpu[k] as number)} µs CPU`);
      }
      line['applyUpdate µs mean'] = fmt(applyMean);
      table.push(line);
    }
  }
  console.log(`run ${run} of ${RUNS}`);
  console.table(table);
}
