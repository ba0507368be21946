import { findPersonnummer } from '../validate/personnummer.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALPHABET = '0123456789' + LETTERS;
const ID_LENGTH = 12;

/**
 * The shape of every row id a document may hold: the ids {@link newRowId} makes (12 base62
 * characters) and the ids an import keeps from its id column (`server/http/import-rows.ts`),
 * 1–64 characters of `A–Z a–z 0–9 _ -`. Presence accepts a row id only of this shape.
 */
export const ROW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The shape of the row ids {@link newRowId} makes, and only those: a letter and 11 base62
 * characters. Presence relays a row id of this shape that the document does not hold (yet): a
 * row the pane made offline, whose id reaches peers before the row does. Any other row id (one
 * an import kept) is relayed only while the document holds it.
 */
export const NEW_ROW_ID_PATTERN = /^[A-Za-z][0-9A-Za-z]{11}$/;

/**
 * True when `text` has the shape of the ids {@link newRowId} draws ({@link NEW_ROW_ID_PATTERN}: a
 * letter and 11 base62 characters). Where a text stands as such an id (a row's key, a comment's
 * key, a comment's `row`; not a partner cell, which may hold a name typed), one of this shape is judged
 * as an id, by this shape, and not read by the personnummer guard: an id drawn before
 * {@link unflaggedId} may spell a number (`P850101x1236`, `a10O3126248Z`), and it is Samplan's own
 * key, no person's identity. A personnummer as people write it (ten or twelve digits, a dash or a
 * plus, a label) never has this shape; an id of another shape an import kept (`198501011236`) is
 * read by the guard as any text.
 *
 * @example
 * drawnIdShape('P850101x1236'); // true
 * drawnIdShape('198501011236'); // false
 */
export function drawnIdShape(text: string): boolean {
  return NEW_ROW_ID_PATTERN.test(text);
}

/**
 * `length` characters drawn uniformly from `alphabet` with `crypto.getRandomValues` (bytes at or
 * above the largest multiple of the alphabet's size are redrawn, so no character is favoured).
 */
export function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b >= limit) continue;
      out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * What `draw` gives, drawn again until the personnummer guard (`findPersonnummer`) reads no
 * number in it: a random id can spell one (`P850101x1236`, `a10O3126248Z`: about one row id in
 * 20 million, measured), and an update that writes it would be refused as holding a patient's
 * identity. `draw` must give such a text almost always (a random one does), or this never returns.
 *
 * @example
 * unflaggedId(() => randomString('0123456789', 10)); // ten digits that are no personnummer
 */
export function unflaggedId(draw: () => string): string {
  for (;;) {
    const id = draw();
    if (findPersonnummer(id) === null) return id;
  }
}

/**
 * A new random row id: a letter and 11 base62 characters (about 71 bits), never one the
 * personnummer guard reads a number in ({@link unflaggedId}): it checks keys too, comment ids
 * are made here as well. Starting with a letter means Excel never reads an id as a number. Row
 * ids are stable for the life of a row; Excel order never changes them. An id made before the
 * guard read it (an older client, an earlier guard) stays the row's: see the README on row ids.
 */
export function newRowId(): string {
  return unflaggedId(() => randomString(LETTERS, 1) + randomString(ALPHABET, ID_LENGTH - 1));
}
