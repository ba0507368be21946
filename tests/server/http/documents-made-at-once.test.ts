/**
 * Two makings of a document at once (a double click on "copy to next year" or "new document", or
 * the same click through two server processes): each finds the same id free before either writes.
 * The store refuses the second making over the first's record (`DocIdTakenError`), so the route
 * makes the copy or the creation under the next free id, or says the named id is taken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('documents made at once', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const rowCount = async (doc: string): Promise<number> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/${doc}/rows?format=json`, f.tokens.coordinator);
    expect(res.status).toBe(200);
    return ((await res.json()) as { rows: unknown[] }).rows.length;
  };

  it('makes two copies of a plan copied twice at once, each holding the plan’s rows once', async () => {
    const source = await rowCount('plan-a');
    const answers = await Promise.all([1, 2].map(() => f.req(`/v1/workspaces/${WS}/documents/plan-a/copy`, f.tokens.coordinator, json('POST', { title: 'Plan 2027', allowDuplicate: true }))));
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const made = await Promise.all(answers.map(async (r) => ((await r.json()) as { document: { doc: string } }).document.doc));
    expect(new Set(made).size).toBe(2);
    for (const doc of made) expect(await rowCount(doc)).toBe(source);
    expect((await f.storage.listAudit(WS, 20)).filter((l) => l.action === 'copy').map((l) => l.doc).sort()).toEqual([...made].sort());
  });

  it('makes two documents of a creation sent twice at once without an id', async () => {
    const body = { kind: 'activity-plan', title: 'Plan 2027', ownerUnit: 'vc-b', allowDuplicate: true };
    const answers = await Promise.all([1, 2].map(() => f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json('POST', body))));
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const made = await Promise.all(answers.map(async (r) => ((await r.json()) as { document: { doc: string } }).document.doc));
    expect(new Set(made).size).toBe(2);
    for (const doc of made) expect((await f.storage.loadDoc({ workspace: WS, doc })).lastSeq).toBe(1);
  });

  it('makes one document of a creation sent twice at once without an id or allowDuplicate: the second is told of the first', async () => {
    const body = { kind: 'activity-plan', title: 'Plan 2027', ownerUnit: 'vc-b' };
    const answers = await Promise.all([1, 2].map(() => f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json('POST', body))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = ((await (answers.find((r) => r.status === 201) as Response).json()) as { document: { doc: string } }).document.doc;
    expect(await errorOf(answers.find((r) => r.status === 409) as Response)).toMatchObject({ code: 'doc-duplicate', details: { existing: { id: made, title: 'Plan 2027' } } });
    expect((await f.storage.listDocs(WS)).filter((d) => d.ownerUnit === 'vc-b')).toHaveLength(1);
    expect((await f.storage.loadDoc({ workspace: WS, doc: made })).lastSeq).toBe(1);
  });

  it('makes a named document once when its creation is sent twice at once: the second is told the id is taken', async () => {
    const body = { kind: 'activity-plan', title: 'Plan 2027', ownerUnit: 'vc-a', id: 'plan-2027' };
    const answers = await Promise.all([1, 2].map(() => f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json('POST', body))));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409) as Response;
    expect(await errorOf(refused)).toMatchObject({ code: 'doc-exists', message: expect.stringContaining('plan-2027') as unknown });
    expect((await f.storage.loadDoc({ workspace: WS, doc: 'plan-2027' })).lastSeq).toBe(1);
    expect((await f.storage.listAudit(WS, 20)).filter((l) => l.action === 'create')).toHaveLength(1);
  });
});
