/**
 * A minimal y-websocket client on `ws` with its own Y.Doc: the same code talks to Samplan, the
 * stock `@y/websocket-server` and Hocuspocus (whose frames carry the document name first, and
 * which wants an auth message before anything else). Used by the benches and the crash and fuzz
 * tests, so every server is measured and checked through identical client work.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/** How frames are wrapped for one server. */
export interface Framing {
  /** Frames to send right after opening (Hocuspocus: the auth message). */
  hello(): Uint8Array[];
  wrap(frame: Uint8Array): Uint8Array;
  /** The y-websocket frame inside, or null for a frame to ignore. */
  unwrap(frame: Uint8Array): Uint8Array | null;
}

/** Plain y-websocket framing. */
export const plainFraming: Framing = { hello: () => [], wrap: (f) => f, unwrap: (f) => f };

/** Hocuspocus framing: a document-name prefix, and an auth message first. */
export function hocuspocusFraming(docName: string, token = 'bench'): Framing {
  const prefix = (write: (e: encoding.Encoder) => void): Uint8Array => {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, docName);
    write(e);
    return encoding.toUint8Array(e);
  };
  return {
    hello: () => [prefix((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, token)))],
    wrap: (f) => prefix((e) => encoding.writeUint8Array(e, f)),
    unwrap(f) {
      const d = decoding.createDecoder(f);
      decoding.readVarString(d);
      const rest = f.subarray(d.pos);
      // Hocuspocus' own messages (auth answers, sync status) are not part of the y-websocket protocol.
      if (rest[0] === 0 || rest[0] === 1) return rest;
      if (rest[0] !== 4) return null;
      // A sync reply (what carries a step 2) is a sync message under another type: one copy with
      // the type byte rewritten. Spreading its bytes into arguments cost Hocuspocus's clients
      // time per byte of the document it sent (and threw past ~100 KB).
      const sync = rest.slice();
      sync[0] = 0;
      return sync;
    },
  };
}

const REMOTE = Symbol('remote');

let clients = 0;

/**
 * A client's Y.Doc, its guid `bench-client-<n>` (unique in this process; a guid matters only to
 * subdocuments, which no bench uses). Yjs's default guid is lib0's `uuidv4`, 31 draws of the
 * crypto RNG: 0.4–0.6 ms a document on the shared machine (2,000 in 0.86–1.19 s, 0.04–0.10 s with
 * this guid), paid by the bench process for each of a connect storm's 500 clients while it was
 * timed, before any of them connected. The client id is still Yjs's own random draw.
 */
export function clientDoc(): Y.Doc {
  return new Y.Doc({ guid: `bench-client-${++clients}` });
}

/** One connected client. */
export class SyncClient {
  readonly doc = clientDoc();
  readonly ws: WebSocket;
  /** Resolves once the server's sync step 2 has arrived. */
  readonly synced: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Called for every update received from the server, after it is applied. */
  onRemote: ((update: Uint8Array) => void) | null = null;
  /** The last socket error, if any (a close with 1006 follows one). */
  error: Error | null = null;
  /**
   * When the last frame was handed to the socket (ms of `performance.now`, taken just before
   * `ws.send`, after this client's Yjs work and the framing), NaN before any. A bench stamps an
   * edit's send time from it, so that a stall of this process between deciding to edit and
   * sending (a transaction, a collection) is not counted as the server's latency.
   */
  lastSentAt = NaN;
  /**
   * WebSocket messages received so far (every frame `ws` delivered, sync or not, before any
   * unwrapping): with the socket's `bytesRead`, what a server makes this client read per edit.
   */
  framesIn = 0;
  private markSynced: () => void = () => undefined;

  /**
   * @param light A light client applies only the initial sync and hands later updates to
   *   `onRemote` unapplied, so that 50 clients in one process measure the server, not themselves.
   */
  constructor(
    url: string,
    private readonly framing: Framing = plainFraming,
    private readonly light = false,
  ) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      this.ws.on('error', (err) => (this.error = err));
    });
    this.ws.on('open', () => {
      for (const f of framing.hello()) this.ws.send(f);
      this.sendRaw(syncFrame(0, Y.encodeStateVector(this.doc)));
    });
    this.ws.on('message', (data: Buffer) => {
      this.framesIn++;
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.sendRaw(syncFrame(2, update));
    });
  }

  /** Change the doc locally; the update goes to the server. */
  write(change: (doc: Y.Doc) => void): void {
    this.doc.transact(() => change(this.doc));
  }

  /** Send a y-websocket frame (wrapped for the server). */
  sendRaw(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const wrapped = this.framing.wrap(frame);
    this.lastSentAt = performance.now();
    this.ws.send(wrapped);
  }

  close(): void {
    this.ws.terminate();
  }

  private receive(raw: Uint8Array): void {
    const frame = this.framing.unwrap(raw);
    if (!frame) return;
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 0) return;
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === 0) {
      this.sendRaw(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payload)));
      return;
    }
    if (sub === 1 || !this.light) Y.applyUpdate(this.doc, payload, REMOTE);
    if (sub === 1) this.markSynced();
    this.onRemote?.(payload);
  }
}

/** A sync frame: `[0, sub, payload]`. */
export function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
