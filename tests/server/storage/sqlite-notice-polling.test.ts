/**
 * SQLite's notice file while the server polls, and beside a server that never empties it
 * (`sqlite-notices.ts`). A watch that cannot start (here `fs.watch` refused, as when inotify's
 * watches are used up) leaves the server polling; the lines the commands append (`member add`: a
 * write that lowers no right) were then never read, so every poll round that saw the version move
 * read every socket's rights. The server's store now tells those lines before it reads the rights
 * version. A server of an earlier Samplan reads no lines and never empties the file: a command
 * now empties a file past `NOTICE_FILE_STALE` before appending, and appends to a shorter one.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_FILE_MOST, NOTICE_FILE_STALE, noticePath } from '../../../server/storage/sqlite-notices.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { RightsNotice, Storage } from '../../../server/storage/storage.js';
import { eventually } from '../sync/support.js';

const watchRefused = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const watch = ((...args: Parameters<typeof fs.watch>) => {
    if (watchRefused.on) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    return fs.watch(...args);
  }) as typeof fs.watch;
  return { ...fs, watch, default: { ...fs, watch } };
});

const handles: Storage[] = [];
const dirs: string[] = [];
afterEach(async () => {
  watchRefused.on = false;
  for (const s of handles.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-notice-polling-'));
  dirs.push(dir);
  return join(dir, 'samplan.db');
}

const at = '2026-12-04T09:00:00.000Z';

describe('the notice file while the server polls', () => {
  it('tells a command’s lines before the rights version is read', async () => {
    const db = freshDb();
    const server = openSqliteStorage(db, { notices: true });
    handles.push(server);
    await server.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: at });
    watchRefused.on = true;
    const told: (RightsNotice | null)[] = [];
    const listening: boolean[] = [];
    server.watchChanges?.({ rights: (n) => told.push(n ?? null), appends: () => undefined, listening: (l) => listening.push(l) });
    // The watch's start made the file, then failed: polling.
    await eventually(() => statSync(noticePath(db), { throwIfNoEntry: false }) !== undefined, 10_000, 'the notice file');
    expect(listening).not.toContain(true);

    const command = openSqliteStorage(db);
    handles.push(command);
    await command.putMember({ workspace: 'hbi-x', id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] });
    const version = await server.rightsVersion!();
    expect(told).toEqual([{ version, kind: 'member-added' }]);
    // Told once: the next read tells nothing new.
    await server.rightsVersion!();
    expect(told).toHaveLength(1);
    await command.putMember({ workspace: 'hbi-x', id: 'olle', name: 'Olle Berg', role: 'viewer', units: [] });
    await command.deleteMember('hbi-x', 'nina', { by: null, at });
    const now = await server.rightsVersion!();
    expect(told.slice(1)).toEqual([
      { version: now - 1, kind: 'member-added' },
      { version: now, kind: 'member-removed' },
    ]);
  });
});

describe('the notice file of a server that never empties it', () => {
  it('is emptied by a command once past NOTICE_FILE_STALE, and appended to below it', async () => {
    const db = freshDb();
    const command = openSqliteStorage(db);
    handles.push(command);
    await command.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: at });
    const file = noticePath(db);
    // An earlier Samplan's server made the file and has let lines pile up in it.
    const old = '17 member-added\n'.repeat(Math.ceil((NOTICE_FILE_STALE + 1) / 16));
    writeFileSync(file, old);
    expect(statSync(file).size).toBeGreaterThan(NOTICE_FILE_STALE);
    await command.putMember({ workspace: 'hbi-x', id: 'nina', name: 'Nina Ek', role: 'viewer', units: [] });
    const version = await command.rightsVersion!();
    expect(readFileSync(file, 'latin1')).toBe(`${version} member-added\n`);

    // Below the bound nothing is dropped: a server of this Samplan empties the file past NOTICE_FILE_MOST itself.
    const kept = '18 member-added\n'.repeat(Math.ceil((2 * NOTICE_FILE_MOST) / 16));
    writeFileSync(file, kept);
    await command.putMember({ workspace: 'hbi-x', id: 'olle', name: 'Olle Berg', role: 'viewer', units: [] });
    expect(readFileSync(file, 'latin1')).toBe(`${kept}${version + 1} member-added\n`);
  });
});
