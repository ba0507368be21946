/**
 * A registry over a SQLite file with the seeded workspace (`seed.ts`), whose log lines are kept,
 * for tests of a document deleted while a rename of it is being written: `renameOptions` gives a
 * rename's record and line as the REST route hands them to the room (`Registry.submit`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRecord, DocRef, Storage } from '../../../server/storage/storage.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { Registry } from '../../../server/sync/registry.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import type { OfferOptions } from '../../../server/sync/room-types.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { seed } from './seed.js';

/** A log line as pino writes it: its level (30 info, 50 error) and message. */
export interface LogLine {
  level: number;
  msg: string;
}

/** What {@link deletedMeanwhileFixture} sets up; `close` ends the registry and store and removes the file. */
export interface DeletedMeanwhileFixture {
  /** The SQLite file, for another connection (another process's store) on it. */
  file: string;
  storage: Storage;
  registry: Registry;
  lines: LogLine[];
  close(): Promise<void>;
}

/**
 * The seeded store in a new SQLite file and a registry over it, logging at info into `lines`. The
 * store refuses appends to a document with no record, as the server's does (`appendsNeedRecord`).
 */
export async function deletedMeanwhileFixture(): Promise<DeletedMeanwhileFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'samplan-deleted-meanwhile-'));
  const file = join(dir, 's.db');
  const storage = openSqliteStorage(file, { appendsNeedRecord: true });
  await seed(storage);
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  const registry = new Registry(roomDepsOf({ storage, records: storage, auth: syncAuthFor(storage, () => new Date()), checkUpdate, logger }));
  return {
    file,
    storage,
    registry,
    lines,
    async close() {
      await registry.closeAll();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A REST rename of `ref` to `title` over its stored record: the record and line the offer carries. */
export async function renameOptions(storage: Storage, ref: DocRef, title: string): Promise<OfferOptions> {
  const stored = (await storage.getDocRecord(ref)) as DocRecord;
  return { record: { ...stored, title }, audit: [{ ...ref, memberId: 'm-coord', action: 'rename', bytes: 0, detail: null }] };
}
