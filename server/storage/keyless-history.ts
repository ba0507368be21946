/**
 * A document of an SQLite store whose row of `doc_keys` is gone (removed by a hand or a tool) while
 * update rows it may have written stay under their key (`listKeylessUpdates`): rows carry no
 * document's name, only its key, so nothing can tell for certain whose they are. A load read the
 * document without them (its edits since its last snapshot missing, without a word) and its next
 * append gave it a new key, numbering new history apart from the old, which no load read again.
 * Both are refused instead, naming the keys and the two ways out, which a person chooses.
 */
import type { Localized } from '../../shared/schema/types.js';
import { digits } from '../../shared/i18n/number-words.js';

/** `text` as an SQL string literal. */
const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The refusal of a load or an append of `workspace`/`doc`, which has no key, while rows under
 * `keys` (no document's, the first of each written since the document was made) may be its
 * history; nothing was read or written. `localized` in Swedish and English, `message` the English.
 */
export class KeylessHistoryError extends Error {
  /** `document-key-changed` for a {@link DocKeyChangedError}. */
  readonly code: 'document-keyless' | 'document-key-changed' = 'document-keyless';
  readonly localized: Localized;

  constructor(
    readonly workspace: string,
    readonly doc: string,
    readonly keys: readonly number[],
    words: Localized = keylessHistoryWords(workspace, doc, keys),
  ) {
    super(words.en);
    this.name = 'KeylessHistoryError';
    this.localized = words;
  }
}

/** The sentence of a {@link KeylessHistoryError}. */
export function keylessHistoryWords(workspace: string, doc: string, keys: readonly number[]): Localized {
  const [key] = keys;
  const name = `${workspace}/${doc}`;
  const list = keys.join(', ');
  const relink = `INSERT INTO doc_keys (id, workspace, doc) VALUES (${key}, ${sqlText(workspace)}, ${sqlText(doc)});`;
  const drop = `samplan history drop --key ${key}`;
  return {
    sv: `Dokumentet ${name} har ingen nyckel i doc_keys, men filen har uppdateringsrader under ${keys.length === 1 ? 'nyckel' : 'nycklarna'} ${list} som inget dokument har, skrivna sedan dokumentet skapades: de kan vara dess historik (dess rad i doc_keys togs bort för hand eller av ett verktyg). Inget lästes eller skrevs, så att ingen historik döljs eller numreras skild från den. Är det dess rader, lägg tillbaka nyckeln med sqlite3 när servern är stoppad: ${relink} Är de inte det, tar ${drop} bort dem (samplan history scan listar dem).`,
    en: `The document ${name} has no key in doc_keys, but the file holds update rows under key${keys.length === 1 ? '' : 's'} ${list} that no document has, written since the document was made: they may be its history (its row of doc_keys removed by a hand or a tool). Nothing was read or written, so that no history is hidden or numbered apart from it. If they are its rows, put its key back with sqlite3 while the server is stopped: ${relink} If not, ${drop} deletes them (samplan history scan lists them).`,
  };
}

/**
 * The refusal of a write or a load of `workspace`/`doc` whose row of `doc_keys` was given another
 * key (`to`) while this process knew it under `from` (a hand or a tool edited the row): its
 * history stays under `from`, which no document has now, and a load through `to` would read the
 * document without it, a write number new history apart from it. Nothing was read or written;
 * refused (code `document-key-changed`) until the row names `from` again. A
 * {@link KeylessHistoryError} whose `keys` are `[from]`, so the socket and the API say it as
 * they say that one (close 4409 naming the key, the sentence in both languages).
 */
export class DocKeyChangedError extends KeylessHistoryError {
  override readonly code = 'document-key-changed';

  constructor(
    workspace: string,
    doc: string,
    readonly from: number,
    readonly to: number,
    /** The document `doc_keys` gives `from` to now (two keys swapped by a hand), if one is. */
    readonly holder?: { workspace: string; doc: string },
  ) {
    super(workspace, doc, [from], docKeyChangedWords(workspace, doc, from, to, holder));
    this.name = 'DocKeyChangedError';
  }
}

/**
 * The sentence of a {@link DocKeyChangedError}, in Swedish and English; with `holder`, the document
 * that has `from` now, the words of two keys swapped and the statements that swap them back.
 */
export function docKeyChangedWords(workspace: string, doc: string, from: number, to: number, holder?: { workspace: string; doc: string }): Localized {
  const name = `${workspace}/${doc}`;
  const where = (w: string, d: string): string => `WHERE workspace = ${sqlText(w)} AND doc = ${sqlText(d)};`;
  if (holder) {
    const other = `${holder.workspace}/${holder.doc}`;
    const swap = `BEGIN; UPDATE doc_keys SET id = 2147483647 ${where(holder.workspace, holder.doc)} UPDATE doc_keys SET id = ${from} ${where(workspace, doc)} UPDATE doc_keys SET id = ${to} ${where(holder.workspace, holder.doc)} COMMIT;`;
    return {
      sv: `Dokumentet ${name} har fått en annan nyckel i doc_keys (${digits(to)} i stället för ${digits(from)}), och dess nyckel ${digits(from)} har getts till ${other}: raderna ändrades för hand eller av ett verktyg (nycklarna bytta). Dess historik finns kvar under nyckel ${digits(from)}. Ändringen sparades inte, och dokumentet läses inte förrän nyckeln är tillbaka, så att inget dokument läses med ett annats historik. Byt tillbaka nycklarna med sqlite3 när servern är stoppad: ${swap}`,
      en: `The document ${name} was given another key in doc_keys (${digits(to)} instead of ${digits(from)}), and its key ${digits(from)} was given to ${other}: the rows were changed by a hand or a tool (the keys swapped). Its history stays under key ${digits(from)}. The change was not stored, and the document is not read until its key is back, so that no document is read with another's history. Swap the keys back with sqlite3 while the server is stopped: ${swap}`,
    };
  }
  const restore = `UPDATE doc_keys SET id = ${from} ${where(workspace, doc)}`;
  return {
    sv: `Dokumentet ${name} har fått en annan nyckel i doc_keys (${digits(to)} i stället för ${digits(from)}) medan servern skrev under ${digits(from)}: raden ändrades för hand eller av ett verktyg. Dess historik finns kvar under nyckel ${digits(from)}, som nu inget dokument har. Ändringen sparades inte, och dokumentet läses inte förrän nyckeln är tillbaka, så att ingen historik döljs eller numreras skild från den. Lägg tillbaka nyckeln med sqlite3 när servern är stoppad: ${restore}`,
    en: `The document ${name} was given another key in doc_keys (${digits(to)} instead of ${digits(from)}) while the server wrote under ${digits(from)}: the row was changed by a hand or a tool. Its history stays under key ${digits(from)}, which no document has now. The change was not stored, and the document is not read until its key is back, so that no history is hidden or numbered apart from it. Put its key back with sqlite3 while the server is stopped: ${restore}`,
  };
}
