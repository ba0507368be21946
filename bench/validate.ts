/**
 * bench/validate: `validateDoc` on a 10,000-row activity plan (target ≤ 100 ms) and
 * `checkUpdate` on a single-cell update against it (target ≤ 50 µs median), with a bare
 * `Y.applyUpdate` of the same updates and a 100-row doc beside them to show that checkUpdate's
 * cost does not grow with the doc. Prints a table; asserts nothing.
 */
import * as Y from 'yjs';
import { createDoc } from '../shared/doc/create.js';
import { docFromState, encodeState } from '../shared/doc/encode.js';
import { rowsOf } from '../shared/doc/row-index.js';
import { insertRows, setCell } from '../shared/doc/rows.js';
import { checkUpdate } from '../shared/validate/check-update.js';
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { validateDoc } from '../shared/validate/validate-doc.js';
import { sampleRows } from './support/sample-rows.js';

const BIG = 10_000;
const SMALL = 100;
const VALIDATE_RUNS = 9;
const UPDATE_RUNS = 3_000;

function activityPlan(rows: number): Y.Doc {
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan 2026', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
  insertRows(doc, sampleRows(rows));
  return doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.99)] as number;
}

function time(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Single-cell updates from a replica of `server`, each checked, then applied as the server would. */
function checkSingleCells(server: Y.Doc, runs: number): { check: number[]; apply: number[]; refused: number } {
  const client = docFromState(encodeState(server));
  const ids = rowsOf(client).map((r) => r.id);
  let pending: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (pending = u));
  const check: number[] = [];
  const apply: number[] = [];
  let refused = 0;
  for (let i = 0; i < runs + 200; i++) {
    setCell(client, ids[(i * 7919) % ids.length] as string, 'responsible', `Samordnare ${i}`);
    const update = pending as unknown as Uint8Array;
    const tc = time(() => {
      if (!checkUpdate(server, update).ok) refused++;
    });
    const ta = time(() => Y.applyUpdate(server, update));
    if (i >= 200) {
      check.push(tc);
      apply.push(ta);
    }
  }
  return { check, apply, refused };
}

const rowsTable: Array<{ measure: string; median: string; p99?: string; target: string }> = [];
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const us = (x: number): string => `${(x * 1000).toFixed(1)} µs`;

const big = activityPlan(BIG);
const cold = docFromState(encodeState(big));
const coldMs = time(() => validateDoc(cold, 'bench'));
const problems = validateDoc(big, 'bench').length;
const warm = Array.from({ length: VALIDATE_RUNS }, () => time(() => validateDoc(big, 'bench')));
rowsTable.push({ measure: `validateDoc, ${BIG} rows (rows cached)`, median: ms(median(warm)), target: '≤ 100 ms' });
rowsTable.push({ measure: `validateDoc, ${BIG} rows, first call on a loaded doc`, median: ms(coldMs), target: '(reads every row)' });

const bigRun = checkSingleCells(big, UPDATE_RUNS);
rowsTable.push({ measure: `checkUpdate, 1 cell, ${BIG}-row doc`, median: us(median(bigRun.check)), p99: us(p99(bigRun.check)), target: '≤ 50 µs' });
rowsTable.push({ measure: `Y.applyUpdate of the same, ${BIG}-row doc`, median: us(median(bigRun.apply)), p99: us(p99(bigRun.apply)), target: '(peer)' });
const small = activityPlan(SMALL);
const smallRun = checkSingleCells(small, UPDATE_RUNS);
rowsTable.push({ measure: `checkUpdate, 1 cell, ${SMALL}-row doc`, median: us(median(smallRun.check)), p99: us(p99(smallRun.check)), target: '(same as above)' });

const texts = ['Promenadgrupp tisdagar 10-11, ring 070-123 45 67', 'Hälsodag 2026-05-12 på torget', 'Eva Ek 19850101-1236'];
const pn = Array.from({ length: 2000 }, (_, i) => time(() => findPersonnummer(texts[i % 3] as string)));
rowsTable.push({ measure: 'findPersonnummer, one cell text', median: us(median(pn)), p99: us(p99(pn)), target: '' });

console.table(rowsTable);
console.log(`(${problems} problems in the generated plan; ${bigRun.refused + smallRun.refused} updates refused; ${UPDATE_RUNS} updates per row)`);
