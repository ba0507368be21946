/**
 * The lines of SQLite's notice file (`sqlite-notices.ts`): another store on the file appends
 * "<version> <kind>" after each commit of rights, and the watching store tells each line once, as
 * the write it names: a line being written is told once whole, a line of an unknown kind tells of
 * anything (no kind), and the file, emptied once read past `NOTICE_FILE_MOST`, goes on telling
 * the lines written after.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
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

/**
 * The server's store on a fresh file, watching; what its watcher was told (null: a notice naming
 * no write). `as` names the file another way for the server (`join(dir, …)` of the folder made).
 */
async function watching(as?: (dir: string, db: string) => string): Promise<{ db: string; dir: string; told: (RightsNotice | null)[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-notice-lines-'));
  dirs.push(dir);
  const db = join(dir, 'samplan.db');
  const mine = openSqliteStorage(as ? as(dir, db) : db, { notices: true });
  handles.push(mine);
  await mine.putWorkspace({ id: 'hbi-x', name: 'Region X', createdAt: '2026-01-15T10:00:00Z' });
  const told: (RightsNotice | null)[] = [];
  let on = false;
  mine.watchChanges?.({ rights: (n) => told.push(n ?? null), appends: () => undefined, listening: (l) => (on = l) });
  await eventually(() => on, 10_000, 'the watch');
  return { db, dir, told };
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

  // A command that names the database another way than the server did (a symbolic link to the
  // file, a folder reached through one) wrote its notice beside the name it was given, where no
  // server watched: a revoked token kept editing until the server's 5 s poll.
  const linkTo = (dir: string, db: string): string => (symlinkSync(db, join(dir, 'link.db')), join(dir, 'link.db'));
  const folderLinkTo = (dir: string): string => {
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'via'));
    return join(dir, 'via', 'samplan.db');
  };
  it.each([
    ['the server on a link, the command on the file', (dir: string, db: string) => linkTo(dir, db), (_dir: string, db: string) => db],
    ['the server on the file, the command on a link', (_dir: string, db: string) => db, (dir: string, db: string) => linkTo(dir, db)],
    ['the server through a linked folder, the command on the file', (dir: string) => folderLinkTo(dir), (dir: string) => join(dir, 'real', 'samplan.db')],
  ])('tells a command’s rights write with %s', async (_name, serverPath, commandPath) => {
    let commandAt = '';
    const { db, dir, told } = await watching((d, file) => {
      const served = serverPath(d, file);
      commandAt = commandPath(d, file);
      return served;
    });
    expect(db.startsWith(dir)).toBe(true);
    const command = openSqliteStorage(commandAt);
    handles.push(command);
    await command.putMember({ workspace: 'hbi-x', id: 'nina', name: 'Nina Ek', role: 'admin', units: [] });
    // Well before the server's poll (5 s) would find the write.
    await eventually(() => told.some((n) => n?.kind === 'member-added'), 2_500, 'the notice of the member');
  });
});
