/**
 * `applyUpdateV1` applies an update as `Y.applyUpdate` does (the same doc, the same emitted
 * update), reading short strings without a `TextDecoder` call; the room's apply of an
 * allowed edit (`RoomApply.integrate`) goes through it, so a one-cell edit decodes no string
 * through `TextDecoder` when the room applies it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import { applyUpdateV1 } from '../../../shared/validate/update-structs.js';
import { RoomApply, type Applying } from '../../../server/sync/room-apply.js';
import type { Loaded } from '../../../server/sync/load-doc.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Updates of every kind of string and value a V1 update carries, each from the state before it. */
function updates(): { base: Uint8Array; list: Uint8Array[] } {
  const doc = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
  const base = Y.encodeStateAsUpdate(doc);
  const list: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => list.push(u));
  const row = insertRow(doc, { title: 'Hälsodag' }, { id: 'row-1' });
  setCell(doc, row, 'comment', 'kort');
  setCell(doc, row, 'comment', 'x'.repeat(64));
  setCell(doc, row, 'comment', 'y'.repeat(65));
  setCell(doc, row, 'comment', 'Öppet hus på vårdcentralen');
  setCell(doc, row, 'comment', '');
  setCell(doc, row, 'comment', 'emoji 😀 och \u0000 nollbyte');
  doc.transact(() => {
    doc.getMap('other').set('nested', { a: ['b', 1, null, true, { 'nyckel å': 'värde' }] });
    doc.getMap('other').set('número', 2.5);
    doc.getArray('list').insert(0, ['ett', 'två', 3]);
    doc.getText('text').insert(0, 'text åäö');
    doc.getXmlFragment('xml').insert(0, [new Y.XmlElement('para-ö')]);
  });
  doc.getMap('other').delete('nested');
  return { base, list };
}

function apply({ base, list }: { base: Uint8Array; list: Uint8Array[] }, with1: boolean): { state: Uint8Array; emitted: Uint8Array[] } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const emitted: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => emitted.push(u));
  for (const u of list) {
    if (with1) applyUpdateV1(doc, u, 'origin');
    else Y.applyUpdate(doc, u, 'origin');
  }
  return { state: Y.encodeStateAsUpdate(doc), emitted };
}

describe('applyUpdateV1', () => {
  it('makes the same doc and emits the same updates as Y.applyUpdate', () => {
    const made = updates();
    const ours = apply(made, true);
    const yjs = apply(made, false);
    expect(ours.emitted.length).toBeGreaterThan(8);
    expect(ours.emitted).toEqual(yjs.emitted);
    expect(ours.state).toEqual(yjs.state);
  });

  it('throws on bytes Y.applyUpdate throws on', () => {
    const bad = new Uint8Array([1, 1, 200, 1, 0, 40]);
    expect(() => Y.applyUpdate(new Y.Doc(), bad)).toThrow();
    expect(() => applyUpdateV1(new Y.Doc(), bad)).toThrow();
  });

  it('applies a one-cell edit in a room without a TextDecoder call', () => {
    const server = createDoc('activity-plan', { title: 'Aktivitetsplan', ownerUnit: 'vc-a', schemaVersion: 1 });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sent: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => sent.push(u));
    const row = insertRow(client, { title: 'Hälsodag' }, { id: 'bench-w0' });
    setCell(client, row, 'comment', 'm0-17');
    const room = new RoomApply(() => undefined);
    room.watch({ doc: server, tail: 0, lastSeq: 0, wrote: null, takeBacks: [] } as unknown as Loaded);
    const by = { record: {}, deps: {}, principal: null, seen: undefined } as unknown as Applying;
    expect(room.integrate(server, sent[0] as Uint8Array, null, by)).not.toBeNull();
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    let applied: ReturnType<RoomApply['integrate']>;
    try {
      applied = room.integrate(server, sent[1] as Uint8Array, null, by);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      // The test files of this folder share their worker (`vitest.config.ts`).
      decode.mockRestore();
    }
    expect(applied).not.toBeNull();
    expect(server.getMap('rows').get('bench-w0')).toBeInstanceOf(Y.Map);
    expect((server.getMap('rows').get('bench-w0') as Y.Map<unknown>).get('comment')).toBe('m0-17');
  });
});
