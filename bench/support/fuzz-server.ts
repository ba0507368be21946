/**
 * The whole Samplan server (`startServer`: HTTP routes, `/healthz`, sync) on an SQLite file that
 * bench/fuzz seeded, as a child process: `tsx fuzz-server.ts <db>`. Prints `PORT <n>` once it
 * listens. Run in its own process so that a crash shows as an exit.
 */
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/serve.js';
import { checkUpdate } from '../../shared/validate/check-update.js';

const [db] = process.argv.slice(2);
if (!db) throw new Error('usage: fuzz-server.ts <db>');
const server = await startServer(
  { port: 0, host: '127.0.0.1', db, databaseUrl: null, redisUrl: null, publicUrl: null, logLevel: 'silent', demo: false },
  { checkUpdate, logger: createLogger({ level: (process.env.SAMPLAN_BENCH_LOG ?? 'silent') as 'silent' }) },
);
process.stdout.write(`PORT ${server.port}\n`);
const stop = async (): Promise<void> => {
  await server.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
