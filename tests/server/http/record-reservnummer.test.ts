/**
 * A reservnummer in a record's text (a document's title, a member's name) is refused naming it, and
 * the 422 says which kind of number it was (`details.kind`, never the number), so that a client
 * saying it in words of its own (the pane's Explorer and Members view) can name a reservnummer too;
 * a Kolada row holding one is refused naming it. Before, the answer carried no kind and the pane
 * and the Kolada import said "liknar ett personnummer" of a reserve number.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

describe('a reservnummer in a record text', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const post = (path: string, body: unknown) =>
    f.req(`/v1/workspaces/${WS}${path}`, f.tokens.admin, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('is refused with its kind in the details, the number never echoed; a personnummer with its own', async () => {
    const titled = await post('/documents', { kind: 'activity-plan', id: 'plan-r', title: 'Plan 22850101-AB12', ownerUnit: 'vc-a' });
    expect(titled.status).toBe(422);
    const error = await errorOf(titled);
    expect(error.code).toBe('personnummer');
    expect(error.details).toMatchObject({ field: 'title', kind: 'reservnummer' });
    expect(JSON.stringify(error)).not.toMatch(/22850101|AB12/);
    const named = await errorOf(await post('/members', { id: 'nina', name: 'Nina 991981000010', role: 'viewer', units: [] }));
    expect(named.details).toMatchObject({ field: 'name', kind: 'reservnummer' });
    expect(JSON.stringify(named)).not.toMatch(/991981000010/);
    const pnr = await errorOf(await post('/documents', { kind: 'activity-plan', id: 'plan-p', title: 'Plan 19121212-1212', ownerUnit: 'vc-a' }));
    expect(pnr.details).toMatchObject({ field: 'title', kind: 'personnummer' });
  });
});
