/**
 * The frames a room sends to a peer that joins: its sync step 1 (the server's state vector) and
 * the step-2 answer to the peer's step 1. Both depend only on the doc's state, so each is
 * computed once per state and the same bytes are sent to every peer that needs them: in a
 * connect storm (everyone opening the same plans at nine, every pane reconnecting after a
 * restart) a document's state is encoded once, not once per socket. Two answers are kept: the
 * one to the empty state vector (every new client's) and the one to the last other state vector
 * asked about (a pane with an offline copy asks with the doc's own), so a storm that mixes the
 * two does not encode each again for every other joiner.
 *
 * The verdict of `addsNothing` is shared the same way: the clients of a document that join
 * together and send back what they hold (its delete set; a pane keeping its copy offline sends
 * the whole plan) send the same bytes against the same state, and the update is decoded and
 * scanned once for them, not once per socket ({@link DocFrames.addsNothing}).
 *
 * The doc's version moves at the end of every transaction (`afterTransaction`: every update it
 * emits, deletions included, which leave the state vector as it is, and transactions that change
 * nothing), so a frame is never sent for a state the doc has left, and what was kept for that
 * state is let go at once ({@link DocFrames.keptBytes}): a loaded room keeps no whole-doc answer
 * past the edit after its last joiner. It does not listen to `update`:
 * Yjs encodes each transaction's update only while someone listens to that event, and the version
 * needs no bytes.
 */
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.js';
import { knownSize } from '../../shared/validate/doc-size.js';
import { addsNothing, startsPastState } from './changes-nothing.js';

/** Updates kept per doc state as adding nothing: a storm's delete-set answer and a sent-back plan. */
const NOTHING_KEPT = 2;

interface Kept {
  doc: Y.Doc;
  version: number;
  frame: Uint8Array;
}

/** One room's step-1 frame and last step-2 answer, for the doc's current state. */
export class DocFrames {
  private version = 0;
  private kept1: Kept | null = null;
  private kept2: (Kept & { stateVector: Uint8Array }) | null = null;
  /** The answer to the empty state vector, apart from {@link DocFrames.kept2}. */
  private keptEmpty: Kept | null = null;
  /** Copies of updates `addsNothing` found to add nothing to `doc` at `version` (true verdicts only). */
  private nothing: { doc: Y.Doc; version: number; updates: Uint8Array[] } | null = null;
  private readonly bump = (): void => {
    this.version++;
    // What was kept for the state the doc has left can never be sent or matched again: released
    // now, not when the next joiner replaces it. The answer to the empty state vector is the whole
    // doc encoded (3.6 MB for a 10,000-row plan), and an idle room kept it past its last edit.
    this.release();
  };

  /** Forget every frame and verdict kept (the doc moved on, or another doc is watched). */
  private release(): void {
    this.kept1 = this.kept2 = this.keptEmpty = this.nothing = null;
  }

  /**
   * Bytes this room keeps for the doc's current state, in its frames and the updates found to add
   * nothing: 0 after any transaction until a peer asks again (for memory accounts and tests).
   */
  get keptBytes(): number {
    let bytes = (this.kept1?.frame.byteLength ?? 0) + (this.kept2 ? this.kept2.frame.byteLength + this.kept2.stateVector.byteLength : 0) + (this.keptEmpty?.frame.byteLength ?? 0);
    for (const update of this.nothing?.updates ?? []) bytes += update.byteLength;
    return bytes;
  }

  /** Follow `doc`'s transactions (call for every doc the room holds, a reloaded one too). */
  watch(doc: Y.Doc): void {
    doc.on('afterTransaction', this.bump);
    this.version++;
    this.release();
  }

  /** The sync step 1 frame carrying `doc`'s state vector. */
  step1(doc: Y.Doc): Uint8Array {
    const kept = this.kept1;
    if (kept && kept.doc === doc && kept.version === this.version) return kept.frame;
    const frame = encodeSyncStep1(Y.encodeStateVector(doc));
    this.kept1 = { doc, version: this.version, frame };
    return frame;
  }

  /** The sync step 2 frame with what a peer at `stateVector` lacks. Throws what Yjs throws on a bad state vector. */
  step2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    const kept = empty ? this.keptEmpty : this.kept2;
    if (kept && kept.doc === doc && kept.version === this.version && (empty || equal((kept as Kept & { stateVector: Uint8Array }).stateVector, stateVector))) return kept.frame;
    const update = Y.encodeStateAsUpdate(doc, stateVector);
    const frame = encodeSyncStep2(update);
    if (empty) {
      // The answer to an empty state vector is the whole doc: its length starts the running size
      // the update check keeps (`doc-size.ts`), so the first edit after a load encodes nothing more.
      knownSize(doc, update.byteLength);
      this.keptEmpty = { doc, version: this.version, frame };
    } else this.kept2 = { doc, version: this.version, frame, stateVector: stateVector.slice() };
    return frame;
  }

  /**
   * `addsNothing(doc, update)` (`changes-nothing.ts`), judged once per state of `doc` and bytes of
   * `update`: true at once when the same bytes (compared in full, byte for byte) were found to add
   * nothing to this same doc at this same version (no transaction since), else judged afresh. Only
   * true verdicts are kept, as copies, at most {@link NOTHING_KEPT} (the oldest goes first), and
   * dropped at the first update judged after the doc moved on: what is kept holds no personnummer
   * (`addsNothing` is false for bytes that name one) and carries only structs the doc holds.
   * Never throws.
   */
  addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
    // A new edit (its first struct at a clock the doc has not reached) is told from its first bytes.
    if (startsPastState(doc.store, update)) return false;
    let kept = this.nothing;
    if (kept === null || kept.doc !== doc || kept.version !== this.version) kept = this.nothing = { doc, version: this.version, updates: [] };
    for (const known of kept.updates) if (sameBytes(known, update)) return true;
    if (!addsNothing(doc, update)) return false;
    if (kept.updates.length >= NOTHING_KEPT) kept.updates.shift();
    kept.updates.push(update.slice());
    return true;
  }
}

/** Byte equality by `memcmp` (`Buffer.compare` reads both arrays in place: no copy, no Buffer made). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
