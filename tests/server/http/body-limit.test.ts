import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../server/http/body-limit.js';
import { MAX_IMPORT_BYTES } from '../../../server/http/rows.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

/** A JSON text of `bytes` bytes: one string field, so only its size can be wrong. */
const jsonOf = (bytes: number) => `{"accessToken":"${'a'.repeat(bytes - 18)}"}`;

/** A body sent in `chunks` pieces of `size` bytes with no Content-Length (chunked), counting what the server pulled. */
function chunked(chunks: number, size: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const piece = new Uint8Array(size).fill(0x61);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === chunks) return controller.close();
      sent++;
      controller.enqueue(piece);
    },
  });
  return { body, pulled: () => sent };
}

describe('request body limit', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });
  afterAll(() => f.close());

  it('refuses an anonymous sign-in body over the limit with 413 in words, by its Content-Length', async () => {
    const body = jsonOf(MAX_BODY_BYTES + 1);
    const res = await f.req('/auth/session', undefined, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    expect(res.status).toBe(413);
    const error = await errorOf(res);
    expect(error.code).toBe('too-large');
    expect((error.details as { message: { sv: string } }).message.sv).toBe('Förfrågan är för stor (högst 1 MiB).');
  });

  it('stops reading a body sent without a length once it passes the limit', async () => {
    const { body, pulled } = chunked(64, 64 * 1024);
    const res = await f.req('/auth/handoff', undefined, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    // 4 MiB offered; a little over 1 MiB read (the stream may run a chunk or two ahead).
    expect(pulled()).toBeLessThan(24);
  });

  it('answers an anonymous file import sent without a length 401 with its body left unread', async () => {
    for (const path of [`/v1/workspaces/${WS}/documents/plan-a/import`, `/v1/workspaces/${WS}/indicators/kolada`]) {
      // 4 MiB offered: under a file route's own limit, so only sign-in stops it.
      const { body, pulled } = chunked(64, 64 * 1024);
      const res = await f.req(path, undefined, { method: 'POST', body, headers: { 'content-type': 'text/csv' }, duplex: 'half' } as RequestInit);
      expect(res.status).toBe(401);
      // What the stream runs ahead of a reader that never reads; not the body.
      expect(pulled()).toBeLessThan(4);
    }
  });

  it('refuses a member’s JSON body over the limit before the route reads it', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.admin, {
      method: 'POST',
      body: JSON.stringify({ id: 'stor', kind: 'partners', title: 'x'.repeat(MAX_BODY_BYTES), ownerUnit: 'region' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(englishOf(await errorOf(res))).toBe('The request is too large (at most 1 MiB).');
  });

  it('takes a body under the limit as before', async () => {
    const res = await f.req('/auth/session', undefined, {
      method: 'POST',
      body: jsonOf(MAX_BODY_BYTES),
      headers: { 'content-type': 'application/json' },
    });
    expect((await errorOf(res)).code).not.toBe('too-large');
  });

  it('lets a file import larger than the JSON limit reach its route, which holds it to its own', async () => {
    // Few long rows: what is measured is the body's size, not the import's work.
    const csv = 'Aktivitet;Typ\n' + `${'x'.repeat(2000)};promenadgrupp\n`.repeat(Math.ceil((2 * MAX_BODY_BYTES) / 2000));
    expect(csv.length).toBeGreaterThan(2 * MAX_BODY_BYTES);
    expect(csv.length).toBeLessThan(MAX_IMPORT_BYTES);
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import?dryRun=true`, f.tokens.editor, {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});
