/**
 * The kill -9 test at bench strength: 20 rounds (`RELIABILITY_ROUNDS`) of several clients writing
 * to a sync server child on SQLite that is killed with SIGKILL at a random moment, restarted, and
 * checked for every row any client had received from the server.
 *
 *   npx tsx bench/reliability.ts
 */
import { runCrashRounds } from '../tests/server/sync/crash-rounds.js';

const ROUNDS = Number(process.env.RELIABILITY_ROUNDS ?? 20);
const WRITERS = Number(process.env.RELIABILITY_WRITERS ?? 3);

const rounds = await runCrashRounds(ROUNDS, WRITERS);
console.log(`kill -9 rounds: ${ROUNDS}, writers: ${WRITERS}, SQLite WAL synchronous=NORMAL\n`);
console.log('| round | killed after ms | rows written | rows seen by peers (cumulative) | missing after restart | restart ms |');
console.log('|---|---|---|---|---|---|');
for (const r of rounds) {
  console.log(`| ${r.round + 1} | ${r.killAfterMs} | ${r.written} | ${r.seen} | ${r.missing} | ${r.startMs} |`);
}
const missing = rounds.reduce((sum, r) => sum + r.missing, 0);
console.log(`\nTotal missing: ${missing} ${missing === 0 ? '(every update any client saw survived)' : '(LOST UPDATES)'}`);
process.exit(missing === 0 ? 0 : 1);
