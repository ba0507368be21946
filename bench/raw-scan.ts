/**
 * bench/raw-scan: what the raw-byte personnummer net (`shared/validate/raw-scan.ts`) costs on the
 * updates it reads, in µs per call, warm: a row whose two cells hold digits close together in the
 * bytes (`Grupp 811218` | `nr 9876`), a row of Swedish text with a date and a phone, and a paste
 * of 200 filled-in rows (`bench/support/sample-rows.ts`); each by a client id whose bytes are no
 * UTF-8 and by one whose bytes are. Each shape is timed through `checkUpdate` (the room's whole
 * check) and through the net alone (`scanUpdate`, with `mayHoldNumber` before it, as the check
 * asks). `--runs N` repeats the table (default 5) and prints each run and the median of the runs'
 * medians; `--calls N` sets the calls per shape and run (default 400; a fortieth of them, at least
 * three, for the paste of 200 rows, a two-hundredth for the paste of 1,000). `--against DIR` times
 * the check and the net of another tree too (its `shared/validate`, e.g. the commit before
 * unpacked with `git archive <commit> shared | tar -x -C DIR`, `DIR/node_modules` linked to
 * this one's, so both use the same Yjs, and this project's `tsconfig.json` and `package.json`
 * copied there, so both are compiled alike: `support/other-tree.ts`), the two alternated call
 * for call within each shape and run, which goes first too, so that the machine's load and the
 * processor's caches fall on both alike. A tree without the `tsconfig.json` ran the same code
 * two to five times slower: the `--against` figures below of reading only the pieces, taken
 * against a tree unpacked as this said then (`shared` alone), favour the after by as much.
 *
 * Measured so (`--runs 5 --calls 200`, load 6–10 on 2 shared cores; median of the runs' medians,
 * checkUpdate µs, before the net read each string alone → after): two cells with digits 41 → 41
 * (binary id; refused before) and 11 → 36 (UTF-8 id, now read in the single-byte readings too);
 * a Swedish row 199 → 91 and 37 → 82; a paste of 200 rows 203 → 133 ms and 154 → 152 ms.
 * Reading only the pieces of an update that may hold a number, with the spans the decode noted
 * (`--runs 5 --calls 120 --against` the commit before, load 15–20: the guard's tests ran beside;
 * binary id, UTF-8 id): a paste of 200 rows 505 → 141 ms and 410 → 89 ms (the net alone 544 →
 * 3.1 ms and 302 → 1.8 ms), of 1,000 rows 1,935 → 926 ms and 2,486 → 841 ms (the net 1,738 →
 * 110 ms and 1,248 → 56 ms); a Swedish row 94 → 68 µs.
 *
 * The net of a byte array an update carries as a value (`findPersonnummerInBinary`) is timed on
 * byte arrays holding no number, read whole by every reading: 4 KB of random bytes, a workbook
 * (xlsx of 300 rows, 29 KB), an image (png, 557 bytes), 2 KB of UTF-16LE text with dates and
 * phones. Reading them as UTF-16 too (`--runs 5 --calls 100 --against` the commit before, load
 * 13–19 on 2 shared cores; median of the runs' medians, µs, before → after): random bytes
 * 12,864 → 22,933 (each of the four UTF-16 readings of random bytes holds ten digits of some
 * script, so each is read), the workbook 167,252 → 167,876, the image 26.5 → 39.6, the UTF-16
 * text 213 → 658 (now read as the text it is; before, its digits stood between zero bytes no
 * reading joins). A run beside the guard's tests (load 14–18, `--calls 400`) gave 50,417 →
 * 65,436 for the random bytes and 704,117 → 761,187 for the workbook.
 * The net reads every single-byte reading of the bytes before the UTF-16 ones: most of its cost.
 *
 *   npm run bench -- raw-scan
 *   npm run bench -- raw-scan --runs 5 --calls 400
 *   npm run bench -- raw-scan --runs 5 --against /tmp/before
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createDoc, insertRow, insertRows } from '../shared/doc/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { mayHoldNumber, scanUpdate } from '../shared/validate/raw-scan.js';
import { findPersonnummerInBinary } from '../shared/validate/raw-scan-binary.js';
import { rowsToXlsx } from '../server/http/xlsx.js';
import { readFileSync } from 'node:fs';
import { otherTreeFile } from './support/other-tree.js';
import { sampleRows } from './support/sample-rows.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, calls: { type: 'string', default: '400' }, against: { type: 'string' } } });
const RUNS = Number(values.runs);
const CALLS = Number(values.calls);

/** A client id whose varint bytes (0x80–0x9F) are no UTF-8, and one whose bytes are (`åå` and 0x05). */
const CLIENTS = { binary: 2705394847, utf8: 0x43 + 0x25 * 2 ** 7 + 0x43 * 2 ** 14 + 0x25 * 2 ** 21 + 5 * 2 ** 28 };

