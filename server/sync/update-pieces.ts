/**
 * A Yjs update (V1) applied in pieces with the event loop given back between them. Yjs integrates
 * an update in one go: the stored state of a 10,000-row plan with long comments (19 MB of text)
 * held the loop for seconds on a busy machine, every other document's edits waiting behind it.
 *
 * V1 writes each struct on its own (no state carried from one to the next, unlike V2's columns),
 * so a run of a client's structs, copied as it stands behind a header naming the client, the count
 * and the first clock, is an update of its own. The structs are cut at struct boundaries into runs
 * of about {@link PIECE_BYTES}; the delete set goes last, alone. A run that refers to another
 * client's struct not applied yet (an edit made in a row someone else wrote) waits until that one
 * is, so Yjs mostly holds nothing back as pending; when no run can go, the first goes all the same
 * and Yjs places what it held back once it can. The doc ends holding what one apply of the update
 * gives it.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A yield to the event loop when a slice of work has passed (`slicer` of `slices.ts`), else undefined. */
type Pause = () => Promise<void> | undefined;

/** Bytes of structs per piece: some milliseconds of Yjs' work. */
export const PIECE_BYTES = 1 << 17;

const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;
const BITS5 = 0x1f;

/** A run of one client's structs: where its bytes lie in the update, and the other clients' clocks it refers to. */
interface Run {
  client: number;
  clock: number;
  /** Clocks the run covers. */
  length: number;
  count: number;
  start: number;
  end: number;
  /** By client (not the run's own), the clock after the last struct of it the run refers to. */
  needs: Map<number, number>;
}

/** Past a string or byte array (a length, then that many bytes), without decoding it. */
function skipSized(d: decoding.Decoder): void {
  const length = decoding.readVarUint(d);
  if (length > d.arr.length - d.pos) throw new RangeError('the update ends inside a text');
  d.pos += length;
}

/** The length in UTF-16 code units (a JavaScript string's) of the UTF-8 text that follows, which it skips. */
function skipTextLength(d: decoding.Decoder): number {
  const length = decoding.readVarUint(d);
  const end = d.pos + length;
  if (end > d.arr.length) throw new RangeError('the update ends inside a text');
  let units = 0;
  for (let i = d.pos; i < end; i++) {
    const byte = d.arr[i] as number;
    // A code point counts at its first byte; one of four bytes is two code units.
    if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
  }
  d.pos = end;
  return units;
}

/** Past one value of lib0's `writeAny` (`readAny`'s cases). */
function skipAny(d: decoding.Decoder): void {
  const type = decoding.readUint8(d);
  switch (type) {
    case 127:
    case 126:
    case 121:
    case 120:
      return;
    case 125:
      decoding.readVarInt(d);
      return;
    case 124:
      d.pos += 4;
      return;
    case 123:
    case 122:
      d.pos += 8;
      return;
    case 119:
    case 116:
      skipSized(d);
      return;
    case 118:
      for (let n = decoding.readVarUint(d); n > 0; n--) {
        skipSized(d);
        skipAny(d);
      }
      return;
    case 117:
      for (let n = decoding.readVarUint(d); n > 0; n--) skipAny(d);
      return;
    default:
      throw new RangeError(`a value of unknown type ${type}`);
  }
}

/** Past an item's content of kind `ref` (Yjs' `contentRefs`); its length in clocks. */
function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // deleted
      return decoding.readVarUint(d);
    case 2: {
      // JSON
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipSized(d);
      return n;
    }
    case 3: // binary
    case 5: // embed
      skipSized(d);
      return 1;
    case 4: // string
      return skipTextLength(d);
    case 6: // format: key, value
      skipSized(d);
      skipSized(d);
      return 1;
    case 7: {
      // type; an XML element and hook carry their name
      const typeRef = decoding.readVarUint(d);
      if (typeRef === 3 || typeRef === 5) skipSized(d);
      return 1;
    }
    case 8: {
      // any
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) skipAny(d);
      return n;
    }
    case 9: // a subdocument: guid, options
      skipSized(d);
      skipAny(d);
      return 1;
    default:
      throw new RangeError(`an item of unknown content ${ref}`);
  }
}

