/**
 * The bench's clients spread over several processes. A connect storm of 500 clients run from the
 * one bench process was bound by that process (one thread decoding what 500 sockets were sent:
 * 97–107 % of the wall time busy in Samplan's cold storms), so the storm's time said more about
 * the bench than about the server. A {@link ClientPool} forks `size` client processes
 * (`client-proc.ts`); {@link runStorm} hands each a slice of a storm's clients (round robin) and
 * gathers when each slice was done, its CPU and the bytes its sockets read. Every server is
 * driven through the same code; with no pool (`null`) the storm runs in the bench process, as
 * before.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProcAnswer, ProcRequest } from './client-proc.js';
import { bytesRead, stormSlice, type ClientSpec, type StormUntil } from './storm-clients.js';
export { monoMs } from './storm-clients.js';

/** The entry point of a bench client process (`client-proc.ts`), an absolute path. */
export const CLIENT_PROC_SCRIPT = fileURLToPath(new URL('./client-proc.ts', import.meta.url));

/** A storm's figures as the clients saw them, and its clients still open. */
export interface StormRun {
  /** The pool's id of the storm (0 in the bench process): what {@link ClientPool.onDelivered} hears it by. */
  id: number;
  /** Wall time from the first client opened until the last was done, in ms (the bench process's clock). */
  ms: number;
  /** The CPU (user + system) the clients' processes spent meanwhile, summed over them, in ms. */
  clientCpuMs: number;
  /** Bytes each client's socket read, on average (see `bytesRead`). */
  bytesPerClient: number;
  /** Closes every client of the storm. */
  close(): Promise<void>;
}

/** Client processes owning slices of the storms' sockets; {@link ClientPool.start} forks them. */
export class ClientPool {
  private nextId = 1;
  private readonly waiting = new Map<string, { resolve(a: ProcAnswer): void; reject(e: Error): void }>();
  private readonly listeners = new Map<number, (keys: readonly string[], at: readonly number[]) => void>();

  private constructor(private readonly procs: ChildProcess[]) {
    for (const [i, p] of procs.entries()) {
      p.on('message', (a: ProcAnswer) => {
        if (a.op === 'ready') return;
        if (a.op === 'delivered') {
          this.listeners.get(a.id)?.(a.keys, a.at);
          return;
        }
        const key = `${i}:${a.id}`;
        const w = this.waiting.get(key);
        this.waiting.delete(key);
        w?.resolve(a);
      });
      p.once('exit', (code, signal) => {
        for (const [key, w] of this.waiting) {
          if (!key.startsWith(`${i}:`)) continue;
          this.waiting.delete(key);
          w.reject(new Error(`bench client process ${i + 1} exited (${signal ?? code}) with a storm under way`));
        }
      });
    }
  }

