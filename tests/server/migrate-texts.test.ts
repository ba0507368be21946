/**
 * `samplan migrate` copies rows in SQL, past the storage adapters' guard: a record an older Samplan
 * stored whose text the guard now refuses (a personnummer, a bidirectional override, a lone
 * surrogate) stops the migration before anything is written, each record named by table, key and
 * field, never by its text. The records are written into the SQLite file directly, as an older
 * version could have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertCopyableTexts, RefusedTextError } from '../../server/migrate-texts.js';
import { openSqliteStorage } from '../../server/storage/sqlite.js';
import { commandEnd } from '../../server/cli-failure.js';
import { ENGLISH_WORDS, withoutKeys } from '../support/language-words.js';

describe('samplan migrate and texts the guard refuses', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-migrate-texts-'));
    file = path.join(dir, 'samplan.db');
    const s = openSqliteStorage(file);
    await s.putWorkspace({ id: 'ws1', name: 'Region', createdAt: '2026-01-01T00:00:00Z' });
    await s.putUnit({ workspace: 'ws1', code: 'vc-a', name: 'Vårdcentral A', parent: null });
    await s.putDocRecord({ workspace: 'ws1', doc: 'plan-a', kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-a', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    await s.putMember({ workspace: 'ws1', id: 'anna', name: 'Anna Ek', role: 'admin', units: [] });
    await s.close();
    // What an older Samplan let through, written past today's adapter.
    const db = new Database(file);
    db.prepare('UPDATE docs SET title = ? WHERE doc = ?').run('Eva 850101-1236', 'plan-a');
    db.prepare('UPDATE units SET name = ? WHERE code = ?').run('Vårdcentral\u202eA', 'vc-a');
    db.prepare("INSERT INTO members (workspace, id, name, role, units) VALUES ('ws1', '19850101-1236', 'X', 'viewer', '[]')").run();
    db.prepare("INSERT INTO audit (id, at, workspace, doc, member_id, action, bytes, detail) VALUES (7, '2026-01-01T00:00:00Z', 'ws1', NULL, 'anna', 'unit', 0, ?)").run('renamed Eva ８５０１０１－１２３６');
    db.prepare("INSERT INTO audit (id, at, workspace, doc, member_id, action, bytes, detail) VALUES (8, '2026-01-01T00:00:00Z', 'ws1', NULL, 'anna', 'unit', 0, ?)").run('rad ett\nrad två');
    db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The scan `samplan migrate` runs on the source once the target answers (migrate.ts), read-only. */
  const scan = async (from: string): Promise<void> => {
    const source = new Database(from, { readonly: true, fileMustExist: true });
    try {
      await assertCopyableTexts(source, from);
    } finally {
      source.close();
    }
  };

  it('refuses before writing anything, naming each record and field but never the text', async () => {
    const before = fs.readFileSync(file);
    const error = await scan(file).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(RefusedTextError);
    const message = (error as Error).message;
    expect(message).toMatch(/^4 records of the source hold text Samplan now refuses .*nothing was copied\./);
    expect(message).toContain('docs ws1/plan-a: title holds a personnummer');
    expect(message).toContain('units ws1/vc-a: name holds U+202E');
    expect(message).toContain('members ws1/[personnummer]: id holds a personnummer');
    expect(message).toContain('audit ws1/7: detail holds a personnummer');
    expect(message).not.toContain('ws1/8');
    expect(message).toContain('DELETE FROM audit WHERE id = <id>');
    expect(message).toContain('Then migrate again');
    expect(message).not.toMatch(/850101|1236|Eva/);
    expect((error as RefusedTextError).records).toHaveLength(4);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    await expect(scan(file)).rejects.toBeInstanceOf(RefusedTextError);
  });

  it('refuses in Swedish under the CLI\'s Swedish, each record and what to do in Swedish too', async () => {
    const error = await scan(file).then(() => null, (err: unknown) => err);
    const { code, line } = commandEnd(error, 'sv');
    expect(code).toBe(2);
    expect(line).toMatch(/^samplan: 4 poster i källan har text som Samplan nu vägrar \(ett personnummer, eller ett tecken som inget namn får ha\); ingenting kopierades\.\n/);
    expect(line).toContain('docs ws1/plan-a: title har ett personnummer');
    expect(line).toContain('units ws1/vc-a: name har U+202E');
    expect(line).toContain('Kör sedan migrate igen.');
    expect(withoutKeys(line)).not.toMatch(ENGLISH_WORDS);
    expect(line).not.toMatch(/850101|1236|Eva/);
  });
});
