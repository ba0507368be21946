import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, PARTNER_ID, planRow, putDoc, WS, type Fixture } from './support.js';

/** The partner column's problems of a document, as `[row title, code, severity]`. */
async function partnerProblems(f: Fixture, doc: string): Promise<[string, string, string][]> {
  const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows`, f.tokens.viewer)).json()) as { rows: { id: string; title: string }[] };
  const title = new Map(rows.rows.map((r) => [r.id, r.title]));
  const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/problems`, f.tokens.viewer);
  const body = (await res.json()) as { problems: { rowId: string; column: string; code: string; severity: string }[] };
  return body.problems.filter((p) => p.column === 'partner').map((p) => [title.get(p.rowId) ?? p.rowId, p.code, p.severity]);
}

describe('problems: partner references by id, and by name from before ids', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('accepts a partner stored by its row id and one stored by its name in any case (a plan from before ids), and warns of an unknown one', async () => {
    // Written as plans were before partners had ids: names, straight into storage.
    const rows = [
      planRow('Med id', { partner: PARTNER_ID }),
      planRow('Med gammalt namn', { partner: 'röda  korset' }),
      planRow('Okänd', { partner: 'Röda Korsett' }),
      planRow('Annat dokuments rad-id', { partner: 'Zz9aaaaaaaaa' }),
    ];
    await putDoc(f.storage, 'plan-gammal', 'activity-plan', 'vc-a', rows, f.now.value.toISOString());
    expect(await partnerProblems(f, 'plan-gammal')).toEqual([
      ['Okänd', 'unknown-partner', 'warning'],
      ['Annat dokuments rad-id', 'unknown-partner', 'warning'],
    ]);
  });

  it('stores an imported partner name as the partner’s row id, so the plan has no partner problem', async () => {
    const imported = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([planRow('Importerad', { partner: 'RÖDA KORSET' })]),
    });
    expect(imported.status).toBe(200);
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.viewer)).json()) as { rows: { title: string; partner: string | null }[] };
    expect(rows.rows.find((r) => r.title === 'Importerad')?.partner).toBe(PARTNER_ID);
    expect(await partnerProblems(f, 'plan-a')).toEqual([]);
  });

  it('exports a partner cell by the partner’s name (CSV and XLSX), and an import of the export keeps the id', async () => {
    const importUrl = `/v1/workspaces/${WS}/documents/plan-a/import`;
    await f.req(importUrl, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([planRow('Med partner', { partner: PARTNER_ID })]) });
    const csv = await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=csv&sep=semicolon`, f.tokens.viewer)).text();
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'));
    const at = header?.indexOf('Samverkanspart') ?? -1;
    expect(at).toBeGreaterThan(0);
    expect(lines.find((l) => l.includes('Med partner'))?.[at]).toBe('Röda Korset');
    expect(csv).not.toContain(PARTNER_ID);
    const xlsx = new Uint8Array(await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=xlsx`, f.tokens.viewer)).arrayBuffer());
    expect(Buffer.from(xlsx).includes(Buffer.from(PARTNER_ID))).toBe(false);
    const back = await f.req(importUrl, f.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(await back.json()).toMatchObject({ refused: [], unresolved: [], imported: 0 });
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows`, f.tokens.viewer)).json()) as { rows: { title: string; partner: string | null }[] };
    expect(rows.rows.find((r) => r.title === 'Med partner')?.partner).toBe(PARTNER_ID);
    expect(await partnerProblems(f, 'plan-a')).toEqual([]);
  });
});
