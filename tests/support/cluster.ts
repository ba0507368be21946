/**
 * Server processes of a cluster for tests: each a child process running the real server on a
 * shared PostgreSQL database, optionally with Redis fan-out (`tests/server/scale/fixtures/cluster-node.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'scale', 'fixtures', 'cluster-node.ts');

/** One running server process. */
export interface ClusterNode {
  port: number;
  process: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** SIGKILL the process group; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/** Start one server process, with `env` added to its environment; resolves once it listens. */
export async function startNode(databaseUrl: string, redisUrl: string | null, port = 0, env: Record<string, string> = {}): Promise<ClusterNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, databaseUrl, redisUrl ?? '', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
    env: { ...process.env, ...env },
  });
  const listening = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port: listening,
    process: child,
    url: `http://127.0.0.1:${listening}`,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
      await gone;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await gone;
    },
  };
}
