/**
 * One client process of a {@link ClientPool} (`client-pool.ts`), forked with `--import tsx` and
 * an IPC channel (advanced serialization, so bytes pass as `Uint8Array`). It owns the sockets of
 * the storm slices it is sent and answers over IPC:
 *
 * - `{ op: 'storm', id, specs, until, timeoutMs }` → opens the slice (`stormSlice`) and answers
 *   `{ op: 'stormed', id, cpuUs, bytes, count }` once every client is done: its own CPU (user +
 *   system, µs) from the request to that moment and the bytes its sockets read; or
 *   `{ op: 'stormed', id, error }`;
 *   With `listen` (a fan-out's readers), every client then reports each key `<listen>…` it
 *   receives, once per client, as `{ op: 'delivered', id, keys, at }` (`at`: {@link monoMs} at
 *   receipt), batched per event-loop turn;
 * - `{ op: 'cpu', id }` → `{ op: 'cpu', id, us }`, this process's CPU so far (user + system, µs);
 * - `{ op: 'close', id }` → closes that slice's clients and answers `{ op: 'closed', id }`;
 * - the channel closing (the bench ended or died) → exits.
 */
import type { SyncClient } from './sync-client.js';
import { forEachMarkedKey } from './marked-keys.js';
import { bytesRead, monoMs, stormSlice, type ClientSpec, type StormUntil } from './storm-clients.js';

/** A request of the pool. */
export type ProcRequest =
  | { op: 'storm'; id: number; specs: ClientSpec[]; until: StormUntil; timeoutMs: number; listen?: string }
  | { op: 'cpu'; id: number }
  | { op: 'close'; id: number };
/** An answer of a client process. */
export type ProcAnswer =
  | { op: 'ready' }
  | { op: 'stormed'; id: number; cpuUs: number; bytes: number; count: number }
  | { op: 'stormed'; id: number; error: string }
  | { op: 'delivered'; id: number; keys: string[]; at: number[] }
  | { op: 'cpu'; id: number; us: number }
  | { op: 'closed'; id: number };

const send = (answer: ProcAnswer): void => {
  process.send?.(answer);
};
const slices = new Map<number, SyncClient[]>();

/** Each client of slice `id` reports the keys `<listen>…` it receives, once each (see the file's comment). */
function listen(id: number, clients: readonly SyncClient[], prefix: string): void {
  const marker = Buffer.from(prefix);
  let keys: string[] = [];
  let at: number[] = [];
  const flush = (): void => {
    send({ op: 'delivered', id, keys, at });
    keys = [];
    at = [];
  };
  for (const c of clients) {
    const seen = new Set<string>();
    c.onRemote = (update) => {
      const now = monoMs();
      forEachMarkedKey(update, marker, (key) => {
        if (seen.has(key)) return;
        seen.add(key);
        if (keys.length === 0) setImmediate(flush);
        keys.push(key);
        at.push(now);
      });
    };
  }
}

process.on('message', (req: ProcRequest) => {
  if (req.op === 'cpu') {
    const cpu = process.cpuUsage();
    send({ op: 'cpu', id: req.id, us: cpu.user + cpu.system });
    return;
  }
  if (req.op === 'close') {
    for (const c of slices.get(req.id) ?? []) c.close();
    slices.delete(req.id);
    send({ op: 'closed', id: req.id });
    return;
  }
  const before = process.cpuUsage();
  stormSlice(req.specs, req.until, req.timeoutMs, `${req.specs.length} clients of a client process not done`).then(
    (clients) => {
      const cpu = process.cpuUsage(before);
      slices.set(req.id, clients);
      if (req.listen !== undefined) listen(req.id, clients, req.listen);
      send({ op: 'stormed', id: req.id, cpuUs: cpu.user + cpu.system, bytes: bytesRead(clients), count: clients.length });
    },
    (err: unknown) => send({ op: 'stormed', id: req.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ op: 'ready' });
