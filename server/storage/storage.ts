/**
 * The storage seams of the server: {@link DocumentStore} (what the sync layer needs for documents,
 * `document-store.ts`), {@link RecordStore} (workspaces, units, document records, members, tokens,
 * `record-store.ts`) and {@link AuditLog}. {@link Storage} is all three as one backend gives them:
 * bytes and records, no Yjs rooms or sockets. The bounds every backend keeps alike (take-backs per
 * document, the grain of `updatedAt`) are in `limits.ts`; the records and load/append shapes in
 * `storage-records.ts`; rights notices in `rights-notice.ts`; change watching in `change-watch.ts`;
 * the sessions started from access tokens in `access-token-store.ts`.
 * Every one of them is re-exported here, the one module callers import.
 */
import type { AuditRecord, DocTurns } from './storage-records.js';
import type { DocumentStore } from './document-store.js';
import type { RecordStore } from './record-store.js';
import type { AccessTokenStore } from './access-token-store.js';
import type { StoredTextHit } from './stored-texts.js';

export type { StoredTextHit } from './stored-texts.js';

export type * from './storage-records.js';
export type * from './record-store.js';
export type * from './change-watch.js';
export type * from './access-token-store.js';
export * from './document-store.js';
export * from './rights-notice.js';

/** The audit trail: append-only lines per workspace. */
export interface AuditLog {
  /**
   * Append audit lines. `detail` is for server-composed text only (a reason code, a count), never
   * frame content or cell values; adapters still redact identity-number look-alikes and cap it.
   */
  appendAudit(records: AuditRecord[]): Promise<void>;
  /** A workspace's audit lines, newest first, at most `limit`. */
  listAudit(workspace: string, limit: number): Promise<AuditRecord[]>;
  /**
   * Every audit line of `workspace` with the action `unit` (its units' creations and changes,
   * renames among them: `unitRenamedDetail`), oldest first, however old: the names a unit had
   * before a rename, which an import reads a file by (`import-former-names.ts`). SQLite and
   * PostgreSQL read them through an index of those lines alone (`audit_unit_lines`).
   */
  listUnitAudit(workspace: string): Promise<AuditRecord[]>;
}

/**
 * A whole store as one backend provides it: documents, records and audit, plus backup and close.
 * Every backend (SQLite, memory, PostgreSQL) implements it and passes the contract suites
 * (`tests/server/storage/contract*.ts`).
 */
export interface Storage extends DocumentStore, RecordStore, AuditLog, DocTurns, AccessTokenStore {
  /**
   * Optional (SQLite, PostgreSQL; `stored-texts.ts`): each text any row of any table holds (every
   * text column the database lists, a hash the store wrote aside) for which `holds` is true, named
   * by table, key and column, of `workspace` alone when given (a row under no workspace is then
   * left out), in one consistent read; never the text. What `samplan history scan` reads beside
   * history (`record-scan.ts`). Reads only; rejects with what the store throws.
   */
  findStoredTexts?(holds: (text: string) => boolean, workspace?: string): Promise<StoredTextHit[]>;
  /** Write a consistent copy of the whole store to `path` (SQLite file). */
  backup(path: string): Promise<void>;
  /** Flush and release resources. */
  close(): Promise<void>;
}
