/**
 * Cuts what a doc has beyond a state vector into Yjs updates that each fit in one WebSocket
 * frame, so that nothing the pane sends (a big paste, a day of offline edits) is ever refused
 * as too large by the server and then re-sent in a loop.
 *
 * Yjs has no public way to encode a part of a client's structs, but the V1 update format is
 * simple: per client a count, the client id, a start clock and the structs; then the delete
 * set. So a frame here is one run of one client's structs (written with `Item.write`, as Yjs
 * does) and an empty delete set, and a last frame carries the delete set alone. Runs are
 * ordered so that every struct a frame refers to (origins and parents) is in an earlier frame
 * or already on the server: the server refuses references to structs it does not have.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { META_ROOT } from '../../shared/doc/create.js';

/** What is left around the structs of one frame: message type, lengths, the client header. */
const FRAME_OVERHEAD = 64;

/** A frame's structs are cut when the next struct could take it over the budget by this (or a quarter of it). */
const LARGEST_PLAIN_STRUCT = 64 * 1024;

/** Thrown when a single struct alone is over the frame limit (no cut can make it fit). */
export class UpdateTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`One change of ${bytes} bytes is over the frame limit of ${maxBytes} bytes`);
  }
}

type Struct = Y.Item | Y.GC;

/** The ids a struct needs on the receiving side before it can be integrated. */
function refsOf(struct: Struct, offset: number): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const refs: Y.ID[] = [];
  if (offset > 0) return refs; // the origin is the struct's own previous clock
  if (struct.origin) refs.push(struct.origin);
  if (struct.rightOrigin) refs.push(struct.rightOrigin);
  if (!struct.origin && !struct.rightOrigin && struct.parent instanceof Y.AbstractType && struct.parent._item) {
    refs.push(struct.parent._item.id);
  }
  return refs;
}

/** One client's structs still to send. */
interface Run {
  client: number;
  structs: Struct[];
  /** Index into `structs` of the next struct to send, and the clock to send it from. */
  index: number;
  clock: number;
  end: number;
}

function runsSince(doc: Y.Doc, sv: Map<number, number>): Run[] {
  const runs: Run[] = [];
  for (const [client, structs] of doc.store.clients) {
    const from = sv.get(client) ?? 0;
    const end = Y.getState(doc.store, client);
    if (from >= end) continue;
    runs.push({ client, structs: structs as Struct[], index: Y.findIndexSS(structs, from), clock: from, end });
  }
  return runs;
}

/**
 * `runs` with the one that begins with a making of the document (its first write of `meta.kind`,
 * see `shared/validate/other-making.ts`) first: a server that holds another making of the id (the
 * document was deleted and made again) then refuses the copy on its first frame, before any row of
 * it is taken in. Otherwise in the order given.
 */
function makingFirst(doc: Y.Doc, runs: Run[]): Run[] {
  const meta = doc.share.get(META_ROOT);
  const makes = (run: Run): boolean => {
    const first = run.structs[run.index];
    return first instanceof Y.Item && first.id.clock === run.clock && first.parentSub === 'kind' && first.parent === meta && first.origin === null && first.rightOrigin === null;
  };
  return [...runs.filter(makes), ...runs.filter((run) => !makes(run))];
}

/** True when the receiver has (or will have, from earlier frames) the struct holding `id`. */
function isThere(id: Y.ID, sent: Map<number, number>, sv: Map<number, number>): boolean {
  return id.clock < Math.max(sent.get(id.client) ?? 0, sv.get(id.client) ?? 0);
}

function frameOf(client: number, clock: number, count: number, body: Uint8Array): Uint8Array {
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, 1);
  encoding.writeVarUint(out, count);
  encoding.writeVarUint(out, client);
  encoding.writeVarUint(out, clock);
  encoding.writeUint8Array(out, body);
  encoding.writeVarUint(out, 0); // empty delete set
  return encoding.toUint8Array(out);
}

/**
 * The bytes `struct` takes in a frame from `offset` on, written once to a scratch encoder and
 * measured (0 for a GC, which takes a few bytes).
 */
function structBytes(struct: Struct, offset: number): number {
  if (!(struct instanceof Y.Item)) return 0;
  const scratch = new Y.UpdateEncoderV1();
  struct.write(scratch, offset);
  return encoding.length(scratch.restEncoder);
}

/** Writes as much of `run` as fits and is ready; returns the frame, or null when nothing was ready. */
function takeFrame(run: Run, sent: Map<number, number>, sv: Map<number, number>, maxBytes: number): Uint8Array | null {
  const body = new Y.UpdateEncoderV1();
  const startClock = run.clock;
  let count = 0;
  while (run.clock < run.end) {
    const struct = run.structs[run.index] as Struct;
    const offset = run.clock - struct.id.clock;
    if (!refsOf(struct, offset).every((id) => isThere(id, sent, sv))) break;
    const before = encoding.length(body.restEncoder);
    // A struct larger than the room left (one long text after smaller ones) goes in the next
    // frame, where it is alone: measured first, as writing it here could not be undone.
    if (count > 0 && before + FRAME_OVERHEAD + structBytes(struct, offset) > maxBytes) break;
    struct.write(body, offset);
    count++;
    run.clock = struct.id.clock + struct.length;
    run.index++;
    sent.set(run.client, run.clock);
    const size = encoding.length(body.restEncoder);
    if (count === 1 && size + FRAME_OVERHEAD > maxBytes) throw new UpdateTooLargeError(size - before, maxBytes);
    if (size + FRAME_OVERHEAD + Math.min(LARGEST_PLAIN_STRUCT, maxBytes / 4) > maxBytes) break;
  }
  return count === 0 ? null : frameOf(run.client, startClock, count, body.toUint8Array());
}

/**
 * The updates that bring a receiver at state vector `sv` (encoded as Yjs does) to `doc`, each
 * at most `maxBytes` long. When everything fits in one, that is `Y.encodeStateAsUpdate(doc, sv)`
 * itself; otherwise runs of structs in dependency order and then the delete set.
 * Applying the result in order equals applying `Y.encodeStateAsUpdate(doc, sv)`.
 *
 * @throws {UpdateTooLargeError} when one struct (e.g. one huge text insert) is over `maxBytes`.
 * @example
 * for (const frame of updatesSince(shadow, serverStateVector, Limits.maxFrameBytes - 16)) send(frame);
 */
export function updatesSince(doc: Y.Doc, sv: Uint8Array, maxBytes: number): Uint8Array[] {
  const whole = Y.encodeStateAsUpdate(doc, sv);
  if (whole.byteLength <= maxBytes) return [whole];
  const known = Y.decodeStateVector(sv);
  const runs = makingFirst(doc, runsSince(doc, known));
  const sent = new Map<number, number>();
  const frames: Uint8Array[] = [];
  while (runs.some((r) => r.clock < r.end)) {
    let progressed = false;
    for (const run of runs) {
      for (let frame = takeFrame(run, sent, known, maxBytes); frame; frame = takeFrame(run, sent, known, maxBytes)) {
        frames.push(frame);
        progressed = true;
      }
    }
    // Every reference is to a struct of `doc` (Yjs integrates nothing with a missing origin), so
    // some run can always go on; a stall would mean a corrupt store.
    if (!progressed) throw new Error('Cannot order the structs of the update');
  }
  const deletes = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  if (deletes.byteLength > maxBytes) throw new UpdateTooLargeError(deletes.byteLength, maxBytes);
  frames.push(deletes);
  return frames;
}
