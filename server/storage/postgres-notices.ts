/**
 * Other writers' changes told through PostgreSQL `LISTEN/NOTIFY` instead of asked for on a timer
 * (`Storage.watchChanges`). Two channels:
 *
 * - {@link RIGHTS_CHANNEL}: a trigger on `rights_version` (schema version 7, `postgres-schema.ts`)
 *   notifies in every statement that writes tokens, members, removals or document records, as
 *   each of them bumps that row in its own statement (`postgres-queries.ts`). So every writer is
 *   heard, the `samplan` commands included, without any of them doing anything for it.
 * - {@link APPENDS_CHANNEL}: the append statements notify in the same statement (so only once it
 *   commits) when given a payload, the writing store's origin; a store whose appends reach the
 *   other processes otherwise (a connected Redis fan-out) gives none, so an edit wakes the other
 *   processes once (through Redis), not twice. The `samplan` commands always notify.
 *
 * PostgreSQL sends a notice only to sessions listening at commit time, after the commit, once per
 * distinct payload per transaction. One connection per process listens, outside the pool (a
 * pooled connection is handed to other work and would lose its `LISTEN`). When it drops (the
 * backend is terminated, the database restarts, the network fails), the watchers are told
 * `listening(false)` and poll as before; it is opened again with growing pauses (100 ms up to 2 s),
 * and once it listens again they are told `listening(true)` and read once, since a change made in
 * between was told to nobody. TCP keep-alive is on, so a silent network failure ends it too.
 *
 * A rights notice says what was written and the rights version it moved to ("<version> <kind>",
 * {@link rightsNoticeOf}; the trigger of schema version 13 reads both from the bump): a process
 * skips the rights round of a write that lowers no open socket's rights (a token added: a sign-in,
 * a new API token), and reads rights again for any other (`live-rights.ts`). An empty notice (a
 * writer of an earlier Samplan sets no kind) tells of anything. A watcher reads storage afterwards:
 * the notice carries no rights themselves. Several databases' schemas on one PostgreSQL database
 * share the channels; a notice of another schema costs one needless read (or, its version
 * skipped, none).
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { rightsNoticeOf, type ChangeHandlers, type ChangeWatch, type ChangeWatchOptions } from './storage.js';

export { rightsNoticeOf } from './storage.js';

/** Notified after every committed write of tokens, members, removals or document records. */
export const RIGHTS_CHANNEL = 'samplan_rights';
/** Notified after committed appends that are not published otherwise; payload the writer's origin. */
export const APPENDS_CHANNEL = 'samplan_appends';
/** `application_name` of the listening connection (find it in `pg_stat_activity`). */
export const NOTICES_APPLICATION = 'samplan-notices';

/** Pauses before opening the listening connection again, in ms, by attempt (the last repeats). */
const RETRY_MS = [100, 250, 500, 1000, 2000];

/** What {@link postgresNotices} gives back to the store. */
export interface PostgresNotices {
  /** `Storage.watchChanges`: the first watcher opens the listening connection, the last one to stop closes it. */
  watch(handlers: ChangeHandlers, opts?: ChangeWatchOptions): ChangeWatch;
  /**
   * The payload an append of this store notifies {@link APPENDS_CHANNEL} with: this store's origin,
   * or null (no notice) while a watcher says its appends are published otherwise.
   */
  appendNotice(): string | null;
  /** Stop listening for good (the store closes). */
  close(): Promise<void>;
}

interface Watcher {
  handlers: ChangeHandlers;
  opts: ChangeWatchOptions;
}

/**
 * Notices of the database at `url` for a store of origin `origin` (a random id per store: its own
 * appends' notices are not handed to its own watchers). Connects only once watched.
 *
 * @example
 * const notices = postgresNotices(url, randomUUID(), logger);
 * const watch = notices.watch({ rights: () => recheck(), appends: () => lookForUpdates(), listening: (on) => poll(!on) });
 */
export function postgresNotices(url: string, origin: string, logger?: Logger): PostgresNotices {
  const watchers = new Set<Watcher>();
  let client: pg.Client | null = null;
  let on = false;
  let closed = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;

  const each = (fn: (h: ChangeHandlers) => void): void => {
    for (const w of [...watchers]) {
      try {
        fn(w.handlers);
      } catch (err) {
        logger?.error({ err }, 'a storage change notice handler failed');
      }
    }
  };

  const lost = (c: pg.Client, err?: Error): void => {
    if (client !== c) return;
    client = null;
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (on) {
      on = false;
      logger?.warn({ err: err?.message }, 'PostgreSQL change notices lost; polling until they are back');
      each((h) => h.listening(false));
    }
    schedule();
  };

  const schedule = (): void => {
    if (closed || retry || client || watchers.size === 0) return;
    const pause = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)] as number;
    attempt++;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, pause);
    retry.unref();
  };

  const connect = async (): Promise<void> => {
    if (closed || client || watchers.size === 0) return;
    const c = new pg.Client({ connectionString: url, application_name: NOTICES_APPLICATION, keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = c;
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel === RIGHTS_CHANNEL) {
        const notice = rightsNoticeOf(n.payload);
        each((h) => h.rights(notice));
      }
      else if (n.channel === APPENDS_CHANNEL && n.payload !== origin) each((h) => h.appends());
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${RIGHTS_CHANNEL}; LISTEN ${APPENDS_CHANNEL}`);
    } catch (err) {
      lost(c, err as Error);
      return;
    }
    if (client !== c) return;
    if (closed) {
      client = null;
      await c.end().catch(() => undefined);
      return;
    }
    attempt = 0;
    on = true;
    logger?.info('listening for PostgreSQL change notices');
    each((h) => h.listening(true));
  };

  const stopListening = async (): Promise<void> => {
    if (retry) clearTimeout(retry);
    retry = null;
    const c = client;
    client = null;
    on = false;
    attempt = 0;
    if (c) {
      c.removeAllListeners('notification');
      await c.end().catch(() => undefined);
    }
  };

  return {
    watch(handlers, opts = {}) {
      const w: Watcher = { handlers, opts };
      watchers.add(w);
      if (on) queueMicrotask(() => watchers.has(w) && handlers.listening(true));
      else if (!client && !retry) void connect();
      return {
        listening: () => on,
        stop() {
          if (!watchers.delete(w)) return;
          if (watchers.size === 0) void stopListening();
        },
      };
    },
    appendNotice() {
      for (const w of watchers) if (w.opts.appendsPublished?.()) return null;
      return origin;
    },
    async close() {
      closed = true;
      watchers.clear();
      await stopListening();
    },
  };
}
