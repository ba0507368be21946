/**
 * A document's life seen from open sockets and REST alike: an archived document refuses every
 * write (4423 on the socket, 423 over REST, with the sentence) and stays readable; restoring it
 * makes it writable again at once. An editor renames its own unit's plan, not another's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metaOf, setMeta } from '../../../shared/doc/index.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import type * as Y from 'yjs';
import { addRow, startApp, type AppHarness } from './app-harness.js';
import { TOKENS, WS } from './support.js';
import { englishOf } from '../http/support.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const titles = async (doc: string) => ((await h?.storedRows(doc)) ?? []).map((r) => r.title);
const post = (path: string) => (h as AppHarness).req(`/v1/workspaces/${WS}/documents/${path}`, { method: 'POST' });
const importRows = (doc: string, rows: unknown[], token = TOKENS.editorA) =>
  (h as AppHarness).req(`/v1/workspaces/${WS}/documents/${doc}/import`, { method: 'POST', body: JSON.stringify(rows) }, token);

describe('an archived document', () => {
  it('refuses a socket write with 4423 and a REST import with 423, stores neither, and stays readable', async () => {
    h = await startApp();
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', addRow('före')));
    await expect.poll(() => titles('plan-a')).toEqual(['före']);
    expect((await post('plan-a/archive')).status).toBe(200);

    writer.send(await h.frame('plan-a', addRow('efter')));
    expect(await writer.closed).toEqual({ code: CloseCode.archived, reason: 'Document archived: it can be read, not changed' });
    const imported = await importRows('plan-a', [{ title: 'import' }]);
    expect(imported.status).toBe(423);
    expect(englishOf(((await imported.json()) as { error: { details: unknown } }).error)).toMatch(/archived: it can be read, not changed/);
    const renamed = await h.req(`/v1/workspaces/${WS}/documents/plan-a`, { method: 'PATCH', body: JSON.stringify({ title: 'Nytt namn' }) });
    expect(renamed.status).toBe(423);
    expect(await titles('plan-a')).toEqual(['före']);

    // Reading goes on: a viewer joins and gets the rows; the REST rows answer too.
    const reader = await h.join('plan-a', TOKENS.viewer);
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);
    expect((await h.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=json`, {}, TOKENS.viewer)).status).toBe(200);
  });

  it('is writable again as soon as an admin restores it', async () => {
    h = await startApp();
    expect((await post('plan-a/archive')).status).toBe(200);
    expect((await importRows('plan-a', [{ title: 'nej' }])).status).toBe(423);
    expect((await post('plan-a/unarchive')).status).toBe(200);
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', addRow('igen')));
    await expect.poll(() => titles('plan-a')).toEqual(['igen']);
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
  });
});

describe('renaming a plan', () => {
  const rename = (copy: Y.Doc) => setMeta(copy, { title: 'Aktivitetsplan 2026 – A' });
  const title = async (doc: string) => (await (h as AppHarness).samplan.registry.withDoc({ workspace: WS, doc }, (room) => metaOf(room.doc)?.title));

  it("lets an editor rename its own unit's plan, over the socket and over REST", async () => {
    h = await startApp();
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', rename));
    await expect.poll(() => title('plan-a')).toBe('Aktivitetsplan 2026 – A');
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
    const res = await h.req(`/v1/workspaces/${WS}/documents/plan-a`, { method: 'PATCH', body: JSON.stringify({ title: 'Plan A 2027' }) }, TOKENS.editorA);
    expect(res.status).toBe(200);
    expect(await title('plan-a')).toBe('Plan A 2027');
  });

  it("refuses an editor renaming another unit's plan, over the socket (4403) and over REST (403)", async () => {
    h = await startApp();
    const res = await h.req(`/v1/workspaces/${WS}/documents/plan-b`, { method: 'PATCH', body: JSON.stringify({ title: 'Inte min' }) }, TOKENS.editorA);
    expect(res.status).toBe(403);
    const other = await h.join('plan-b', TOKENS.editorB);
    // Editor B may write plan B, but not change its owner unit: only the title is a rename.
    other.send(await h.frame('plan-b', (copy) => setMeta(copy, { ownerUnit: 'clinic-a' })));
    expect((await other.closed).code).toBe(CloseCode.forbidden);
    expect(await title('plan-b')).not.toBe('Inte min');
  });
});
