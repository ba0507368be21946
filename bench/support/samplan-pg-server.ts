/**
 * Samplan's sync route on PostgreSQL with Redis fan-out, one process of a bench cluster:
 * `node --expose-gc --import tsx samplan-pg-server.ts <postgres-url>`, Redis from
 * `SAMPLAN_REDIS_URL`. Prints `PORT <n>`, then answers the bench hook's `mem` and `cpu` lines, and
 * `stats` with where the fan-out path's time went since the last `stats` (`stage-timer.ts`), when
 * `SAMPLAN_BENCH_STAGES=1` (`{}` otherwise: the timer is not run).
 */
import { pino } from 'pino';
import { connectRedisFanout } from '../../server/fanout/redis.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import { startSyncServer } from '../../server/sync/start-sync-server.js';
import { syncAuthFor } from '../../server/http/sync-auth.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import { installBenchHook } from './bench-hook.js';
import { timeStages } from './stage-timer.js';

const [url] = process.argv.slice(2);
const redisUrl = process.env.SAMPLAN_REDIS_URL;
if (!url || !redisUrl) throw new Error('usage: SAMPLAN_REDIS_URL=redis://… samplan-pg-server.ts <postgres-url>');
const logger = pino({ level: process.env.SAMPLAN_BENCH_LOG ?? 'silent' }, pino.destination(2));
const opened = { storage: await openPostgresStorage(url, { logger }), fanout: await connectRedisFanout(redisUrl, { logger }) };
// The stage timer costs each process CPU the SQLite one does not pay: only when asked (`bench/scale.ts --stages`).
const stages = process.env.SAMPLAN_BENCH_STAGES === '1' ? timeStages(opened.storage, opened.fanout, redisUrl) : null;
const { storage, fanout } = stages ?? opened;
const server = await startSyncServer({ storage, records: storage, fanout, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger });
process.stdout.write(`PORT ${server.port}\n`);
installBenchHook(stages ? () => stages.report() : undefined);
