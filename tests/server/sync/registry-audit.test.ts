/**
 * A server-side update's audit lines (`Registry.submit`, `OfferOptions.audit`): stored in the
 * transaction of the update, at its time; alone when the update changes nothing (another write
 * made the same change first); not at all when the update is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { insertRow } from '../../../shared/doc/index.js';
import { SEEDED_SEQ, startTestServer, WS, type TestServer } from './support.js';

let server: TestServer;
const ref = { workspace: WS, doc: 'plan-a' };
afterEach(async () => {
  await server?.stop();
});

function edit(change: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  change(d);
  return Y.encodeStateAsUpdate(d);
}

const line = (detail: string) => [{ workspace: WS, doc: ref.doc, memberId: 'm-coord', action: 'import', bytes: 40, detail }];

describe('audit lines of a submitted update', () => {
  it('stores them with the update, alone when it changes nothing, and not when it is refused', async () => {
    server = await startTestServer();
    const { registry } = server.sync;
    const author = { memberId: 'm-coord', principal: null };
    const update = edit((d) => insertRow(d, { title: 'importerad' }, { id: 'imported' }));
    const imports = async () => (await server.storage.listAudit(WS, 100)).filter((l) => l.action === 'import');

    expect(await registry.submit(ref, update, author, line('imported 1, updated 0, refused 0'))).toEqual({ ok: true });
    const stored = await server.storage.listUpdates(ref, SEEDED_SEQ, 10);
    expect(stored).toHaveLength(1);
    expect(await imports()).toEqual([{ ...line('imported 1, updated 0, refused 0')[0], at: stored[0]?.at }]);

    // The same update again changes nothing: no update is stored, the line is.
    expect(await registry.submit(ref, update, author, line('imported 0, updated 1, refused 0'))).toEqual({ ok: true });
    expect(await server.storage.listUpdates(ref, SEEDED_SEQ, 10)).toHaveLength(1);
    expect((await imports()).map((l) => l.detail)).toEqual(['imported 0, updated 1, refused 0', 'imported 1, updated 0, refused 0']);

    const refused = await registry.submit(ref, edit((d) => insertRow(d, { comment: '191212121212' }, { id: 'note' })), author, line('imported 1, updated 0, refused 0 (refused)'));
    expect(refused).toMatchObject({ ok: false, closeCode: 4422 });
    expect(await imports()).toHaveLength(2);
  });
});
