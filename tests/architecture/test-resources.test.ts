/**
 * A test run fails on any unhandled error, even when every test passed: a `ws` client socket with
 * no `error` listener throws its error (a refused upgrade, a server closed under it) out of the
 * event loop, so does a socket a test's own `ws` server accepts (its peer resets or sends a bad
 * frame), and so does a `pg.Pool` whose connection is lost while it is checked out, or a
 * `pg.Client` whose backend ends while it is idle (the PostgreSQL a test started stopping under
 * it, `pg_terminate_backend`). So every test opens its client sockets through `listenedSocket`
 * (`tests/support/listened-socket.ts`), makes its `ws` servers through `listenedServer`
 * (`tests/support/listened-server.ts`, which listens on each accepted socket before the test sees
 * it), and its PostgreSQL clients through `listenedClient`
 * (`tests/support/listened-client.ts`), which listen from the start, and hands every pool it
 * makes to `onEveryConnectionError` (`server/storage/postgres-faults.ts`) as it makes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SOCKET_HELPER = 'tests/support/listened-socket.ts';
const CLIENT_HELPER = 'tests/support/listened-client.ts';
const SERVER_HELPER = 'tests/support/listened-server.ts';
/** Imports the `ws` package (a page's own `WebSocket` in an e2e `page.evaluate` is the browser's). */
const IMPORTS_WS = /from\s+['"]ws['"]/;
const NEW_SOCKET = /new\s+WebSocket\s*\(/g;
/** A `ws` server made, or an upgrade accepted, in place: its sockets reach the test unlistened. */
const OWN_SERVER = /new\s+(?:WebSocketServer|WebSocket\.Server|ws\.Server)\s*\(|\.handleUpgrade\s*\(/g;
const NEW_POOL = /new\s+(?:pg\.)?Pool\s*\(/g;
const WRAPPED = /onEveryConnectionError\(\s*$/;
/** `pg`'s own `Client`: `new pg.Client(` anywhere, a bare `new Client(` where it comes from `pg`. */
const NEW_PG_CLIENT = /new\s+pg\.Client\s*\(/g;
const NEW_BARE_CLIENT = /new\s+Client\s*\(/g;
const IMPORTS_PG_CLIENT = /import\s*\{[^}]*\bClient\b[^}]*\}\s*from\s+['"]pg['"]/;

/**
 * The tests' own sources. A dot folder is not one: `tests/.compiled/` holds the server bundles a
 * running suite builds (git-ignored), whose `pg.Client` is the server's own, listened to there.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : sources(path);
    return /\.(ts|js|mjs)$/.test(e.name) ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Lines of `text` that make a `ws` client socket themselves (none but the helper may). */
function ownSockets(text: string): number[] {
  if (!IMPORTS_WS.test(text)) return [];
  return [...text.matchAll(NEW_SOCKET)].map((m) => lineOf(text, m.index));
}

/** Lines of `text` that make a `ws` server or accept an upgrade themselves (none but the helper may). */
function ownServers(text: string): number[] {
  if (!IMPORTS_WS.test(text)) return [];
  return [...text.matchAll(OWN_SERVER)].map((m) => lineOf(text, m.index));
}

/** Lines of `text` that make a `pg.Pool` not handed straight to `onEveryConnectionError`. */
function unwatchedPools(text: string): number[] {
  return [...text.matchAll(NEW_POOL)].filter((m) => !WRAPPED.test(text.slice(0, m.index))).map((m) => lineOf(text, m.index));
}

/** Lines of `text` that make a `pg.Client` themselves (none but the helper may). */
function ownPgClients(text: string): number[] {
  const bare = IMPORTS_PG_CLIENT.test(text) ? [...text.matchAll(NEW_BARE_CLIENT)] : [];
  return [...text.matchAll(NEW_PG_CLIENT), ...bare].map((m) => lineOf(text, m.index)).sort((a, b) => a - b);
}

// This file's own samples of what the rules find are not uses.
const SELF = 'tests/architecture/test-resources.test.ts';
const files = sources(join(ROOT, 'tests')).filter((f) => f !== SELF);
const where = (find: (text: string) => number[]) => files.flatMap((f) => find(readFileSync(join(ROOT, f), 'utf8')).map((line) => `${f}:${line}`));

describe('client sockets in tests', () => {
  it('are found by the rule: a `ws` socket made in place is, a browser page’s is not', () => {
    expect(ownSockets("import WebSocket from 'ws';\nconst a = 1;\nconst s = new WebSocket(url);")).toEqual([3]);
    expect(ownSockets("import { WebSocket } from 'ws';\nnew WebSocket(url, protocols);")).toEqual([2]);
    expect(ownSockets('page.evaluate(() => new WebSocket(address));')).toEqual([]);
  });

  it('are all opened through listenedSocket, which listens for `error` from the start', () => {
    expect(files).toContain(SOCKET_HELPER);
    expect(ownSockets(readFileSync(join(ROOT, SOCKET_HELPER), 'utf8')).length).toBeGreaterThan(0);
    expect(where(ownSockets).filter((at) => !at.startsWith(`${SOCKET_HELPER}:`))).toEqual([]);
  });
});

describe('server-side sockets in tests', () => {
  it('are found by the rule: a `ws` server made in place is, and so is an upgrade accepted in place', () => {
    expect(ownServers("import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 0 });")).toEqual([2]);
    expect(ownServers("import WebSocket from 'ws';\n\nnew WebSocket.Server({ noServer: true });")).toEqual([3]);
    expect(ownServers("import type { WebSocketServer } from 'ws';\nwss.handleUpgrade(req, tcp, head, (ws) => done(ws));")).toEqual([2]);
    expect(ownServers("import { listenedServer } from '../support/listened-server.js';\nlistenedServer({ port: 0 }, (ws) => ws.send('x'));")).toEqual([]);
  });

  it('are all accepted through listenedServer, which listens for `error` on each before the test sees it', () => {
    expect(files).toContain(SERVER_HELPER);
    expect(ownServers(readFileSync(join(ROOT, SERVER_HELPER), 'utf8')).length).toBeGreaterThan(0);
    expect(where(ownServers).filter((at) => !at.startsWith(`${SERVER_HELPER}:`))).toEqual([]);
  });
});

describe('PostgreSQL pools in tests', () => {
  it('are found by the rule: a pool made bare is, one handed to onEveryConnectionError is not', () => {
    expect(unwatchedPools('const p = new pg.Pool({ connectionString: url });\np.on("error", f);')).toEqual([1]);
    expect(unwatchedPools("import { Pool } from 'pg';\nconst p = new Pool({});")).toEqual([2]);
    expect(unwatchedPools('const p = onEveryConnectionError(new pg.Pool({ max: 1 }), () => undefined);')).toEqual([]);
    expect(unwatchedPools('const p = onEveryConnectionError(\n  new pg.Pool({ max: 1 }),\n  log,\n);')).toEqual([]);
  });

  it('are each handed to onEveryConnectionError as they are made', () => {
    expect(where(unwatchedPools)).toEqual([]);
  });
});

describe('PostgreSQL clients in tests', () => {
  it('are found by the rule: a `pg.Client` made in place is, another library’s `Client` is not', () => {
    expect(ownPgClients("import pg from 'pg';\nconst c = new pg.Client({ connectionString: url });")).toEqual([2]);
    expect(ownPgClients("import { Client } from 'pg';\n\nconst c = new Client(url);")).toEqual([3]);
    expect(ownPgClients("import { Client } from 'other';\nconst c = new Client(url);")).toEqual([]);
    expect(ownPgClients('const c = listenedClient({ connectionString: url });')).toEqual([]);
  });

  it('are all made through listenedClient, which listens for `error` from the start', () => {
    expect(files).toContain(CLIENT_HELPER);
    expect(ownPgClients(readFileSync(join(ROOT, CLIENT_HELPER), 'utf8')).length).toBeGreaterThan(0);
    expect(where(ownPgClients).filter((at) => !at.startsWith(`${CLIENT_HELPER}:`))).toEqual([]);
  });
});
