/**
 * A registry over a SQLite file with the seeded workspace (`seed.ts`), whose log lines are kept,
 * for tests of a document deleted while a rename of it is being written: `renameOptions` gives a
 * rename's record and line as the REST route hands them to the room (`Registry.submit`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import * as Y from 'yjs';
import { expect } from 'vitest';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRecord, DocRef, Storage } from '../../../server/storage/storage.js';
import { syncAuthFor } from '../../../server/http/sync-auth.js';
import { DocNotFoundError, Registry, type Lease } from '../../../server/sync/registry.js';
import { roomDepsOf } from '../../../server/sync/route.js';
import type { OfferOptions, Peer } from '../../../server/sync/room-types.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';
import { retitled } from './retitled.js';
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
  const storage = openSqliteStorage(file);
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

/** A room of {@link DeletedMeanwhileFixture}'s registry with one socket of member `m-a` joined; `closes` gathers what it is closed with. */
export interface JoinedRoom {
  lease: Lease;
  room: Lease['room'];
  socket: Peer;
  closes: [number, string][];
}

/** Acquires `ref`'s room in `f`'s registry and joins a socket of member `m-a` that records its closes. */
export async function joinedRoom(f: DeletedMeanwhileFixture, ref: DocRef): Promise<JoinedRoom> {
  const lease = await f.registry.acquire(ref);
  const closes: [number, string][] = [];
  const socket: Peer = { send: () => undefined, close: (code, reason) => void closes.push([code, reason]) };
  lease.room.join(socket, 'm-a');
  return { lease, room: lease.room, socket, closes };
}

/**
 * After the deletion closed the room: the socket's next edit (as it would send after a reload's
 * step 1, over the document it holds) stores no update row, `ref` has no record, its room cannot be
 * opened again, and nothing was logged at error level.
 */
export async function expectNothingStoredAfter(f: DeletedMeanwhileFixture, joined: JoinedRoom, ref: DocRef): Promise<void> {
  await joined.room.settled().catch(() => undefined);
  const resend = joined.room.offer(retitled(new Y.Doc(), 'Plan från A'), { memberId: 'm-a', principal: null }, joined.socket);
  if (resend.ok) await resend.persisted.catch(() => undefined);
  expect(await f.storage.listUpdates(ref, 0, 100)).toEqual([]);
  expect(await f.storage.getDocRecord(ref)).toBeNull();
  await expect(f.registry.acquire(ref)).rejects.toBeInstanceOf(DocNotFoundError);
  expect(f.lines.filter((l) => l.level >= 50)).toEqual([]);
}
