/**
 * bench/raw-scan-binary: what the nets of bytes of no known layout cost, in µs per call, warm:
 * `findPersonnummerInBinary` (a byte array an update carries as a value) on random bytes of 4 KB,
 * 64 KB and 1 MB, a workbook, and Yjs updates of plan rows (one row; a paste of 200), and
 * `findPersonnummerUtf8First` (what `samplan history scan` reads of stored bytes) on those
 * updates; and `checkUpdate` of an update writing a byte array of 256 KB into a cell. None holds
 * a number. `--runs N` repeats the table (default 5); `--calls N` sets the calls per shape and
 * run (default 40; fewer for the larger arrays). `--against DIR` times another tree's
 * `shared/validate` too (as `bench/raw-scan.ts` says), the two alternated call for call.
 *
 * Measured so (`--runs 5 --calls 20 --against` the commit before the readings' count and the
 * refusal of byte arrays, load 13–23 on 2 shared cores; median of the runs' medians, ms, before →
 * after): the binary net of random bytes, 4 KB 41 → 0.77 and 52 → 0.72 (two arrays; the whole
 * text was read by the guard, 8 ms and more, and each UTF-16 reading), 64 KB 1,425 → 1,823, 1 MB
 * 26,440 → 27,911 (one call a run: within the load's noise; there the 8-bit readings of the raw
 * net are most of the cost, and the same code), a workbook 503 → 670, a Yjs update of one row
 * 1.5 → 1.7, of 200 rows 2,317 → 1,561; the history scan of those updates 0.52 → 0.53 and 3,462
 * → 2,977; `checkUpdate` of 256 KB of random bytes in a cell 11,693 → 0.65.
 *
 * Reading each single-byte reading only in the pieces where ten digits chain in it, and the UTF-8
 * text only where they chain as UTF-8 (`singleByteChained`; `--runs 5 --calls 40 --against` the
 * commit before, load 10–13 on 2 shared cores, the UTF-16 readings' bridges in the after too;
 * median of the runs' medians, µs, before → after, each run's in brackets): random bytes, 4 KB,
 * a new array each call 12,880 → 2,318 (23,725 15,276 · 12,330 1,595 · 20,857 2,318 · 12,880
 * 2,223 · 7,664 2,494), the same array 15,172 → 1,563, another 13,009 → 1,954; 64 KB 506,790 →
 * 320,018; 1 MB 10.9 s → 7.5 s; the workbook 190,333 → 114,762; the Yjs updates and the history
 * scan within the load's noise (200 rows 440,565 → 487,006 and 976,818 → 1,150,573, runs from
 * 771,685 to 1,276,070).
 *
 *   npm run bench -- raw-scan-binary
 *   npm run bench -- raw-scan-binary --runs 5 --against /tmp/before
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createDoc, insertRow, insertRows } from '../shared/doc/index.js';
import { rowsMap } from '../shared/doc/create.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { findPersonnummerInBinary } from '../shared/validate/raw-scan-binary.js';
import { findPersonnummerUtf8First } from '../shared/validate/raw-scan-utf8-first.js';
import { rowsToXlsx } from '../server/http/xlsx.js';
import { otherTreeFile } from './support/other-tree.js';
import { sampleRows } from './support/sample-rows.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, calls: { type: 'string', default: '40' }, against: { type: 'string' } } });
const RUNS = Number(values.runs);
const CALLS = Number(values.calls);

/** The nets under test: this tree's, and with `--against` another's. */
interface Nets {
  binary: (bytes: Uint8Array) => unknown;
  utf8First: (bytes: Uint8Array) => unknown;
  check: (doc: Y.Doc, update: Uint8Array) => { ok: boolean };
}

