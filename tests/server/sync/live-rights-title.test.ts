/**
 * A rename writes the document's record again with a new title (over REST, or the record following
 * a rename over a socket, `title-follow.ts`). A title is no right, yet the write was told as any
 * record written (`doc-changed`) and started a rights round over every open socket in every
 * process. A record written again with only its title (and `updatedAt`) changed is now told as
 * `doc-retitled`, a write that lowers no right (`quiet-versions.ts`), and reads nothing; a record
 * archived or moved to another unit is still `doc-changed` and reads. In one process (SQLite, the
 * server's own store writing) and across processes (PostgreSQL, another process's store writing).
 * The rights poll is a minute away: what reads came from a notice.
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { DocRecord, Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { tempStores } from '../../support/temp-stores.js';
import { editorAndViewer, settled, type Seen } from './round-reads.js';
import { closedAfterEach, eventually, WS, type RawClient } from './support.js';

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** The server's store and the store that writes the records (the same one in one process). */
type Engine = () => Promise<{ mine: Storage; writer: Storage }>;

function titleCases(engine: Engine): void {
  it('a rename starts no rights round; an archive or a move to another unit does', async () => {
    const { mine, writer } = await engine();
    const seen: Seen = { reads: 0, inFlight: 0, notices: [] };
    const { viewer } = await editorAndViewer(t, mine, seen);
    const put = async (change: (r: DocRecord) => DocRecord): Promise<void> => {
      const stored = await writer.getDocRecord({ workspace: WS, doc: 'plan-a' });
      const n = seen.notices.length;
      await writer.putDocRecord(change(stored as DocRecord));
      await settled(seen, n);
    };
    const now = (): string => new Date().toISOString();

    // A member changed reads: the rights in force are known at its version.
    let n = seen.notices.length;
    await writer.putMember({ workspace: WS, id: 'm-b', name: 'Editor B', role: 'editor', units: ['clinic-b', 'clinic-c'] });
    await settled(seen, n);
    await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of a member written again');

    // Two renames: told as such, nothing read.
    seen.reads = 0;
    await put((r) => ({ ...r, title: 'Hälsofrämjande plan 2026', updatedAt: now() }));
    await put((r) => ({ ...r, title: 'Levnadsvanor vårdcentral A', updatedAt: now() }));
    expect(seen.notices.slice(-2).map((x) => x?.kind)).toEqual(['doc-retitled', 'doc-retitled']);
    expect(seen.reads).toBe(0);
    expect((await mine.getDocRecord({ workspace: WS, doc: 'plan-a' }))?.title).toBe('Levnadsvanor vårdcentral A');

    // Archived (and renamed with it): a right changed, read.
    n = seen.notices.length;
    await put((r) => ({ ...r, title: 'Arkiverad plan', archivedAt: now(), archivedBy: 'm-admin', updatedAt: now() }));
    expect(seen.notices.at(-1)?.kind).toBe('doc-changed');
    await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of an archive');

    // Restored, then moved to another unit: each read.
    for (const change of [(r: DocRecord): DocRecord => ({ ...r, archivedAt: undefined, archivedBy: undefined }), (r: DocRecord): DocRecord => ({ ...r, ownerUnit: 'clinic-b' })]) {
      seen.reads = 0;
      await put(change);
      expect(seen.notices.at(-1)?.kind).toBe('doc-changed');
      await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of a record changed');
    }
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  }, 60_000);
}

describe('a rename and the rights rounds in one process: SQLite, the server store writing', () => {
  titleCases(async () => {
    const mine = openSqliteStorage(stores.dbFile('title'), { notices: true });
    stores.keep(mine);
    return { mine, writer: mine };
  });
});

const missing = servicesMissing();

describe.skipIf(missing !== null)('a rename and the rights rounds across processes: PostgreSQL', () => {
  const server = usePostgres();
  titleCases(async () => {
    const url = await server.createDb('title');
    const mine = await openPostgresStorage(url);
    const writer = await openPostgresStorage(url);
    stores.keep(mine, writer);
    return { mine, writer };
  });
});
