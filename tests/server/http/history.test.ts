import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

describe('history and versions', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.now.value = new Date('2026-02-01T08:00:00Z');
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Rökavvänjning', type: 'halsosamtal' }]),
    });
  });
  afterEach(() => f.close());

  it('says who changed what and when, newest first', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: number;
      entries: { seq: number; memberId: string; memberName: string; rowsAdded: string[]; cellsChanged: number; changes: { column: string; to: unknown }[] }[];
    };
    expect(body.total).toBe(2);
    const [latest, first] = body.entries;
    expect(latest).toMatchObject({ seq: 2, memberId: 'eda', memberName: 'Person eda', cellsChanged: 2 });
    expect(latest?.rowsAdded).toHaveLength(1);
    expect(latest?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'title', to: 'Rökavvänjning' })]));
    expect(first).toMatchObject({ seq: 1, memberId: 'coord' });
    expect(first?.rowsAdded).toHaveLength(2);
  });

  it('limits the entries to the newest ones', async () => {
    const body = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?limit=1`, f.tokens.viewer)).json()) as { entries: { seq: number }[] };
    expect(body.entries.map((e) => e.seq)).toEqual([2]);
  });

  it('gives the document as it was after an update, as JSON rows', async () => {
    const v1 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/1`, f.tokens.viewer)).json()) as { rows: { title: string }[]; meta: { kind: string } };
    expect(v1.rows.map((r) => r.title)).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    expect(v1.meta.kind).toBe('activity-plan');
    const v2 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/2`, f.tokens.viewer)).json()) as { rows: unknown[] };
    expect(v2.rows).toHaveLength(3);
  });

  it('answers 404 for a version that does not exist', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/99`, f.tokens.viewer);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('version-not-found');
  });
});
