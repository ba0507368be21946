/**
 * bench/raw-scan: what the raw-byte personnummer net (`shared/validate/raw-scan.ts`) costs on the
 * updates it reads, in µs per call, warm: a row whose two cells hold digits close together in the
 * bytes (`Grupp 811218` | `nr 9876`), a row of Swedish text with a date and a phone, and a paste
 * of 200 filled-in rows (`bench/support/sample-rows.ts`); each by a client id whose bytes are no
 * UTF-8 and by one whose bytes are. Each shape is timed through `checkUpdate` (the room's whole
 * check) and through the net alone (`scanUpdate`, with `mayHoldNumber` before it, as the check
 * asks). `--runs N` repeats the table (default 5) and prints each run and the median of the runs'
 * medians; `--calls N` sets the calls per shape and run (default 400; a fortieth of them, at least
 * three, for the paste).
 *
 * Measured so (`--runs 5 --calls 200`, load 6–10 on 2 shared cores; median of the runs' medians,
 * checkUpdate µs, before the net read each string alone → after): two cells with digits 41 → 41
 * (binary id; refused before) and 11 → 36 (UTF-8 id, now read in the single-byte readings too);
 * a Swedish row 199 → 91 and 37 → 82; a paste of 200 rows 203 → 133 ms and 154 → 152 ms.
 *
 *   npm run bench -- raw-scan
 *   npm run bench -- raw-scan --runs 5 --calls 400
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createDoc, insertRow, insertRows } from '../shared/doc/index.js';
import type { RowValues } from '../shared/schema/types.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { mayHoldNumber, scanUpdate } from '../shared/validate/raw-scan.js';
import { sampleRows } from './support/sample-rows.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, calls: { type: 'string', default: '400' } } });
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
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median µs of `fn` over `calls` calls, after as many unmeasured ones. */
function timed(fn: () => unknown, calls: number): number {
  for (let i = 0; i < calls; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  return median(xs);
}

const updates = SHAPES.flatMap(([name, edit, calls]) => Object.entries(CLIENTS).map(([id, client]) => ({ name: `${name}, ${id} client id`, update: updateBy(client, edit), calls })));
const medians = new Map<string, number[]>();
const note = (key: string, x: number): void => void medians.set(key, [...(medians.get(key) ?? []), x]);

for (let run = 1; run <= RUNS; run++) {
  const table = updates.map(({ name, update, calls }) => {
    const check = timed(() => checkUpdate(base, update), calls);
    const net = timed(() => mayHoldNumber(update) && scanUpdate(update), calls);
    note(`${name}|check`, check);
    note(`${name}|net`, net);
    return { shape: name, bytes: update.length, 'checkUpdate µs': check.toFixed(1), 'net µs': net.toFixed(1), refused: checkUpdate(base, update).ok ? '' : 'yes' };
  });
  console.log(`run ${run}`);
  console.table(table);
}
console.log(`median of ${RUNS} runs' medians (µs):`);
console.table(updates.map(({ name }) => ({ shape: name, checkUpdate: median(medians.get(`${name}|check`) ?? []).toFixed(1), net: median(medians.get(`${name}|net`) ?? []).toFixed(1) })));
