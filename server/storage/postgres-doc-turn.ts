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
 * `inDocTurn` over `pool`: runs `fn` holding `ref`'s turn and resolves with what it resolves with;
 * rejects with what `fn` rejects with, with the driver's error when the turn cannot be asked for,
 * and with {@link DocTurnBusyError} when it is not free within `waitMs`.
 */
export function postgresDocTurns(pool: Pick<pg.Pool, 'connect'>, waitMs = DOC_TURN_WAIT_MS) {
  return async function inDocTurn<T>(ref: DocRef, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const client = await pool.connect();
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
      }
      if (Date.now() >= deadline) throw new DocTurnBusyError(ref);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
}
