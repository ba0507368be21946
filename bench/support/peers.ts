/**
 * The peer servers (Hocuspocus, @y/websocket-server) some benchmarks measure Samplan against. They
 * are not part of the root install: {@link installPeers} installs them into
 * `bench/peers/node_modules` from `bench/peers/package.json` (a folder of their own, so that the
 * Yjs they bring is never the one bench/support and the tests resolve), and only for a run that
 * includes a benchmark starting one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The benchmarks that start a peer server (`startBenchServer('hocuspocus' | 'y-websocket-server')`). */
export const BENCHES_WITH_PEERS: ReadonlySet<string> = new Set(['sync', 'region', 'idle', 'wakes']);

/** Whether running the benchmarks `names` needs the peers installed. */
export function needsPeers(names: readonly string[]): boolean {
  return names.some((n) => BENCHES_WITH_PEERS.has(n));
}

/**
 * Install the peers into bench/peers/node_modules when they are not there yet. Returns false
 * (having said why on stderr) when npm failed.
 */
export function installPeers(): boolean {
  const peers = join(here, '..', 'peers');
  if (existsSync(join(peers, 'node_modules'))) return true;
  console.log('Installing the benchmark peers into bench/peers/node_modules (first run only) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', peers, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status === 0) return true;
  console.error('Could not install the benchmark peers: run `npm install --prefix bench/peers` and look at its output.');
  return false;
}