const base = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
insertRows(base, sampleRows(100));
const state = Y.encodeStateAsUpdate(base);

/** The update client `client` sends making `edit` on a replica of the plan. */
function updateBy(client: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  doc.clientID = client;
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => void (update = u));
  edit(doc);
  return update;
}

const SHAPES: Array<[string, (doc: Y.Doc) => void, number]> = [
  ['two cells with digits', (doc) => void insertRow(doc, { title: 'Grupp 811218', responsible: 'nr 9876' }), CALLS],
  ['Swedish row, date and phone', (doc) => void insertRow(doc, { title: 'Hälsodag på torget 2026-05-12', responsible: 'Åsa Öberg 070-123 45 67' } as RowValues), CALLS],
  ['paste of 200 rows', (doc) => void insertRows(doc, sampleRows(200)), Math.max(3, Math.round(CALLS / 40))],
  ['paste of 1,000 rows', (doc) => void insertRows(doc, sampleRows(1000)), Math.max(3, Math.round(CALLS / 200))],
];

/** The check and the net under test: this tree's, and with `--against` another's. */
interface Guard {
  checkUpdate: (doc: Y.Doc, update: Uint8Array) => { ok: boolean };
  net: (update: Uint8Array) => unknown;
  /** The net of a byte array an update carries as a value (`findPersonnummerInBinary`). */
  binary: (bytes: Uint8Array) => unknown;
}

