/**
 * Applying a document's stored history (its snapshot, then its tail) to a Y.Doc, naming the place
 * that does not decode. Stored bytes the server wrote decode; bytes damaged on the disk, by a
 * restore of part of a file or by a hand in the `sqlite3` shell do not, and Yjs then throws its own
 * words ("Unexpected end of array"), which named neither the document nor the place: a reader got
 * "Något gick fel" (a round's completeness too, for one clinic's damaged plan), and `samplan export`
 * or `history drop` printed only Yjs' words. {@link DamagedHistoryError} says which document, which
 * stored update (by its sequence number, as `samplan history scan` names places) and what to do.
 */
import * as Y from 'yjs';
import { damagedPlaceWords, type DamagedPlace } from '../../shared/protocol/damaged-history.js';
import type { Localized } from '../../shared/schema/types.js';
import type { DocRef, StoredDoc } from '../storage/storage.js';
import { applyUpdateInPieces, PIECE_BYTES } from './update-pieces.js';

export type { DamagedPlace } from '../../shared/protocol/damaged-history.js';

/**
 * A document whose stored history does not decode (code `document-damaged`): `message` in
 * English and `sv` in Swedish name the document and the place, never its bytes; `said` is what
 * Yjs said, for the log and the operator's console.
 */
export class DamagedHistoryError extends Error {
  readonly code = 'document-damaged';
  readonly sv: string;
  readonly said: string;

  constructor(
    readonly ref: DocRef,
    readonly place: DamagedPlace,
    cause: unknown,
  ) {
    const where = damagedPlaceWords(place);
    super(
      `The document ${ref.workspace}/${ref.doc} cannot be read: its stored history is damaged at ${where.en}. Nothing was changed; an administrator restores the database from a backup (a file samplan backup made).`,
      { cause },
    );
    this.name = 'DamagedHistoryError';
    this.sv = `Dokumentet ${ref.workspace}/${ref.doc} går inte att läsa: dess sparade historik är skadad (${where.sv}). Inget ändrades; en administratör återställer databasen från en säkerhetskopia (en fil som samplan backup gjort).`;
    this.said = cause instanceof Error ? cause.message : String(cause);
  }
}

/**
 * What a request to change something (an import, a write, a round's move) that met `err` is
 * refused with (409 `document-damaged`): nothing was written, the damaged document and place, and
 * that the document must be restored from a backup. A request that only reads is answered 500 with
 * the error's own sentence: the server failed to give what was asked, rather than refused it.
 */
export function damagedRefusalWords(err: DamagedHistoryError): Localized {
  const where = damagedPlaceWords(err.place);
  const name = `${err.ref.workspace}/${err.ref.doc}`;
  return {
    sv: `Dokumentet ${name} går inte att läsa: dess sparade historik är skadad (${where.sv}), så inget skrevs. Dokumentet måste återställas från en säkerhetskopia; en administratör återställer databasen från en fil som samplan backup gjort.`,
    en: `The document ${name} cannot be read: its stored history is damaged at ${where.en}, so nothing was written. The document must be restored from a backup; an administrator restores the database from a file samplan backup made.`,
  };
}

/**
 * Apply `stored`'s snapshot (Yjs update V2) and tail (V1, oldest first) to `doc`, in the caller's
 * transaction if it has one. The tail's updates are numbered back from `lastSeq` (the tail is
 * every update after the snapshot, so its numbers run without a gap).
 *
 * @throws DamagedHistoryError for the first part that does not decode
 */
export function applyStoredHistory(doc: Y.Doc, ref: DocRef, stored: Pick<StoredDoc, 'snapshot' | 'updates' | 'lastSeq'>): void {
  const { snapshot } = stored;
  if (snapshot) readingStored(ref, { kind: 'snapshot' }, () => Y.applyUpdateV2(doc, snapshot));
  const first = stored.lastSeq - stored.updates.length + 1;
  stored.updates.forEach((update, i) => readingStored(ref, { kind: 'update', seq: first + i }, () => Y.applyUpdate(doc, update)));
}

/**
 * {@link applyStoredHistory} with the event loop given back as it goes, `pause()` (a `slicer`,
 * `slices.ts`) awaited between pieces: the snapshot a piece at a time from `whole`, its state as
 * Yjs update V1 (the fresh clients' bytes stored beside it, `fresh-state.ts`; `update-pieces.ts`),
 * else in one apply of the V2 snapshot (Yjs integrates an update whole); then each update of the
 * tail in a transaction of its own, one over {@link PIECE_BYTES} a piece at a time too. A room's
 * load of a large document held every other document's
 * edits for all of it. The doc ends as one transaction would leave it: every stored update is
 * applied whole or cut at its structs, in order, and a doc nobody holds yet has no observer to see
 * the steps. Not for a load that must keep deleted rows within its transaction (stored take-backs,
 * `load-doc.ts`).
 *
 * @throws DamagedHistoryError for the first part that does not decode (the parts before it applied)
 */
export async function applyStoredHistorySliced(
  doc: Y.Doc,
  ref: DocRef,
  stored: Pick<StoredDoc, 'snapshot' | 'updates' | 'lastSeq'>,
  pause: () => Promise<void> | undefined,
  whole: Uint8Array | null = null,
): Promise<void> {
  const { snapshot } = stored;
  if (snapshot && whole) {
    try {
      await applyUpdateInPieces(doc, whole, pause);
    } catch (err) {
      throw new DamagedHistoryError(ref, { kind: 'snapshot' }, err);
    }
  } else if (snapshot) readingStored(ref, { kind: 'snapshot' }, () => Y.applyUpdateV2(doc, snapshot));
  const first = stored.lastSeq - stored.updates.length + 1;
  for (const [i, update] of stored.updates.entries()) {
    await pause();
    const place = { kind: 'update', seq: first + i } as const;
    // A large update (an import of thousands of rows, a document never compacted) is cut too.
    if (update.byteLength <= PIECE_BYTES) readingStored(ref, place, () => Y.applyUpdate(doc, update));
    else {
      try {
        await applyUpdateInPieces(doc, update, pause);
      } catch (err) {
        throw new DamagedHistoryError(ref, place, err);
      }
    }
  }
}

/**
 * `apply()`'s result; what it throws (Yjs decoding the stored bytes of `place`) as a {@link DamagedHistoryError}.
 *
 * @example
 * readingStored(ref, { kind: 'checkpoint', seq }, () => Y.applyUpdateV2(doc, state));
 */
export function readingStored<T>(ref: DocRef, place: DamagedPlace, apply: () => T): T {
  try {
    return apply();
  } catch (err) {
    throw new DamagedHistoryError(ref, place, err);
  }
}
