/**
 * What a store can say of a document whose record is not stored when a change of it comes
 * (`DocRecordGoneError`, `server/storage/storage-records.ts`), in Swedish and English. `deleted`:
 * the store keeps the line of its deletion (an audit `delete` line among the workspace's newest);
 * `unknown`: it keeps none, so the document may never have been made (a write naming a wrong id)
 * or was deleted long ago: the words are true for both.
 */
import type { Lang } from './t.js';

/** Whether the document is known deleted, or may never have been made. */
export type DocGone = 'deleted' | 'unknown';

/** The words per case, of the document `doc`. */
export const DOC_GONE_WORDS: Record<DocGone, Record<Lang, (doc: string) => string>> = {
  deleted: {
    sv: (doc) => `Dokumentet "${doc}" togs bort under tiden`,
    en: (doc) => `The document "${doc}" was deleted meanwhile`,
  },
  unknown: {
    sv: (doc) => `Dokumentet "${doc}" finns inte (längre)`,
    en: (doc) => `The document "${doc}" does not exist (any more)`,
  },
};
