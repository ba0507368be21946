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
 *
 * The same locks, in a class of their own, order other check-then-write steps across processes
 * (`inScopeTurn`): the look-alike title check and the write of a creation, copy or rename
 * (`server/http/title-turn.ts`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { DocRef } from './storage-records.js';

/** How long a turn is waited for before {@link DocTurnBusyError}, in ms. */
export const DOC_TURN_WAIT_MS = 10_000;

/** The advisory locks' first key, naming them as Samplan's document turns ('SAMP'). */
const TURN_CLASS = 0x53414d50;

/** Take the turn of document ($1, $2) if free; the key is the hash of the length-prefixed pair, so no two pairs run together. */
const TRY_TURN = `SELECT pg_try_advisory_xact_lock(${TURN_CLASS}, hashtext(length($1)::text || ':' || $1 || $2)) AS held`;

/** The advisory locks' first key naming scopes' turns ('SAMS'): never the same lock as a document's. */
const SCOPE_CLASS = 0x53414d53;

/** Take the turn of scope $2 of workspace $1 if free (keyed as a document's, in a class of its own). */
const TRY_SCOPE_TURN = `SELECT pg_try_advisory_xact_lock(${SCOPE_CLASS}, hashtext(length($1)::text || ':' || $1 || $2)) AS held`;

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

/** A scope's turn (`inScopeTurn`) stayed taken by another process for longer than the wait. */
export class ScopeTurnBusyError extends Error {
  constructor(readonly scope: string) {
    super(`${scope} is being changed by another server process; nothing was changed`);
    this.name = 'ScopeTurnBusyError';
  }
}

/** Where a turn's lock is taken: the turn a call already holds (its open transaction's connection), if any. */
interface Held {
  client: pg.PoolClient;
  /** False once the outer turn ended: work it started that runs on after it takes a turn of its own. */
  open: boolean;
}

/**
 * The turns of one pool: `inDocTurn(ref, fn)`, a document's turn, and `inScopeTurn(scope, fn)`, the
 * turn of any other named thing several writes must check and write one at a time (the look-alike
 * titles of a unit's documents of a kind, `title-turn.ts`). Each runs `fn` holding its turn and
 * resolves with what `fn` resolves with; rejects with what `fn` rejects with, with the driver's
 * error when the turn cannot be asked for, with {@link DocTurnBusyError} (a document) or
 * {@link ScopeTurnBusyError} (a scope) when it is not free within `waitMs`, and with
 * {@link DocTurnsFullError} when `maxTurns` turns of this pool are held or asked for already
 * (give {@link docTurnsFor} the pool's size).
 *
 * A turn asked for inside another one's `fn` (a rename, holding its document's turn, then asking
 * for its titles' turn) is taken in the transaction the outer turn holds, on its connection, and
 * let go with it: it takes no connection more, so it fits a pool of one and never counts against
 * `maxTurns`. Turns are only ever nested document first, then scope, so no two processes can each
 * hold what the other waits for.
 */
export function postgresTurns(pool: Pick<pg.Pool, 'connect'>, maxTurns: number, waitMs = DOC_TURN_WAIT_MS) {
  /** Connections of the pool that turns hold now (a holder's, or an asker's while it asks). */
  let taken = 0;
  /** The turn the running call holds (per pool: two stores in one process never share a connection). */
  const holding = new AsyncLocalStorage<Held>();

  const tryTake = async (client: pg.PoolClient, key: TurnKey): Promise<boolean> =>
    ((await client.query(key.sql, key.params)).rows[0] as { held?: boolean } | undefined)?.held === true;

  async function inTurn<T>(key: TurnKey, busy: () => Error, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + waitMs;
    const within = holding.getStore();
    if (within?.open) {
      for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
        // Taken in the outer turn's transaction: let go when that one ends.
        if (await tryTake(within.client, key)) return fn();
        if (Date.now() >= deadline) throw busy();
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      if (taken >= maxTurns) throw new DocTurnsFullError(key.ref, maxTurns);
      taken++;
      const client = await pool.connect().catch((err: unknown) => {
        taken--;
        throw err;
      });
      let held = false;
      let broken: Error | undefined;
      const turn: Held = { client, open: true };
      try {
        await client.query('BEGIN');
        held = await tryTake(client, key);
        if (held) return await holding.run(turn, fn);
      } finally {
        turn.open = false;
        // Ending the transaction lets the turn go (a rollback: it wrote nothing).
        await client.query('ROLLBACK').catch((err: Error) => (broken = err));
        client.release(broken);
        taken--;
      }
      if (Date.now() >= deadline) throw busy();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  return {
    inDocTurn<T>(ref: DocRef, fn: () => Promise<T>): Promise<T> {
      return inTurn({ sql: TRY_TURN, params: [ref.workspace, ref.doc], ref }, () => new DocTurnBusyError(ref), fn);
    },
    /** `scope` names what is ordered, in words a refusal can show (`the titles of …`); `ref` names its workspace for {@link DocTurnsFullError}. */
    inScopeTurn<T>(scope: { workspace: string; key: string; words: string }, fn: () => Promise<T>): Promise<T> {
      return inTurn(
        { sql: TRY_SCOPE_TURN, params: [scope.workspace, scope.key], ref: { workspace: scope.workspace, doc: scope.key } },
        () => new ScopeTurnBusyError(scope.words),
        fn,
      );
    },
  };
}

/** The lock a turn takes: its statement, its parameters, and the reference a full pool's refusal names. */
interface TurnKey {
  sql: string;
  params: string[];
  ref: DocRef;
}

/** `inDocTurn` alone over `pool` (see {@link postgresTurns}). */
export function postgresDocTurns(pool: Pick<pg.Pool, 'connect'>, maxTurns: number, waitMs = DOC_TURN_WAIT_MS) {
  return postgresTurns(pool, maxTurns, waitMs).inDocTurn;
}
