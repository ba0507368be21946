/**
 * A document's title is the same wherever it is read, whichever door renamed it: the Explorer's
 * list (`GET /documents`, what the workspace feed sends), the REST document record and the
 * document's `meta.title` (what open panes show). A rename over the socket wrote only the
 * document, so the list and the record kept the old name (`server/sync/title-follow.ts`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setMeta } from '../../../shared/doc/index.js';
import { startApp, type AppHarness } from './app-harness.js';
import { TOKENS, WS } from './support.js';

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** The title as the Explorer list, the REST record and the document's meta say it. */
async function seen(doc: string): Promise<{ list: string | undefined; record: string; meta: string | undefined }> {
  const app = h as AppHarness;
  const list = (await (await app.req(`/v1/workspaces/${WS}/documents`)).json()) as { documents: { doc: string; title: string }[] };
  const one = (await (await app.req(`/v1/workspaces/${WS}/documents/${doc}`)).json()) as { document: { title: string }; meta: { title?: string } | null };
  return { list: list.documents.find((d) => d.doc === doc)?.title, record: one.document.title, meta: one.meta?.title };
}

const same = (title: string) => ({ list: title, record: title, meta: title });

describe('renaming a document', () => {
  it('over the socket is seen the same in the Explorer list, the REST record and the meta', async () => {
    h = await startApp();
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', (copy) => setMeta(copy, { title: 'Aktivitetsplan 2026 – A' })));
    await expect.poll(() => seen('plan-a'), { timeout: 20_000 }).toEqual(same('Aktivitetsplan 2026 – A'));
    const stored = await h.storage.getDocRecord({ workspace: WS, doc: 'plan-a' });
    expect(stored?.title).toBe('Aktivitetsplan 2026 – A');
    expect(writer.ws.readyState).toBe(writer.ws.OPEN);
  });

  it('over the socket is audited as over REST: who, the old and the new title', async () => {
    h = await startApp();
    const before = (await h.storage.getDocRecord({ workspace: WS, doc: 'plan-a' }))?.title;
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', (copy) => setMeta(copy, { title: 'Aktivitetsplan 2026 – A' })));
    await expect.poll(() => seen('plan-a'), { timeout: 20_000 }).toEqual(same('Aktivitetsplan 2026 – A'));
    const renames = (await h.storage.listAudit(WS, 50)).filter((l) => l.action === 'rename').map(({ doc, memberId, detail }) => ({ doc, memberId, detail }));
    expect(renames).toEqual([{ doc: 'plan-a', memberId: 'm-a', detail: `"${before}" → "Aktivitetsplan 2026 – A"` }]);
  });

  it('over REST, then over the socket, then over REST again, is seen the same at every turn', async () => {
    h = await startApp();
    const rest = (title: string) => (h as AppHarness).req(`/v1/workspaces/${WS}/documents/plan-a`, { method: 'PATCH', body: JSON.stringify({ title }) }, TOKENS.editorA);
    expect((await rest('Plan A via REST')).status).toBe(200);
    expect(await seen('plan-a')).toEqual(same('Plan A via REST'));
    const writer = await h.join('plan-a', TOKENS.editorA);
    writer.send(await h.frame('plan-a', (copy) => setMeta(copy, { title: 'Plan A via uttaget' })));
    await expect.poll(() => seen('plan-a'), { timeout: 20_000 }).toEqual(same('Plan A via uttaget'));
    expect((await rest('Plan A via REST igen')).status).toBe(200);
    expect(await seen('plan-a')).toEqual(same('Plan A via REST igen'));
  });
});
