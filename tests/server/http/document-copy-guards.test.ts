import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('copying a plan', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  /** Round `2026-kv-2` (2026 Q2, activities) approved for vc-a: plan-a's rows end 2026-06-01, inside it. */
  async function approveQ2(): Promise<void> {
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json('POST', {}))).status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/approve`, f.tokens.coordinator, json('POST', {}))).status).toBe(200);
  }

  const docCount = async () => (await f.storage.listDocs(WS)).length;

  it('makes no rows in a period an approved round locks: a copy into the same year is refused in words, nothing made', async () => {
    await approveQ2();
    const before = await docCount();
    for (const token of [f.tokens.editor, f.tokens.coordinator]) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, token, json('POST', { title: 'Kopia', years: 0 }));
      expect(res.status).toBe(409);
      const err = await errorOf(res);
      expect(err.code).toBe('locked-row');
      expect(englishOf(err)).toContain('2026 Q2');
      expect((err.details as { message: { sv: string } }).message.sv).toContain('2026 kv 2');
    }
    expect(await docCount()).toBe(before);
  });

  it('copies as before when the rows land outside every approved period', async () => {
    await approveQ2();
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, f.tokens.editor, json('POST', { title: 'Aktivitetsplan 2027', years: 1 }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { rows: number }).rows).toBe(2);
  });

  it("does not tell another workspace's documents apart from missing ones", async () => {
    const ydoc = createDoc('partners', { title: 'Partners', ownerUnit: 'x', schemaVersion: kindDef('partners').schemaVersion });
    insertRows(ydoc, [{ name: 'Förening', type: 'frivilligorganisation' }]);
    const at = f.now.value.toISOString();
    await f.storage.putDocRecord({ workspace: 'other', doc: 'hemlig', kind: 'partners', title: 'Partners', ownerUnit: 'x', createdAt: at, updatedAt: at });
    await f.storage.appendUpdates({ workspace: 'other', doc: 'hemlig' }, [{ update: Y.encodeStateAsUpdate(ydoc), memberId: null }]);
    const probes = [
      (doc: string) => f.req(`/v1/workspaces/other/documents/${doc}/copy`, f.tokens.admin, json('POST', { title: 'P' })),
      (doc: string) => f.req(`/v1/workspaces/other/indicators/kolada?doc=${doc}`, f.tokens.admin, json('POST', { values: [] })),
    ];
    for (const probe of probes) {
      const [held, missing] = [await probe('hemlig'), await probe('finns-inte')];
      expect(held.status).toBe(404);
      expect([held.status, (await errorOf(held)).code]).toEqual([missing.status, (await errorOf(missing)).code]);
    }
  });
});
