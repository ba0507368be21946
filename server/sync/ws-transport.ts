/**
 * Sending a binary frame on a `ws` server socket with its bytes framed once for every peer.
 *
 * `WebSocket.send` frames each call anew: two option objects, a Buffer view of the payload, a
 * header buffer, and a corked two-buffer `writev` through the stream's buffered-write path. A
 * relay sends the same payload to every peer of a room (`relay.ts` encodes it once), so here
 * the frame (header and payload, RFC 6455 §5.2, unmasked as a server sends) is built once for
 * the last payload seen and the same Buffer is written to each peer's TCP socket: one plain
 * `write` per peer. A payload is recognised by identity: a frame handed to a socket is never
 * changed afterwards (as with `ws`, which also writes the caller's bytes without a copy).
 *
 * Written straight to the socket only while `ws` itself would write at once and in order: the
 * socket is open, no extension is negotiated (no compression), and `ws`'s sender has nothing
 * queued; otherwise it goes through `ws.send`. So frames keep their order with every other send
 * and the close frame, and `ws.bufferedAmount` (the socket's queue plus the sender's) counts what
 * is written here too, which the slow-reader close reads (`socket.ts`).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Transport } from './transport.js';

/** Payloads up to this many bytes are copied behind their header into one Buffer; larger ones are written as header + payload. */
export const MERGE_MAX_BYTES = 16 * 1024;

/** `ws`'s `WebSocket.OPEN`. */
const OPEN = 1;
/** `ws`'s sender state when it writes at once (not compressing, not reading a Blob). */
const SENDER_IDLE = 0;

/** The part of `ws`'s (private) sender read here: its state and its queue of sends waiting for it. */
interface SenderState {
  _state: number;
  _queue: unknown[];
}

/** The header's size, bytes, of an unmasked frame of `length` bytes (RFC 6455 §5.2): 2 up to 125, 4 up to 65,535, else 10. */
function headerSize(length: number): number {
  return length < 126 ? 2 : length < 65536 ? 4 : 10;
}

/** Writes the header of an unmasked, final binary frame of `length` bytes at the start of `out` (its {@link headerSize} bytes). */
function writeHeader(out: Buffer, length: number): void {
  const size = headerSize(length);
  out[0] = 0x82; // FIN, opcode 2 (binary)
  if (size === 2) out[1] = length;
  else if (size === 4) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
  } else {
    out[1] = 127;
    out.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    out.writeUInt32BE(length >>> 0, 6);
  }
}

/** The header of an unmasked, final binary frame of `length` bytes (RFC 6455 §5.2), in a Buffer of its own. */
export function binaryFrameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(headerSize(length));
  writeHeader(header, length);
  return header;
}

let lastPayload: Uint8Array | null = null;
let lastWire: Buffer | null = null;

/**
 * The whole frame (header and payload in one Buffer) for a payload of at most
 * {@link MERGE_MAX_BYTES}; the same Buffer while the same payload is sent again (to the next peer).
 * The header is written into the frame itself: a Buffer of its own to copy from was one more per relay.
 */
export function mergedFrame(payload: Uint8Array): Buffer {
  if (payload === lastPayload && lastWire !== null) return lastWire;
  const length = payload.byteLength;
  const at = headerSize(length);
  const wire = Buffer.allocUnsafe(at + length);
  writeHeader(wire, length);
  wire.set(payload, at);
  lastPayload = payload;
  lastWire = wire;
  return wire;
}

/** `ws`'s sender of `ws` when it has the shape read here (its internals are not public), else null. */
function senderOf(ws: WebSocket): SenderState | null {
  const sender = (ws as unknown as { _sender?: Partial<SenderState> | null })._sender;
  if (!sender || typeof sender._state !== 'number' || !Array.isArray(sender._queue)) return null;
  return sender as SenderState;
}

/** How many frames were written straight to a socket (the tests check that the direct path is taken). */
let directWrites = 0;

/** Frames written straight to a socket since the process started. */
export function framedDirectly(): number {
  return directWrites;
}

/**
 * A `ws` server socket as the connection's transport (`socket.ts`). Binary frames are written
 * pre-framed to `socket` (the TCP socket under `ws`, the upgrade event's) whenever `ws` would
 * write at once (see the module comment), through `ws.send` otherwise. The connection hangs on
 * the socket itself; this object holds no closure of its own.
 */
export class WsTransport implements Transport {
  /** `ws`'s sender once the socket is open; null when it may not be written around (an extension, another `ws`). */
  private sender: SenderState | null | undefined = undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
  ) {}

  /** Transport: run `fn` with the socket corked, so the frames it sends leave in one write. */
  together(fn: () => void): void {
    this.socket.cork();
    try {
      fn();
    } finally {
      this.socket.uncork();
    }
  }

  /** Transport: send a binary frame. Throws what `ws.send` throws (a socket still connecting). */
  send(payload: Uint8Array): void {
    const ws = this.ws;
    // Read once the socket is open: the sender exists from then on, and so do the negotiated extensions.
    if (this.sender === undefined && ws.readyState === OPEN) this.sender = ws.extensions === '' ? senderOf(ws) : null;
    const sender = this.sender;
    if (!sender || ws.readyState !== OPEN || sender._state !== SENDER_IDLE || sender._queue.length > 0 || !this.socket.writable) {
      ws.send(payload);
      return;
    }
    directWrites++;
    if (payload.byteLength <= MERGE_MAX_BYTES) {
      this.socket.write(mergedFrame(payload));
      return;
    }
    const socket = this.socket;
    socket.cork();
    socket.write(binaryFrameHeader(payload.byteLength));
    socket.write(payload);
    socket.uncork();
  }

  /** Transport: close with a code and reason (`ws` sends the close frame after what is queued). */
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Transport: bytes not yet handed to the network, the socket's queue and `ws`'s sender's. */
  bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}
