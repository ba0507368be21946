/**
 * Hand-made Yjs updates for adversarial tests: items with any content, under any parent, with
 * any id, encoded exactly as Yjs encodes them (V1), so a test can say what a hostile client
 * could send that no `Y.Doc` API would produce.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** One item to forge. `parent` is a root name or the id of the item whose type holds it. */
export interface ForgedItem {
  client: number;
  clock: number;
  /** Omit to have Yjs take the parent from `origin`. */
  parent?: string | Y.ID;
  parentSub?: string | null;
  origin?: Y.ID | null;
  content: Y.Item['content'];
}

/** Delete ranges to forge: client, clock, length. */
export type ForgedDelete = [client: number, clock: number, len: number];

/** The V1 update of `items` (consecutive clocks per client, in the order given) and `deletes`. */
export function forgeUpdate(items: readonly ForgedItem[], deletes: readonly ForgedDelete[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, ForgedItem[]>();
  for (const item of items) byClient.set(item.client, [...(byClient.get(item.client) ?? []), item]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as ForgedItem).clock);
    for (const f of list) {
      const parent = f.origin ? null : (f.parent ?? null);
      const item = new Y.Item(Y.createID(client, f.clock), null, f.origin ?? null, null, null, parent as never, f.parentSub ?? null, f.content);
      item.write(encoder, 0);
    }
  }
  const ds = new Map<number, ForgedDelete[]>();
  for (const d of deletes) ds.set(d[0], [...(ds.get(d[0]) ?? []), d]);
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of ds) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [, clock, len] of ranges) {
      encoding.writeVarUint(encoder.restEncoder, clock);
      encoding.writeVarUint(encoder.restEncoder, len);
    }
  }
  return encoder.toUint8Array();
}

/** The id of the item that holds `rowId` in the `rows` root of `doc`. */
export function rowItemId(doc: Y.Doc, rowId: string): Y.ID {
  const row = doc.getMap<Y.Map<unknown>>('rows').get(rowId);
  if (!row?._item) throw new Error(`no row ${rowId}`);
  return row._item.id;
}

/** The id of the item holding cell `key` of row `rowId`. */
export function cellItemId(doc: Y.Doc, rowId: string, key: string): Y.ID {
  const row = doc.getMap<Y.Map<unknown>>('rows').get(rowId);
  const item = row?._map.get(key);
  if (!item) throw new Error(`no cell ${rowId}.${key}`);
  return item.id;
}

/** A client id no doc in the test uses. */
export function freshClient(doc: Y.Doc): number {
  let client = 1_000_000;
  while (doc.store.clients.has(client)) client++;
  return client;
}

/** Every kind of content Yjs can encode, each holding `text` where it can hold text. */
export function everyContent(text: string): [name: string, content: Y.Item['content']][] {
  return [
    ['Y.XmlHook', new Y.ContentType(new Y.XmlHook(text))],
    ['Y.XmlElement', new Y.ContentType(new Y.XmlElement(text))],
    ['Y.XmlFragment', new Y.ContentType(new Y.XmlFragment())],
    ['Y.XmlText', new Y.ContentType(new Y.XmlText())],
    ['Y.Text', new Y.ContentType(new Y.Text())],
    ['Y.Array', new Y.ContentType(new Y.Array())],
    ['string', new Y.ContentString(text)],
    ['embed', new Y.ContentEmbed({ note: text })],
    ['format', new Y.ContentFormat('bold', text)],
    ['JSON', new Y.ContentJSON([text])],
    ['binary', new Y.ContentBinary(new TextEncoder().encode(text))],
    ['sub-document', new Y.ContentDoc(new Y.Doc({ guid: text }))],
    ['object', new Y.ContentAny([{ note: text }])],
    ['array value', new Y.ContentAny([[text]])],
    ['two values', new Y.ContentAny([text, text])],
  ];
}

/** Encodes decoded (and possibly altered) structs and delete ranges as a V1 update, as Yjs would. */
export function encodeStructs(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>, deletes: readonly ForgedDelete[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const s of structs) byClient.set(s.id.client, [...(byClient.get(s.id.client) ?? []), s]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as Y.Item).id.clock);
    for (const s of list) s.write(encoder, 0);
  }
  const ds = new Map<number, ForgedDelete[]>();
  for (const d of deletes) ds.set(d[0], [...(ds.get(d[0]) ?? []), d]);
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of ds) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const [, clock, len] of ranges) {
      encoding.writeVarUint(encoder.restEncoder, clock);
      encoding.writeVarUint(encoder.restEncoder, len);
    }
  }
  return encoder.toUint8Array();
}
