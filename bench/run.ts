/**
 * Runs the benchmarks one after another, each in its own process so that one's heap and timers
 * do not disturb the next, and prints their tables. `npm run bench -- sync excel` runs only those;
 * flags after the names go to each (`npm run bench -- soak --minutes 10`). The peer servers
 * (Hocuspocus, @y/websocket-server) are not part of the root install: the first run installs
 * them into `bench/peers/node_modules` from `bench/peers/package.json` (a folder of their own, so
 * that the Yjs they bring is never the one bench/support and the tests resolve).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ALL = ['validate', 'indicators', 'rounds', 'excel', 'sync', 'region', 'idle', 'scale', 'reliability', 'soak', 'fuzz'];
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('-'));
const wanted = firstFlag < 0 ? args : args.slice(0, firstFlag);
const passed = firstFlag < 0 ? [] : args.slice(firstFlag);
const names = wanted.length > 0 ? wanted : ALL;

/** Install the peers into bench/peers/node_modules when they are not there yet. */
function installPeers(): void {
  const peers = join(here, 'peers');
  if (existsSync(join(peers, 'node_modules'))) return;
  console.log('Installing the benchmark peers into bench/peers/node_modules (first run only) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', peers, '--no-audit', '--no-fund'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('Could not install the benchmark peers: run `npm install --prefix bench/peers` and look at its output.');
    process.exit(1);
  }
}

installPeers();
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
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file, ...passed], { stdio: 'inherit', env: process.env });
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${r.status})`);
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
