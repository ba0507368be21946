/**
 * The y-websocket wire format, decoded tolerantly: every frame a client can send turns into one
 * {@link IncomingMessage}, and anything that is not a well-formed message becomes `malformed`
 * instead of an exception, so a socket can close with 4400 and the server keeps running.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** One decoded client frame. */
export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'malformed'; reason: string };

/** One client's entry in an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON text of the state, `'null'` when the client left. */
  json: string;
}

function readSync(decoder: decoding.Decoder): IncomingMessage {
  const sub = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (sub) {
    case SyncType.step1:
      return { type: 'sync-step1', stateVector: payload };
    case SyncType.step2:
      return { type: 'sync-step2', update: payload };
    case SyncType.update:
      return { type: 'update', update: payload };
    default:
      return { type: 'malformed', reason: `unknown sync message ${sub}` };
  }
}

/**
 * Decode one binary frame. Never throws: truncated varints, lengths past the end, unknown types
 * and trailing bytes all give `{ type: 'malformed' }`.
 */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    let message: IncomingMessage;
    switch (type) {
      case MessageType.sync:
        message = readSync(decoder);
        break;
      case MessageType.awareness:
        message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { type: 'query-awareness' };
        break;
      default:
        return { type: 'malformed', reason: `unknown message type ${type}` };
    }
    if (decoding.hasContent(decoder)) return { type: 'malformed', reason: 'trailing bytes' };
    return message;
  } catch {
    return { type: 'malformed', reason: 'truncated frame' };
  }
}

/**
 * A frame: the message type (and sync sub-type) bytes, then `payload` with its length as a lib0
 * varuint (7 bits a byte, low bits first, the high bit set on every byte but the last), as
 * `encoding.writeVarUint8Array` writes it. It is written straight into one Buffer: a frame goes to
 * many peers, and `ws` sends a Buffer as it is but wraps any other Uint8Array in a new Buffer on
 * every send, so the same object is handed to every socket. A `kept` frame (a room's step 1 and
 * step 2, held while its doc does not change) gets memory of its own; a transient one (a relayed
 * update or presence) comes from Node's shared pool, which it would otherwise hold on to.
 */
function frame(head: readonly number[], payload: Uint8Array, kept: boolean): Buffer {
  const length = payload.byteLength;
  let lengthBytes = 1;
  for (let n = length; n > 0x7f; n = Math.floor(n / 0x80)) lengthBytes++;
  const size = head.length + lengthBytes + length;
  const out = kept ? Buffer.allocUnsafeSlow(size) : Buffer.allocUnsafe(size);
  let at = 0;
  // Indexed: an iterator per frame where this runs unoptimized (a relay at a few edits a second).
  for (let i = 0; i < head.length; i++) out[at++] = head[i] as number;
  let n = length;
  while (n > 0x7f) {
    out[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 0x80);
  }
  out[at++] = n;
  out.set(payload, at);
  return out;
}

const STEP1_HEAD = [MessageType.sync, SyncType.step1];
const STEP2_HEAD = [MessageType.sync, SyncType.step2];
const UPDATE_HEAD = [MessageType.sync, SyncType.update];
const AWARENESS_HEAD = [MessageType.awareness];

/** A sync step 1 frame carrying the server's state vector. */
export function encodeSyncStep1(stateVector: Uint8Array): Buffer {
  return frame(STEP1_HEAD, stateVector, true);
}

/** A sync step 2 frame carrying the update a peer lacks. */
export function encodeSyncStep2(update: Uint8Array): Buffer {
  return frame(STEP2_HEAD, update, true);
}

/** An incremental update frame, as relayed to peers. */
export function encodeUpdate(update: Uint8Array): Buffer {
  return frame(UPDATE_HEAD, update, false);
}

/** An awareness frame around an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Buffer {
  return frame(AWARENESS_HEAD, update, false);
}

/** Parse the entries of an awareness update; null when it is not one. Never throws. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, json });
    }
    if (decoding.hasContent(decoder)) return null;
    return entries;
  } catch {
    return null;
  }
}

/** Encode awareness entries back into an awareness update. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
