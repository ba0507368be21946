/**
 * What the append journal (`sqlite-journal.ts`) keeps in memory between flushes: each document's
 * numbering and record check, the batches journaled and not yet stored, and those a flush (or the
 * recovery at the open) refused for their document and holds back with their refusal until a flush
 * may store them (the document's key back).
 */
import { encodeEntries, type JournalBatch } from './sqlite-journal-file.js';

/** What the journal knows of one document. */
export interface DocMemory {
  /** Its last sequence number as the journal numbered it; undefined until read from SQLite. */
  last: number | undefined;
  /** Its record was found stored (checked once per document). */
  recordSeen: boolean;
  /** When a flush last moved its record's `updatedAt`, ms since 1970. */
  touchedAt: number | undefined;
  /** Why the last flush kept the document's batches pending, until one stores them. */
  refused: Error | undefined;
}

/** A document's edits held back by a refusal, as {@link JournalPending.held} lists them. */
export interface HeldDoc {
  workspace: string;
  doc: string;
  /** How many edits (updates) are held. */
  edits: number;
  refusal: Error;
}

/** The journal's memory; see the module's comment. */
export interface JournalPending {
  /** The memory of (`workspace`, `doc`), made empty at its first use. */
  memoryOf(workspace: string, doc: string): DocMemory;
  /** The memory of (`workspace`, `doc`) if it has one. */
  find(workspace: string, doc: string): DocMemory | undefined;
  /** Forgets (`workspace`, `doc`): read again at its next use. */
  forget(workspace: string, doc: string): void;
  /** Forgets every document, those whose batches are held back made refused again (their refusal stands until a flush stores them). */
  forgetAll(): void;
  /** The batches journaled and not yet stored, in the journal's order. */
  readonly batches: readonly JournalBatch[];
  /** Their size as the journal file holds them (encoded), in bytes. */
  readonly bytes: number;
  /** Adds the batches just journaled (each `batch` of `journaled`), `bytes` long in the file. */
  add(journaled: readonly { batch: JournalBatch }[], bytes: number): void;
  /** Whether `batch` is held back by a refusal. */
  isHeld(batch: JournalBatch): boolean;
  /** A flush stored every pending batch: nothing is pending or held. */
  stored(): void;
  /**
   * A flush stored every pending batch but those of the documents `refused` (their memory's
   * `refused` set): these are kept pending and held back. Returns what the journal file must hold
   * alone now (`encodeEntries`, every batch floating: `JournalBatch.floating`), or undefined when
   * it holds just them already, floating. Call {@link floated} once the file holds the bytes.
   */
  keepRefused(refused: ReadonlySet<DocMemory>): Buffer | undefined;
  /** The journal file holds the bytes {@link keepRefused} returned: the pending batches are floating there. */
  floated(): void;
  /** The refusal of a document whose batches are pending, if one is. */
  firstRefused(): Error | undefined;
  /** The edits held back, per document with its refusal; none most of the time. */
  held(): HeldDoc[];
  /** How many batches are held back. */
  readonly heldBatches: number;
}

/**
 * The journal's memory, opening with `held`: batches a recovery held back (`JournalRecovery.held`,
 * floating), `heldBytes` long encoded, pending and refused as a flush refuses them.
 */
export function journalPending(held: readonly { batch: JournalBatch; refusal: Error }[], heldBytes: number): JournalPending {
  const docs = new Map<string, Map<string, DocMemory>>();
  let pending: JournalBatch[] = held.map((h) => h.batch);
  let pendingBytes = heldBytes;
  // The batches a flush (or the recovery at the open) refused and keeps pending, with their refusal.
  const heldBack = new Map<JournalBatch, Error>();

  const memoryOf = (workspace: string, doc: string): DocMemory => {
    let inWorkspace = docs.get(workspace);
    if (inWorkspace === undefined) docs.set(workspace, (inWorkspace = new Map()));
    let memory = inWorkspace.get(doc);
    if (memory === undefined) inWorkspace.set(doc, (memory = { last: undefined, recordSeen: false, touchedAt: undefined, refused: undefined }));
    return memory;
  };
  // Held back at the open: refused until a flush stores them, as if this journal's flush had refused them.
  for (const h of held) {
    memoryOf(h.batch.workspace, h.batch.doc).refused = h.refusal;
    heldBack.set(h.batch, h.refusal);
  }

  return {
    memoryOf,
    find: (workspace, doc) => docs.get(workspace)?.get(doc),
    forget(workspace, doc) {
      docs.get(workspace)?.delete(doc);
    },
    forgetAll() {
      docs.clear();
      for (const [b, refusal] of heldBack) memoryOf(b.workspace, b.doc).refused = refusal;
    },
    get batches() {
      return pending;
    },
    get bytes() {
      return pendingBytes;
    },
    add(journaled, bytes) {
      for (const { batch } of journaled) pending.push(batch);
      pendingBytes += bytes;
    },
    isHeld: (batch) => heldBack.has(batch),
    stored() {
      pending = [];
      pendingBytes = 0;
      heldBack.clear();
    },
    keepRefused(refused) {
      const kept = pending.filter((b) => refused.has(memoryOf(b.workspace, b.doc)));
      heldBack.clear();
      for (const b of kept) heldBack.set(b, memoryOf(b.workspace, b.doc).refused as Error);
      // Entries numbered for good would be refused by a recovery once another store wrote rows under their numbers.
      if (kept.length === pending.length && kept.every((b) => b.floating)) return undefined;
      pending = kept;
      const bytes = encodeEntries(kept.map((b) => (b.floating ? b : { ...b, floating: true })));
      pendingBytes = bytes.length;
      return bytes;
    },
    floated() {
      for (const b of pending) b.floating = true;
    },
    firstRefused() {
      for (const b of pending) {
        const refusal = docs.get(b.workspace)?.get(b.doc)?.refused;
        if (refusal) return refusal;
      }
      return undefined;
    },
    held() {
      const byDoc = new Map<string, HeldDoc>();
      for (const [b, refusal] of heldBack) {
        const id = `${b.workspace}\u0000${b.doc}`;
        const one = byDoc.get(id) ?? { workspace: b.workspace, doc: b.doc, edits: 0, refusal };
        one.edits += b.items.length;
        byDoc.set(id, one);
      }
      return [...byDoc.values()];
    },
    get heldBatches() {
      return heldBack.size;
    },
  };
}
