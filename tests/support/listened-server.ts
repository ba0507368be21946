/**
 * A `ws` server for tests whose every accepted socket, and the server itself, is listened to for
 * `error` from the moment it exists. A socket a test's server accepts emits `error` when its peer
 * resets or sends a bad frame; with no listener `ws` throws it out of the event loop, and the run
 * counts it as an unhandled error and fails even when every test passed (the client side is
 * `listened-socket.ts`). Every test makes its `ws` servers here
 * (`tests/architecture/test-resources.test.ts` holds that).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** A `ws` server whose sockets are handed to the test only once they are listened to. */
export interface ListenedServer {
  wss: WebSocketServer;
  /** Every error the server or one of its accepted sockets emitted, in order. */
  errors: Error[];
  /**
   * For a server made with `noServer: true`: completes the upgrade of `req` on `tcp` and hands the
   * socket to the `onSocket` given at making (listened to first), as a server on a port would.
   */
  accept(req: IncomingMessage, tcp: Duplex, head: Buffer): void;
}

/**
 * Makes a `ws` server with `options` (a port to listen on, or `noServer: true` with
 * {@link ListenedServer.accept}); each socket it accepts gets an `error` listener before
 * `onSocket(ws, req)` sees it.
 */
export function listenedServer(options: ServerOptions, onSocket: (ws: WebSocket, req: IncomingMessage) => void): ListenedServer {
  const errors: Error[] = [];
  const wss = new WebSocketServer(options);
  wss.on('error', (err) => errors.push(err));
  wss.on('connection', (ws, req) => {
    ws.on('error', (err) => errors.push(err));
    onSocket(ws, req);
  });
  return {
    wss,
    errors,
    accept: (req, tcp, head) => wss.handleUpgrade(req, tcp, head, (ws) => wss.emit('connection', ws, req)),
  };
}
