/**
 * The whole Samplan server (`startServer`: HTTP routes, `/healthz`, sync) on an SQLite file, with
 * the fuzz workspace seeded, as a child process of bench/fuzz: `tsx fuzz-server.ts <db>`. Prints
 * `PORT <n>` once it listens. Run in its own process so that a crash shows as an exit.
 */
import { startServer } from '../../server/serve.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { createLogger } from '../../server/logger.js';
import { FUZZ_WS, seedFuzz } from './fuzz-seed.js';

const [db] = process.argv.slice(2);
if (!db) throw new Error('usage: fuzz-server.ts <db>');
const server = await startServer(
  { port: 0, host: '127.0.0.1', db, publicUrl: null, logLevel: 'silent', demo: false },
  { checkUpdate, logger: createLogger({ level: (process.env.SAMPLAN_BENCH_LOG ?? 'silent') as 'silent' }) },
);
if (!(await server.storage.getWorkspace(FUZZ_WS))) await seedFuzz(server.storage);
process.stdout.write(`PORT ${server.port}\n`);
const stop = async (): Promise<void> => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
