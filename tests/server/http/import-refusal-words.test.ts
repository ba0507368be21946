/**
 * An import's refused records say why in Swedish and English (`message`, as `unresolved[]` does),
 * with `reason` the English; and an identity number in the id column is not echoed back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Limits } from '../../../shared/protocol/limits.js';
import { makeFixture, WS, type Fixture } from './support.js';

const importUrl = (doc: string) => `/v1/workspaces/${WS}/documents/${doc}/import?dryRun=true`;
const jsonRows = (rows: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });
const PNR = '19121212-1212';

interface Refusal {
  record: number;
  rowId: string | null;
  code: string;
  reason: string;
  message: { sv: string; en: string };
}

describe('refused records of an import', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('refuse a deeply nested value in words, as any list, without failing the whole import', async () => {
    const depth = 100_000;
    const body = `[{"comment":${'['.repeat(depth)}${']'.repeat(depth)}},{"title":"Platt","type":"halsodag"}]`;
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { imported: number; refused: Refusal[] };
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[1, 'not-primitive']]);
    expect(summary.imported).toBe(1);
  });

  it('give every reason in Swedish and English', async () => {
    const rows = [
      { title: 'Lista', type: 'halsodag', comment: ['a', 'b'] },
      { title: 'Datum', type: 'halsodag', startDate: '2026-02-30' },
      { title: 'Lång', type: 'halsodag', comment: 'x'.repeat(Limits.maxStringLength + 1) },
      { title: 'Samtal', type: 'halsosamtal', comment: `Ring ${PNR}` },
      { id: 'r-1', title: 'Ett', type: 'halsodag' },
      { id: 'r-1', title: 'Ett igen', type: 'halsodag' },
    ];
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, jsonRows(rows));
    const refused = ((await res.json()) as { refused: Refusal[] }).refused;
    expect(refused.map((r) => r.code)).toEqual(['not-primitive', 'not-date', 'too-long', 'personnummer', 'duplicate-id']);
    // A row of another unit in a document of rows owned by units.
    const other = await f.req(importUrl('handlingsplan'), f.tokens.editor, jsonRows([{ unit: 'vc-b', title: 'Annan enhet' }]));
    refused.push(...((await other.json()) as { refused: Refusal[] }).refused);
    expect(refused.at(-1)?.code).toBe('forbidden-row');
    for (const r of refused) {
      expect(r.message.en, r.code).toBe(r.reason);
      expect(r.message.sv, r.code).not.toBe(r.message.en);
      expect(r.message.sv.length, r.code).toBeGreaterThan(10);
    }
    const sv = Object.fromEntries(refused.map((r) => [r.code, r.message.sv]));
    expect(sv['personnummer']).toBe('Post 4: Kolumnen "Kommentar" innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(sv['duplicate-id']).toBe('Post 6: Id "r-1" finns mer än en gång i filen.');
    expect(sv['forbidden-row']).toBe('Post 1: En ny rad måste höra till en av dina egna enheter (kolumnen Enhet).');
    expect(sv['not-primitive']).toBe('Post 1: Kolumnen "Kommentar" innehåller en lista eller ett objekt; bara enstaka värden kan importeras.');
  });

  it('do not echo an identity number typed as the id, also when it is there twice', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, jsonRows([{ id: PNR, title: 'A', type: 'halsodag' }, { id: PNR, title: 'B', type: 'halsodag' }]));
    const body = await res.text();
    expect((JSON.parse(body) as { refused: Refusal[] }).refused.map((r) => r.code)).toEqual(['personnummer', 'personnummer']);
    expect(body).not.toContain('1212');
  });
});
