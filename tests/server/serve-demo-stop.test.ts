/**
 * A stop asked for while `samplan serve --demo` seeds the demo workspace (SIGINT or SIGTERM, which
 * `serveCommand` passes to `startServer` as an abort signal) is acted on at the seeding's next
 * step, not once the whole seed is written: the start rejects with an `AbortError` once all it
 * opened is closed and released (no `<db>.lock`, `<db>.pid`, `-wal` or `-shm` left), and the
 * workspace is not made (its record is written last), so the next start seeds it whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { DEMO_WORKSPACE } from '../../server/demo/seed.js';
import { startServer } from '../../server/serve.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { checkUpdate } from '../../shared/validate/check-update.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-demo-stop-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('serve --demo stopped while it seeds', () => {
  it('stops at the seeding\'s next step, closes and releases all, and leaves no workspace half made', async () => {
    const db = path.join(dir, 'samplan.db');
    const stop = new AbortController();
    const said: string[] = [];
    // Asked to stop as soon as it listens: the seeding starts right after.
    const logger = pino({ level: 'info' }, {
      write: (line: string) => {
        const { msg } = JSON.parse(line) as { msg: string };
        said.push(msg);
        if (msg === 'listening') stop.abort();
      },
    });
    await expect(startServer(loadConfig({ port: '0', db, demo: true }, {}), { checkUpdate, logger, signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(said).toContain('stop asked for while starting');
    expect(said).toContain('stopped');
    expect(said).not.toContain('demo workspace created');
    expect(fs.readdirSync(dir).filter((f) => /\.(lock|pid)$|-(wal|shm)$/.test(f))).toEqual([]);
    const store = openSqliteStorage(db, { readonly: true });
    try {
      expect(await store.getWorkspace(DEMO_WORKSPACE)).toBeFalsy();
      expect(await store.listUnits(DEMO_WORKSPACE)).toEqual([]);
      expect(await store.listDocs(DEMO_WORKSPACE)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
