/**
 * `samplan-base`: Samplan's bench server of another checkout (`BENCH_BASE_CHECKOUT`), compiled
 * from that checkout's sources, for two versions side by side in one bench run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, expect, it } from 'vitest';
import { startBenchServer, stopBenchServers } from '../../bench/support/servers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'samplan-bench-base-'));
const before = process.env.BENCH_BASE_CHECKOUT;
afterEach(() => {
  if (before === undefined) delete process.env.BENCH_BASE_CHECKOUT;
  else process.env.BENCH_BASE_CHECKOUT = before;
});
afterAll(async () => {
  await stopBenchServers();
  rmSync(dir, { recursive: true, force: true });
});

it('without BENCH_BASE_CHECKOUT the base server is refused in words naming the variable', async () => {
  delete process.env.BENCH_BASE_CHECKOUT;
  await expect(startBenchServer('samplan-base', join(dir, 'none.db'))).rejects.toThrow(/set BENCH_BASE_CHECKOUT/);
});

it('with BENCH_BASE_CHECKOUT the base server starts from that checkout and answers', async () => {
  process.env.BENCH_BASE_CHECKOUT = root;
  const server = await startBenchServer('samplan-base', join(dir, 'base.db'));
  expect(server.kind).toBe('samplan-base');
  expect(await server.cpu()).toBeGreaterThan(0);
  await server.stop();
}, 120_000);