const trees: Array<[string, Guard]> = [['', { checkUpdate, net: (u) => mayHoldNumber(u) && scanUpdate(u), binary: findPersonnummerInBinary }]];
if (values.against !== undefined) {
  const at = (file: string): string => otherTreeFile(values.against as string, file);
  const other = (await import(at('check-update.ts'))) as { checkUpdate: Guard['checkUpdate'] };
  const otherNet = (await import(at('raw-scan.ts'))) as { mayHoldNumber: (u: Uint8Array) => boolean; scanUpdate: (u: Uint8Array) => unknown; findPersonnummerInBinary?: Guard['binary'] };
  // The binary net had a file of its own once it read UTF-16 too.
  const binary = otherNet.findPersonnummerInBinary ?? ((await import(at('raw-scan-binary.ts'))) as { findPersonnummerInBinary: Guard['binary'] }).findPersonnummerInBinary;
  trees.unshift(['before ', { checkUpdate: other.checkUpdate, net: (u) => otherNet.mayHoldNumber(u) && otherNet.scanUpdate(u), binary }]);
  trees[1] = ['after ', trees[1]?.[1] as Guard];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * Median µs of each of `fns` over `calls` calls, after as many unmeasured ones, the functions
 * called in turn, which one first alternating call for call (the second to read an update may
 * find its bytes in the processor's caches).
 */
function timed(fns: Array<() => unknown>, calls: number): number[] {
  for (let i = 0; i < calls; i++) for (const fn of fns) fn();
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

const updates = SHAPES.flatMap(([name, edit, calls]) => Object.entries(CLIENTS).map(([id, client]) => ({ name: `${name}, ${id} client id`, update: updateBy(client, edit), calls })));
const medians = new Map<string, number[]>();
const note = (key: string, x: number): void => void medians.set(key, [...(medians.get(key) ?? []), x]);

for (let run = 1; run <= RUNS; run++) {
  const table = updates.map(({ name, update, calls }) => {
    const row: Record<string, string | number> = { shape: name, bytes: update.length };
    const checks = timed(trees.map(([, g]) => () => g.checkUpdate(base, update)), calls);
    const nets = timed(trees.map(([, g]) => () => g.net(update)), calls);
    for (const [k, [label, g]] of trees.entries()) {
      note(`${name}|${label}check`, checks[k] as number);
      note(`${name}|${label}net`, nets[k] as number);
      row[`${label}checkUpdate µs`] = (checks[k] as number).toFixed(1);
      row[`${label}net µs`] = (nets[k] as number).toFixed(1);
      row[`${label}refused`] = g.checkUpdate(base, update).ok ? '' : 'yes';
    }
    return row;
  });
  console.log(`run ${run}`);
  console.table(table);
}
/**
 * Byte arrays an update may carry as a value, none holding a number: each read whole by every
 * reading of the binary net (no early way out), the UTF-16 readings too where ten digits stand.
 */
let seed = 7;
const randomByte = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16) & 0xff;
const workbook = await rowsToXlsx('activity-plan', sampleRows(300).map((values, i) => ({ id: `r${i}`, values })), { lang: 'sv', title: 'Aktivitetsplan 2026' });
const ARRAYS: Array<[string, Uint8Array, number]> = [
  ['random bytes, 4 KB', Uint8Array.from({ length: 4096 }, randomByte), Math.max(3, Math.round(CALLS / 20))],
  ['a workbook (xlsx, 300 rows)', workbook, Math.max(3, Math.round(CALLS / 100))],
  ['an image (png)', new Uint8Array(readFileSync('addin/taskpane/public/icon-128.png')), CALLS],
  ['UTF-16LE text with dates and phones, 2 KB', new Uint8Array(Buffer.from(sampleRows(20).map((r) => `${r.title} ${r.startDate} ${r.responsible}`).join('\r\n').slice(0, 1024), 'utf16le')), Math.max(3, Math.round(CALLS / 4))],
];
for (let run = 1; run <= RUNS; run++) {
  const table = ARRAYS.map(([name, bytes, calls]) => {
    const row: Record<string, string | number> = { 'byte array': name, bytes: bytes.length };
    const xs = timed(trees.map(([, g]) => () => g.binary(bytes)), calls);
    for (const [k, [label, g]] of trees.entries()) {
      note(`${name}|${label}binary`, xs[k] as number);
      row[`${label}binary net µs`] = (xs[k] as number).toFixed(1);
      row[`${label}found`] = g.binary(bytes) === null ? '' : 'yes';
    }
    return row;
  });
  console.log(`byte arrays, run ${run}`);
  console.table(table);
}

console.log(`median of ${RUNS} runs' medians (µs):`);
console.table(
  updates.map(({ name }) => {
    const row: Record<string, string> = { shape: name };
    for (const [label] of trees) {
      row[`${label}checkUpdate`] = median(medians.get(`${name}|${label}check`) ?? []).toFixed(1);
      row[`${label}net`] = median(medians.get(`${name}|${label}net`) ?? []).toFixed(1);
    }
    return row;
  }),
);
console.table(
  ARRAYS.map(([name]) => {
    const row: Record<string, string> = { 'byte array': name };
    for (const [label] of trees) row[`${label}binary net`] = median(medians.get(`${name}|${label}binary`) ?? []).toFixed(1);
    return row;
  }),
);
