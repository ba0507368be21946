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
 * The encoder's bytes as a Buffer over the same memory (no copy). A frame goes to many peers, and
 * `ws` sends a Buffer as it is but wraps any other Uint8Array in a new Buffer on every send; so
 * a frame is one Buffer, made once, and the same object is handed to every socket.
 */
function frameBytes(encoder: encoding.Encoder): Buffer {
  const bytes = encoding.toUint8Array(encoder);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function encodeSync(sub: number, payload: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return frameBytes(encoder);
}

/** A sync step 1 frame carrying the server's state vector. */
export function encodeSyncStep1(stateVector: Uint8Array): Buffer {
  return encodeSync(SyncType.step1, stateVector);
}

/** A sync step 2 frame carrying the update a peer lacks. */
export function encodeSyncStep2(update: Uint8Array): Buffer {
  return encodeSync(SyncType.step2, update);
}

/** An incremental update frame, as relayed to peers. */
export function encodeUpdate(update: Uint8Array): Buffer {
  return encodeSync(SyncType.update, update);
}

/** An awareness frame around an encoded awareness update. */
export function encodeAwareness(update: Uint8Array): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return frameBytes(encoder);
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