  /**
   * Forks `size` client processes (≥ 1); resolves once each is ready. `launch` is how to start
   * one: by default {@link CLIENT_PROC_SCRIPT} under tsx; the tests pass it compiled once, so that
   * each child does not compile every source file again (`tests/support/compiled.ts`).
   */
  static async start(size: number, launch: { script: string; execArgv: string[] } = { script: CLIENT_PROC_SCRIPT, execArgv: ['--import', 'tsx'] }): Promise<ClientPool> {
    if (!Number.isInteger(size) || size < 1) throw new Error(`client processes: a whole number ≥ 1, not ${size}`);
    const procs = Array.from({ length: size }, () =>
      fork(launch.script, [], { execArgv: launch.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const pool = new ClientPool(procs);
    try {
      await Promise.all(
        procs.map(
          (p, i) =>
            new Promise<void>((resolve, reject) => {
              p.once('error', reject);
              p.once('exit', (code) => reject(new Error(`bench client process ${i + 1} exited (${code}) before it was ready`)));
              p.on('message', (a: ProcAnswer) => {
                if (a.op === 'ready') resolve();
              });
            }),
        ),
      );
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  /** How many client processes. */
  get size(): number {
    return this.procs.length;
  }

  /** The client processes' ids (for their CPU, e.g.). */
  get pids(): number[] {
    return this.procs.map((p) => p.pid ?? 0);
  }

  /** Sends `req` to process `i`; resolves with its answer. */
  ask(i: number, req: ProcRequest): Promise<ProcAnswer> {
    const p = this.procs[i];
    if (!p?.connected) return Promise.reject(new Error(`bench client process ${i + 1} is gone`));
    return new Promise((resolve, reject) => {
      this.waiting.set(`${i}:${req.id}`, { resolve, reject });
      p.send(req);
    });
  }

  /**
   * Hears the keys the clients of storm `id` (one run with `listen`) receive: each key once per
   * client, with when it came ({@link monoMs} of the client's process); `null` stops hearing.
   */
  onDelivered(id: number, listener: ((keys: readonly string[], at: readonly number[]) => void) | null): void {
    if (listener) this.listeners.set(id, listener);
    else this.listeners.delete(id);
  }

  /** The client processes' CPU so far (user + system), summed, in µs. */
  async cpuUs(): Promise<number> {
    const answers = await Promise.all(this.procs.map((_, i) => this.ask(i, { op: 'cpu', id: this.id() })));
    return answers.reduce((sum, a) => sum + (a.op === 'cpu' ? a.us : 0), 0);
  }

  /** A request id unique in this pool. */
  id(): number {
    return this.nextId++;
  }

  /** Ends the client processes (their clients close with them); resolves once each has exited. */
  async close(): Promise<void> {
    await Promise.all(
      this.procs.map((p) =>
        p.exitCode !== null || p.signalCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              p.once('exit', () => resolve());
              if (p.connected) p.disconnect();
              else p.kill();
            }),
      ),
    );
  }
}

/** `specs` dealt round robin into `n` slices (a slice may be empty). */
export function slices<T>(specs: readonly T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  specs.forEach((s, i) => out[i % n]?.push(s));
  return out;
}

/**
 * A connect storm: a client per spec opened at once, until every one is done as `until` says;
 * in the bench process with no pool, else over the pool's processes. Rejects with `what` when
 * they are not done within `timeoutMs` (the clients closed). With `listen` (a pool only) the
 * clients then report the keys `<listen>…` they receive ({@link ClientPool.onDelivered}).
 */
export async function runStorm(
  pool: ClientPool | null,
  specs: readonly ClientSpec[],
  until: StormUntil,
  timeoutMs: number,
  what: string,
  listen?: string,
): Promise<StormRun> {
  if (!pool) {
    if (listen !== undefined) throw new Error('runStorm: listen needs client processes');
    const before = process.cpuUsage();
    const start = performance.now();
    const clients = await stormSlice(specs, until, timeoutMs, what);
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(before);
    return {
      id: 0,
      ms,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      bytesPerClient: bytesRead(clients) / clients.length,
      close: async () => {
        for (const c of clients) c.close();
      },
    };
  }
  const id = pool.id();
  const parts = slices(specs, pool.size);
  const start = performance.now();
  const answers = await Promise.all(parts.map((part, i) => pool.ask(i, { op: 'storm', id, specs: part, until, timeoutMs, ...(listen === undefined ? {} : { listen }) })));
  const ms = performance.now() - start;
  const close = async (): Promise<void> => {
    pool.onDelivered(id, null);
    await Promise.all(parts.map((_, i) => pool.ask(i, { op: 'close', id })));
  };
  let cpuUs = 0;
  let bytes = 0;
  const errors: string[] = [];
  for (const a of answers) {
    if (a.op !== 'stormed') continue;
    if ('error' in a) errors.push(a.error);
    else {
      cpuUs += a.cpuUs;
      bytes += a.bytes;
    }
  }
  if (errors.length > 0) {
    await close();
    throw new Error(`${what} (${errors.join('; ')})`);
  }
  return { id, ms, clientCpuMs: cpuUs / 1000, bytesPerClient: bytes / specs.length, close };
}
