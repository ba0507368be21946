/**
 * Look-alike titles (`server/http/title-turn.ts`): the check and the write are one step on create,
 * rename and copy. Before, two renames at once each found no twin and both stored look-alikes,
 * and a copy was never checked at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';
import { inTitleTurn } from '../../../server/http/title-turn.js';
import { AppError } from '../../../server/http/errors.js';
import { DocTurnsFullError, ScopeTurnBusyError } from '../../../server/storage/postgres-doc-turn.js';
import type { Storage } from '../../../server/storage/storage.js';

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('look-alike titles of one unit’s documents', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());

  const make = async (title: string): Promise<string> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json('POST', { kind: 'activity-plan', ownerUnit: 'vc-b', title }));
    expect(res.status).toBe(201);
    return ((await res.json()) as { document: { doc: string } }).document.doc;
  };
  const titles = async () => (await f.storage.listDocs(WS)).filter((d) => d.ownerUnit === 'vc-b').map((d) => d.title);

  it('lets only one of two renames at once take look-alike titles; the other is asked about', async () => {
    const docs = [await make('Plan A'), await make('Plan B')];
    const answers = await Promise.all(
      docs.map((doc, i) => f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.coordinator, json('PATCH', { title: i === 0 ? 'Plan 2027' : 'plan  2027' }))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((r) => r.status === 409);
    expect((await errorOf(refused as Response)).code).toBe('doc-duplicate');
    expect((await titles()).filter((t) => /2027/.test(t))).toHaveLength(1);
  });

  it('asks about a copy titled like a plan of the unit, alone or two at once, and makes it when told to', async () => {
    const source = await make('Friskvård 2026');
    const copy = (title: string, allowDuplicate?: boolean) =>
      f.req(`/v1/workspaces/${WS}/documents/${source}/copy`, f.tokens.coordinator, json('POST', { title, ...(allowDuplicate ? { allowDuplicate } : {}) }));
    const twice = await Promise.all([copy('Friskvård 2027'), copy('friskvård 2027')]);
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    const again = await copy('Friskvård  2027');
    expect([again.status, (await errorOf(again)).code]).toEqual([409, 'doc-duplicate']);
    expect((await titles()).filter((t) => /2027/i.test(t) && /frisk/i.test(t))).toHaveLength(1);
    expect((await copy('Friskvård 2027', true)).status).toBe(201);
  });
});

describe('the titles’ turn refused by the store', () => {
  const refusing = (err: Error) => ({ inScopeTurn: async () => Promise.reject(err) }) as unknown as Storage;
  const scope = { workspace: WS, kind: 'activity-plan', ownerUnit: 'vc-b' };

  it('tells the person in words that another server holds the unit’s titles, and runs nothing', async () => {
    let ran = false;
    const err = await inTitleTurn(refusing(new ScopeTurnBusyError('x')), scope, async () => (ran = true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect([(err as AppError).status, (err as AppError).code]).toEqual([409, 'titles-busy']);
    expect(JSON.stringify((err as AppError).details)).toContain('på en annan server; inget ändrades');
    expect(ran).toBe(false);
  });

  it('answers a full pool with 503 and a retry', async () => {
    const err = (await inTitleTurn(refusing(new DocTurnsFullError({ workspace: WS, doc: 'x' }, 1)), scope, async () => 1).catch((e: unknown) => e)) as AppError;
    expect([err.status, err.code, err.retryAfterSeconds]).toEqual([503, 'documents-busy', 1]);
  });
});
