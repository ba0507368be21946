/**
 * Every REST door through which a text reaches storage or a log line, each with spellings of one
 * personnummer: refused with 422 naming the field (or, where the text is not a field, answered
 * without storing it), and afterwards not one byte of the number in the SQLite file, its log or
 * the log lines. One server, many requests.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foundIn, ID_SPELLINGS, needlesOf, send, startTrustServer, TEXT_SPELLINGS, WS, type TrustServer } from './trust-server.js';
import { englishOf } from '../http/support.js';

type Who = 'admin' | 'coordinator' | 'editor';
/** A door: who sends what where, and the API's name of the field the text goes into. */
type Door = [name: string, field: string, who: Who, request: (text: string) => [path: string, init: RequestInit]];

const W = `/v1/workspaces/${WS}`;

/** Doors of free texts and names (every spelling). */
const TEXT_DOORS: Door[] = [
  ['workspace create', 'name', 'admin', (t) => ['/v1/workspaces', send('POST', { id: 'ny-region', name: t })]],
  ['workspace rename', 'name', 'admin', (t) => [W, send('PATCH', { name: t })]],
  ['unit add', 'name', 'admin', (t) => [`${W}/units`, send('POST', { code: 'vc-ny', name: t, parent: 'region' })]],
  ['unit rename', 'name', 'admin', (t) => [`${W}/units/vc-a`, send('PATCH', { name: t })]],
  ['document create', 'title', 'coordinator', (t) => [`${W}/documents`, send('POST', { kind: 'activity-plan', title: t, ownerUnit: 'vc-a', id: 'plan-ny' })]],
  ['document rename', 'title', 'coordinator', (t) => [`${W}/documents/plan-a`, send('PATCH', { title: t })]],
  ['document copy', 'title', 'coordinator', (t) => [`${W}/documents/plan-a/copy`, send('POST', { title: t })]],
  ['member add', 'name', 'admin', (t) => [`${W}/members`, send('POST', { id: 'nina', name: t, role: 'viewer' })]],
  ['token create', 'label', 'admin', (t) => [`${W}/tokens`, send('POST', { memberId: 'eda', label: t })]],
  ['round create', 'title', 'coordinator', (t) => [`${W}/rounds`, send('POST', { id: 'r-ny', title: t, period: '2026Q3', dueDate: '2026-10-15' })]],
  ['round close', 'reason', 'coordinator', (t) => [`${W}/rounds/r1/close`, send('POST', { reason: t })]],
  ['unit return', 'reason', 'coordinator', (t) => [`${W}/rounds/r1/units/vc-a/return`, send('POST', { reason: t })]],
  ['maturity placement', 'comment', 'coordinator', (t) => [`${W}/rounds/r1/maturity`, send('POST', { level: '2', comment: t })]],
];

