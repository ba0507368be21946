/**
 * A journaled SQLite store holding one document's edits back (its row of `doc_keys` given another
 * key by a hand while the server journaled them), for the tests of what meets such a journal.
 */
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import type { TempStores } from '../../support/temp-stores.js';
import { keyByHand } from './by-hand.js';
import { made } from './made.js';

/** The document whose edits are held (key 1, changed to 9). */
export const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
/** The document stored beside it (key 2). */
export const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
/** An edit of one byte, `n`, by anna. */
export const edit = (n: number) => ({ update: new Uint8Array([n]), memberId: 'anna' });
/** The updates of a load holding the edits `ns` ({@link edit}). */
export const bytes = (...ns: number[]) => ns.map((n) => new Uint8Array([n]));

/**
 * A journaled store over `file` (kept in `stores`, flushing only when asked) holding edit 2 of
 * {@link ref} back, its key changed to 9 by a hand: `ref` at edit 1 and {@link other} at 11 stored
 * first; with `alsoOther`, `other`'s edit 12 journaled after edit 2 and stored by the flush that
 * refused it (the journal then rewritten to hold edit 2 alone).
 */
export async function holdingJournal(stores: TempStores, file: string, alsoOther = true): Promise<Storage> {
  const s = stores.keep(openSqliteStorage(file, { journal: true, journalFlushMs: 60_000 }));
  await made(s, ref, other);
  await s.appendUpdates(ref, [edit(1)]);
  await s.appendUpdates(other, [edit(11)]);
  await s.loadDoc(ref);
  keyByHand(file, ref, 9);
  await s.appendUpdates(ref, [edit(2)]);
  if (alsoOther) await s.appendUpdates(other, [edit(12)]);
  await s.loadDoc(other);
  return s;
}