/** The update's structs as runs of about `pieceBytes`, and where its delete set starts; a RangeError for bytes that are no update. */
async function cutRuns(update: Uint8Array, pieceBytes: number, pause: Pause): Promise<{ runs: Run[]; deleteSetAt: number }> {
  try {
    const cut = await readRuns(update, pieceBytes, pause);
    if (cut.deleteSetAt > update.length) throw new RangeError('the update ends inside a struct');
    return cut;
  } catch (err) {
    throw new RangeError(`the bytes are no Yjs update (V1): ${(err as Error).message}`, { cause: err });
  }
}

/** {@link cutRuns}' reading, `pause()` awaited every few structs (reading 20 MB took 30–60 ms). */
async function readRuns(update: Uint8Array, pieceBytes: number, pause: Pause): Promise<{ runs: Run[]; deleteSetAt: number }> {
  const d = decoding.createDecoder(update);
  const runs: Run[] = [];
  for (let sections = decoding.readVarUint(d); sections > 0; sections--) {
    const structs = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    let run: Run | null = null;
    for (let i = 0; i < structs; i++) {
      run ??= { client, clock, length: 0, count: 0, start: d.pos, end: d.pos, needs: new Map() };
      const needs = run.needs;
      const need = (): void => {
        const other = decoding.readVarUint(d);
        const at = decoding.readVarUint(d);
        if (other !== client && (needs.get(other) ?? 0) <= at) needs.set(other, at + 1);
      };
      const info = decoding.readUint8(d);
      const ref = info & BITS5;
      let length: number;
      if (ref === 0 || ref === 10) length = decoding.readVarUint(d);
      else {
        if (info & BIT8) need();
        if (info & BIT7) need();
        if ((info & (BIT7 | BIT8)) === 0) {
          if (decoding.readVarUint(d) === 1) skipSized(d);
          else need();
          if (info & BIT6) skipSized(d);
        }
        length = skipContent(d, ref);
      }
      clock += length;
      run.length += length;
      run.count++;
      run.end = d.pos;
      if ((i & 0xff) === 0xff) await pause();
      if (run.end - run.start >= pieceBytes) {
        runs.push(run);
        run = null;
      }
    }
    if (run) runs.push(run);
  }
  return { runs, deleteSetAt: d.pos };
}

/** The update of one run: one client's section, then an empty delete set. */
function runUpdate(update: Uint8Array, run: Run): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, run.count);
  encoding.writeVarUint(e, run.client);
  encoding.writeVarUint(e, run.clock);
  encoding.writeUint8Array(e, update.subarray(run.start, run.end));
  encoding.writeVarUint(e, 0);
  return encoding.toUint8Array(e);
}

/**
 * Apply `update` (Yjs update V1) to `doc` a piece at a time (see the module's words), awaiting
 * `pause()` (a `slicer`, `slices.ts`) after each; each piece is a transaction of its own, so use it
 * on a doc nobody observes yet (a room's load). Throws a RangeError for bytes that are no V1
 * update, before anything is applied; what Yjs throws, with the pieces before applied.
 */
export async function applyUpdateInPieces(doc: Y.Doc, update: Uint8Array, pause: Pause, pieceBytes = PIECE_BYTES): Promise<void> {
  const { runs, deleteSetAt } = await cutRuns(update, pieceBytes, pause);
  const queues = new Map<number, Run[]>();
  for (const run of runs) {
    const queue = queues.get(run.client);
    if (queue) queue.push(run);
    else queues.set(run.client, [run]);
  }
  // A run goes once the structs before it of its own client and those it refers to of others are in.
  const ready = (run: Run): boolean => {
    if (Y.getState(doc.store, run.client) < run.clock) return false;
    for (const [client, clock] of run.needs) if (Y.getState(doc.store, client) < clock) return false;
    return true;
  };
  for (let left = runs.length; left > 0; left--) {
    let next: Run[] | undefined;
    for (const queue of queues.values()) {
      if (queue.length > 0 && ready(queue[0] as Run)) {
        next = queue;
        break;
      }
    }
    // None can go (runs of two clients whose edits interleave within their spans): the first in the
    // update's order goes all the same; Yjs keeps back what it cannot place yet and places it once it can.
    next ??= [...queues.values()].find((queue) => queue.length > 0) as Run[];
    Y.applyUpdate(doc, runUpdate(update, next.shift() as Run));
    await pause();
  }
  const deletes = encoding.createEncoder();
  encoding.writeVarUint(deletes, 0);
  encoding.writeUint8Array(deletes, update.subarray(deleteSetAt));
  Y.applyUpdate(doc, encoding.toUint8Array(deletes));
}
