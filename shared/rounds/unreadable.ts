/**
 * Documents a round's tables could not read: one whose stored history on the server does not
 * decode (`document-damaged`, `server/sync/stored-history.ts`), or is refused until an
 * administrator restores its key (`document-keyless`, `server/storage/keyless-history.ts`). One clinic's damaged plan must not
 * take the whole round's completeness and roll-up with it, nor be counted as figures that are
 * simply missing: completeness keeps the unit's row and marks it `olasbar` (its figures are those
 * of the documents that could be read), and the roll-up leaves the unit out, its county sums
 * without it, and says so. Nothing is guessed from a document that cannot be read.
 */
import type { Localized } from '../schema/types.js';

/** A unit's reading in a round's tables: `lasbar` when every document it owns could be read, `olasbar` when one could not. */
export const UNIT_READINGS = ['lasbar', 'olasbar'] as const;
/** One of {@link UNIT_READINGS}. */
export type UnitReading = (typeof UNIT_READINGS)[number];

/** A document that could not be read, and why in words (the server's sentence naming the document and what is wrong with its stored history). */
export interface UnreadableDoc {
  doc: string;
  kind: string;
  /** The unit owning it: the one marked `olasbar`. */
  ownerUnit: string;
  title: string;
  /**
   * Why, as a code for logs and clients: `document-damaged` (its history does not decode),
   * `document-keyless` or `document-key-changed` (its key in the store is gone or was changed while
   * rows no document has may be its history). Absent in answers of older servers: damaged then.
   */
  code?: 'document-damaged' | 'document-keyless' | 'document-key-changed';
  message: Localized;
}

/** The units of `units` owning a document of `unreadable`, in the order of `units`. */
export function unreadableUnits(units: readonly string[], unreadable: readonly UnreadableDoc[]): string[] {
  const owners = new Set(unreadable.map((d) => d.ownerUnit));
  return units.filter((u) => owners.has(u));
}
