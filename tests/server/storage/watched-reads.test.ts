/**
 * A storage fault (a full disk) is remembered until a write succeeds again (`watchStorage`), so
 * `/healthz` keeps answering 503 and the routes 503. A read that succeeds says nothing of writes:
 * before, the reads missing from a hand-kept list (member removals, take-backs) counted as writes,
 * and an admin opening the Members view cleared the fault while the disk was still full.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/storage.js';
import { StorageUnavailableError, watchStorage } from '../../../server/storage/watched.js';

const WS = 'ws1';
const ref = { workspace: WS, doc: 'plan' };
const at = '2026-01-15T10:00:00.000Z';

/** Every read of {@link Storage}, called once. */
const READS: [string, (s: Storage) => Promise<unknown>][] = [
  ['loadDoc', (s) => s.loadDoc(ref)],
  ['listUpdates', (s) => s.listUpdates(ref, 0, 10)],
  ['loadTakeBacks', (s) => s.loadTakeBacks!(ref)],
  ['listCheckpoints', (s) => s.listCheckpoints(ref)],
  ['getCheckpoint', (s) => s.getCheckpoint(ref, 1)],
  ['dataVersion', (s) => s.dataVersion()],
  ['lastSeqs', (s) => s.lastSeqs(WS, ['plan'])],
  ['getWorkspace', (s) => s.getWorkspace(WS)],
  ['listWorkspaces', (s) => s.listWorkspaces()],
  ['listUnits', (s) => s.listUnits(WS)],
  ['getDocRecord', (s) => s.getDocRecord(ref)],
  ['getDocRecords', (s) => s.getDocRecords(WS, ['plan'])],
  ['listDocs', (s) => s.listDocs(WS)],
  ['getMember', (s) => s.getMember(WS, 'anna')],
  ['listMembers', (s) => s.listMembers(WS)],
  ['getRemoval', (s) => s.getRemoval(WS, 'anna')],
  ['listRemovals', (s) => s.listRemovals(WS)],
  ['getTokenByHash', (s) => s.getTokenByHash('a'.repeat(64))],
  ['getToken', (s) => s.getToken(WS, 't1')],
  ['listTokens', (s) => s.listTokens(WS)],
  ['listAudit', (s) => s.listAudit(WS, 10)],
];

describe('a remembered storage fault', () => {
  it('stays through every successful read and clears at the next successful write', async () => {
    const inner = createMemoryStorage();
    await inner.putWorkspace({ id: WS, name: 'Testregion', createdAt: at });
    const watched = watchStorage(inner);
    const append = inner.appendUpdates.bind(inner);
    inner.appendUpdates = async () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const failWrite = async (): Promise<void> => {
      await expect(watched.storage.appendUpdates(ref, [{ update: new Uint8Array([0, 0]), memberId: null }])).rejects.toBeInstanceOf(StorageUnavailableError);
      expect(watched.fault()?.reason).toBe('database or disk is full');
    };

    const cleared: string[] = [];
    for (const [name, read] of READS) {
      await failWrite();
      await read(watched.storage);
      if (watched.fault() === null) cleared.push(name);
    }
    expect(cleared).toEqual([]);

    inner.appendUpdates = append;
    await watched.storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
    expect(watched.fault()).toBeNull();
  });
});
