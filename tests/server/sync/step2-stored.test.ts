/**
 * A join's step 2 answer (`Room.answerStep1`) goes out only once everything the doc holds is
 * stored. When it already is, the answer is sent at once, with no waiter made on the commit log
 * (one closure per join before); when a write is still on its way, it waits for that write.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { decodeMessage } from '../../../server/sync/protocol.js';
import type { Peer, Room } from '../../../server/sync/room.js';
import { insertRow } from '../../../shared/doc/index.js';
import { startTestServer, WS, type TestServer } from './support.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const ME = { memberId: null, principal: null };

/** A peer that keeps the step 2 answers it is sent, applied to a doc each. */
function answering(): { peer: Peer; answers: Y.Doc[] } {
  const answers: Y.Doc[] = [];
  const peer: Peer = {
    send: (frame: Uint8Array) => {
      const m = decodeMessage(frame);
      if (m.type !== 'sync-step2') return;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, m.update);
      answers.push(doc);
    },
    close: () => undefined,
  };
  return { peer, answers };
}

/** A row written on top of `room`'s doc, offered to it as a trusted write. */
function offerRow(room: Room, title: string): ReturnType<Room['offer']> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const before = Y.encodeStateVector(doc);
  insertRow(doc, { title });
  return room.offer(Y.encodeStateAsUpdate(doc, before), ME, null);
}

const titles = (doc: Y.Doc): string[] =>
  [...(doc.getMap('rows') as Y.Map<Y.Map<unknown>>).values()].map((row) => row.get('title') as string).sort();

describe('a join’s step 2 answer', () => {
  it('is sent at once, with no waiter on the log, when everything is stored', async () => {
    server = await startTestServer();
    await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, async (room) => {
      const taken = offerRow(room, 'Hälsodag');
      expect(taken.ok).toBe(true);
      if (taken.ok) await taken.persisted;
      const log = (room as unknown as { log: { afterApplied: (run: (ok: boolean) => void) => void } }).log;
      const waits = vi.spyOn(log, 'afterApplied');
      const { peer, answers } = answering();
      expect(room.answerStep1(peer, new Uint8Array([0]))).toBe(true);
      expect(answers).toHaveLength(1);
      expect(titles(answers[0] as Y.Doc)).toContain('Hälsodag');
      expect(waits).not.toHaveBeenCalled();
    });
  });

  it('waits for a write on its way, then holds it', async () => {
    server = await startTestServer();
    await server.sync.registry.withDoc({ workspace: WS, doc: 'plan-a' }, async (room) => {
      const taken = offerRow(room, 'Öppet hus');
      expect(taken.ok).toBe(true);
      const { peer, answers } = answering();
      expect(room.answerStep1(peer, new Uint8Array([0]))).toBe(true);
      expect(answers).toHaveLength(0);
      if (taken.ok) await taken.persisted;
      await vi.waitFor(() => expect(answers).toHaveLength(1));
      expect(titles(answers[0] as Y.Doc)).toContain('Öppet hus');
    });
  });
});
