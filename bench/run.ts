/**
 * Runs the benchmarks one after another, each in its own process so that one's heap and timers
 * do not disturb the next, and prints their tables. `npm run bench -- sync excel` runs only those;
 * flags after the names go to each (`npm run bench -- soak --minutes 10`). The peer servers
 * (Hocuspocus, @y/websocket-server) are not part of the root install: a run that includes a
 * benchmark measuring them (`sync`, `region`, `idle`, `wakes`) stops, saying to run
 * `cd bench/peers && npm ci`, when they are missing, unless given `--install-peers`, which installs
 * them first (`support/peers.ts`); the others (`scale`, …) need none. A SIGINT or SIGTERM to this runner reaches the running
 * benchmark, which stops what it started, and no further benchmark starts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { INSTALL_PEERS_FLAG, needsPeers, peersReady } from './support/peers.js';
import { runBench, stopSignal } from './support/run-bench.js';

const ALL = ['validate', 'indicators', 'rounds', 'excel', 'sync', 'region', 'idle', 'wakes', 'scale', 'reliability', 'soak', 'fuzz'];
const here = dirname(fileURLToPath(import.meta.url));
const install = process.argv.includes(INSTALL_PEERS_FLAG);
const args = process.argv.slice(2).filter((a) => a !== INSTALL_PEERS_FLAG);
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passed = firstFlag < 0 ? [] : args.slice(firstFlag);
const names = wanted.length > 0 ? wanted : ALL;

if (needsPeers(names) && !peersReady({ install })) process.exit(1);
let failed = 0;
for (const name of names) {
  const file = join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench/${name}.ts does not exist (known: ${ALL.join(', ')})`);
    failed++;
    continue;
  }
  console.log(`\n## ${name}\n`);
  const started = Date.now();
  const status = await runBench(file, passed);
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${status})`);
  if (status !== 0) failed++;
  const signal = stopSignal();
  if (signal) process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.exit(failed > 0 ? 1 : 0);
