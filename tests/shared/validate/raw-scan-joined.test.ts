/**
 * The raw-byte net's reading across control characters where a word goes on (`scanJoined` of
 * `raw-scan.ts`) reads a few runs of the bytes as one text, since the bytes do not say where a
 * string starts. A paste of rows word-joins run after run (`…xxxx`, a length byte, `title`…) and
 * adds up many scattered digits (`Rad 12`, ids, positions): each such text was read by the guard,
 * ~15 s for a paste of 1,000 rows. A text is read only when ten digits stand close together in it,
 * as `mayHoldNumber` counts them; a label joined to its number is still read.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRows } from '../../../shared/doc/rows.js';
import { findPersonnummerInBytes } from '../../../shared/validate/raw-scan.js';
import { asUpdate } from '../../support/text-bytes.js';
import { prng, type Random } from '../../support/yjs-forge/mutate-update.js';
import { guardReads } from './fixtures/guard-reads.js';

vi.mock('../../../shared/validate/personnummer.js', async (importOriginal) => (await import('./fixtures/guard-reads.js')).recordingGuard(importOriginal));

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62 = '0123456789' + LETTERS;
/** A row id of `newRowId`'s shape (a letter, 11 base62 characters) drawn from `random`. */
const rowId = (random: Random): string =>
  Array.from({ length: 12 }, (_, i) => (i === 0 ? LETTERS : BASE62)).map((chars) => chars[Math.floor(random() * chars.length)]).join('');

/**
 * The update a client sends for a paste of `n` rows whose titles have `chars` characters. The
 * client id, the row ids and the positions' random suffix (`keysBetween` of `order.ts`, through
 * `crypto.getRandomValues`) are drawn from a seeded source: drawn at random, they put ten digits
 * close together now and then (a row id's digits beside the client id's bytes, a suffix's digits
 * after a position's), and the paste was then rightly read.
 */
function paste(n: number, chars: number, seed = 1): Uint8Array {
  const random = prng(seed);
  const seeded = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    if (array instanceof Uint8Array) for (let i = 0; i < array.length; i++) array[i] = Math.floor(random() * 256);
    return array;
  });
  try {
    return pasteWith(random, n, chars);
  } finally {
    seeded.mockRestore();
  }
}

/** {@link paste} with its seeded source `random`. */
function pasteWith(random: Random, n: number, chars: number): Uint8Array {
  const client = docFromState(encodeState(createDoc('activity-plan', { title: 'Plan', ownerUnit: 'vc-a', schemaVersion: 1 })));
  client.clientID = Math.floor(random() * 2 ** 32);
  let update: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (update = u));
  const rows = Array.from({ length: n }, (_, i) => ({ title: `Rad ${i} `.padEnd(chars, 'x') }));
  insertRows(client, rows, { ids: rows.map(() => rowId(random)) });
  if (update === null) throw new Error('no update');
  return update;
}

describe('the raw net across control characters where a word goes on', () => {
  it('reads no joined text of a paste whose digits stand scattered', () => {
    guardReads.length = 0;
    expect(findPersonnummerInBytes(paste(300, 120))).toBeNull();
    expect(guardReads).toEqual([]);
  });

  it('still reads a label joined to its number across control characters', () => {
    expect(findPersonnummerInBytes(asUpdate('Pnr:\u0001 1995-02-11 00:01'))).not.toBeNull();
    expect(findPersonnummerInBytes(asUpdate('P\u0001n\u0002r\u0003 1995-02-11 00:01'))).not.toBeNull();
  });
});
