/**
 * A `ws` WebSocket class for sync clients (y-websocket's `WebSocketPolyfill`, the pane's
 * `connectDoc`) that runs the next of `atOpen`'s functions right after the client's own `onopen`
 * handler, in the same turn: a person typing the moment the socket opens again, before the
 * server's step 1 is read (the client has sent its step 1 and nothing else). Later in the turn
 * would be too late: `ws` reads frames that came with the upgrade answer before microtasks run.
 */
import WebSocket from 'ws';

const onopen = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onopen') as PropertyDescriptor;

/** The class, and the list its sockets take one function from at each open. */
export function typedAtOpen(): { Socket: typeof WebSocket; atOpen: Array<() => void> } {
  const atOpen: Array<() => void> = [];
  class TypedAtOpen extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      Object.defineProperty(this, 'onopen', {
        configurable: true,
        get: () => onopen.get?.call(this),
        set: (handler: ((event: WebSocket.Event) => void) | null) =>
          onopen.set?.call(this, handler && ((event: WebSocket.Event) => (handler.call(this, event), atOpen.shift()?.()))),
      });
    }
  }
  // Clients construct it as (url, protocols) only; `ws`'s other constructor forms are not used.
  return { Socket: TypedAtOpen as unknown as typeof WebSocket, atOpen };
}
