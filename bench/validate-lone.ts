/**
 * bench/validate-lone: what `checkUpdate` costs per edit when each edit arrives alone, as at the
 * region fan-out (one cell write per document now and then, the process idle between), against
 * the same edits checked back to back; a bare `Y.applyUpdate` of each edit, timed the same way,
 * stands beside it. `--docs` region plans (default 100) each get `--edits` cell writes (default
 * 30, the fan-out's `comment` write of `bench/support/region-measure.ts`), taken round-robin over
 * the documents; in the *lone* mode a timer of `--gap` ms (default 2) runs between two edits, in
 * the *warm* mode none. The two modes alternate `--runs` times (default 3), each on fresh
 * documents; every run is printed with the load average.
 *
 * What it shows: if the check's lone cost were its own (per-document state rebuilt at each edit,
 * a second decode, allocation), the ratio check ÷ apply would grow from warm to lone; if both grow
 * alike, the lone edit pays for a cold processor (caches, branch predictors, code and data of
 * both evicted by the machine's other processes while idle), not for work of the check.
 * Measured so (`--runs 2`, load 28–33, 2 cores shared): lone check median 126.9 / 86.6 µs, apply
 * 96.0 / 104.1; warm check 8.1 / 8.6, apply 6.6 / 9.0: both 10–15× dearer alone, check ÷ apply
 * 1.32 / 0.83 lone against 1.22 / 0.95 warm. The check of a lone edit is dear for the reason
 * Yjs's own apply of it is.
 *
 *   npm run bench -- validate-lone
 *   npm run bench -- validate-lone --docs 100 --edits 30 --gap 2 --runs 3
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { insertRow, setCell } from '../shared/doc/index.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { knownSize } from '../shared/validate/doc-size.js';
import { emitted } from './support/emitted.js';
import { regionState } from './support/region-seed.js';

const { values: flags } = parseArgs({
  options: {
    docs: { type: 'string', default: '100' },
    edits: { type: 'string', default: '30' },
    gap: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
  },
  strict: true,
});
const DOCS = Number(flags.docs);
const EDITS = Number(flags.edits);
const GAP_MS = Number(flags.gap);
const RUNS = Number(flags.runs);
/** Edits per document not counted: the row insert and the first writes, while V8 compiles. */
const WARM_EDITS = 5;

/** One region plan as the server holds it (its size known, as after a load), a copy for the bare apply, and one writer's edits. */
interface Case {
  server: Y.Doc;
  bare: Y.Doc;
  edits: Uint8Array[];
}

function cases(state: Uint8Array): Case[] {
  return Array.from({ length: DOCS }, (_, d) => {
    const server = new Y.Doc();
    Y.applyUpdate(server, state);
    knownSize(server, Y.encodeStateAsUpdate(server).byteLength);
    const bare = new Y.Doc();
    Y.applyUpdate(bare, state);
    const writer = new Y.Doc();
    Y.applyUpdate(writer, state);
    let row = '';
    const edits = [emitted(writer, () => (row = insertRow(writer, { title: 'Hälsodag' }, { id: `bench-w${d}` })))];
    for (let i = 0; i < EDITS; i++) edits.push(emitted(writer, () => setCell(writer, row, 'comment', `bench-${d}-${i}`)));
    writer.destroy();
    return { server, bare, edits };
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** µs per edit of the check and of the bare apply, each edit after a timer's wait (`lone`) or straight after the last. */
async function measure(lone: boolean, state: Uint8Array): Promise<{ check: number[]; apply: number[] }> {
  const docs = cases(state);
  const check: number[] = [];
  const apply: number[] = [];
  for (let i = 0; i <= EDITS; i++) {
    for (const c of docs) {
      if (lone) await sleep(GAP_MS);
      const update = c.edits[i] as Uint8Array;
      const t0 = process.hrtime.bigint();
      const verdict = checkUpdate(c.server, update);
      const t1 = process.hrtime.bigint();
      if (!verdict.ok) throw new Error(`the check refused a bench edit: ${verdict.code}`);
      Y.applyUpdate(c.server, update);
      if (lone) await sleep(GAP_MS);
      const t2 = process.hrtime.bigint();
      Y.applyUpdate(c.bare, update);
      const t3 = process.hrtime.bigint();
      if (i >= WARM_EDITS) {
        check.push(Number(t1 - t0) / 1e3);
        apply.push(Number(t3 - t2) / 1e3);
      }
    }
  }
  for (const c of docs) {
    c.server.destroy();
    c.bare.destroy();
  }
  return { check, apply };
}

const state = regionState();
const fmt = (x: number): string => x.toFixed(1);
console.log(`validate-lone: ${DOCS} docs × ${EDITS} cell writes, lone = ${GAP_MS} ms timer before each call, warm = back to back`);
console.log('| run | mode | load | check µs median | check µs mean | apply µs median | apply µs mean | check ÷ apply (medians) |');
console.log('|---|---|---|---|---|---|---|---|');
for (let run = 1; run <= RUNS; run++) {
  for (const lone of [true, false]) {
    const load = loadavg()[0] as number;
    const r = await measure(lone, state);
    const ratio = median(r.check) / median(r.apply);
    console.log(`| ${run} | ${lone ? 'lone' : 'warm'} | ${load.toFixed(1)} | ${fmt(median(r.check))} | ${fmt(mean(r.check))} | ${fmt(median(r.apply))} | ${fmt(mean(r.apply))} | ${ratio.toFixed(2)} |`);
  }
}
