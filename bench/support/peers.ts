/**
 * The peer servers (Hocuspocus, @y/websocket-server) some benchmarks measure Samplan against. They
 * are not part of the root install: they live in `bench/peers/node_modules`, installed from
 * `bench/peers/package.json` (a folder of their own, so that the Yjs they bring is never the one
 * bench/support and the tests resolve) by `cd bench/peers && npm ci`, or by a run given
 * {@link INSTALL_PEERS_FLAG}; {@link peersReady} checks for them only for a run that includes a
 * benchmark starting one.
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

/** The runner's flag that lets a run install the peers itself (`npm run bench -- sync --install-peers`). */
export const INSTALL_PEERS_FLAG = '--install-peers';

/**
 * Whether the peers are installed in `dir` (default `bench/peers`), installing them there with
 * `npm ci` only when `install` is true (the runner's {@link INSTALL_PEERS_FLAG}): an install runs
 * npm and builds native modules (better-sqlite3 of Hocuspocus' SQLite extension), which a bench run
 * must not start unasked. Without them and without `install`, says on stderr what to run instead
 * (`cd bench/peers && npm ci`) and returns false; false too when npm failed (said on stderr).
 */
export function peersReady(opts: { install: boolean; dir?: string; log?: (line: string) => void; run?: typeof spawnSync }): boolean {
  const peers = opts.dir ?? join(here, '..', 'peers');
  const log = opts.log ?? ((line: string) => console.error(line));
  if (existsSync(join(peers, 'node_modules'))) return true;
  if (!opts.install) {
    log(
      `The benchmark peers (Hocuspocus, @y/websocket-server) are not installed in ${join(peers, 'node_modules')}.\n` +
        `Install them with \`cd bench/peers && npm ci\` (it builds native modules) and run the bench again, ` +
        `or add ${INSTALL_PEERS_FLAG} to let this run install them.`,
    );
    return false;
  }
  console.log(`Installing the benchmark peers into ${join(peers, 'node_modules')} (${INSTALL_PEERS_FLAG}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = (opts.run ?? spawnSync)(npm, ['ci', '--prefix', peers, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status === 0) return true;
  log('Could not install the benchmark peers: run `cd bench/peers && npm ci` and look at its output.');
  return false;
}
