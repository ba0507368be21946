/**
 * A real full disk: the server's SQLite file on a 4 MB tmpfs that a filler file fills up. Mounting
 * needs root (or CAP_SYS_ADMIN); where that is not allowed the test is skipped and says so.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncClient } from '../../../bench/support/sync-client.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { insertRows, rowsOf } from '../../../shared/doc/index.js';
import { eventually, startTestServer, TOKENS, WS, type TestServer } from './support.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}

function fillUp(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(!mounted)('a full disk under a running server', () => {
  const file = path.join(dir, 'samplan.db');
  const filler = path.join(dir, 'filler');
  let storage: Storage;
  let server: TestServer;
  const clients: SyncClient[] = [];
  const connect = (token: string): SyncClient => {
    const c = new SyncClient(`${server.base}/plan-a?token=${token}`);
    clients.push(c);
    return c;
  };
  const titles = (doc: Y.Doc): string[] => rowsOf(doc).map((r) => String(r.values.title));

  beforeAll(async () => {
    storage = openSqliteStorage(file);
    server = await startTestServer({}, { storage });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await storage?.close();
    execFileSync('umount', [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores nothing it cannot, shows readers nothing unstored, and takes the edit once there is room', async () => {
    const writer = connect(TOKENS.editorA);
    const reader = connect(TOKENS.viewer);
    await Promise.all([writer.synced, reader.synced]);
    fillUp(filler);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ title: `Rad ${i} ${'x'.repeat(150)}` }));
    writer.write((d) => void insertRows(d, rows));
    expect((await writer.closed).code).toBe(1011);
    const late = connect(TOKENS.viewer);
    await late.synced;
    expect(titles(late.doc)).toEqual([]);
    expect(titles(reader.doc)).toEqual([]);
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);
    expect((await storage.loadDoc({ workspace: WS, doc: 'plan-a' })).lastSeq).toBe(1);

    fs.rmSync(filler);
    const again = connect(TOKENS.editorA);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(writer.doc));
    await eventually(() => titles(reader.doc).length === 2000, 10_000, 'the rows at the reader once there is room');
    const stored = await storage.loadDoc({ workspace: WS, doc: 'plan-a' });
    expect(stored.lastSeq).toBeGreaterThan(1);
  }, 30_000);
});

describe.skipIf(mounted)('a full disk (skipped)', () => {
  it.skip('needs permission to mount a tmpfs (root or CAP_SYS_ADMIN); the failing-storage tests cover the same path', () => undefined);
});

if (!mounted) fs.rmSync(dir, { recursive: true, force: true });
