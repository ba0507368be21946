/**
 * Names and texts people type reach storage only as typed: a lone UTF-16 surrogate (which every
 * store would keep as U+FFFD), a control character or a bidirectional override (which lets a unit
 * pass for another in the Explorer) is refused with 400 naming the field and the character, at
 * every REST door, and nothing is stored (shared/validate/plain-text.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

const send = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

type Door = [what: string, field: string, request: (f: Fixture, text: string) => Promise<Response>, stored: (f: Fixture) => Promise<unknown>];

const DOORS: Door[] = [
  ['unit create', 'name', (f, t) => f.req(`/v1/workspaces/${WS}/units`, f.tokens.admin, send('POST', { code: 'vc-c', name: t })), (f) => f.storage.listUnits(WS)],
  ['unit rename', 'name', (f, t) => f.req(`/v1/workspaces/${WS}/units/vc-a`, f.tokens.admin, send('PATCH', { name: t })), (f) => f.storage.listUnits(WS)],
  ['workspace create', 'name', (f, t) => f.req('/v1/workspaces', f.tokens.admin, send('POST', { id: 'ws-ny', name: t })), (f) => f.storage.listWorkspaces()],
  ['workspace rename', 'name', (f, t) => f.req(`/v1/workspaces/${WS}`, f.tokens.admin, send('PATCH', { name: t })), (f) => f.storage.listWorkspaces()],
  ['member', 'name', (f, t) => f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, send('POST', { id: 'nina', name: t, role: 'viewer' })), (f) => f.storage.listMembers(WS)],
  ['token', 'label', (f, t) => f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, send('POST', { memberId: 'eda', label: t })), (f) => f.storage.listTokens(WS)],
  ['document create', 'title', (f, t) => f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, send('POST', { kind: 'activity-plan', title: t, ownerUnit: 'vc-b' })), (f) => f.storage.listDocs(WS)],
  ['document rename', 'title', (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, send('PATCH', { title: t })), (f) => f.storage.listDocs(WS)],
  ['document copy', 'title', (f, t) => f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, f.tokens.coordinator, send('POST', { title: t })), (f) => f.storage.listDocs(WS)],
  ['round', 'title', (f, t) => f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, send('POST', { id: 'q2', title: t, period: '2026Q2', dueDate: '2026-07-15' })), (f) => f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.viewer).then((r) => r.json())],
];

const TEXTS: Array<[text: string, code: string]> = [
  ['\ud800', 'U+D800'],
  ['Enhet \udc00', 'U+DC00'],
  ['a\u0007b\u202eevil', 'U+0007'],
  ['Vårdcentral\u202eA', 'U+202E'],
  ['Husby\u2067x\u2069', 'U+2067'],
  ['Plan\u200f', 'U+200F'],
  ['Plan\r\nB', 'U+000D'],
  ['Plan\u001b[2J', 'U+001B'],
];

describe('names with characters no name may hold', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it.each(DOORS)('%s: refuses each with 400 naming the %s and the character, in Swedish and English, and stores nothing', async (_what, field, request, stored) => {
    const before = JSON.stringify(await stored(f));
    for (const [text, code] of TEXTS) {
      const res = await request(f, text);
      expect(res.status, `${JSON.stringify(text)}`).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('invalid-request');
      expect(englishOf(error)).toContain(`${field} contains ${code === 'U+D800' || code === 'U+DC00' ? 'a broken character' : code}`);
      expect(error.message).toContain(code);
      const sv = (error.details as { message: { sv: string } }).message.sv;
      // The field in Swedish, its API key in brackets, not the English key alone ('fältet title').
      expect(sv).toContain(`${field === 'label' ? 'etiketten' : 'namnet'} (${field}) innehåller`);
      expect(sv).toContain(code);
    }
    expect(JSON.stringify(await stored(f))).toBe(before);
  });

  it.each(DOORS)('%s: says where the refused character is, in the body and in the sentence, counted in the %s as trimmed', async (_what, field, request) => {
    const res = await request(f, '  Cafe\u0301 👍🏽 Vårdcentral\u200b A ');
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    // 'Cafe\u0301 👍🏽 Vårdcentral' is 22 UTF-16 code units, 20 code points and 18 characters a person
    // sees (é written as e + U+0301 and the emoji with its skin tone count once): U+200B is at index 22, character 19.
    expect(error.details).toMatchObject({ field, character: 'U+200B', index: 22, number: 19 });
    expect((error.details as { issues: unknown[] }).issues[0]).toMatchObject({ path: field, character: 'U+200B', index: 22, number: 19 });
    expect(englishOf(error)).toContain('contains U+200B (zero-width space) as character 19,');
    expect((error.details as { message: { sv: string } }).message.sv).toContain('innehåller U+200B (nollbrett mellanslag) som tecken nr 19,');
  });

  it('still takes Swedish names with å ä ö, é and dashes, as typed', async () => {
    const name = 'Vårdcentral Åby – Café Idé — hälsa';
    const res = await f.req(`/v1/workspaces/${WS}/units`, f.tokens.admin, send('POST', { code: 'vc-c', name }));
    expect(res.status).toBe(201);
    expect((await f.storage.listUnits(WS)).find((u) => u.code === 'vc-c')?.name).toBe(name);
  });

  it('keeps line feeds and tabs in a return reason and a maturity comment, and refuses an override or a lone surrogate there', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/rounds`, f.tokens.coordinator, send('POST', { id: 'q2', title: 'Omgång q2', period: '2026Q2', dueDate: '2026-07-15' }))).status).toBe(201);
    const act = (action: string, reason: string) => f.req(`/v1/workspaces/${WS}/rounds/q2/units/vc-a/${action}`, f.tokens.coordinator, send('POST', { reason }));
    expect((await act('submit', '')).status).toBe(200);
    for (const [bad, code] of [['Saknar\u202e nämnare', 'U+202E'], ['Saknar \ud800', 'U+D800'], ['Saknar\u0007', 'U+0007']] as const) {
      const res = await act('return', bad);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).message).toContain(code);
    }
    const reason = 'FaR-uppföljningen saknar nämnare.\nSe flik\t2.';
    const returned = await act('return', reason);
    expect(returned.status).toBe(200);
    expect(((await returned.json()) as { unit: { reason: string } }).unit.reason).toBe(reason);
    const place = (comment: string) => f.req(`/v1/workspaces/${WS}/rounds/q2/maturity`, f.tokens.coordinator, send('POST', { level: '2', comment }));
    const refused = await place('Tre kommuner\u2066');
    expect(refused.status).toBe(400);
    expect(englishOf(await errorOf(refused))).toContain('comment contains U+2066');
    expect((await place('Tre kommuner\nFyra nästa år')).status).toBe(200);
  });
});