const trees: Array<[string, Nets]> = [['', { binary: findPersonnummerInBinary, utf8First: findPersonnummerUtf8First, check: checkUpdate }]];
if (values.against !== undefined) {
  const at = (file: string): string => otherTreeFile(values.against as string, file);
  const { findPersonnummerInBinary: binary } = (await import(at('raw-scan-binary.ts'))) as { findPersonnummerInBinary: Nets['binary'] };
  const { findPersonnummerUtf8First: utf8First } = (await import(at('raw-scan-utf8-first.ts'))) as { findPersonnummerUtf8First: Nets['utf8First'] };
  const { checkUpdate: check } = (await import(at('check-update.ts'))) as { checkUpdate: Nets['check'] };
  trees.unshift(['before ', { binary, utf8First, check }]);
  trees[1] = ['after ', trees[1]?.[1] as Nets];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median µs of each of `fns` over `calls` calls, after one unmeasured round, which one first alternating call for call. */
function timed(fns: Array<() => unknown>, calls: number): number[] {
  for (const fn of fns) fn();
  const xs = fns.map((): number[] => []);
  for (let i = 0; i < calls; i++) {
    for (let j = 0; j < fns.length; j++) {
      const k = i % 2 === 0 ? j : fns.length - 1 - j;
      const t = process.hrtime.bigint();
      (fns[k] as () => unknown)();
      xs[k]?.push(Number(process.hrtime.bigint() - t) / 1e3);
    }
  }
  return xs.map(median);
}

/** Uniform bytes (mulberry32, seeded): `bench/raw-scan.ts`' generator repeats short patterns, which hold fewer digits close together. */
let seed = 7;
function randomByte(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) & 0xff;
}
const random = (n: number): Uint8Array => Uint8Array.from({ length: n }, randomByte);

const base = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
insertRows(base, sampleRows(100));
/** The update a fresh client sends making `edit` on a replica of the plan. */
function updateOf(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}
const oneRow = updateOf((doc) => void insertRow(doc, sampleRows(1)[0] as never));
const paste = updateOf((doc) => void insertRows(doc, sampleRows(200)));
const bigCell = updateOf((doc) => {
  const row = [...rowsMap(doc).values()][0] as Y.Map<unknown>;
  row.set('title', random(256 * 1024));
});
const workbook = await rowsToXlsx('activity-plan', sampleRows(300).map((v, i) => ({ id: `r${i}`, values: v })), { lang: 'sv', title: 'Aktivitetsplan 2026' });

/** Each tree's calls take the arrays in turn, each once: a binary cell is new bytes, met once. */
const fresh = Array.from({ length: CALLS + 1 }, () => random(4096));
const turns = new Map<Nets, number>();
const nextFresh = (n: Nets): Uint8Array => {
  const k = turns.get(n) ?? 0;
  turns.set(n, k + 1);
  return fresh[k % fresh.length] as Uint8Array;
};

const SHAPES: Array<[string, (n: Nets) => unknown, number]> = [
  ['binary net: random bytes, 4 KB, a new array each call', (n) => n.binary(nextFresh(n)), CALLS],
  ['binary net: random bytes, 4 KB', ((b) => (n: Nets) => n.binary(b))(random(4096)), CALLS],
  ['binary net: random bytes, 4 KB, another', ((b) => (n: Nets) => n.binary(b))(random(4096)), CALLS],
  ['binary net: random bytes, 64 KB', ((b) => (n: Nets) => n.binary(b))(random(65536)), Math.max(3, Math.round(CALLS / 8))],
  ['binary net: random bytes, 1 MB', ((b) => (n: Nets) => n.binary(b))(random(1 << 20)), 1],
  [`binary net: a workbook (xlsx, 300 rows, ${Math.round(workbook.length / 1024)} KB)`, (n) => n.binary(workbook), 3],
  [`binary net: a Yjs update of one row (${oneRow.length} bytes)`, (n) => n.binary(oneRow), CALLS * 4],
  [`binary net: a Yjs update of 200 rows (${Math.round(paste.length / 1024)} KB)`, (n) => n.binary(paste), Math.max(3, Math.round(CALLS / 4))],
  ['history scan: a Yjs update of one row', (n) => n.utf8First(oneRow), CALLS * 4],
  ['history scan: a Yjs update of 200 rows', (n) => n.utf8First(paste), Math.max(3, Math.round(CALLS / 4))],
  ['checkUpdate: 256 KB of bytes in a cell', (n) => n.check(base, bigCell), 2],
];

const medians = new Map<string, number[]>();
for (let run = 1; run <= RUNS; run++) {
  const table = SHAPES.map(([name, call, calls]) => {
    const row: Record<string, string> = { shape: name };
    const xs = timed(trees.map(([, n]) => () => call(n)), calls);
    for (const [k, [label]] of trees.entries()) {
      medians.set(`${name}|${label}`, [...(medians.get(`${name}|${label}`) ?? []), xs[k] as number]);
      row[`${label}µs`] = (xs[k] as number).toFixed(1);
    }
    return row;
  });
  console.log(`run ${run}`);
  console.table(table);
}
console.log(`median of ${RUNS} runs' medians (µs):`);
console.table(
  SHAPES.map(([name]) => {
    const row: Record<string, string> = { shape: name };
    for (const [label] of trees) row[`${label}µs`] = median(medians.get(`${name}|${label}`) ?? []).toFixed(1);
    return row;
  }),
);
