/**
 * The raw-byte net told where an update's strings stand (`scanUpdate` of `raw-scan.ts`,
 * `stringSpans` of `update-string-spans.ts`): no run of any reading goes on across a string's
 * edge, so the client id, info and length bytes between two cells of a row (read in Latin-1 as
 * C1 controls, which the guard reads as nothing) never join the cells into one number; a number
 * inside one string, or in bytes between strings, is still read, and whether a string is read in
 * the single-byte readings no longer depends on the client id's bytes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDoc } from '../../../shared/doc/create.js';
import { encodeState } from '../../../shared/doc/encode.js';
import { insertRow } from '../../../shared/doc/rows.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';
import { scanBytes, scanUpdate } from '../../../shared/validate/raw-scan.js';
import { stringSpans } from '../../../shared/validate/update-string-spans.js';
import { prng } from '../../support/personnummer-families.js';
import { MARK, varint } from '../../support/client-id-bytes.js';

const base = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-rinkeby', schemaVersion: 1 });
const state = encodeState(base);

/** The update a person (client {@link MARK}) sends inserting a row of `values` into the plan. */
function rowInsert(values: RowValues): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  doc.clientID = MARK;
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => void (update = u));
  insertRow(doc, values);
  return update;
}

/** `update` with client `author` wherever the template has {@link MARK} (its structs, their parent ids). */
function byAuthor(update: Uint8Array, author: number): Uint8Array {
  const mark = varint(MARK);
  const id = varint(author);
  const out: number[] = [];
  for (let i = 0; i < update.length; i++) {
    if (mark.every((b, k) => update[i + k] === b)) {
      out.push(...id);
      i += mark.length - 1;
    } else out.push(update[i] as number);
  }
  return Uint8Array.from(out);
}

/** Two cells of one row that hold no number, alone or as the guard reads each: a date part in one, four digits in the other. */
const INNOCENT: RowValues[] = [
  { title: 'Grupp 811218', responsible: 'nr 9876' },
  { title: 'Ring 811218', responsible: 'nr 9876' },
  { title: 'Grupp 811218', responsible: '9876 imorgon' },
];

describe('the raw-byte net told where the strings of an update stand', () => {
  it('never joins two innocent cells of a row into one number, over 2,000 seeded client ids', () => {
    for (const values of INNOCENT) for (const text of Object.values(values)) expect(findPersonnummer(text as string)).toBeNull();
    // Two ids whose varint bytes (0x80–0x9F, C1 controls in Latin-1) joined `811218 … 9876` before.
    const joiners = [2705394847, 3248488849];
    const random = prng(62);
    const seeded = Array.from({ length: 2000 }, () => Math.floor(random() * 2 ** 32));
    const templates = INNOCENT.map(rowInsert);
    const refused: string[] = [];
    // Every pair by the two ids; the first pair by each seeded id (6 of them joined it before).
    const cases = [...joiners.flatMap((author) => INNOCENT.map((_, k) => [author, k])), ...seeded.map((author) => [author, 0])];
    for (const [author, k] of cases as Array<[number, number]>) {
      const verdict = checkUpdate(base, byAuthor(templates[k] as Uint8Array, author));
      if (!verdict.ok) refused.push(`${author} ${JSON.stringify(INNOCENT[k])}: ${verdict.code}`);
    }
    // The swapped bytes are the update Yjs makes for that author.
    expect(Y.decodeUpdate(byAuthor(templates[0] as Uint8Array, 2705394847)).structs[0]?.id.client).toBe(2705394847);
    expect(refused).toEqual([]);
  });

  it('still reads a number split by a control character inside one string', () => {
    const text = '19760929\u00012292';
    expect(findPersonnummer(text)?.kind).toBe('personnummer');
    const update = byAuthor(rowInsert({ title: text, responsible: 'nr 9876' }), 2705394847);
    expect(scanUpdate(update)?.match).toBe(text);
    expect(checkUpdate(base, update)).toMatchObject({ ok: false, code: 'personnummer' });
  });

  it('still reads a number in bytes between strings and in undecodable bytes of a value, in every reading', () => {
    const encoder = new TextEncoder();
    // A Windows-1252 en dash (0x96) between date part and serial: no UTF-8, read in the single-byte readings.
    const cp1252 = [...encoder.encode('850101'), 0x96, ...encoder.encode('1236')];
    const bytes = Uint8Array.from([0x80, 0x77, 4, ...encoder.encode('Plan'), 0x80, ...cp1252, 0x9a, 0]);
    // The string `Plan` at 3–7; the number stands outside it.
    expect(scanBytes(bytes, undefined, [3, 7])?.kind).toBe('personnummer');
    // Binary content is a length-prefixed field: read alone, in every reading.
    const doc = new Y.Doc();
    doc.clientID = 2705394847;
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => void (update = u));
    doc.getMap('meta').set('note', Uint8Array.from(cp1252));
    expect(stringSpans(update)).not.toBeNull();
    expect(scanUpdate(update)?.kind).toBe('personnummer');
  });

  it('learns the strings of an update as Yjs decodes it, and nothing of bytes that are no whole update', () => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => void (update = u));
    doc.getMap('meta').set('title', 'Plan för 2026');
    const spans = stringSpans(update) as number[];
    const texts = [];
    for (let k = 0; k < spans.length; k += 2) texts.push(new TextDecoder().decode(update.subarray(spans[k], spans[k + 1])));
    expect(texts).toEqual(['meta', 'title', 'Plan för 2026']);
    expect(stringSpans(Uint8Array.from([...update, 0]))).toBeNull();
    expect(stringSpans(update.subarray(0, update.length - 3))).toBeNull();
  });

  it('refuses a number in fullwidth letters (ＰＰ850101x1236) whatever bytes the client id has', () => {
    // Read as text the guard finds letters; read in Latin-1 (`ï¼°ï¼°850101x1236`), a number.
    expect(findPersonnummer('ＰＰ850101x1236')).toBeNull();
    const template = rowInsert({ title: 'ＰＰ850101x1236' });
    // An id of one byte, one whose varint is UTF-8 (`åå` and 0x05), and random ones: only some
    // put a byte that is no UTF-8 into the update.
    const utf8Id = 0x43 + 0x25 * 2 ** 7 + 0x43 * 2 ** 14 + 0x25 * 2 ** 21 + 5 * 2 ** 28;
    expect(varint(utf8Id)).toEqual([0xc3, 0xa5, 0xc3, 0xa5, 5]);
    const random = prng(63);
    const authors = [42, utf8Id, ...Array.from({ length: 8 }, () => Math.floor(random() * 2 ** 32))];
    const verdicts = authors.map((author) => {
      const verdict = checkUpdate(base, byAuthor(template, author));
      return verdict.ok ? 'accepted' : verdict.code;
    });
    expect(verdicts).toEqual(authors.map(() => 'personnummer'));
  });
});
