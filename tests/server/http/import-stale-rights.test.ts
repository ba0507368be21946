/**
 * An import is written with the rights its member has when it writes, not those it had when the
 * request arrived: reading, normalising and checking a large file takes seconds, and a member
 * removed, a token revoked or a role lowered meanwhile must not let the rows in afterwards.
 * The body is held open until the route reads it (after authentication), the right is taken
 * away, then the rows are sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { errorOf, makeFixture, WS, type Fixture } from './support.js';

/** A CSV body that starts to flow once the route reads it, after `meanwhile` ran. */
function heldBody(text: string, meanwhile: () => Promise<void>): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent) return;
        sent = true;
        await meanwhile();
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

describe('an import whose right is taken away while it is sent', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const titles = async () => rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values.title);

  it.each<[string, (f: Fixture) => Promise<Response>, number]>([
    ['the member is removed', (f) => f.req(`/v1/workspaces/${WS}/members/eda`, f.tokens.admin, { method: 'DELETE' }), 401],
    [
      'the token is revoked',
      async (f) => {
        const tokens = (await f.storage.listTokens(WS)).filter((t) => t.memberId === 'eda');
        return f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: tokens[0]?.id }) });
      },
      401,
    ],
    [
      'the role is lowered to viewer',
      (f) =>
        f.req(`/v1/workspaces/${WS}/members`, f.tokens.admin, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: 'eda', name: 'Person eda', role: 'viewer', units: ['vc-a'] }),
        }),
      403,
    ],
  ])('stores nothing when %s', async (_, takeAway, status) => {
    let taken: Response | null = null;
    const body = heldBody('Aktivitet;Typ\nEfter borttagningen;Promenadgrupp/Gågrupp\n', async () => {
      taken = await takeAway(f);
    });
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect((taken as Response | null)?.ok).toBe(true);
    expect(res.status, JSON.stringify(await errorOf(res.clone()))).toBe(status);
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    // Told in words, in Swedish and English.
    const error = await errorOf(res);
    expect(JSON.stringify(error.details)).toMatch(/"sv":"[^"]{20,}/);
  });

  it('stores the rows when nothing changed meanwhile', async () => {
    const body = heldBody('Aktivitet;Typ\nNy grupp;Promenadgrupp/Gågrupp\n', async () => {});
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await titles()).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Ny grupp']);
  });
});
