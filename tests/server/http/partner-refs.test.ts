import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, planRow, WS, type Fixture } from './support.js';

/** The partner column's problems of the activity plan `plan-a`, as `[row title, code, severity]`. */
async function partnerProblems(f: Fixture): Promise<[string, string, string][]> {
  const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.viewer)).json()) as { rows: { id: string; title: string }[] };
  const title = new Map(rows.rows.map((r) => [r.id, r.title]));
  const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/problems`, f.tokens.viewer);
  const body = (await res.json()) as { problems: { rowId: string; column: string; code: string; severity: string }[] };
  return body.problems.filter((p) => p.column === 'partner').map((p) => [title.get(p.rowId) ?? p.rowId, p.code, p.severity]);
}

describe('problems: partner references by id, and by name from before ids', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('accepts a partner stored by its row id and one stored by its name in any case, and warns of an unknown one', async () => {
    const partners = (await (await f.req(`/v1/workspaces/${WS}/documents/partners/rows`, f.tokens.viewer)).json()) as { rows: { id: string; name: string }[] };
    const rodaKorset = partners.rows.find((r) => r.name === 'Röda Korset')?.id;
    expect(rodaKorset).toMatch(/^[A-Za-z][A-Za-z0-9]{11}$/);
    const imported = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        planRow('Med id', { partner: rodaKorset ?? '' }),
        planRow('Med gammalt namn', { partner: 'röda  korset' }),
        planRow('Okänd', { partner: 'Röda Korsett' }),
        planRow('Annat dokuments rad-id', { partner: 'Zz9aaaaaaaaa' }),
      ]),
    });
    expect(imported.status).toBe(200);
    // The fixture's own row stores the name as plans did before ids.
    expect(await partnerProblems(f)).toEqual([
      ['Okänd', 'unknown-partner', 'warning'],
      ['Annat dokuments rad-id', 'unknown-partner', 'warning'],
    ]);
  });

  it('keeps rows naming a partner by id or by its old name in a validated export', async () => {
    const partners = (await (await f.req(`/v1/workspaces/${WS}/documents/partners/rows`, f.tokens.viewer)).json()) as { rows: { id: string }[] };
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([planRow('Med id', { partner: partners.rows[0]?.id ?? '' })]),
    });
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?validated=true`, f.tokens.viewer);
    const body = (await res.json()) as { rows: { title: string }[]; leftOut: number };
    expect(body.rows.map((r) => r.title).sort()).toEqual(['Hälsodag A', 'Med id', 'Promenadgrupp A']);
  });
});
