/**
 * A `ws` client socket for tests that is listened to for `error` from the moment it is made. A
 * `ws` socket with no `error` listener throws its error (a refused upgrade, a reset, a server
 * closed under it) out of the event loop: the run counts it as an unhandled error and fails even
 * when every test passed. Every test opens its client sockets here
 * (`tests/architecture/test-resources.test.ts` holds that).
 */
import WebSocket from 'ws';

/** A client socket with its opening, its errors and its close. */
export interface ListenedSocket {
  ws: WebSocket;
  /** Resolves on `open`; rejects with the socket's error when it fails before it opened. */
  opened: Promise<void>;
  /** Resolves on `close` with its code and reason (a socket that failed closes too: code 1006). */
  closed: Promise<{ code: number; reason: string }>;
  /** Every error the socket emitted, in order. */
  errors: Error[];
}

/**
 * Open a `ws` client to `url` (with `protocols` when given) that always listens for `error`.
 * `opened` may be left unawaited (a socket the server refuses before it opens is awaited through
 * `closed`): its rejection is not counted as unhandled.
 */
export function listenedSocket(url: string, protocols?: string | string[]): ListenedSocket {
  const ws = protocols === undefined ? new WebSocket(url) : new WebSocket(url, protocols);
  const errors: Error[] = [];
  ws.on('error', (err) => errors.push(err));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, opened, closed, errors };
}
