/**
 * Adding a member lowers no one's rights, yet its write was told as `member-changed` and started a
 * rights round of the open sockets in every process. It is now told as `member-added` and skipped
 * like a sign-in (`quiet-versions.ts`), but only when the write truly inserted the member: the same
 * add over a stored id (`putMember` is an upsert) that changes it still reads, the same member
 * written again as stored tells nothing at all (nothing changed), and a removal still closes the
 * member's sockets. In one process (the server's own SQLite store) and across processes (PostgreSQL:
 * another process's store writes, its notice comes through LISTEN/NOTIFY). The rights poll is a
 * minute away: what reads or closes here came from a notice.
 */
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { tempStores } from '../../support/temp-stores.js';
import { editorAndViewer, settled, type Seen } from './round-reads.js';
import { closedAfterEach, eventually, WS, type RawClient } from './support.js';

const stores = tempStores();
const t = closedAfterEach<RawClient>((c) => c.ws.terminate());

/** The server's store and the store that writes the members (the same one in one process). */
type Engine = () => Promise<{ mine: Storage; writer: Storage }>;

function memberCases(engine: Engine): void {
  it('a member added or written again as stored starts no rights round; a change of a stored member does, and a removal closes its sockets', async () => {
    const { mine, writer } = await engine();
    const seen: Seen = { reads: 0, inFlight: 0, notices: [] };
    const { editor, viewer } = await editorAndViewer(t, mine, seen);
    // A stored member written again as stored changes nothing: no notice at all (notices come in
    // the order of their writes, so the two members added after it are the first told). Members
    // added: told as such, nothing read.
    seen.reads = 0;
    const before = seen.notices.length;
    await writer.putMember({ workspace: WS, id: 'm-b', name: 'Editor B', role: 'editor', units: ['clinic-b'] });
    let n = before;
    for (const id of ['m-ny-1', 'm-ny-2']) {
      await writer.putMember({ workspace: WS, id, name: 'Ny medlem', role: 'editor', units: ['clinic-a'] });
      await settled(seen, n++);
    }
    expect(seen.notices.slice(before).map((x) => x?.kind)).toEqual(['member-added', 'member-added']);
    expect(seen.reads).toBe(0);

    // The same add over a stored member (its role lowered) may lower rights: a change, read.
    seen.reads = 0;
    n = seen.notices.length;
    await writer.putMember({ workspace: WS, id: 'm-ny-1', name: 'Ny medlem', role: 'viewer', units: [] });
    await settled(seen, n);
    expect(seen.notices.at(-1)?.kind).toBe('member-changed');
    await eventually(() => seen.reads > 0 && seen.inFlight === 0, 10_000, 'the round of a member written again');

    // A removal: read, and the member's socket closed (the poll is a minute away).
    seen.reads = 0;
    n = seen.notices.length;
    expect(await writer.deleteMember(WS, 'm-a')).toBe(true);
    const open = new Promise<string>((r) => setTimeout(() => r('still open'), 10_000));
    expect(await Promise.race([editor.closed, open])).toMatchObject({ code: 4401 });
    expect(seen.notices.slice(n).map((x) => x?.kind)).toContain('member-removed');
    expect(seen.reads).toBeGreaterThan(0);

    // Added again after its removal: a member added, whose old sockets the removal closed.
    await eventually(() => seen.inFlight === 0, 10_000, 'no read under way');
    seen.reads = 0;
    n = seen.notices.length;
    await writer.putMember({ workspace: WS, id: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-a'] });
    await settled(seen, n);
    expect(seen.notices.at(-1)?.kind).toBe('member-added');
    expect(seen.reads).toBe(0);
    expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
  }, 60_000);
}

describe('member notices in one process: SQLite, the server store writing', () => {
  memberCases(async () => {
    const mine = openSqliteStorage(stores.dbFile('member-added'), { notices: true });
    stores.keep(mine);
    return { mine, writer: mine };
  });
});

describe.skipIf(servicesMissing() !== null)('member notices across processes: PostgreSQL', () => {
  const server = usePostgres();
  memberCases(async () => {
    const url = await server.createDb('memberadded');
    const mine = await openPostgresStorage(url);
    const writer = await openPostgresStorage(url);
    stores.keep(mine, writer);
    return { mine, writer };
  });
});
