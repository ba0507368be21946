/**
 * The lines of SQLite's notice file (`sqlite-notices.ts`): another store on the file appends
 * "<version> <kind>" after each commit of rights, and the watching store tells each line once, as
 * the write it names: a line being written is told once whole, a line of an unknown kind tells of
 * anything (no kind), and the file, emptied once read past `NOTICE_FILE_MOST`, goes on telling
 * the lines written after.
 */
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTICE_FILE_MOST, noticePath } from '../../../server/storage/sqlite-notices.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { RightsNotice, Storage } from '../../../server/storage/storage.js';
import { eventually } from '../sync/support.js';

const handles: Storage[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of handles.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The server's store on a fresh file, watching; what its watcher was told (null: a notice naming no write). */
async function watching(): Promise<{ db: string; told: (RightsNotice | null)[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-notice-lines-'));
  dirs.push(dir);
  const db = join(dir, 'samplan.db');
  const mine = openSqliteStorage(db, { notices: true });
  handles.push(mine);
  await mine.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: '2026-01-15T10:00:00Z' });
  const told: (RightsNotice | null)[] = [];
  let on = false;
  mine.watchChanges?.({ rights: (n) => told.push(n ?? null), appends: () => undefined, listening: (l) => (on = l) });
  await eventually(() => on, 10_000, 'the watch');
  return { db, told };
}

describe('the notice file’s lines', () => {
  it('tells a command’s rights writes by kind and version, a half-written line once whole', async () => {
    const { db, told } = await watching();
    const command = openSqliteStorage(db);
    handles.push(command);
    await command.putMember({ workspace: 'hbi-x', id: 'nina', name: 'Nina Ek', role: 'admin', units: [] });
    await eventually(() => told.length >= 1, 10_000, 'the notice of the member');
    const named = (): (RightsNotice | null)[] => told.filter((n) => n !== null);
    expect(named()).toEqual([{ version: expect.any(Number), kind: 'member-added' }]);
    const version = (named()[0] as RightsNotice).version;

    told.length = 0;
    appendFileSync(noticePath(db), `${version + 1} member-ad`);
    await eventually(() => told.length >= 1, 10_000, 'the change event of a part of a line');
    appendFileSync(noticePath(db), 'ded\n42 token-exploded\n');
    await eventually(() => named().length >= 1 && told.length >= 3, 10_000, 'the rest of the line');
    // The event of the part tells of anything (no kind), the whole line of a member added, the unknown kind of anything.
    expect(told[0]).toBeNull();
    expect(named()).toEqual([{ version: version + 1, kind: 'member-added' }]);
    expect(told.at(-1)).toBeNull();
  });

  it('empties the file once read past its bound, and tells the lines written after', async () => {
    const { db, told } = await watching();
    const line = '7 doc-changed\n';
    appendFileSync(noticePath(db), line.repeat(Math.ceil((NOTICE_FILE_MOST + 1) / line.length)));
    await eventually(() => statSync(noticePath(db)).size === 0, 10_000, 'the file emptied');
    const command = openSqliteStorage(db);
    handles.push(command);
    told.length = 0;
    await command.putMember({ workspace: 'hbi-x', id: 'eva', name: 'Eva Berg', role: 'viewer', units: [] });
    await eventually(() => told.some((n) => n?.kind === 'member-added'), 10_000, 'the notice after the file was emptied');
  });
});
