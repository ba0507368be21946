/**
 * The socket a sync connection (`socket.ts`) sends on, as that layer sees it: a `ws` socket
 * (`ws-transport.ts`) or a test's recording of frames.
 */

/** The socket as this layer sees it. */
export interface Transport {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes sent but not yet handed to the network (what a slow reader makes the server hold). */
  bufferedAmount(): number;
  /**
   * Run `fn`, handing the frames it sends to the network together, in one write where the
   * transport can (a joining socket's step 1, its step-2 answer and the others' presence, sent
   * in the same turn: one system call and one TCP segment instead of one each).
   */
  together?(fn: () => void): void;
}
