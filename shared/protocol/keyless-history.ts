/**
 * A document the server does not read because its key in the store is gone (SQLite's `doc_keys`
 * row, removed by a hand or a tool) while stored changes under a key no document has may be its
 * history (`KeylessHistoryError`, `server/storage/keyless-history.ts`): as the server names it on
 * the sync socket and the pane says it. A WebSocket close reason holds at most 123 bytes and is
 * English by custom, so the socket sends the keys in a short fixed form
 * ({@link keylessCloseReason}) and the pane reads them back ({@link keylessKeysOf}) to say the
 * whole sentence in the reader's language ({@link keylessDocWords}).
 */
import type { Localized } from '../schema/types.js';
import { digits } from '../i18n/number-words.js';

const REASON_PREFIX = 'Stored history without its key: ';

/** Keys named in a close reason at most: five keys of ten digits keep it well under 123 bytes. */
const MOST_KEYS = 5;

/**
 * The close reason of a socket whose document is refused so (`CloseCode.keyless`), naming the
 * keys its history may be under: `Stored history without its key: 1, 7` (the first five, then `…`).
 */
export function keylessCloseReason(keys: readonly number[]): string {
  const named = keys.slice(0, MOST_KEYS).join(', ');
  return REASON_PREFIX + (keys.length > MOST_KEYS ? `${named}, …` : named);
}

/** The keys a {@link keylessCloseReason} names, or null for another text (an older server's, or none). */
export function keylessKeysOf(reason: string): number[] | null {
  if (!reason.startsWith(REASON_PREFIX)) return null;
  const m = /^(-?\d{1,16}(?:, -?\d{1,16})*)(?:, …)?$/.exec(reason.slice(REASON_PREFIX.length));
  return m?.[1] ? m[1].split(', ').map(Number) : null;
}

const CHANGED_PREFIX = 'Document key changed: ';

/**
 * The close reason of a socket whose document's key was changed by hand (`DocKeyChangedError`,
 * also `CloseCode.keyless`): `Document key changed: 7 to 107`, the key its history is under, then
 * the key its row names now. Two keys of sixteen digits keep it under 123 bytes.
 */
export function keyChangedCloseReason(from: number, to: number): string {
  return `${CHANGED_PREFIX}${from} to ${to}`;
}

/** The keys a {@link keyChangedCloseReason} names, or null for another text. */
export function keyChangedOf(reason: string): { from: number; to: number } | null {
  const m = /^(-?\d{1,16}) to (-?\d{1,16})$/.exec(reason.startsWith(CHANGED_PREFIX) ? reason.slice(CHANGED_PREFIX.length) : '');
  return m?.[1] && m[2] ? { from: Number(m[1]), to: Number(m[2]) } : null;
}

/**
 * What the pane says of a document the server does not read because its key was changed by hand
 * (`reason` a {@link keyChangedCloseReason}): its history stays under the old key, nothing was
 * stored, and an administrator puts the key back. Null for another reason.
 */
function keyChangedWords(reason: string): Localized | null {
  const keys = keyChangedOf(reason);
  if (!keys) return null;
  const { from, to } = keys;
  return {
    sv: `Servern läser inte dokumentet: dess nyckel i databasen har ändrats (${digits(to)} i stället för ${digits(from)}), för hand eller av ett verktyg, medan dess historik finns kvar under nyckel ${digits(from)}. Inget ändrades på servern, så ingen historik döljs, och ändringar gjorda här finns kvar i arbetsboken men skickas inte. En administratör lägger tillbaka nyckeln ${digits(from)} (felet i serverns logg visar hur); välj sedan Försök igen.`,
    en: `The server does not read the document: its key in the database was changed (${digits(to)} instead of ${digits(from)}), by a hand or a tool, while its history stays under key ${digits(from)}. Nothing was changed on the server, so no history is hidden, and changes made here are kept in the workbook but not sent. An administrator puts key ${digits(from)} back (the error in the server's log says how); then choose Try again.`,
  };
}

/**
 * What the pane says of a document the server does not read because its key is gone, or was
 * changed (a {@link keyChangedCloseReason}: then what {@link keyChangedWords} says): that the
 * changes stored under the keys the reason names may be its history, that nothing changed on the
 * server and what was made here is kept, and who decides. Connecting again meets the same refusal
 * until an administrator has put the key back or removed those changes, so the pane does not retry
 * on its own.
 *
 * @example
 * keylessDocWords('Stored history without its key: 1').en
 * // 'The server does not read the document: its key in the database is gone, while changes stored under key 1 may be its history. …'
 * keylessDocWords('Document key changed: 7 to 107').en
 * // 'The server does not read the document: its key in the database was changed (107 instead of 7), …'
 */
export function keylessDocWords(reason: string): Localized {
  const changed = keyChangedWords(reason);
  if (changed) return changed;
  const keys = keylessKeysOf(reason);
  const under = keys ? { sv: ` under ${keys.length === 1 ? 'nyckel' : 'nycklarna'} ${keys.join(', ')}`, en: ` under key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}` } : { sv: '', en: '' };
  return {
    sv: `Servern läser inte dokumentet: dess nyckel i databasen saknas, medan ändringar sparade${under.sv} kan vara dess historik. Inget ändrades på servern, så ingen historik döljs, och ändringar gjorda här finns kvar i arbetsboken men skickas inte. En administratör avgör om ändringarna är dokumentets (samplan history scan visar dem) och lägger tillbaka nyckeln eller tar bort dem; välj sedan Försök igen.`,
    en: `The server does not read the document: its key in the database is gone, while changes stored${under.en} may be its history. Nothing was changed on the server, so no history is hidden, and changes made here are kept in the workbook but not sent. An administrator decides whether those changes are the document's (samplan history scan shows them) and puts its key back or removes them; then choose Try again.`,
  };
}
