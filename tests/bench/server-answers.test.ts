/**
 * A bench server that dies: the bench's next request to it fails with words naming the server,
 * instead of waiting for an answer line that never comes (a bench that hangs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBenchServer, stopBenchServers } from '../../bench/support/servers.js';

const dir = mkdtempSync(join(tmpdir(), 'samplan-bench-answers-'));
afterAll(async () => {
  await stopBenchServers();
  rmSync(dir, { recursive: true, force: true });
});

it('a request to a bench server that died is refused in words, not left waiting', async () => {
  const server = await startBenchServer('samplan', join(dir, 'bench.db'));
  process.kill(server.pid, 'SIGKILL');
  await expect(server.cpu()).rejects.toThrow(/samplan \(pid \d+\) ended its output before answering/);
}, 120_000);
