/**
 * PostgreSQL storage through `pg`'s pool, for several server processes on one database. It keeps
 * the contract of every adapter (`tests/server/storage/contract*.ts`): appends are one statement,
 * so an update is committed before the promise resolves and therefore before anyone is sent it,
 * and so are the group commits of several documents (`postgres-append.ts`; the append path, `postgres-appends.ts`);
 * the per-document row of `doc_heads` numbers updates across processes (see `postgres-schema.ts`).
 * A connection that cannot be made or is lost, a server shutting down or out of disk rejects with a
 * `StorageUnavailableError` (`postgres-faults.ts`), so the sync layer refuses writes with 1011 and REST with 503.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { PagedStoreDump } from './dump.js';
import { PG_QUERIES as Q, prepared } from './postgres-queries.js';
import { checkPostgresSchema, migratePostgres } from './postgres-schema.js';
import { dumpPostgres } from './postgres-dump.js';
import { postgresNotices } from './postgres-notices.js';
import { postgresRecords } from './postgres-records.js';
import { postgresAccessTokens } from './postgres-access-tokens.js';
import { bytes, str, strOrNull, type Row } from './record-rows.js';
import { docRefCheck } from './record-text.js';
import { planCompaction, retentionOf, type HistoryRetention } from './retention.js';
import { VACUUM_HISTORY, type DocRef, type Storage } from './storage.js';
import { docTurnsFor, postgresTurns } from './postgres-doc-turn.js';
import { onEveryConnectionError, redactUrl, withFaults } from './postgres-faults.js';
import { postgresStored } from './postgres-stored.js';
import { loadPostgresDoc } from './postgres-head.js';
import { buf, postgresAppends } from './postgres-appends.js';
import { NoBackupWriterError } from './no-backup-writer.js';

/** Options of {@link openPostgresStorage}. */
export interface PostgresStorageOptions {
  logger?: Logger;
  /** Source of the timestamps written on updates; defaults to the system clock. */
  clock?: () => Date;
  /** How much history compaction keeps; every change for 30 days, then hourly, by default. */
  retention?: Partial<HistoryRetention>;
  /** Connections in the pool, per process (default {@link DEFAULT_POOL_SIZE}); with 1, a rename's document turn opens one more of its own. */
  poolSize?: number;
  /**
   * How long a call waits for a free connection of the pool (or for a new one) before it fails as
   * unavailable, in ms (default 10000). A database that is down refuses at once; this bounds a
   * connect storm (hundreds of documents opened together) and a network that hangs.
   */
  connectTimeoutMs?: number;
  /**
   * How long a pooled connection may sit unused before it is closed, in ms; 0 (the default, see
   * {@link POOL_IDLE_TIMEOUT_MS}) keeps it open for the life of the process.
   */
  idleTimeoutMs?: number;
  /** Writes what the store holds to a file at `path`; `backup` rejects without one (see memory.ts). */
  writeBackup?: (path: string, dump: PagedStoreDump) => Promise<void>;
  /** Rows of the audit trail and update log per query of a backup (default `DUMP_PAGE_ROWS`). */
  dumpPageRows?: number;
  /**
   * Write nothing (`samplan export`, `report`, `backup`: a read-only standby or a role that may only
   * read serves them): no schema upgrade (a database of another schema version is refused,
   * `checkPostgresSchema`), every connection's transactions read-only (a write fails with
   * PostgreSQL's 25006), and a load whose head or snapshot is to be rebuilt answers from what it
   * read, nothing stored (`loadPostgresDoc`).
   */
  readonly?: boolean;
}

/**
 * Connections a process's pool opens at most by default. A burst of work (a connect storm: every
 * loaded document read in a transaction of its own) opens them all at once, and each is a
 * PostgreSQL backend process: forked, its caches and prepared statements built anew (they are
 * then kept open, {@link POOL_IDLE_TIMEOUT_MS}). With 20 per process, three processes on two cores opened 60 backends
 * for a storm of 200 clients, and their ending alone cost PostgreSQL about half a second of CPU
 * (`npm run bench -- scale --account`: 51–58 against 37–41 ms/s over the next 20 s with 8).
 * More connections than the database has cores add no throughput, and N processes hold up to
 * N × (this many + the listening one, `postgres-notices.ts`) against `max_connections` (100 by
 * default): ten leaves room for eight processes and the `samplan` and `pg_dump` commands.
 */
export const DEFAULT_POOL_SIZE = 10;

/**
 * How long a pooled connection may stay unused before it is closed, in ms: 0, never (the driver's
 * default is 10 s). A burst (a connect storm reading every loaded document) opens the whole pool,
 * and ten seconds later every backend of it ended again, to be forked anew at the next burst:
 * three processes after a storm of 200 clients ended 27 backends together, about 0.4 s of
 * PostgreSQL's CPU (`npm run bench -- scale --account 10` counted it as 21–28 ms/s of idle
 * PostgreSQL). The connections are already counted against `max_connections` at their most
 * ({@link DEFAULT_POOL_SIZE}), so keeping them costs no slot, only an idle backend's memory; TCP
 * keep-alive ({@link POOL_KEEPALIVE_MS}) keeps a firewall's or NAT's record of them alive and finds,
 * within minutes, one that was dropped without a word, which the pool then drops and replaces.
 */
