/**
 * The memory slopes of `bench/region`: heap and RSS per idle connection and per loaded document,
 * read through the bench hook after a full GC, against one running server.
 */
import type { BenchServer } from './servers.js';
import type { SyncClient } from './sync-client.js';
import { regionDoc } from './region-seed.js';
import { connect } from './region-measure.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of `ys` over `xs` (units of y per unit of x). */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Memory slopes: bytes per unit after a full GC, heap and RSS. */
export interface MemorySlope {
  heap: number;
  rss: number;
}

/**
 * Heap and RSS per idle connection: clients on one document (opened first, so its load is not
 * counted), in `steps` (e.g. 0, 250, 500, 750, 1000 connections), memory read after a full GC.
 */
export async function memoryPerConnection(server: BenchServer, steps: readonly number[], state: Uint8Array): Promise<MemorySlope> {
  const doc = regionDoc(0);
  const open = await connect(server, [doc], state);
  await sleep(300);
  const heaps: number[] = [];
  const rsss: number[] = [];
  for (const step of steps) {
    const more = step - (open.length - 1);
    if (more > 0) open.push(...(await connect(server, Array.from({ length: more }, () => doc), null)));
    await sleep(300);
    const m = await server.mem();
    heaps.push(m.heapUsed);
    rsss.push(m.rss);
  }
  for (const c of open) c.close();
  return { heap: slope(steps, heaps), rss: slope(steps, rsss) };
}

/**
 * Heap and RSS per loaded document: one client per document (it sends the documents' state, so
 * the peers hold what Samplan loads), over `steps` documents (e.g. 1, 100, 250, 500). The slope
 * includes that one connection.
 */
export async function memoryPerDoc(server: BenchServer, steps: readonly number[], state: Uint8Array): Promise<MemorySlope> {
  const open: SyncClient[] = [];
  const heaps: number[] = [];
  const rsss: number[] = [];
  for (const step of steps) {
    const docs = Array.from({ length: step - open.length }, (_, i) => regionDoc(open.length + i));
    open.push(...(await connect(server, docs, state)));
    await sleep(500);
    const m = await server.mem();
    heaps.push(m.heapUsed);
    rsss.push(m.rss);
  }
  for (const c of open) c.close();
  return { heap: slope(steps, heaps), rss: slope(steps, rsss) };
}
