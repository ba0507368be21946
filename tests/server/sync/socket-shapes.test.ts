/**
 * What an idle socket keeps: the objects held per connection share V8's hidden classes, so a
 * thousand idle sockets do not each carry a class (a map and its descriptors) of their own. An
 * admission made as `{ ...admission, since }` got a fresh map per socket (~0.2 KB each, seen in
 * heap snapshots of `bench/region`'s idle connections: one `Object` map per socket).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { LiveRights } from '../../../server/sync/live-rights.js';
import { rawClient, startTestServer, TOKENS, type RawClient, type TestServer } from './support.js';

setFlagsFromString('--allow-natives-syntax');
/** V8's own answer: whether two objects have the same hidden class (compiled after the flag is set). */
const sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** Sockets opened: V8 shared the spread's map among the first few and gave every later one its own. */
const SOCKETS = 40;

let server: TestServer | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.stop();
  server = undefined;
  vi.restoreAllMocks();
});

describe('objects kept per idle socket', () => {
  it("share one hidden class across sockets: the connection's admission", async () => {
    const added: object[] = [];
    const add = LiveRights.prototype.add;
    vi.spyOn(LiveRights.prototype, 'add').mockImplementation(function (this: LiveRights, socket) {
      added.push(socket);
      return add.call(this, socket);
    });
    server = await startTestServer();
    const tokens = [TOKENS.editorA, TOKENS.viewer, TOKENS.coordinator, TOKENS.editorB];
    for (let i = 0; i < SOCKETS; i++) {
      const token = tokens[i % tokens.length] as string;
      const c = rawClient(server, 'plan-a', token);
      clients.push(c);
      await c.opened;
    }
    await vi.waitFor(() => expect(added).toHaveLength(SOCKETS), { timeout: 10_000 });
    const admissions = added.map((s) => (s as unknown as { admission: object }).admission);
    for (const a of admissions) expect(a).toMatchObject({ ok: true });
    for (const a of admissions.slice(1)) expect(sameMap(admissions[0] as object, a)).toBe(true);
  });
});
