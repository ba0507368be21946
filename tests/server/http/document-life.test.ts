import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { carriedOver, shiftDate } from '../../../server/http/document-life.js';
import { createWorkspaceFeed } from '../../../server/http/workspace-feed.js';
import { errorOf, makeFixture, planRow, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const PERSONNUMMER = '19121212-1212';

describe('documents with a life', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const docOf = async (doc: string) =>
    (await (await f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.viewer)).json()) as { document: { title: string; archivedAt?: string | null; archivedBy?: string | null }; meta: { title: string } };

  it('renames a document in the catalogue and in the document itself, and audits it', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, json('PATCH', { title: 'Aktivitetsplan 2026 – Vårdcentral A' }));
    expect(res.status).toBe(200);
    const after = await docOf('plan-a');
    expect(after.document.title).toBe('Aktivitetsplan 2026 – Vårdcentral A');
    expect(after.meta.title).toBe('Aktivitetsplan 2026 – Vårdcentral A');
    expect((await f.storage.listAudit(WS, 5)).map((a) => a.action)).toContain('rename');
  });

  it("refuses a rename by another unit's editor, a title with a personnummer, and an empty title, storing nothing", async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.editorB, json('PATCH', { title: 'Ny' }))).status).toBe(403);
    const pnr = await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, json('PATCH', { title: `Plan ${PERSONNUMMER}` }));
    expect(pnr.status).toBe(422);
    expect((await errorOf(pnr)).message).not.toContain(PERSONNUMMER);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, json('PATCH', { title: '  ' }))).status).toBe(400);
    expect((await docOf('plan-a')).document.title).toBe('activity-plan vc-a');
  });

  it('archives and restores a document (admins only), keeping it readable', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/archive`, f.tokens.coordinator, { method: 'POST' })).status).toBe(403);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/archive`, f.tokens.admin, { method: 'POST' })).status).toBe(200);
    const list = (await (await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.viewer)).json()) as { documents: { doc: string; archivedAt?: string | null }[] };
    expect(list.documents.find((d) => d.doc === 'plan-a')?.archivedAt).toBe(f.now.value.toISOString());
    // Who archived it, by name, for the pane's "Arkiverad av … den …".
    expect((await docOf('plan-a')).document.archivedBy).toMatch(/^Person /);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/rows?format=json`, f.tokens.viewer)).status).toBe(200);
    // A write is refused in words in both languages, as the pane shows the server's sentence.
    const write = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, json('POST', [{ title: 'Sen', type: 'halsodag' }]));
    expect(write.status).toBe(423);
    expect(((await errorOf(write)).details as { message: { sv: string } }).message.sv).toBe('Dokumentet "plan-a" är arkiverat: det kan läsas men inte ändras. En administratör kan återställa det.');
    // An import that would write no row is refused too, before its audit line ("imported 0") is stored.
    const lines = (await f.storage.listAudit(WS, 50)).length;
    const empty = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, json('POST', []));
    expect([empty.status, (await errorOf(empty)).code]).toEqual([423, 'archived']);
    expect((await f.storage.listAudit(WS, 50)).length).toBe(lines);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/unarchive`, f.tokens.admin, { method: 'POST' })).status).toBe(200);
    expect((await docOf('plan-a')).document.archivedAt ?? null).toBeNull();
    expect((await f.storage.listAudit(WS, 5)).map((a) => a.action).slice(0, 2)).toEqual(['unarchive', 'archive']);
  });

  it("copies last year's plan: the rows and plan columns, no outcomes, dates a year on", async () => {
    const imp = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, json('POST', [planRow('Stavgång', { participantsReached: 9, status: 'genomford', startDate: '2024-02-29' })]));
    expect(imp.status).toBe(200);
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, f.tokens.editor, json('POST', { title: 'Aktivitetsplan 2027' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { document: { doc: string; kind: string; ownerUnit: string }; rows: number };
    expect(body.document).toMatchObject({ kind: 'activity-plan', ownerUnit: 'vc-a' });
    expect(body.rows).toBe(3);
    const rows = (await (await f.req(`/v1/workspaces/${WS}/documents/${body.document.doc}/rows?format=json`, f.tokens.viewer)).json()) as { rows: Record<string, unknown>[] };
    const stav = rows.rows.find((r) => r.title === 'Stavgång');
    expect(stav).toMatchObject({ type: 'promenadgrupp', startDate: '2025-02-28', endDate: '2027-06-01', participantsPlanned: 12 });
    expect(stav?.participantsReached ?? null).toBeNull();
    expect(stav?.status ?? null).toBeNull();
  });

  it('copies only plans, only for those who may create them', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents/partners/copy`, f.tokens.admin, json('POST', { title: 'P' }))).status).toBe(400);
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, f.tokens.editorB, json('POST', { title: 'P' }))).status).toBe(403);
  });

  it('refuses a second identical document for a unit unless asked to make it anyway', async () => {
    const body = { kind: 'activity-plan', title: 'Activity-plan VC-A', ownerUnit: 'vc-a' };
    const twin = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.editor, json('POST', body));
    expect(twin.status).toBe(409);
    expect(await errorOf(twin)).toMatchObject({ code: 'doc-duplicate', details: { existing: { id: 'plan-a' } } });
    expect((await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.editor, json('POST', { ...body, allowDuplicate: true }))).status).toBe(201);
  });

  it('moves dates a year on, 29 February to 28', () => {
    expect([shiftDate('2024-02-29', 1), shiftDate('2025-03-12', 1), shiftDate('not a date', 1)]).toEqual(['2025-02-28', '2026-03-12', 'not a date']);
    expect(carriedOver('action-plan', { measure: 'Språkcafé', maturity: '2', status: 'pagaende', unit: 'vc-a' }, 1)).toEqual({ measure: 'Språkcafé', unit: 'vc-a' });
  });
});

describe('the workspace feed', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('streams the document list, then again after each change', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/events`, f.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    /** The data of the next event named `name` (others are passed over). */
    const nextEvent = async <T = { documents: { doc: string; title: string }[] }>(name = 'documents'): Promise<T> => {
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data && block.includes(`event: ${name}`)) return JSON.parse(data.slice(5)) as T;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextEvent()).documents.map((d) => d.doc)).toContain('plan-a');
    await f.req(`/v1/workspaces/${WS}/documents/plan-a`, f.tokens.coordinator, json('PATCH', { title: 'Omdöpt' }));
    expect((await nextEvent()).documents.find((d) => d.doc === 'plan-a')?.title).toBe('Omdöpt');
    await reader.cancel();
  });

  it('streams the units, then again after one is renamed, so pulled tables can show the new name', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/events`, f.tokens.viewer);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextUnits = async (): Promise<{ code: string; name: string }[]> => {
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data && block.includes('event: units')) return (JSON.parse(data.slice(5)) as { units: { code: string; name: string }[] }).units;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextUnits()).find((u) => u.code === 'vc-a')?.name).toBe('Vårdcentral A');
    expect((await f.req(`/v1/workspaces/${WS}/units/vc-a`, f.tokens.admin, json('PATCH', { name: 'Hälsocentral A' }))).status).toBe(200);
    expect((await nextUnits()).find((u) => u.code === 'vc-a')?.name).toBe('Hälsocentral A');
    await reader.cancel();
  });

  it("streams the listener's own membership, again after an admin changes its units or role, and ends when it is removed", async () => {
    const res = await f.req(`/v1/workspaces/${WS}/events`, f.tokens.editor);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    type You = { memberId: string; name: string; role: string; units: string[] };
    const nextYou = async (): Promise<You | 'ended'> => {
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data && block.includes('event: you')) return (JSON.parse(data.slice(5)) as { you: You }).you;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) return 'ended';
        text += decoder.decode(value, { stream: true });
      }
    };
    expect(await nextYou()).toEqual({ memberId: 'eda', name: 'Person eda', role: 'editor', units: ['vc-a'] });
    const change = (body: object) => f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json('POST', { id: 'eda', name: 'Person eda', ...body }));
    expect((await change({ role: 'editor', units: ['vc-a', 'vc-b'] })).status).toBeLessThan(300);
    expect(await nextYou()).toEqual({ memberId: 'eda', name: 'Person eda', role: 'editor', units: ['vc-a', 'vc-b'] });
    // Another member's change is not this listener's business: nothing is sent for it.
    expect((await f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, json('POST', { id: 'edb', name: 'Person edb', role: 'viewer', units: ['vc-b'] }))).status).toBeLessThan(300);
    expect((await change({ role: 'viewer', units: ['vc-a', 'vc-b'] })).status).toBeLessThan(300);
    expect(await nextYou()).toMatchObject({ memberId: 'eda', role: 'viewer' });
    expect((await f.req(`/v1/workspaces/${WS}/members/eda`, f.tokens.admin, { method: 'DELETE' })).status).toBeLessThan(300);
    expect(await nextYou()).toBe('ended');
  });

  it('notices a change another process made to the same store', async () => {
    const feed = createWorkspaceFeed(f.storage, { pollMs: 20 });
    const seen: string[][] = [];
    const stop = feed.subscribe(WS, (docs) => seen.push(docs.map((d) => d.title)));
    await new Promise((r) => setTimeout(r, 50));
    const rec = await f.storage.getDocRecord({ workspace: WS, doc: 'plan-a' });
    await f.storage.putDocRecord({ ...(rec as NonNullable<typeof rec>), title: 'Ändrad utifrån' });
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen.at(-1)).toContain('Ändrad utifrån');
    stop();
    feed.close();
  });

  it('refuses a token of another workspace', async () => {
    expect((await f.req(`/v1/workspaces/other/events`, f.tokens.viewer)).status).toBe(404);
  });
});
