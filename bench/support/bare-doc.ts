/**
 * The baseline of a server's memory per loaded document: a bare Node process (started with the
 * bench servers' flags, `--expose-gc` and `BENCH_NODE_FLAGS`) that reads a V2 snapshot from the
 * file named on its command line, applies it to a Y.Doc and keeps the doc, nothing else. It
 * prints one line, `BARE <json>`: `before` and `after` (`process.memoryUsage()` after two full
 * collections) around the read and the apply, the bytes read dropped before `after`, so the growth
 * is what holding the doc costs a process that does nothing but hold it (`big-doc.ts`).
 *
 * Only yjs and Node built-ins are imported: nothing else is loaded to weigh on either figure.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';

const gc = globalThis.gc;
if (!gc) throw new Error('bare-doc.ts needs --expose-gc');
const settled = (): NodeJS.MemoryUsage => {
  gc();
  gc();
  return process.memoryUsage();
};

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: bare-doc.js <snapshot.v2>');
// A doc applied before the measure, so that the code Yjs runs is compiled in both figures alike.
Y.applyUpdateV2(new Y.Doc(), Y.encodeStateAsUpdateV2(new Y.Doc()));
const before = settled();
let bytes: Uint8Array | null = readFileSync(file);
const doc = new Y.Doc();
Y.applyUpdateV2(doc, bytes);
bytes = null;
const after = settled();
process.stdout.write(`BARE ${JSON.stringify({ before, after, keys: doc.share.size })}\n`);
