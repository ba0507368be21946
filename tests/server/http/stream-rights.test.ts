/**
 * The workspace's event streams (`…/events`, `…/events/rounds`) end when the listener's right to
 * read them ends: its token revoked (here or by another process on the same store), expired, or
 * its member removed. Before, the rounds stream outlived all of these and the document stream
 * outlived a revoked or expired token.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../../server/auth/tokens.js';
import { makeFixture, WS, type Fixture } from './support.js';

const STREAMS = [`/v1/workspaces/${WS}/events`, `/v1/workspaces/${WS}/events/rounds`];

/** Reads the stream until it ends; resolves 'ended', or 'open' when it is still open after `ms`. */
async function endsWithin(res: Response, ms: number): Promise<'ended' | 'open'> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      await reader.cancel();
      return 'open';
    }
    const next = await Promise.race([reader.read(), new Promise<'late'>((r) => setTimeout(() => r('late'), left))]);
    if (next === 'late') {
      await reader.cancel();
      return 'open';
    }
    if (next.done) return 'ended';
  }
}

describe('event streams end with the right to read them', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const tokenOf = async (memberId: string, expiresAt: string | null = null) =>
    createToken(f.storage, { workspace: WS, memberId, label: 'stream', expiresAt, clock: () => f.now.value });

  it.each(STREAMS)('%s ends when its token is revoked', async (path) => {
    const { secret, record } = await tokenOf('eda');
    const res = await f.req(path, secret);
    expect(res.status).toBe(200);
    expect((await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json('DELETE', { id: record.id }))).status).toBe(200);
    expect(await endsWithin(res, 3_000)).toBe('ended');
  });

  it.each(STREAMS)('%s ends when its token is revoked by another process on the same store', async (path) => {
    const { secret, record } = await tokenOf('eda');
    const res = await f.req(path, secret);
    await f.storage.revokeToken(record.id, f.now.value.toISOString());
    expect(await endsWithin(res, 3_000)).toBe('ended');
  });

  it.each(STREAMS)('%s ends when its token expires', async (path) => {
    const { secret } = await tokenOf('eda', new Date(f.now.value.getTime() + 400).toISOString());
    const res = await f.req(path, secret);
    expect(res.status).toBe(200);
    // The server's clock passes the expiry while the stream is open.
    f.now.value = new Date(f.now.value.getTime() + 1_000);
    expect(await endsWithin(res, 3_000)).toBe('ended');
  });

  it.each(STREAMS)('%s stays open past the old expiry when the session was refreshed (the expiry moved later)', async (path) => {
    const expiry = new Date(f.now.value.getTime() + 400).toISOString();
    const { secret, record } = await tokenOf('eda', expiry);
    const res = await f.req(path, secret);
    // A session of the same expiry, not refreshed, opened after: its stream ends when its timer at
    // the old expiry has fired, so by then the first stream's has fired too (a fixed 1.5 s before).
    const control = await f.req(path, (await tokenOf('eda', expiry)).secret);
    await f.storage.putToken({ ...record, expiresAt: new Date(f.now.value.getTime() + 3_600_000).toISOString() });
    f.now.value = new Date(f.now.value.getTime() + 1_000);
    expect(await endsWithin(control, 3_000)).toBe('ended');
    expect(await endsWithin(res, 300)).toBe('open');
  });

  it.each(STREAMS)('%s ends when its member is removed', async (path) => {
    const res = await f.req(path, f.tokens.editor);
    expect((await f.req(`/v1/workspaces/${WS}/members/eda`, f.tokens.admin, { method: 'DELETE' })).status).toBe(200);
    expect(await endsWithin(res, 3_000)).toBe('ended');
  });

  it.each(STREAMS)("%s stays open when another member's token is revoked", async (path) => {
    const other = await tokenOf('edb');
    const res = await f.req(path, f.tokens.editor);
    await f.req(`/v1/workspaces/${WS}/tokens`, f.tokens.admin, json('DELETE', { id: other.record.id }));
    expect(await endsWithin(res, 1_500)).toBe('open');
  });
});
