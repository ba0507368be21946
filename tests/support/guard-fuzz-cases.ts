/**
 * Seeded Yjs updates that each hold one valid personnummer or samordningsnummer in some spelling
 * (separators, Unicode digits, look-alike letters, controls and invisible marks inside, letters
 * glued, a length byte that is a digit; in a byte array, a single-byte encoding, or where it has
 * no character for one, the text folded to its digits or a Unicode encoding) at some place
 * (a cell, a key, the title, a rich text's format or embed, a nested value, a sub-document's id,
 * two cells of one row), written by some client id: the differential fuzzer of the raw-byte net.
 */
import iconv from 'iconv-lite';
import * as Y from 'yjs';
import { allFamilies, prng, spell, validNumber } from './personnummer-families.js';

/** One generated update: what it is (to find it again), the server it is checked against, its bytes. */
export interface FuzzCase {
  name: string;
  server: () => Y.Doc;
  update: Uint8Array;
  /** The text written, as it was spelled before any encoding. */
  text: string;
  /** True when the text is written in a byte array (binary content). */
  bytes: boolean;
}

const FAMILIES = allFamilies();

/** Maps each ASCII digit to the digit of a block starting at `zero`. */
const digitsFrom = (zero: number) => (t: string): string => t.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
const SUPER = ['\u2070', '\u00b9', '\u00b2', '\u00b3', '\u2074', '\u2075', '\u2076', '\u2077', '\u2078', '\u2079'];

/** Inserts `mark` after the digit at a drawn position among the text's digits. */
function inside(t: string, mark: string, random: () => number): string {
  const at = [...t.matchAll(/[0-9]/g)].map((m) => m.index);
  const k = at[1 + Math.floor(random() * (at.length - 2))] as number;
  return t.slice(0, k + 1) + mark + t.slice(k + 1);
}

/** The spellings on top of a family's: name and what it does to the text. */
const SPELLINGS: Array<[string, (t: string, r: () => number) => string]> = [
  ['ascii', (t) => t],
  ['fullwidth', digitsFrom(0xff10)],
  ['arabic-indic', digitsFrom(0x0660)],
  ['devanagari', digitsFrom(0x0966)],
  ['math bold', digitsFrom(0x1d7ce)],
  ['superscript', (t) => t.replace(/[0-9]/g, (d) => SUPER[Number(d)] as string)],
  ['control inside', (t, r) => inside(t, '\u0001', r)],
  ['zero width inside', (t, r) => inside(t, '\u200b', r)],
  ['soft hyphen inside', (t, r) => inside(t, '\u00ad', r)],
  ['letter O for 0', (t) => t.replace('0', 'O')],
  ['letters glued', (t) => `Anna${t}x`],
  ['no-break spaces', (t) => t.replace(/ /g, '\u00a0')],
  ['48-57 bytes', (t, r) => (t + ' Vårdcentralen Fittja mottagning rum ').padEnd(48 + Math.floor(r() * 10) - (new TextEncoder().encode(t).length - t.length), 'a')],
];

/**
 * Places for the text: each writes it in the client's transaction, drawing from `r`; a byte
 * array's place draws how it is written from `e` (see {@link bytesOf}) and returns it, to be named.
 */
const PLACES: Array<[string, (doc: Y.Doc, text: string, r: () => number, e: () => number) => string | void]> = [
  ['cell', (d, t) => row(d).set('title', t)],
  ['new row', (d, t) => newRow(d).set('comment', t)],
  ['key', (d, t) => row(d).set(t, 'x')],
  ['meta title', (d, t) => d.getMap('meta').set('title', t)],
  ['format', (d, t) => text(d).insert(0, 'ab', { [t]: true })],
  ['format value', (d, t) => text(d).insert(0, 'ab', { note: t })],
  ['embed', (d, t) => text(d).insertEmbed(0, { note: t })],
  ['nested value', (d, t) => row(d).set('extra', { list: [1, { v: t }] })],
  ['array', (d, t) => row(d).set('extra', ['a', t])],
  ['sub-document', (d, t) => row(d).set('doc', new Y.Doc({ guid: t }))],
  ['two cells', (d, t, r) => {
    const cut = 4 + Math.floor(r() * (t.length - 8));
    row(d).set('title', t.slice(0, cut));
    row(d).set('comment', t.slice(cut));
  }],
  ['windows-1252 bytes', (d, t, _r, e) => inBytes(d, bytesOf(t, 'windows-1252', e))],
  ['latin-1 bytes', (d, t, _r, e) => inBytes(d, bytesOf(t, 'latin1', e))],
  ['mac bytes', (d, t, _r, e) => inBytes(d, bytesOf(t, 'macintosh', e))],
];

function inBytes(d: Y.Doc, [bytes, how]: [Uint8Array, string]): string {
  row(d).set('bin', bytes);
  return how;
}

