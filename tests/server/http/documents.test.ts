import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const create = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('/v1/workspaces/:ws/documents', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('lists the documents, filtered by kind', async () => {
    const body = (await (await f.req(`/v1/workspaces/${WS}/documents?kind=activity-plan`, f.tokens.viewer)).json()) as { documents: { doc: string }[] };
    expect(body.documents.map((d) => d.doc)).toEqual(['plan-a']);
  });

  it("creates an activity plan for the editor's own clinic from the kind's template", async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.editor, create({ kind: 'activity-plan', title: 'Plan 2027', ownerUnit: 'vc-a' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { document: { doc: string; kind: string }; sync: string };
    expect(body.document).toMatchObject({ doc: 'activity-plan-vc-a', kind: 'activity-plan' });
    expect(body.sync).toBe(`/v1/sync/${WS}/activity-plan-vc-a`);
    const meta = (await (await f.req(`/v1/workspaces/${WS}/documents/activity-plan-vc-a`, f.tokens.editor)).json()) as { meta: unknown; rows: number; youCanWrite: boolean };
    expect(meta.meta).toMatchObject({ kind: 'activity-plan', title: 'Plan 2027', ownerUnit: 'vc-a', schemaVersion: 2 });
    expect(meta.rows).toBe(0);
    expect(meta.youCanWrite).toBe(true);
  });

  it('picks a free id when the default one is taken', async () => {
    await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, create({ kind: 'activity-plan', title: 'P', ownerUnit: 'vc-b' }));
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, create({ kind: 'activity-plan', title: 'P2', ownerUnit: 'vc-b' }));
    expect(((await res.json()) as { document: { doc: string } }).document.doc).toBe('activity-plan-vc-b-2');
  });

  it('refuses a taken id with 409', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, create({ kind: 'partners', title: 'P', ownerUnit: 'region', id: 'plan-a' }));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('doc-exists');
  });

  it('refuses an editor creating a plan for another clinic (403) and an unknown kind (400)', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.editor, create({ kind: 'activity-plan', title: 'P', ownerUnit: 'vc-b' }))).status).toBe(403);
    expect((await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.viewer, create({ kind: 'activity-plan', title: 'P', ownerUnit: 'vc-a' }))).status).toBe(403);
    expect((await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, create({ kind: 'budget', title: 'P', ownerUnit: 'vc-a' }))).status).toBe(400);
  });

  it('refuses an owner unit the workspace does not have', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, create({ kind: 'activity-plan', title: 'P', ownerUnit: 'vc-z' }));
    expect(res.status).toBe(400);
    expect(englishOf(await errorOf(res))).toMatch(/no unit "vc-z"/);
  });

  it('shows a document with its meta, row count and columns, and whether you can write it', async () => {
    const body = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.editorB)).json()) as {
      rows: number;
      columns: { key: string }[];
      youCanWrite: boolean;
    };
    expect(body.rows).toBe(2);
    expect(body.columns.map((c) => c.key)).toContain('goals');
    expect(body.youCanWrite).toBe(false);
  });

  it('answers 404 with a sentence for an unknown document', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/nope`, f.tokens.viewer);
    expect(res.status).toBe(404);
    const gone = await errorOf(res);
    expect(gone.code).toBe('doc-not-found');
    expect(englishOf(gone)).toMatch(/no document "nope"/);
  });
});
