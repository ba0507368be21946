/**
 * A document a table leaves out and names (`UnreadableDoc`, `shared/rounds/unreadable.ts`) rather
 * than failing the whole answer: one whose stored history does not decode (`DamagedHistoryError`),
 * or whose key in an SQLite store is gone or was changed while rows no document has may be its
 * history (`KeylessHistoryError`, `storage/keyless-history.ts`). Either is refused in words until
 * an administrator acts; the other documents of the table can still be read.
 */
import type { UnreadableDoc } from '../../shared/rounds/unreadable.js';
import { KeylessHistoryError } from '../storage/keyless-history.js';
import type { DocRecord } from '../storage/storage.js';
import { DamagedHistoryError } from '../sync/stored-history.js';

/**
 * `rec` as a document left out because reading it threw `err`, with the error's code and its
 * sentence in both languages; null when `err` is no such refusal (a fault the caller throws on).
 *
 * @example
 * try { read(rec) } catch (err) { const left = unreadableOf(err, rec); if (!left) throw err; unreadable.push(left); }
 */
export function unreadableOf(err: unknown, rec: Pick<DocRecord, 'doc' | 'kind' | 'ownerUnit' | 'title'>): UnreadableDoc | null {
  const named = { doc: rec.doc, kind: rec.kind, ownerUnit: rec.ownerUnit, title: rec.title };
  if (err instanceof DamagedHistoryError) return { ...named, code: err.code, message: { sv: err.sv, en: err.message } };
  if (err instanceof KeylessHistoryError) return { ...named, code: err.code, message: err.localized };
  return null;
}
