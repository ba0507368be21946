/**
 * A document's turn across processes on one PostgreSQL database (`DocumentStore.inDocTurn`): the
 * renames of a document run one at a time in every server process at once, not only in one
 * (`KeyedQueue` in the route orders those of its own process). The turn is a transaction-scoped
 * advisory lock on the document, held by a transaction left open while the turn's work runs on
 * other connections of the pool, and let go when that transaction ends: also when the process or
 * its connection dies, so a crashed holder never keeps a document's turn.
 *
 * A turn is waited for by asking again (`pg_try_advisory_xact_lock`), with no connection held
 * meanwhile: waiters of other documents never fill the pool the holders need for their writes.
 * Holders (and askers) of turns take at most {@link docTurnsFor} of the pool's connections at once:
 * each holds one for as long as its work runs, and that work needs others for its reads and writes,
 * so with many documents renamed at once the holders would take the whole pool and wait for
 * themselves. One turn more is refused at once ({@link DocTurnsFullError}); nothing is changed.
 */
import type pg from 'pg';
import type { DocRef } from './storage-records.js';

/** How long a turn is waited for before {@link DocTurnBusyError}, in ms. */
export const DOC_TURN_WAIT_MS = 10_000;

/** The advisory locks' first key, naming them as Samplan's document turns ('SAMP'). */
const TURN_CLASS = 0x53414d50;

/** Take the turn of document ($1, $2) if free; the key is the hash of the length-prefixed pair, so no two pairs run together. */
const TRY_TURN = `SELECT pg_try_advisory_xact_lock(${TURN_CLASS}, hashtext(length($1)::text || ':' || $1 || $2)) AS held`;

/** A document's turn stayed taken by another process for longer than {@link DOC_TURN_WAIT_MS}. */
export class DocTurnBusyError extends Error {
  constructor(readonly ref: DocRef) {
    super(`the document ${ref.workspace}/${ref.doc} is being changed by another server process; nothing was changed`);
    this.name = 'DocTurnBusyError';
  }
}

/**
 * As many turns as one process's pool of `poolSize` connections may hold at once: half of it (at
 * least one), leaving the other half for the holders' own reads and writes and for everything else
 * the process does (sockets' edits, loads).
 */
export function docTurnsFor(poolSize: number): number {
  return Math.max(1, Math.floor(poolSize / 2));
}

/** This process already held as many documents' turns as its pool allows ({@link docTurnsFor}); nothing was changed. */
export class DocTurnsFullError extends Error {
  constructor(
    readonly ref: DocRef,
    readonly limit: number,
  ) {
    super(`${limit} documents are being changed on this server process at once, the most it takes; ${ref.workspace}/${ref.doc} was not changed`);
    this.name = 'DocTurnsFullError';
  }
}

/**
 * `inDocTurn` over `pool`: runs `fn` holding `ref`'s turn and resolves with what it resolves with;
 * rejects with what `fn` rejects with, with the driver's error when the turn cannot be asked for,
 * with {@link DocTurnBusyError} when it is not free within `waitMs`, and with
 * {@link DocTurnsFullError} when `maxTurns` turns of this pool are held or asked for already
 * (give {@link docTurnsFor} the pool's size).
 */
export function postgresDocTurns(pool: Pick<pg.Pool, 'connect'>, maxTurns: number, waitMs = DOC_TURN_WAIT_MS) {
  /** Connections of the pool that turns hold now (a holder's, or an asker's while it asks). */
  let taken = 0;
  return async function inDocTurn<T>(ref: DocRef, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      if (taken >= maxTurns) throw new DocTurnsFullError(ref, maxTurns);
      taken++;
      const client = await pool.connect().catch((err: unknown) => {
        taken--;
        throw err;
      });
      let held = false;
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        held = ((await client.query(TRY_TURN, [ref.workspace, ref.doc])).rows[0] as { held?: boolean } | undefined)?.held === true;
        if (held) return await fn();
      } finally {
        // Ending the transaction lets the turn go (a rollback: it wrote nothing).
        await client.query('ROLLBACK').catch((err: Error) => (broken = err));
        client.release(broken);
        taken--;
      }
      if (Date.now() >= deadline) throw new DocTurnBusyError(ref);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
}
