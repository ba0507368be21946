/**
 * What a fan-out's bench clients are given to read (`fanout.ts`): the TCP bytes their sockets read
 * (WebSocket headers and payloads) and the WebSocket messages they got, the readers' apart from
 * the writers'. Read from counters the clients keep anyway (`net.Socket.bytesRead`,
 * `SyncClient.framesIn`), so counting costs them nothing while a window runs.
 */
import type { SyncClient } from './sync-client.js';
import { bytesRead } from './storm-clients.js';

/** Bytes and messages read, by the readers and by the writers. */
export interface ReadCounts {
  readerBytes: number;
  readerFrames: number;
  writerBytes: number;
  writerFrames: number;
}

/** Nothing read yet; `inProcess` false (the readers in client processes) makes the readers' counts NaN. */
export function noReads(inProcess: boolean): ReadCounts {
  return { readerBytes: inProcess ? 0 : NaN, readerFrames: inProcess ? 0 : NaN, writerBytes: 0, writerFrames: 0 };
}

/** WebSocket messages `clients` have received so far, summed. */
function framesIn(clients: readonly SyncClient[]): number {
  let sum = 0;
  for (const c of clients) sum += c.framesIn;
  return sum;
}

/**
 * Counts what `clients` (every in-process client of a fan-out) have read so far; `writers` are
 * counted apart. Call before and after a window and add the {@link readDelta}.
 */
export function readCounts(clients: readonly SyncClient[], writers: readonly SyncClient[]): ReadCounts {
  const writing = new Set(writers);
  const readers = clients.filter((c) => !writing.has(c));
  return { readerBytes: bytesRead(readers), readerFrames: framesIn(readers), writerBytes: bytesRead(writers), writerFrames: framesIn(writers) };
}

/** Adds `after − before` to `into`, field by field. */
export function addReadDelta(into: ReadCounts, before: ReadCounts, after: ReadCounts): void {
  into.readerBytes += after.readerBytes - before.readerBytes;
  into.readerFrames += after.readerFrames - before.readerFrames;
  into.writerBytes += after.writerBytes - before.writerBytes;
  into.writerFrames += after.writerFrames - before.writerFrames;
}
