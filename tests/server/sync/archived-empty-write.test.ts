/**
 * An archived document takes no write, not even one whose update changes nothing. `judgeAndApply`
 * returned before `judgeOffer` for an empty update (or one the document already holds), so one that
 * carried audit lines or a record (an import of no rows, a rename to the title the document already
 * shows) stored them on an archived document: a line of a change nobody may make, and a record
 * written over the archived one. Now such an offer is refused as `archived` and stores nothing;
 * one that carries nothing (a reconnect's empty answer) is taken as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaOf } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { startTestServer, WS, type TestServer } from './support.js';

let server: TestServer;
const ref = { workspace: WS, doc: 'plan-a' };
afterEach(async () => {
  await server?.stop();
});

describe('an offer that changes nothing, on an archived document', () => {
  it('is refused when it carries audit lines or a record, and stores neither', async () => {
    server = await startTestServer();
    const { registry } = server.sync;
    const archived = { ...(await server.storage.getDocRecord(ref))!, archivedAt: '2026-02-01T08:00:00.000Z', archivedBy: 'Admin' };
    await server.storage.putDocRecord(archived);
    const live = await registry.getDoc(ref);
    const title = String(metaOf(live)?.title);
    const held = Y.encodeStateAsUpdate(live);
    const author = { memberId: 'm-coord', principal: null };
    const line = { workspace: WS, doc: ref.doc, memberId: 'm-coord', action: 'rename', bytes: 0, detail: `"${title}" → "${title}"` };
    const renamed = { ...archived, archivedAt: null, archivedBy: null, title, updatedAt: '2026-02-02T08:00:00.000Z' };
    const auditBefore = await server.storage.listAudit(WS, 100);

    const offers = [
      ['empty, a line', new Uint8Array([0, 0]), [line], undefined],
      ['empty, a record', new Uint8Array([0, 0]), undefined, renamed],
      ['held already, a line and a record', held, [line], renamed],
    ] as const;
    for (const [what, update, audit, record] of offers) {
      const answer = await registry.submit(ref, update, author, audit, record);
      expect([what, answer]).toMatchObject([what, { ok: false, closeCode: CloseCode.archived, code: 'archived' }]);
    }
    expect(await server.storage.listAudit(WS, 100)).toEqual(auditBefore);
    expect(await server.storage.getDocRecord(ref)).toEqual(archived);
    // Carrying nothing, it stores nothing and is taken (a reconnect that had no edits).
    expect(await registry.submit(ref, new Uint8Array([0, 0]), author)).toEqual({ ok: true });
  });
});
