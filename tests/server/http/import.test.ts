import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { SPLIT_FLAGGED } from '../../support/personnummer-spellings-more.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const importUrl = (doc: string, query = '') => `/v1/workspaces/${WS}/documents/${doc}/import${query}`;
const csv = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/csv' }, body });
const jsonRows = (rows: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });

// A personnummer that passes the date and Luhn checks (Skatteverket's test number).
const PNR = '19121212-1212';

describe('POST .../documents/:doc/import', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const titles = async (doc = 'plan-a') => (await f.samplan.registry.getDoc({ workspace: WS, doc }).then(rowsOf)).map((r) => r.values.title);

  it('with dryRun reports what would happen and writes nothing', async () => {
    const res = await f.req(importUrl('plan-a', '?dryRun=true'), f.tokens.editor, csv('Aktivitet;Typ\nNy grupp;Promenadgrupp/Gågrupp\n'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, imported: 1, updated: 0, ignored: 0, refused: [] });
    expect(await titles()).toHaveLength(2);
  });

  it.each(['?dryrun=true', '?dry-run=true', '?dryRun=true&preview=1'])('refuses a query it does not take (%s) in words, and writes nothing', async (query) => {
    const res = await f.req(importUrl('plan-a', query), f.tokens.editor, csv('Aktivitet;Typ\nNy grupp;Promenadgrupp/Gågrupp\n'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { issues: { code: string }[] } } };
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.details.issues[0]?.code).toBe('unrecognized_keys');
    expect(await titles()).toHaveLength(2);
  });

  it('names the other record and the columns by their headers when two records have the same key', async () => {
    const res = await f.req(importUrl('partners', '?dryRun=true'), f.tokens.coordinator, csv('Namn;Typ\nSpånga Läsklubb;Förening\nKista Kör;Förening\nSpånga Läsklubb;Förening\n'));
    const body = (await res.json()) as { refused: { record: number; code: string; message: { sv: string; en: string } }[] };
    expect(body.refused.map((r) => [r.record, r.code, r.message.sv, r.message.en])).toEqual([
      [3, 'duplicate-key', 'Rad 4 i filen: Rad 2 i filen har samma Namn.', 'Row 4 of the file: Row 2 of the file has the same Name.'],
    ]);
  });

  it('without dryRun appends the rows through the live document', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv('Aktivitet;Typ;Deltagare planerat\nNy grupp;promenadgrupp;1 200\n'));
    expect(await res.json()).toMatchObject({ dryRun: false, imported: 1 });
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Ny grupp']);
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows[2]?.values).toMatchObject({ type: 'promenadgrupp', participantsPlanned: 1200 });
    const audit = await f.storage.listAudit(WS, 10);
    expect(audit.some((a) => a.action === 'import' && a.memberId === 'eda')).toBe(true);
  });

  it('matches rows by the id column and updates only changed cells', async () => {
    const [first] = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, jsonRows([{ id: first?.id, title: 'Promenadgrupp A', status: 'Genomförd' }]));
    expect(await res.json()).toMatchObject({ imported: 0, updated: 1, rowIds: [first?.id] });
    const after = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(after).toHaveLength(2);
    expect(after[0]?.values.status).toBe('genomford');
  });

  it('refuses a row with a personnummer, with the column and without the number', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(`Aktivitet;Typ;Kommentar\nOk rad;halsodag;\nSamtal;halsosamtal;Ring ${PNR}\n`));
    const body = (await res.json()) as { imported: number; refused: { record: number; code: string; reason: string }[] };
    expect(body.imported).toBe(1);
    expect(body.refused).toEqual([expect.objectContaining({ record: 2, code: 'personnummer' })]);
    expect(body.refused[0]?.reason).toMatch(/Comment/);
    expect(JSON.stringify(body)).not.toContain('1212');
    expect(JSON.stringify(await f.storage.loadDoc({ workspace: WS, doc: 'plan-a' }))).not.toContain('1212');
  });

  it.each(['850101x1236', '850101 nr 1236', '19850101 nr 1236', '850101 personnummer 1236', '850101 p nr 1236', '850101 \u2013 nr \u2013 1236', '850101 nr.12.36', 'B50101-1236', '850101O1236', '85010l-l236'])('refuses a personnummer written with words before its serial or look-alike letters (%j) and stores nothing of it', async (spelling) => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(`Aktivitet;Typ;Kommentar\nSamtal;halsosamtal;Ring ${spelling}\n`));
    const body = (await res.json()) as { imported: number; refused: { record: number; code: string }[] };
    expect(body.imported).toBe(0);
    expect(body.refused).toEqual([expect.objectContaining({ record: 1, code: 'personnummer' })]);
    expect(JSON.stringify(body)).not.toContain('1236');
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    const stored = await f.storage.loadDoc({ workspace: WS, doc: 'plan-a' });
    const bytes = [stored.snapshot, ...stored.updates].filter((b): b is Uint8Array => b !== null);
    expect(bytes.map((b) => Buffer.from(b).toString('latin1')).join('')).not.toContain('1236');
  });

  it.each(SPLIT_FLAGGED)('refuses a personnummer with its serial split by a dot or colon or its date part cut (%j) and stores nothing of it', async (text, match) => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(`Aktivitet;Typ;Kommentar\nSamtal;halsosamtal;"Ring ${text}"\n`));
    const body = (await res.json()) as { imported: number; refused: { record: number; code: string }[] };
    expect(body).toMatchObject({ imported: 0, refused: [{ record: 1, code: 'personnummer' }] });
    expect(JSON.stringify(body)).not.toContain(match);
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    const stored = await f.storage.loadDoc({ workspace: WS, doc: 'plan-a' });
    const bytes = [stored.snapshot, ...stored.updates].filter((b): b is Uint8Array => b !== null);
    expect(bytes.map((b) => Buffer.from(b).toString('utf8')).join('')).not.toContain(match);
  });

  it('refuses only the record whose JSON text holds a personnummer around a lone surrogate (stored as U+FFFD), and imports the rest', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, jsonRows([{ title: 'Ok rad', type: 'halsodag' }, { title: 'Samtal', type: 'halsosamtal', comment: 'Ring 850101\ud8001236' }]));
    const body = (await res.json()) as { imported: number; refused: { record: number; code: string }[] };
    expect(body).toMatchObject({ imported: 1, refused: [{ record: 2, code: 'personnummer' }] });
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Ok rad']);
    const stored = await f.storage.loadDoc({ workspace: WS, doc: 'plan-a' });
    const bytes = [stored.snapshot, ...stored.updates].filter((b): b is Uint8Array => b !== null);
    expect(bytes.map((b) => Buffer.from(b).toString('utf8')).join('')).not.toContain('1236');
  });

  it('reads a hand-made semicolon file with a title line holding a comma above the header', async () => {
    const text = 'Aktivitetsplan 2026, Rinkeby vårdcentral\r\n\r\nAktivitet;Typ;Deltagare planerat\r\nGympa, yoga;halsodag;1 200\r\n';
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(text));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, refused: [], unknownColumns: [] });
    expect((await titles()).at(-1)).toBe('Gympa, yoga');
  });

  it('refuses a value that cannot be read, with the reason, and ignores empty records', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv('Aktivitet;Typ;Startdatum\nA;halsodag;igår\n;;\nB;halsodag;2026-02-30\n'));
    const body = (await res.json()) as { ignored: number; refused: { record: number; code: string }[] };
    expect(body.ignored).toBe(1);
    expect(body.refused.map((r) => r.record)).toEqual([1, 3]);
  });

  it('names headers it does not know', async () => {
    const res = await f.req(importUrl('plan-a', '?dryRun=true'), f.tokens.editor, csv('Aktivitet,Typ,Skostorlek\nA,halsodag,42\n'));
    expect(await res.json()).toMatchObject({ imported: 1, unknownColumns: ['Skostorlek'] });
  });

  it('names an unknown header that holds a personnummer as [personnummer], not as written', async () => {
    const res = await f.req(importUrl('plan-a', '?dryRun=true'), f.tokens.editor, csv(`Aktivitet;Typ;Skostorlek;Eva ${PNR}\nA;halsodag;42;x\n`));
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ imported: 1, unknownColumns: ['Skostorlek', 'Eva [personnummer]'] });
    expect(body).not.toContain('1212');
  });

  it('reads the headers people write in their own plans, as adoption in the pane does', async () => {
    const body = 'Rad-id;Aktivitet;Aktivitetstyp;Datum;Antal deltagare;Övrigt:\n;Gåfika;halsodag;2026-03-04;12;Kaffe efteråt\n';
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(body));
    const result = await res.json();
    expect(result, JSON.stringify(result)).toMatchObject({ imported: 1, unknownColumns: [] });
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' }));
    expect(rows[2]?.values).toMatchObject({ title: 'Gåfika', startDate: '2026-03-04', participantsPlanned: 12, comment: 'Kaffe efteråt' });
  });

  it('takes a repeated header once and names the second as unknown', async () => {
    const res = await f.req(importUrl('plan-a', '?dryRun=true'), f.tokens.editor, csv('Aktivitet;title;Typ\nA;B;halsodag\n'));
    expect(await res.json()).toMatchObject({ imported: 1, unknownColumns: ['title'] });
  });

  it("refuses an editor's rows of another unit in a county action plan", async () => {
    const res = await f.req(importUrl('handlingsplan'), f.tokens.editor, jsonRows([
      { measure: 'Egen åtgärd', unit: 'vc-a' },
      { measure: 'Annans åtgärd', unit: 'vc-b' },
    ]));
    const body = (await res.json()) as { imported: number; refused: { record: number; code: string }[] };
    expect(body.refused).toEqual([expect.objectContaining({ record: 2, code: 'forbidden-row' })]);
    expect(body.imported).toBe(1);
  });

  it("refuses an editor importing into another clinic's plan (403) and an empty body (400)", async () => {
    expect((await f.req(importUrl('plan-a'), f.tokens.editorB, csv('Aktivitet\nx\n'))).status).toBe(403);
    const empty = await f.req(importUrl('plan-a'), f.tokens.editor, csv(''));
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).code).toBe('empty-body');
  });

  it('refuses JSON that is not a list of rows', async () => {
    const res = await f.req(importUrl('plan-a'), f.tokens.editor, jsonRows({ title: 'x' }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid-json-rows');
  });
});

describe('import size limit', () => {
  it('refuses a body over 16 MB with 413 and a sentence', async () => {
    const f = await makeFixture();
    try {
      const big = 'Aktivitet\n' + 'x'.repeat(16 * 1024 * 1024 + 10);
      const res = await f.req(importUrl('plan-a'), f.tokens.editor, csv(big));
      expect(res.status).toBe(413);
      expect(englishOf(await errorOf(res))).toMatch(/too large/);
    } finally {
      await f.close();
    }
  });
});
