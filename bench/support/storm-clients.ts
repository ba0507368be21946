/**
 * What one slice of a connect storm's clients does, the same code whether the slice runs in the
 * bench process or in one of its client processes (`client-pool.ts`, `client-proc.ts`): open one
 * `SyncClient` per {@link ClientSpec} at once and wait until every one is done, done meaning
 * {@link StormUntil}.
 */
import * as Y from 'yjs';
import type { ServerKind } from './servers.js';
import { hocuspocusFraming, plainFraming, SyncClient, syncFrame } from './sync-client.js';

/**
 * Milliseconds of the machine's monotonic clock (`process.hrtime`, CLOCK_MONOTONIC on Linux): the
 * same clock in every process, so a time stamped in a client process compares with one of the
 * bench process. `performance.now()` reads it too, from each process's own start.
 */
export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** One client of a storm: the server's kind (its framing), the URL to open and the document's name. */
export interface ClientSpec {
  kind: ServerKind;
  url: string;
  doc: string;
}

/**
 * When a storm's client is done:
 * - `synced`: at the server's first sync step 2 (a light client, later updates not applied);
 * - `holding`: once its doc's state vector is this one (the plan's), every update applied: a
 *   server may answer the step 1 before it has read the document and send the content later;
 * - `sendBack`: once synced it sends this update and a new step 1, as a pane whose offline copy
 *   loads after it joined, and is done at the answer to that step 1 (the server judged the update).
 */
export type StormUntil = { synced: true } | { holding: Uint8Array } | { sendBack: Uint8Array };

/** The client `spec` describes (light unless it must apply every update). */
export function openClient(spec: ClientSpec, light: boolean): SyncClient {
  return new SyncClient(spec.url, spec.kind === 'hocuspocus' ? hocuspocusFraming(spec.doc) : plainFraming, light);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);
}

/** Resolves once `client` has synced and its doc holds `stateVector`. */
export function holding(client: SyncClient, stateVector: Uint8Array): Promise<void> {
  return client.synced.then(
    () =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (!sameBytes(Y.encodeStateVector(client.doc), stateVector)) return;
          client.doc.off('update', check);
          resolve();
        };
        client.doc.on('update', check);
        check();
      }),
  );
}

/** Sends `update` and a step 1; resolves at the next sync message (the step 2 answering it). */
export function sentBack(c: SyncClient, update: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    c.onRemote = () => {
      c.onRemote = null;
      resolve();
    };
    c.sendRaw(syncFrame(2, update));
    c.sendRaw(syncFrame(0, Y.encodeStateVector(c.doc)));
  });
}

/** Resolves when `client` is done as `until` says. */
export function done(client: SyncClient, until: StormUntil): Promise<void> {
  if ('holding' in until) return holding(client, until.holding);
  if ('sendBack' in until) return client.synced.then(() => sentBack(client, until.sendBack));
  return client.synced;
}

/**
 * Open a client per spec at once; resolves with them when every one is done. Rejects with `what`
 * after `timeoutMs` (a client whose socket failed never syncs), the clients closed.
 */
export async function stormSlice(specs: readonly ClientSpec[], until: StormUntil, timeoutMs: number, what: string): Promise<SyncClient[]> {
  const clients = specs.map((s) => openClient(s, !('holding' in until)));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      for (const c of clients) c.close();
      reject(new Error(`${what} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.all(clients.map((c) => done(c, until))), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return clients;
}

/**
 * The bytes each client's TCP socket has read so far (the HTTP upgrade answer and every frame),
 * summed over `clients` (NaN when a socket is gone). Read from the socket under `ws`
 * (`net.Socket.bytesRead`), so counting costs the clients nothing while they run.
 */
export function bytesRead(clients: readonly SyncClient[]): number {
  let sum = 0;
  for (const c of clients) sum += (c.ws as unknown as { _socket?: { bytesRead?: number } | null })._socket?.bytesRead ?? NaN;
  return sum;
}
