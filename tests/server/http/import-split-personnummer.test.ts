/**
 * A personnummer split over two or three neighbouring cells (in the kind's column order: a
 * partner's Kontaktperson `811218` beside E-post `9876`; `1981` | `1218` | `9876` over Kontaktperson,
 * E-post and Telefon) refuses the one record that would leave a row so,
 * in the words of every identity refusal with both columns named and no digit echoed; the other
 * records of the file are imported. Before, each value was judged alone: the sync door then
 * refused the whole import's update (422, no record named).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { storageDocAccess } from '../../../server/http/doc-access.js';
import { makeFixture, PARTNER_ID, WS, type Fixture } from './support.js';

const importUrl = (dryRun = false) => `/v1/workspaces/${WS}/documents/partners/import${dryRun ? '?dryRun=true' : ''}`;
const jsonRows = (rows: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });

interface Summary {
  imported: number;
  updated: number;
  refused: { record: number; rowId: string | null; code: string; reason: string; message: { sv: string; en: string } }[];
}

const SPLIT_SV = 'Post 2: Kolumnerna "Kontaktperson" och "E-post" tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.';

describe('an import and a personnummer split over two cells', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const stored = () => storageDocAccess(f.storage).read({ workspace: WS, doc: 'partners' }, (doc) => rowsOf(doc).map((r): Record<string, unknown> => ({ id: r.id, ...r.values })));

  it('refuses that one record, naming it and the two columns, and imports the others', async () => {
    const rows = [
      { name: 'Friskis', type: 'frivilligorganisation', contact: 'Anna' },
      { name: 'Delad', type: 'frivilligorganisation', contact: '811218', email: '9876' },
      { name: 'IK Tensta', type: 'frivilligorganisation', email: 'ik@tensta.se' },
    ];
    const res = await f.req(importUrl(), f.tokens.coordinator, jsonRows(rows));
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(summary.imported).toBe(2);
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[2, 'personnummer']]);
    expect(summary.refused[0]?.message.sv).toBe(SPLIT_SV);
    expect(JSON.stringify(summary)).not.toMatch(/811218|9876/);
    const names = (await stored()).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Friskis', 'IK Tensta']));
    expect(names).not.toContain('Delad');
  });

  it('says so in English as the sync door does, whichever dash or digits the halves are written in', async () => {
    const res = await f.req(importUrl(true), f.tokens.coordinator, jsonRows([{ name: 'Delad', type: 'frivilligorganisation', contact: '811218', email: '\u20139876' }]));
    const summary = (await res.json()) as Summary;
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[1, 'personnummer']]);
    expect(summary.refused[0]?.message.en).toBe('Record 1: The pair of columns "Contact person" and "Email" contains a personal identity number. Identity numbers must not be stored in Samplan.');
  });

  it('refuses a record whose number runs over three neighbouring cells, or across an empty one in quotes, naming the columns', async () => {
    const rows = [
      { name: 'Delad i tre', type: 'frivilligorganisation', contact: '1981', email: '1218', phone: '9876' },
      { name: 'Tom kolumn emellan', type: 'frivilligorganisation', contact: '"811218"', email: '', phone: '"9876".' },
    ];
    const summary = (await (await f.req(importUrl(true), f.tokens.coordinator, jsonRows(rows))).json()) as Summary;
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([
      [1, 'personnummer'],
      [2, 'personnummer'],
    ]);
    expect(summary.refused[0]?.message.sv).toBe('Post 1: Kolumnerna "Kontaktperson", "E-post" och "Telefon" tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(summary.refused[1]?.message.sv).toBe('Post 2: Kolumnerna "Kontaktperson" och "Telefon" tillsammans innehåller ett personnummer. Personnummer får inte sparas i Samplan.');
    expect(JSON.stringify(summary)).not.toMatch(/1981|9876/);
  });

  it('gives the same verdict in a dry run', async () => {
    const res = await f.req(importUrl(true), f.tokens.coordinator, jsonRows([{ name: 'Friskis', type: 'frivilligorganisation' }, { name: 'Delad', type: 'frivilligorganisation', contact: '811218', email: '9876' }]));
    const summary = (await res.json()) as Summary;
    expect(summary.refused.map((r) => [r.record, r.code])).toEqual([[2, 'personnummer']]);
  });

  it('refuses a record updating a stored row whose neighbouring cell holds the other half', async () => {
    // The date part alone is no personnummer: stored.
    const first = await f.req(importUrl(), f.tokens.coordinator, jsonRows([{ id: PARTNER_ID, contact: '811218' }]));
    expect(((await first.json()) as Summary).updated).toBe(1);
    const rows = [
      { name: 'Friskis', type: 'frivilligorganisation' },
      { id: PARTNER_ID, email: '9876' },
    ];
    const res = await f.req(importUrl(), f.tokens.coordinator, jsonRows(rows));
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(summary.imported).toBe(1);
    expect(summary.updated).toBe(0);
    expect(summary.refused.map((r) => [r.record, r.code, r.rowId])).toEqual([[2, 'personnummer', PARTNER_ID]]);
    expect(summary.refused[0]?.message.sv).toBe(SPLIT_SV);
    const row = (await stored()).find((r) => r.id === PARTNER_ID);
    expect(row?.contact).toBe('811218');
    expect(row?.email ?? null).toBeNull();
  });

  it('takes a record that replaces the stored half', async () => {
    await f.req(importUrl(), f.tokens.coordinator, jsonRows([{ id: PARTNER_ID, contact: '811218' }]));
    const res = await f.req(importUrl(), f.tokens.coordinator, jsonRows([{ id: PARTNER_ID, contact: 'Anna', email: '9876' }]));
    const summary = (await res.json()) as Summary;
    expect(summary.refused).toEqual([]);
    expect(summary.updated).toBe(1);
  });
});
