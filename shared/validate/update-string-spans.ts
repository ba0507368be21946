/**
 * Where the strings of a Yjs V1 update stand in its bytes, for the raw-byte net (`raw-scan.ts`):
 * the bytes of every length-prefixed field (a root's name, a key, a string value, a JSON or embed
 * text, a format, an XML name, a sub-document's id, binary content), each after its length. Read
 * as Yjs reads the update, so a string's end is known by its length, not guessed from the bytes
 * around it: the net then never reads one string's last digits joined to the next string's first
 * ones across the client id, info and length bytes between them (`Grupp 811218` | `nr 9876`).
 */
import * as decoding from 'lib0/decoding';

/** The types of `Y.Item` content by the low five bits of its info byte (Yjs' `contentRefs`). */
const DELETED = 1;
const JSON_CONTENT = 2;
const BINARY = 3;
const STRING = 4;
const EMBED = 5;
const FORMAT = 6;
const TYPE = 7;
const ANY = 8;
const DOC = 9;
/** The info byte of a `Y.Skip`. */
const SKIP = 10;
/** Yjs' type refs whose content carries a name: `Y.XmlElement` and `Y.XmlHook`. */
const XML_ELEMENT = 3;
const XML_HOOK = 5;

/** lib0's `writeAny` type bytes: string, object, array, `Uint8Array`; float32, float64, bigint; a varint. */
const ANY_STRING = 119;
const ANY_OBJECT = 118;
const ANY_ARRAY = 117;
const ANY_BYTES = 116;
const ANY_FLOAT32 = 124;
const ANY_FLOAT64 = 123;
const ANY_BIGINT = 122;
const ANY_INT = 125;
/** lib0's `readAny` nests as deep as the bytes say; a value deeper than this is no update the net learns from. */
const MOST_DEPTH = 64;

/** Reads one length-prefixed field and notes where its bytes stand, as `[start, end)` pairs in `spans`. Throws past the end. */
export function field(d: decoding.Decoder, spans: number[]): void {
  const len = decoding.readVarUint(d);
  const start = d.pos;
  if (start + len > d.arr.length) throw new RangeError('field past the end');
  d.pos = start + len;
  if (len > 0) spans.push(start, start + len);
}

/**
 * Reads one value of lib0's `writeAny`, noting the strings and byte arrays in it. Throws on a
 * value past the end, of no type, or nested deeper than {@link MOST_DEPTH}.
 */
export function any(d: decoding.Decoder, spans: number[], depth = 0): void {
  if (depth > MOST_DEPTH) throw new RangeError('value nested too deep');
  const type = decoding.readUint8(d);
  if (type === ANY_STRING || type === ANY_BYTES) field(d, spans);
  else if (type === ANY_INT) decoding.readVarInt(d);
  else if (type === ANY_FLOAT32) d.pos += 4;
  else if (type === ANY_FLOAT64 || type === ANY_BIGINT) d.pos += 8;
  else if (type === ANY_OBJECT) {
    for (let n = decoding.readVarUint(d); n > 0; n--) {
      field(d, spans);
      any(d, spans, depth + 1);
    }
  } else if (type === ANY_ARRAY) {
    for (let n = decoding.readVarUint(d); n > 0; n--) any(d, spans, depth + 1);
  } else if (type < 120 || type > 127) throw new RangeError('no value type');
  if (d.pos > d.arr.length) throw new RangeError('value past the end');
}

/** Reads an item's content (Yjs' `readItemContent` of a V1 decoder), noting its strings. */
function content(d: decoding.Decoder, ref: number, spans: number[]): void {
  switch (ref) {
    case DELETED:
      decoding.readVarUint(d);
      return;
    case JSON_CONTENT:
      for (let n = decoding.readVarUint(d); n > 0; n--) field(d, spans);
      return;
    case BINARY:
    case STRING:
    case EMBED:
      field(d, spans);
      return;
    case FORMAT:
      field(d, spans);
      field(d, spans);
      return;
    case TYPE: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) field(d, spans);
      else if (typeRef > 6) throw new RangeError('no type');
      return;
    }
    case ANY:
      for (let n = decoding.readVarUint(d); n > 0; n--) any(d, spans, 0);
      return;
    case DOC:
      field(d, spans);
      any(d, spans, 0);
      return;
    default:
      throw new RangeError('no content');
  }
}

/**
 * The `[start, end)` byte ranges of the length-prefixed fields of `update` read as one whole Yjs
 * V1 update, in order, as a flat list (`[s0, e0, s1, e1, …]`), empty fields left out; null when
 * the bytes are not exactly one V1 update (then nothing is known of their layout). Linear in the
 * bytes; reads no text.
 *
 * @example
 * const doc = new Y.Doc();
 * doc.on('update', (u: Uint8Array) => stringSpans(u)); // the root's name, the key, the value
 * doc.getMap('meta').set('title', 'Plan');
 */
export function stringSpans(update: Uint8Array): number[] | null {
  const d = decoding.createDecoder(update);
  const spans: number[] = [];
  try {
    for (let clients = decoding.readVarUint(d); clients > 0; clients--) {
      let structs = decoding.readVarUint(d);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      for (; structs > 0; structs--) {
        const info = decoding.readUint8(d);
        const ref = info & 0x1f;
        if (info === SKIP || ref === 0) {
          decoding.readVarUint(d);
          continue;
        }
        if ((info & 0x80) !== 0) readId(d);
        if ((info & 0x40) !== 0) readId(d);
        if ((info & 0xc0) === 0) {
          if (decoding.readVarUint(d) === 1) field(d, spans);
          else readId(d);
          if ((info & 0x20) !== 0) field(d, spans);
        }
        content(d, ref, spans);
      }
    }
    for (let clients = decoding.readVarUint(d); clients > 0; clients--) {
      decoding.readVarUint(d);
      for (let deletes = decoding.readVarUint(d); deletes > 0; deletes--) readId(d);
    }
  } catch {
    return null;
  }
  return d.pos === update.length ? spans : null;
}

/** A client and a clock (or a delete's clock and length): two varints. */
function readId(d: decoding.Decoder): void {
  decoding.readVarUint(d);
  decoding.readVarUint(d);
}
