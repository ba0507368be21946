import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('deleting a document an approved round locks rows of', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    // Round 2026-kv-2 (2026 Q2, activities) approved for vc-a: plan-a's two rows end 2026-06-01, inside it.
    const round = { id: '2026-kv-2', title: '2026 kv 2', period: '2026Q2', dueDate: '2026-07-15', indicators: [], activities: true };
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, json('POST', round))).status).toBe(201);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/submit`, f.tokens.editor, json('POST', {}))).status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/approve`, f.tokens.coordinator, json('POST', {}))).status).toBe(200);
  });
  afterEach(() => f.close());

  const rowsOfPlan = async () => ((await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.viewer)).json()) as { rows: unknown[] }).rows.length;

  it('is refused in words naming the round and the rows, and the approved rows stay; after reopening it is deleted', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.admin, { method: 'DELETE' });
    expect(res.status).toBe(409);
    const err = await errorOf(res);
    expect(err.code).toBe('locked-row');
    expect((err.details as { message: { sv: string } }).message.sv).toBe(
      'Dokumentet har 2 rader i den godkända omgången 2026 kv 2, som är låsta; det togs inte bort. Arkivera det i stället (de godkända siffrorna står kvar) eller öppna enheternas rapporter för ändring först.',
    );
    expect(await rowsOfPlan()).toBe(2);
    expect((await f.storage.listDocs(WS)).some((d) => d.doc === 'plan-a')).toBe(true);

    expect((await f.req(`/v1/workspaces/${WS}/rounds/2026-kv-2/units/vc-a/reopen`, f.tokens.admin, json('POST', { reason: 'Planen ska tas bort' }))).status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
    expect((await f.storage.listDocs(WS)).some((d) => d.doc === 'plan-a')).toBe(false);
  });

  it('deletes a document the round locks nothing of', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents/handlingsplan`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
  });
});