export const POOL_IDLE_TIMEOUT_MS = 0;

/** Idle time before a pooled connection's first TCP keep-alive probe, in ms. */
export const POOL_KEEPALIVE_MS = 30_000;


/**
 * Open (creating tables and migrating if needed) a PostgreSQL database.
 *
 * @example
 * ```ts
 * const storage = await openPostgresStorage('postgres://samplan@db.example/samplan', { logger });
 * ```
 */
export async function openPostgresStorage(url: string, opts: PostgresStorageOptions = {}): Promise<Storage> {
  const poolSize = opts.poolSize ?? DEFAULT_POOL_SIZE;
  // Read-only: every connection's transactions too, so PostgreSQL itself refuses a write, whatever path would make it
  // (queued on the new connection before the query it was opened for).
  const readOnly = (p: pg.Pool): pg.Pool => (opts.readonly ? p.on('connect', (client) => void client.query('SET default_transaction_read_only = on').catch(() => undefined)) : p);
  const newPool = (max: number) => readOnly(
    // A connection the server drops emits `error`, idle or checked out; without a listener it would end the process.
    onEveryConnectionError(
      new pg.Pool({
        connectionString: url,
        max,
        connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
        idleTimeoutMillis: opts.idleTimeoutMs ?? POOL_IDLE_TIMEOUT_MS,
        keepAlive: true,
        keepAliveInitialDelayMillis: POOL_KEEPALIVE_MS,
        application_name: 'samplan',
      }),
      (err) => opts.logger?.warn({ err: err.message }, 'PostgreSQL connection lost'),
    ),
  );
  const pool = newPool(poolSize);
  // A document's turn holds a connection while its work writes on others: in a pool of one it would
  // take the connection its own writes wait for. Such turns hold one of their own, opened when asked.
  const turnPool = poolSize < 2 ? newPool(1) : pool;
  const clock = opts.clock ?? (() => new Date());
  const now = (): string => clock().toISOString();
  const retention = retentionOf(opts.retention);
  // A document's ids, checked before any row keyed by them is written (updates, heads, snapshots).
  const checkRef = docRefCheck();
  try {
    await (opts.readonly ? checkPostgresSchema(pool) : migratePostgres(pool, opts.logger));
  } catch (err) {
    if (turnPool !== pool) await turnPool.end();
    await pool.end();
    throw err;
  }
  opts.logger?.info({ database: redactUrl(url) }, 'storage opened');
  // Other writers' changes told instead of polled for (`watchChanges`); connects once watched.
  const notices = postgresNotices(url, randomUUID(), opts.logger);

  const rows = async (sql: string | pg.QueryConfig, params: unknown[] = []): Promise<Row[]> =>
    (await (typeof sql === 'string' ? pool.query(sql, params) : pool.query(sql))).rows as Row[];
  const inTx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  const lastSeq = async (q: Pick<pg.PoolClient, 'query'>, ref: DocRef, lock = false): Promise<number> => {
    const values = [ref.workspace, ref.doc];
    const { rows: r } = await q.query(lock ? prepared('lock_head', Q.lockHead, values) : prepared('head', Q.head, values));
    return Number((r[0] as Row | undefined)?.last_seq ?? 0);
  };

  const storage: Storage = {
    async loadDoc(ref) {
      // One statement, one snapshot, one round trip (`PG_QUERIES.load`): a storm of loads held
      // every pooled connection for seven round trips each, and at load the queue behind them
      // passed the pool's wait limit (a refused load, 1013). Rows under no head get one first.
      return loadPostgresDoc(pool, ref, now, opts.logger, opts.readonly === true);
    },
    ...postgresAppends({ pool, clock, now, appendNotice: () => notices.appendNotice(), logger: opts.logger, checkRef, rows, inTx, lastSeq }),
    async lastSeqs(workspace, docs) {
      const heads = new Map<string, number>(docs.map((doc) => [doc, 0]));
      if (docs.length === 0) return heads;
      for (const r of await rows(prepared('heads', Q.heads, [workspace, [...new Set(docs)]]))) heads.set(str(r.doc), Number(r.last_seq));
      return heads;
    },
    async compact(ref, snapshot, uptoSeq, fresh, replacing) {
      checkRef(ref);
      await inTx(async (c) => {
        const last = await lastSeq(c, ref, true);
        if (uptoSeq > last) throw new RangeError(`cannot compact up to ${uptoSeq}: last sequence is ${last}`);
        const current = (await c.query(Q.snapshotSeq, [ref.workspace, ref.doc])).rows[0] as Row | undefined;
        // The same state's fresh clients' answer for a snapshot stored without one, or with damaged ones: kept, nothing else written.
        if (fresh && current && Number(current.upto_seq) === uptoSeq) await c.query(Q.putFresh, [ref.workspace, ref.doc, uptoSeq, buf(fresh), replacing ? buf(replacing) : null]);
        if (uptoSeq <= (current ? Number(current.upto_seq) : 0)) return;
        await c.query(Q.putSnapshot, [ref.workspace, ref.doc, uptoSeq, now(), buf(snapshot), fresh ? buf(fresh) : null]);
        const at = (await c.query(Q.updateAt, [ref.workspace, ref.doc, uptoSeq])).rows[0] as Row | undefined;
        const added = { seq: uptoSeq, at: at ? str(at.at) : now() };
        const existing = ((await c.query(Q.listCheckpoints, [ref.workspace, ref.doc])).rows as Row[]).map((r) => ({ seq: Number(r.seq), at: str(r.at) }));
        const plan = planCompaction(existing, added, clock(), retention);
        if (plan.drop.length > 0) await c.query(Q.dropCheckpoints, [ref.workspace, ref.doc, plan.drop]);
        await c.query(Q.putCheckpoint, [ref.workspace, ref.doc, added.seq, added.at, buf(snapshot)]);
        if (plan.pruneUpto > 0) await c.query(Q.pruneUpdates, [ref.workspace, ref.doc, plan.pruneUpto]);
      });
    },
    async putFresh(ref, uptoSeq, fresh, replacing) {
      checkRef(ref);
      // One statement: the snapshot at `uptoSeq` without fresh bytes, or with exactly `replacing` ($5).
      return ((await pool.query(Q.putFresh, [ref.workspace, ref.doc, uptoSeq, buf(fresh), replacing ? buf(replacing) : null])).rowCount ?? 0) > 0;
    },
    async replaceHistory(ref, snapshot, atSeq, dropTakeBacks, fresh) {
      checkRef(ref);
      return inTx(async (c) => {
        // The head row locked: an append waits for this transaction, and one committed before it is seen.
        if (atSeq < 1 || (await lastSeq(c, ref, true)) !== atSeq) return false;
        for (const sql of Q.replaceHistory) await c.query(sql, [ref.workspace, ref.doc]);
        await c.query(Q.putSnapshot, [ref.workspace, ref.doc, atSeq, now(), buf(snapshot), buf(fresh)]);
        if (dropTakeBacks.length > 0) await c.query(Q.dropTakeBacks, [ref.workspace, ref.doc, dropTakeBacks.map(buf)]);
        return true;
      });
    },
    async vacuumHistory() {
      await pool.query(VACUUM_HISTORY);
    },
    async listUpdates(ref, afterSeq, limit) {
      const r = await rows(prepared('history', Q.history, [ref.workspace, ref.doc, afterSeq, Math.max(0, limit)]));
      return r.map((x) => ({ seq: Number(x.seq), at: str(x.at), memberId: strOrNull(x.member_id), update: bytes(x.data) }));
    },
    async loadTakeBacks(ref) {
      return (await rows(prepared('take_backs', Q.takeBacks, [ref.workspace, ref.doc]))).map((r) => bytes(r.data));
    },
    ...postgresStored(rows, inTx),
    async listCheckpoints(ref) {
      return (await rows(Q.listCheckpoints, [ref.workspace, ref.doc])).map((r) => ({ seq: Number(r.seq), at: str(r.at) }));
    },
    async getCheckpoint(ref, seq) {
      const [r] = await rows(Q.getCheckpoint, [ref.workspace, ref.doc, seq]);
      return r ? bytes(r.data) : null;
    },
    async dataVersion() {
      const [r] = await rows(prepared('version', Q.version, []));
      return Number(r?.v ?? 0);
    },
    async rightsVersion() {
      const [r] = await rows(prepared('rights_version', Q.rightsVersion, []));
      return Number(r?.v ?? 0);
    },
    async checkWritable() {
      await pool.query(Q.writeCheck, [now()]);
    },

    ...postgresRecords(pool, rows, inTx),
    ...postgresAccessTokens(rows, inTx),
    ...postgresTurns(turnPool, docTurnsFor(poolSize)),

    async backup(path) {
      if (!opts.writeBackup) throw new NoBackupWriterError('postgres');
      const write = opts.writeBackup;
      // The pages of the large tables are read while the backup is written, in the one transaction.
      await inTx(async (c) => write(path, await dumpPostgres(c, opts.dumpPageRows)));
      opts.logger?.info({ path }, 'storage backed up');
    },
    watchChanges(handlers, watchOpts) {
      return notices.watch(handlers, watchOpts);
    },
    async close() {
      if (pool.ended) return;
      await notices.close();
      if (turnPool !== pool) await turnPool.end();
      await pool.end();
      opts.logger?.info('storage closed');
    },
  };
  return withFaults(storage);
}
