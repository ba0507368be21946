import fs from 'node:fs';
import { pagesOf, type PagedStoreDump, type StoreDump } from './dump.js';
import { openSqliteDatabase } from './sqlite.js';

/**
 * Write `dump` into a new SQLite file at `path` with the current schema, replacing any file there
 * (emptied in place: it keeps its permissions, owner and group).
 * The result opens with {@link openSqliteStorage}; this is how non-SQLite stores make backups.
 * The audit trail and the update log may come in pages ({@link PagedStoreDump}): each page is
 * written as it arrives, all in one SQLite transaction (a failed read leaves no half file's data
 * committed; the error is thrown).
 */
export async function writeDumpToSqlite(path: string, dump: StoreDump | PagedStoreDump): Promise<void> {
  for (const suffix of ['-wal', '-shm']) fs.rmSync(path + suffix, { force: true });
  // Emptied, not removed: a file made with its permissions for the backup (`backup-target.ts`) keeps them.
  if (fs.existsSync(path)) fs.truncateSync(path, 0);
  const db = openSqliteDatabase(path);
  try {
    db.exec('BEGIN');
    try {
      const run = (sql: string, rows: object[]): void => {
        const stmt = db.prepare(sql);
        for (const row of rows) stmt.run(row);
      };
      const runPages = async (sql: string, pages: PagedStoreDump['audit'] | PagedStoreDump['updates']): Promise<void> => {
        const stmt = db.prepare(sql);
        for await (const page of pagesOf<object>(pages)) for (const row of page) stmt.run(row);
      };
      run('INSERT INTO workspaces VALUES ($id, $name, $createdAt)', dump.workspaces);
      run('INSERT INTO units VALUES ($workspace, $code, $name, $parent)', dump.units);
      run(
        `INSERT INTO docs (workspace, doc, kind, title, owner_unit, created_at, updated_at, archived_at, archived_by)
         VALUES ($workspace, $doc, $kind, $title, $ownerUnit, $createdAt, $updatedAt, $archivedAt, $archivedBy)`,
        dump.docs.map((d) => ({ ...d, archivedAt: d.archivedAt ?? null, archivedBy: d.archivedBy ?? null })),
      );
      run(
        'INSERT INTO members VALUES ($workspace, $id, $name, $role, $units)',
        dump.members.map((m) => ({ ...m, units: JSON.stringify(m.units) })),
      );
      run(
        `INSERT INTO tokens (id, hash, workspace, member_id, label, created_at, expires_at, revoked_at)
         VALUES ($id, $hash, $workspace, $memberId, $label, $createdAt, $expiresAt, $revokedAt)`,
        dump.tokens,
      );
      await runPages(
        `INSERT INTO audit (at, workspace, doc, member_id, action, bytes, detail)
         VALUES ($at, $workspace, $doc, $memberId, $action, $bytes, $detail)`,
        dump.audit,
      );
      await runPages(
        `INSERT INTO update_log (workspace, doc, seq, at, member_id, data)
         VALUES ($workspace, $doc, $seq, $at, $memberId, $update)`,
        dump.updates,
      );
      run(
        'INSERT INTO snapshots (workspace, doc, upto_seq, at, data, fresh) VALUES ($workspace, $doc, $uptoSeq, $at, $data, $fresh)',
        dump.snapshots.map((s) => ({ ...s, fresh: s.fresh ?? null })),
      );
      run(
        'INSERT INTO checkpoints (workspace, doc, seq, at, data) VALUES ($workspace, $doc, $seq, $at, $data)',
        dump.checkpoints,
      );
      run('INSERT INTO take_backs (workspace, doc, at, data) VALUES ($workspace, $doc, $at, $data)', dump.takeBacks);
      run('INSERT INTO member_removals (workspace, member_id, name, removed_by, removed_at) VALUES ($workspace, $id, $name, $removedBy, $removedAt)', dump.removals);
      run(
        'INSERT INTO access_token_sessions (token_key, token_id, until, ended_everywhere) VALUES ($key, $tokenId, $until, $endedEverywhere)',
        dump.accessTokenSessions.map((a) => ({ ...a, endedEverywhere: a.endedEverywhere ? 1 : 0 })),
      );
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    db.close();
  }
}
