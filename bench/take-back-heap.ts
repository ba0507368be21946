/**
 * Heap per remembered take-back (`take-backs.ts`, `take-back-index.ts`): a room's take-backs of
 * (a) a refused paste of N cells (one take-back per cell) and (b) one editor's edit of one foreign
 * cell refused N times. Made as the room makes them (`applyAndUndo` into `TakeBacks.remember`);
 * the figure is `heapUsed` after a full GC with the take-backs held, less after they are dropped,
 * divided by how many are remembered. Run: `npm run bench -- take-back-heap [--cells 16384]`
 * (needs `--expose-gc`, which `bench/run.ts` passes). The budget per process is set off here
 * (`SAMPLAN_TAKE_BACK_MEMORY_MB` high) so every take-back stays in memory.
 */
import * as Y from 'yjs';
import { TakeBacks } from '../server/sync/take-backs.js';
import { applyAndUndo } from '../server/sync/undo-refused.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench -- take-back-heap)');
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('cells', 16_384);

const heap = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

/** A doc with `rows` rows of one cell each, and a second doc (the refused editor's) holding the same. */
function docs(rows: number): { doc: Y.Doc; editor: Y.Doc } {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const root = doc.getMap('rows');
  doc.transact(() => {
    for (let i = 0; i < rows; i++) {
      const row = new Y.Map<unknown>();
      root.set(`r${i}`, row);
      row.set('title', 'x');
    }
  });
  const editor = new Y.Doc();
  editor.clientID = 2;
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc));
  return { doc, editor };
}

function measure(what: string, rows: number, make: (doc: Y.Doc, editor: Y.Doc, tbs: TakeBacks) => void): void {
  const { doc, editor } = docs(rows);
  const docBefore = Y.encodeStateAsUpdate(doc).byteLength;
  let tbs: TakeBacks | null = new TakeBacks();
  make(doc, editor, tbs);
  const count = tbs.size;
  const encoded = tbs.encoded()?.byteLength ?? 0;
  const held = heap();
  tbs.clear();
  const dropped = heap();
  tbs = null;
  const per = (held - dropped) / count;
  console.log(
    `${what}: ${count} remembered, encoded ${(encoded / 1024).toFixed(0)} kB; index heap ${((held - dropped) / 1e6).toFixed(2)} MB = ${per.toFixed(0)} B each; doc ${docBefore} → ${Y.encodeStateAsUpdate(doc).byteLength} B`,
  );
}

measure(`paste of ${N} cells refused`, N, (doc, editor, tbs) => {
  const before = Y.encodeStateVector(editor);
  editor.transact(() => {
    for (let i = 0; i < N; i++) (editor.getMap('rows').get(`r${i}`) as Y.Map<unknown>).set('title', `p${i}`);
  });
  applyAndUndo(doc, Y.encodeStateAsUpdate(editor, before), 'undo', () => true, (tb) => tbs.remember(tb));
});

measure(`one cell refused ${N}×`, 1, (doc, editor, tbs) => {
  const row = editor.getMap('rows').get('r0') as Y.Map<unknown>;
  for (let i = 0; i < N; i++) {
    const before = Y.encodeStateVector(editor);
    row.set('title', `e${i}`);
    applyAndUndo(doc, Y.encodeStateAsUpdate(editor, before), 'undo', () => true, (tb) => tbs.remember(tb));
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(editor)));
  }
});
