/**
 * Writes a large change (a 50,000-row paste) as several doc transactions, each of whose Yjs
 * update stays under a byte limit, so each goes to the server as one frame of its own and the
 * change arrives in order and whole. For the binding (`addin/excel`) and any other writer.
 */
import type * as Y from 'yjs';
import { Limits } from '../../shared/protocol/limits.js';

/** Options of {@link transactInChunks}. */
export interface ChunkOptions<T> {
  /** Largest update one transaction may make, in bytes (default `Limits.maxFrameBytes`). */
  maxBytes?: number;
  /** Origin of every transaction (e.g. the binding's own origin). */
  origin?: unknown;
  /** A rough size of one item in bytes (default: the length of its JSON); calibrated as it goes. */
  sizeOf?: (item: T) => number;
}

/** What {@link transactInChunks} did. */
export interface ChunkReport {
  transactions: number;
  /** The largest update one of them made, in bytes. */
  largestUpdateBytes: number;
}

const defaultSize = (item: unknown): number => (JSON.stringify(item) ?? '').length + 16;

/**
 * Calls `write(item, index)` for every item, in order, inside as few `doc.transact` calls as
 * keep each update under half of `maxBytes` (the other half is the margin for an estimate that
 * is off). Sizes are estimated with `sizeOf` and corrected by the bytes each committed
 * transaction actually made; the first transaction is small to learn that ratio.
 *
 * @throws {Error} when called inside another transaction of `doc` (the chunks would merge into it).
 * @example
 * transactInChunks(doc, pastedRows, (values) => insertRow(doc, values), { origin: ctx.origin });
 */
export function transactInChunks<T>(doc: Y.Doc, items: readonly T[], write: (item: T, index: number) => void, options: ChunkOptions<T> = {}): ChunkReport {
  if (doc._transaction !== null) throw new Error('transactInChunks must not run inside a transaction of the same doc');
  const target = (options.maxBytes ?? Limits.maxFrameBytes) / 2;
  const sizeOf = options.sizeOf ?? defaultSize;
  let bytesPerUnit = 1;
  let budget = target / 8;
  const report: ChunkReport = { transactions: 0, largestUpdateBytes: 0 };
  let next = 0;
  while (next < items.length) {
    const from = next;
    let estimate = 0;
    do {
      estimate += sizeOf(items[next] as T);
      next++;
    } while (next < items.length && (estimate + sizeOf(items[next] as T)) * bytesPerUnit <= budget);
    let bytes = 0;
    const measure = (update: Uint8Array): void => {
      bytes += update.byteLength;
    };
    doc.on('update', measure);
    try {
      doc.transact(() => {
        for (let i = from; i < next; i++) write(items[i] as T, i);
      }, options.origin ?? null);
    } finally {
      doc.off('update', measure);
    }
    report.transactions++;
    report.largestUpdateBytes = Math.max(report.largestUpdateBytes, bytes);
    if (estimate > 0 && bytes > 0) bytesPerUnit = Math.max(bytesPerUnit, bytes / estimate);
    budget = target;
  }
  return report;
}