/** The Unicode encodings a tool writes any text in: name and bytes. */
const UNICODE: Array<[string, (t: string) => Uint8Array]> = [
  ['UTF-8', (t) => new TextEncoder().encode(t)],
  ['UTF-16LE', (t) => new Uint8Array(Buffer.from(t, 'utf16le'))],
  ['UTF-16BE', (t) => new Uint8Array(Buffer.from(t, 'utf16le').swap16())],
  ['UTF-16LE with BOM', (t) => new Uint8Array(Buffer.from(`\ufeff${t}`, 'utf16le'))],
  ['UTF-16BE with BOM', (t) => new Uint8Array(Buffer.from(`\ufeff${t}`, 'utf16le').swap16())],
];

/** True when `encoding` writes `t` whole (iconv writes `?` for a character it has none for). */
const writes = (t: string, encoding: string): boolean => iconv.decode(iconv.encode(t, encoding), encoding) === t;

/**
 * `t` as bytes in `encoding` when it can write every character of `t`; else, drawn from `e`,
 * as a tool writes it that can: folded to the encoding's own characters (NFKC, as Windows'
 * best fit writes `８` and `𝟖` as `8`) where that is enough, or in a Unicode encoding. No case
 * holds a `?` for a digit. Returns the bytes and how they were written, for the case's name.
 */
function bytesOf(t: string, encoding: string, e: () => number): [Uint8Array, string] {
  if (writes(t, encoding)) return [new Uint8Array(iconv.encode(t, encoding)), ''];
  const folded = t.normalize('NFKC');
  const ways: Array<[string, () => Uint8Array]> = UNICODE.map(([name, encode]) => [name, () => encode(t)]);
  if (writes(folded, encoding)) ways.push([`${encoding} folded`, () => new Uint8Array(iconv.encode(folded, encoding))]);
  const [how, encode] = ways[Math.floor(e() * ways.length)] as [string, () => Uint8Array];
  return [encode(), how];
}

const row = (d: Y.Doc): Y.Map<unknown> => d.getMap<Y.Map<unknown>>('rows').get('r0') as Y.Map<unknown>;
function newRow(d: Y.Doc): Y.Map<unknown> {
  const r = new Y.Map<unknown>();
  d.getMap('rows').set('r9', r);
  r.set('_pos', 'a9');
  return r;
}
function text(d: Y.Doc): Y.Text {
  const t = new Y.Text();
  row(d).set('notes', t);
  return t;
}

/** The client id whose varint is `bytes` (seven bits a byte, low first; 0x80 set on all but the last). */
const idOf = (bytes: number[]): number => bytes.reduce((id, b, k) => id + (b & 0x7f) * 128 ** k, 0);

/**
 * Client ids: small, one byte that is a digit, varints whose bytes a single-byte reading shows as
 * digits and superscripts (`¹²3`, `²²5`) or a no-break space before a digit, large, and any drawn.
 */
const CLIENTS = [1, 48, 57, idOf([0xb9, 0xb2, 0x33]), idOf([0xb2, 0xb2, 0x35]), idOf([0xa0, 0x39]), 2 ** 31 - 1, 2 ** 32 - 1, 0xdeadbeef];

let base: Uint8Array | null = null;

/** The server's state: an activity plan with one row. */
function baseState(): Uint8Array {
  if (base !== null) return base;
  const d = new Y.Doc();
  d.clientID = 7;
  d.transact(() => {
    d.getMap('meta').set('kind', 'activity-plan');
    const r = new Y.Map<unknown>();
    d.getMap('rows').set('r0', r);
    r.set('_pos', 'a0');
    r.set('title', 'Rad');
  });
  return (base = Y.encodeStateAsUpdate(d));
}

/** `count` cases drawn from `seed`: a number, a family, a spelling, a place and a client id each. */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const random = prng(seed);
  // Drawn apart, so that a case written otherwise leaves every later case's draws as they were.
  const encodingRandom = prng(seed + 0x5eed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const family = pick(FAMILIES);
    const [spelling, respell] = pick(SPELLINGS);
    const [place, put] = pick(PLACES);
    const client = random() < 0.5 ? pick(CLIENTS) : 1 + Math.floor(random() * 2 ** 32 - 2);
    const written = respell(spell(validNumber(random), family), random);
    const doc = new Y.Doc();
    doc.clientID = client;
    Y.applyUpdate(doc, baseState());
    const before = Y.encodeStateVector(doc);
    let how: string | void = '';
    doc.transact(() => void (how = put(doc, written, random, encodingRandom)));
    const update = Y.encodeStateAsUpdate(doc, before);
    const as = how ? ` as ${how}` : '';
    out.push({ name: `${i} ${spelling} in ${place}${as} by ${client}: ${JSON.stringify(written)}`, server: serverDoc, update, text: written, bytes: place.endsWith(' bytes') });
  }
  return out;
}

/** The server's doc: its own client id (2), not the writer's of its state (7), which Yjs would change with a warning. */
function serverDoc(): Y.Doc {
  const d = new Y.Doc();
  d.clientID = 2;
  Y.applyUpdate(d, baseState());
  return d;
}