/** Doors of ids (spellings that fit the id patterns). */
const ID_DOORS: Door[] = [
  ['workspace create', 'id', 'admin', (t) => ['/v1/workspaces', send('POST', { id: t, name: 'Ny region' })]],
  ['unit add', 'code', 'admin', (t) => [`${W}/units`, send('POST', { code: t, name: 'Ny enhet', parent: 'region' })]],
  ['document create', 'id', 'coordinator', (t) => [`${W}/documents`, send('POST', { kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', id: t })]],
  ['member add', 'id', 'admin', (t) => [`${W}/members`, send('POST', { id: t, name: 'Nina', role: 'viewer' })]],
  ['member units', 'units', 'admin', (t) => [`${W}/members`, send('POST', { id: 'nina', name: 'Nina', role: 'editor', units: ['vc-a', t] })]],
  ['token member', 'memberId', 'admin', (t) => [`${W}/tokens`, send('POST', { memberId: t, label: 'x' })]],
  ['round create', 'id', 'coordinator', (t) => [`${W}/rounds`, send('POST', { id: t, title: 'Omgång', period: '2026Q3', dueDate: '2026-10-15' })]],
];

/** Doors where the text is no field of a body: a path, a query, a logged header. Nothing may be stored or logged; any answer but a success. */
const OTHER_DOORS: [name: string, who: Who, request: (text: string) => [path: string, init: RequestInit]][] = [
  ['document path', 'coordinator', (t) => [`${W}/documents/${encodeURIComponent(t)}`, send('PATCH', { title: 'Plan' })]],
  ['workspace path', 'admin', (t) => [`/v1/workspaces/${encodeURIComponent(t)}/units`, send('POST', { code: 'x', name: 'X', parent: null })]],
  ['member path', 'admin', (t) => [`${W}/members/${encodeURIComponent(t)}`, { method: 'DELETE' }]],
  ['round path', 'coordinator', (t) => [`${W}/rounds/${encodeURIComponent(t)}/close`, send('POST', {})]],
  ['unit action path', 'coordinator', (t) => [`${W}/rounds/r1/units/${encodeURIComponent(t)}/submit`, send('POST', {})]],
  ['query string', 'editor', (t) => [`${W}/documents?kind=${encodeURIComponent(t)}`, {}]],
  ['import query', 'editor', (t) => [`${W}/documents/plan-a/import?dryRun=${encodeURIComponent(t)}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'Aktivitet\nX\n' }]],
  ['user agent', 'editor', (t) => [`${W}/documents`, { headers: { 'user-agent': `Excel ${t}` } }]],
  ['request id', 'editor', (t) => [`${W}/documents`, { headers: { 'x-request-id': t.replace(/[^\x20-\x7e]/g, '') || 'x' } }]],
  ['referer', 'editor', (t) => [`${W}/documents`, { headers: { referer: `https://x.test/?q=${encodeURIComponent(t)}` } }]],
];

/** Header values are ASCII: the spellings a header can carry. */
const ASCII_SPELLINGS = TEXT_SPELLINGS.filter((t) => /^[\x20-\x7e]*$/.test(t));

describe('personnummer × REST doors', { timeout: 90_000 }, () => {
  let s: TrustServer;
  const used: string[] = [];
  const refusals: string[] = [];
  beforeAll(async () => {
    s = await startTrustServer();
    const round = await s.req(`${W}/rounds`, s.tokens.coordinator, send('POST', { id: 'r1', title: 'Omgång 1', period: '2026Q2', dueDate: '2026-07-15' }));
    expect(round.status).toBe(201);
    expect((await s.req(`${W}/rounds/r1/units/vc-a/submit`, s.tokens.editor, send('POST', {}))).status).toBe(200);
  });
  afterAll(async () => {
    if (s) await s.closeAndRead().catch(() => undefined);
  });

  async function expectRefused(door: string, field: string, who: Who, path: string, init: RequestInit, text: string): Promise<void> {
    used.push(text);
    const res = await s.req(path, s.tokens[who], init);
    const body = await res.text();
    refusals.push(body);
    expect(res.status, `${door} ${JSON.stringify(text)}: ${body}`).toBe(422);
    const error = (JSON.parse(body) as { error: { code: string; details?: { field?: string } } }).error;
    expect(error.code, door).toBe('personnummer');
    expect(error.details?.field ?? JSON.stringify(error), door).toBe(field);
  }

  it.each(TEXT_DOORS)('%s: a personnummer in the %s is refused with 422 naming the field', async (door, field, who, request) => {
    for (const text of TEXT_SPELLINGS) await expectRefused(door, field, who, ...request(text), text);
  });

  it.each(TEXT_DOORS)('%s: a hidden or control character in the %s is refused with 400 naming the field and the character', async (door, field, who, request) => {
    for (const [text, code] of [['Plan \u202eA', 'U+202E'], ['Plan \u2067A', 'U+2067'], ['Plan \u0007A', 'U+0007']]) {
      const [path, init] = request(text as string);
      const res = await s.req(path, s.tokens[who], init);
      const body = await res.text();
      expect(res.status, `${door} ${JSON.stringify(text)}: ${body}`).toBe(400);
      const error = (JSON.parse(body) as { error: { code: string; message: string; details: unknown } }).error;
      expect(error.code, door).toBe('invalid-request');
      expect(englishOf(error), door).toContain(`${field} contains ${code as string}`);
    }
  });

  it.each(ID_DOORS)('%s: a personnummer as the %s is refused with 422 naming the field', async (door, field, who, request) => {
    for (const text of ID_SPELLINGS) await expectRefused(door, field, who, ...request(text), text);
  });

  it.each(OTHER_DOORS)('%s: a personnummer there is stored nowhere and answered without success', async (door, who, request) => {
    const texts = door === 'user agent' || door === 'request id' ? ASCII_SPELLINGS : [...TEXT_SPELLINGS, ...ID_SPELLINGS];
    for (const text of texts) {
      used.push(text);
      const [path, init] = request(text);
      const res = await s.req(path, s.tokens[who], init);
      const body = await res.text();
      refusals.push(body);
      // A read may answer (an empty list); a write must not succeed.
      if (init.method !== undefined) expect(res.status, `${door} ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('imports no cell holding one, naming the row and never the text', async () => {
    for (const text of TEXT_SPELLINGS) {
      used.push(text);
      const csv = `Aktivitet\n${text}\n`;
      const res = await s.req(`${W}/documents/plan-a/import`, s.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      const body = await res.text();
      refusals.push(body);
      expect(res.status, body).toBe(200);
      const summary = JSON.parse(body) as { imported: number; refused: { record: number; code: string }[] };
      expect(summary.imported, body).toBe(0);
      expect(summary.refused.map((r) => [r.record, r.code]), body).toEqual([[1, 'personnummer']]);
    }
  });

  it('imports no header naming a column by one, and echoes none', async () => {
    for (const text of TEXT_SPELLINGS) {
      used.push(text);
      const res = await s.req(`${W}/documents/plan-a/import?dryRun=true`, s.tokens.editor, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `Aktivitet;${text}\nPromenad;x\n` });
      const body = await res.text();
      refusals.push(body);
      expect(res.status, body).toBeLessThan(500);
    }
  });

  it('imports no XLSX cell, and takes no sheet name holding one into an answer', async () => {
    for (const text of TEXT_SPELLINGS.slice(0, 6)) {
      used.push(text);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(`Plan ${text}`.slice(0, 31).replace(/[[\]:*?/\\]/g, ' '));
      sheet.addRow(['Aktivitet']);
      sheet.addRow([`Ring ${text}`]);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await s.req(`${W}/documents/plan-a/import`, s.tokens.editor, { method: 'POST', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: bytes });
      const body = await res.text();
      refusals.push(body);
      expect(res.status, body).toBe(200);
      const summary = JSON.parse(body) as { imported: number; refused: { code: string }[] };
      expect(summary.imported, body).toBe(0);
      expect(summary.refused.map((r) => r.code), body).toEqual(['personnummer']);
    }
  });

  it('imports no Kolada value whose indicator, unit or status holds one, and echoes none', async () => {
    const made = await s.req(`${W}/documents`, s.tokens.coordinator, send('POST', { kind: 'indicator-values', title: 'Värden', ownerUnit: 'region', id: 'varden' }));
    expect(made.status, await made.clone().text()).toBe(201);
    for (const text of TEXT_SPELLINGS) {
      used.push(text);
      const entry = { kpi: 'vc-halsosamtal', municipality: 'vc-a', period: 2026, values: [{ gender: 'T', value: 1, status: '' }] };
      for (const values of [[{ ...entry, kpi: text }], [{ ...entry, municipality: text }], [{ ...entry, values: [{ gender: 'T', value: 1, status: text }] }]]) {
        const res = await s.req(`${W}/indicators/kolada?doc=varden`, s.tokens.coordinator, send('POST', { values }));
        const body = await res.text();
        refusals.push(body);
        expect(res.status, body).toBeLessThan(500);
      }
    }
  });

  it('leaves not one byte of the number in the answers, the log or the SQLite file', async () => {
    const needles = needlesOf(used);
    expect(refusals.filter((r) => foundIn(r, needles).length > 0)).toEqual([]);
    expect(s.log().split('\n').filter((l) => foundIn(l, needles).length > 0)).toEqual([]);
    const bytes = await s.closeAndRead();
    expect(foundIn(bytes, needles)).toEqual([]);
  });
});
