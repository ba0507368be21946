/**
 * Update rows of an SQLite store under a key no document has (`DocumentStore.listKeylessUpdates`:
 * an `update_rows` key in no row of `doc_keys`, left by a crash between writes, or by a hand or an
 * older Samplan): no load of any document reads them, so the scan of documents never did either.
 * `samplan history scan` of a whole store reads each for a personnummer as it reads a document's
 * update (`history-texts.ts`) and names them by their key (`key 7`), the name `samplan history drop
 * --key 7` takes, since they name no document; the drop deletes them (`dropUnnumberedUpdates`).
 * Words in Swedish and English; the command prints those of its language (`cli-lang.ts`).
 */
import type { Localized } from '../shared/schema/types.js';
import { readYjs } from './history-texts.js';
import type { DocumentStore } from './storage/storage.js';
import { digits } from '../shared/i18n/number-words.js';

/** The rows under one key no document has, and the places among them holding a personnummer. */
export interface KeylessFinding {
  key: number;
  /** How many rows are under the key. */
  rows: number;
  /** The sequence number of each row holding a personnummer, in order. */
  seqs: number[];
}

/** Every key no document has with rows under it, read for a personnummer; [] for a store without such keys (PostgreSQL, memory). Reads only. */
export async function scanKeyless(store: DocumentStore): Promise<KeylessFinding[]> {
  const keys = (await store.listKeylessUpdates?.()) ?? [];
  return keys.map(({ key, updates }) => ({
    key,
    rows: updates.length,
    seqs: updates.filter((u) => readYjs(u.update, false).holders.length > 0).map((u) => u.seq),
  }));
}

const rowsEn = (n: number): string => `${n} update row${n === 1 ? '' : 's'}`;
const rowsSv = (n: number): string => `${n} uppdateringsrad${n === 1 ? '' : 'er'}`;

/**
 * The option naming `key` as `samplan history drop` takes it: `--key 7`, and `--key=-1` for a key
 * below 0, whose value after a space the argument parser would read as an option of its own.
 */
export const keyOption = (key: number): string => (key < 0 ? `--key=${key}` : `--key ${key}`);

/** The line for a key whose rows hold a personnummer, with the command (`drop`, the store's option included) that deletes them. */
export function keylessFindingWords(f: KeylessFinding, drop: string): Localized {
  const at = (word: string): string => f.seqs.map((seq) => `${word} ${seq}`).join(', ');
  return {
    sv: `nyckel ${digits(f.key)}: ${rowsSv(f.rows)} under en nyckel som inget dokument har (ingen rad i doc_keys: kvar efter en krasch mellan två skrivningar eller från en äldre Samplan) har ett personnummer vid ${at('uppdatering')}; ingen server läser dem eller ger ett nytt dokument deras nyckel, men de finns kvar i filen och dess säkerhetskopior. Ta bort dem med ${drop}`,
    en: `key ${digits(f.key)}: ${rowsEn(f.rows)} under a key no document has (no row of doc_keys: left by a crash between two writes, or by an older Samplan) hold a personnummer at ${at('update')}; no server reads them or gives a new document their key, but they stay in the file and its backups. Remove them with ${drop}`,
  };
}

/**
 * The line for a key no document has whose rows hold no personnummer: no load reads them, so they
 * may be history a document lost with its row of doc_keys; how to give them back, or `drop` them.
 */
export function keylessRowsWords(f: KeylessFinding, drop: string): Localized {
  const [sv, en] = f.rows === 1 ? ['den', 'it'] : ['dem', 'them'];
  // The statement to type, as written in both languages but for its placeholders.
  const insert = (workspace: string, doc: string): string => `INSERT INTO doc_keys (id, workspace, doc) VALUES (${f.key}, '<${workspace}>', '<${doc}>');`;
  return {
    sv: `nyckel ${digits(f.key)}: ${rowsSv(f.rows)} under en nyckel som inget dokument har (ingen rad i doc_keys): inget dokument läser ${sv}. Är det ett dokuments historik (dess rad i doc_keys togs bort för hand), lägg tillbaka raden med sqlite3 när servern är stoppad: ${insert('arbetsyta', 'dokument')} annars tar ${drop} bort ${sv}`,
    en: `key ${digits(f.key)}: ${rowsEn(f.rows)} under a key no document has (no row of doc_keys): no document reads ${en}. If ${f.rows === 1 ? 'it is' : 'they are'} a document's history (its row of doc_keys removed by a hand), put the row back with sqlite3 while the server is stopped: ${insert('workspace', 'document')} otherwise ${drop} removes ${en}`,
  };
}

/** What `samplan history drop --key <key>` did (`dropped` rows; `dryRun`: would drop), or that there was nothing under that key. */
export function keylessDropWords(key: number, dropped: number, dryRun: boolean): Localized {
  if (dropped === 0) {
    return {
      sv: `Under nyckel ${digits(key)} finns inga uppdateringsrader utan dokument; inget att ta bort (samplan history scan visar sådana nycklar).`,
      en: `There are no update rows under key ${digits(key)} without a document; nothing to drop (samplan history scan lists such keys).`,
    };
  }
  return dryRun
    ? { sv: `nyckel ${digits(key)}: skulle ta bort ${rowsSv(dropped)} som inget dokument har (provkörning, inget skrevs).`, en: `key ${digits(key)}: would drop ${rowsEn(dropped)} no document has (dry run, nothing written).` }
    : { sv: `nyckel ${digits(key)}: ${rowsSv(dropped)} som inget dokument har togs bort.`, en: `key ${digits(key)}: ${rowsEn(dropped)} no document has dropped.` };
}
