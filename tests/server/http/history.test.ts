import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { openPostgresStorage } from '../../../server/storage/postgres.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { DAMAGED_UPDATE } from '../../support/damaged-update.js';
import { servicesMissing } from '../../support/services.js';
import { tempStores } from '../../support/temp-stores.js';
import { usePostgres } from '../../support/use-services.js';
import { errorOf, keptLogger, makeFixture, planRow, WS, type Fixture, type StoreOptions, englishOf } from './support.js';

const stores = tempStores();

describe('history and versions', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    f.now.value = new Date('2026-02-01T08:00:00Z');
    await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Rökavvänjning', type: 'halsosamtal' }]),
    });
  });
  afterEach(() => f.close());

  it('says who changed what and when, newest first', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: number;
      entries: { seq: number; memberId: string; memberName: string; rowsAdded: string[]; cellsChanged: number; changes: { column: string; to: unknown }[] }[];
    };
    expect(body.total).toBe(2);
    const [latest, first] = body.entries;
    expect(latest).toMatchObject({ seq: 2, memberId: 'eda', memberName: 'Person eda', cellsChanged: 2 });
    expect(latest?.rowsAdded).toHaveLength(1);
    expect(latest?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ column: 'title', to: 'Rökavvänjning' })]));
    expect(first).toMatchObject({ seq: 1, memberId: 'coord' });
    expect(first?.rowsAdded).toHaveLength(2);
  });

  it('limits the entries to the newest ones', async () => {
    const body = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?limit=1`, f.tokens.viewer)).json()) as { entries: { seq: number }[] };
    expect(body.entries.map((e) => e.seq)).toEqual([2]);
  });

  it('gives the document as it was after an update, as JSON rows', async () => {
    const v1 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/1`, f.tokens.viewer)).json()) as { rows: { title: string }[]; meta: { kind: string } };
    expect(v1.rows.map((r) => r.title)).toEqual(['Promenadgrupp A', 'Hälsodag A']);
    expect(v1.meta.kind).toBe('activity-plan');
    const v2 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/2`, f.tokens.viewer)).json()) as { rows: unknown[] };
    expect(v2.rows).toHaveLength(3);
  });

  it('answers 404 for a version that does not exist', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/99`, f.tokens.viewer);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('version-not-found');
  });
});

describe('history older than the retention period', () => {
  let f: Fixture;
  const importRow = async (title: string, at: string): Promise<void> => {
    f.now.value = new Date(at);
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([planRow(title)]),
    });
    expect(res.status).toBe(200);
    // The room compacts when it unloads after its grace period.
    for (let i = 0; i < 300 && f.samplan.registry.stats().rooms > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(f.samplan.registry.stats().rooms).toBe(0);
  };
  beforeEach(async () => {
    f = await makeFixture({ retention: { keepEveryChangeMs: 10 * 3_600_000, checkpointEveryMs: 3_600_000 } });
  });
  afterEach(() => f.close());

  it('shows pruned changes as an hourly checkpoint and serves it as a version', async () => {
    await importRow('Stavgång', '2026-01-15T10:30:00Z');
    await importRow('Simning', '2026-01-16T10:30:00Z');
    expect((await f.storage.listUpdates({ workspace: WS, doc: 'plan-a' }, 0, 10)).map((u) => u.seq)).toEqual([3]);
    const body = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer)).json()) as {
      total: number;
      entries: { seq: number; memberId: string | null; checkpoint?: boolean; rowsAdded: string[] }[];
    };
    expect(body.total).toBe(2);
    expect(body.entries.map((e) => [e.seq, e.memberId, e.checkpoint ?? false, e.rowsAdded.length])).toEqual([
      [3, 'eda', false, 1],
      [2, null, true, 3],
    ]);
    const v2 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/2`, f.tokens.viewer)).json()) as { rows: { title: string }[] };
    expect(v2.rows.map((r) => r.title)).toEqual(['Promenadgrupp A', 'Hälsodag A', 'Stavgång']);
    const v3 = (await (await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/3`, f.tokens.viewer)).json()) as { rows: unknown[] };
    expect(v3.rows).toHaveLength(4);
    const gone = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/1`, f.tokens.viewer);
    expect(gone.status).toBe(404);
    expect(englishOf(await errorOf(gone))).toMatch(/one version per hour/);
  });
});

describe('a history with a stored change that does not decode', () => {
  let f: Fixture;
  let log: ReturnType<typeof keptLogger>;
  const ref = { workspace: WS, doc: 'plan-a' };
  beforeEach(async () => {
    log = keptLogger();
    f = await makeFixture({ logger: log.logger });
    // Update 2 damaged on the disk; update 3, a row of its own, stored after it.
    f.now.value = new Date('2026-02-01T08:00:00Z');
    await f.storage.appendUpdates(ref, [{ update: DAMAGED_UPDATE, memberId: 'eda' }]);
    const later = new Y.Doc();
    insertRows(later, [planRow('Stavgång')]);
    f.now.value = new Date('2026-02-02T08:00:00Z');
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(later), memberId: 'coord' }]);
  });
  afterEach(() => f.close());

  const named = {
    seq: 2,
    at: '2026-02-01T08:00:00.000Z',
    memberId: 'eda',
    memberName: 'Person eda',
    message: {
      sv: 'Ändring 2 i dokumentets sparade historik går inte att läsa (den är skadad). Historiken visas utan den, så senare ändringar kan sakna det den ändrade. En administratör återställer databasen från en säkerhetskopia.',
      en: "Change 2 in the document's stored history cannot be read (it is damaged). The history is shown without it, so later changes may lack what it changed. An administrator restores the database from a backup.",
    },
  };

  it('names the change, when and by whom, in words and in the log, and shows the rest of the history', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; entries: { seq: number; damaged?: boolean; rowsAdded: string[]; cellsChanged: number }[]; damaged: unknown[] };
    expect(body.total).toBe(3);
    expect(body.entries.map((e) => [e.seq, e.damaged ?? false, e.rowsAdded.length])).toEqual([
      [3, false, 1],
      [2, true, 0],
      [1, false, 2],
    ]);
    expect(body.damaged).toEqual([named]);
    const line = log.lines.find((l) => l.code === 'document-damaged');
    expect(line).toMatchObject({ level: 40, seq: 2, at: '2026-02-01T08:00:00.000Z', ref });
    expect(String(line?.said)).not.toBe('');
  });

  it('names it in the grouped history too', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?group=burst`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: { seq: number; rowsAdded: string[] }[]; damaged: unknown[] };
    expect(body.damaged).toEqual([named]);
    expect(body.groups.find((g) => g.seq === 3)?.rowsAdded).toHaveLength(1);
    expect(body.groups.find((g) => g.seq === 1)?.rowsAdded).toHaveLength(2);
  });

  it('builds no version past it: the version before is served, a later one answers document-damaged naming the change', async () => {
    expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/1`, f.tokens.viewer)).status).toBe(200);
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/3`, f.tokens.viewer);
    expect(res.status).toBe(500);
    const error = await errorOf(res);
    expect([error.code, (error.details as { place: unknown }).place]).toEqual(['document-damaged', { kind: 'update', seq: 2 }]);
  });
});

/** The stores the damaged checkpoint is read from: memory, SQLite and, where it can be started, PostgreSQL (its own compaction and reads). */
const pg = servicesMissing() === null ? usePostgres() : null;
let pgDbs = 0;
const checkpointStores: [string, ((o: StoreOptions) => Storage | Promise<Storage>) | undefined][] = [
  ['memory', undefined],
  ['SQLite', (o) => openSqliteStorage(stores.dbFile('history-checkpoint'), o)],
  ...(pg ? [['PostgreSQL', async (o: StoreOptions) => openPostgresStorage(await pg.createDb(`history_checkpoint_${++pgDbs}`), o)] as [string, (o: StoreOptions) => Promise<Storage>]] : []),
];

describe.each(checkpointStores)('a history whose checkpoint does not decode (%s)', (_store, open) => {
  let f: Fixture;
  let log: ReturnType<typeof keptLogger>;
  const ref = { workspace: WS, doc: 'plan-a' };
  beforeEach(async () => {
    log = keptLogger();
    f = await makeFixture({ logger: log.logger, retention: { keepEveryChangeMs: 10 * 3_600_000, checkpointEveryMs: 3_600_000 }, ...(open ? { open } : {}) });
    // Update 1 (the fixture's two rows, 2026-01-15 10:00) compacted a day later into a snapshot and
    // checkpoint damaged on the disk; the log row it stands for is pruned, so checkpoint 1 is the base.
    const state = await loadFromStorage(f.storage, ref);
    const before = Y.encodeStateVector(state);
    f.now.value = new Date('2026-01-16T10:00:00Z');
    await f.storage.compact(ref, DAMAGED_UPDATE, 1);
    expect(await f.storage.listUpdates(ref, 0, 10)).toEqual([]);
    // Update 2, a row of its own; update 3, a title of a row only the checkpoint holds.
    const later = new Y.Doc();
    insertRows(later, [planRow('Stavgång')]);
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(later), memberId: 'eda' }]);
    setCell(state, rowsOf(state)[0]?.id ?? '', 'title', 'Promenadgrupp A, tisdagar');
    f.now.value = new Date('2026-01-16T11:00:00Z');
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(state, before), memberId: 'coord' }]);
  });
  afterEach(() => f.close());

  const named = {
    seq: 1,
    at: '2026-01-15T10:00:00.000Z',
    memberId: null,
    memberName: null,
    checkpoint: true,
    message: {
      sv: 'Kontrollpunkt 1 i dokumentets sparade historik (dokumentet som det var efter ändring 1) går inte att läsa (den är skadad). Historiken visas utan den: ändringarna efter den visas var för sig, men det som bara fanns i kontrollpunkten saknas, så de kan se mindre ut än de var. En administratör återställer databasen från en säkerhetskopia.',
      en: "Checkpoint 1 in the document's stored history (the document as it was after change 1) cannot be read (it is damaged). The history is shown without it: the changes after it are shown one by one, but what only the checkpoint held is missing, so they may look smaller than they were. An administrator restores the database from a backup.",
    },
  };

  it('answers the changes kept after it, each as stored, and names the checkpoint in words and in the log', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      total: number;
      entries: { seq: number; memberId: string | null; checkpoint?: boolean; damaged?: boolean; rowsAdded: string[]; cellsChanged: number }[];
      damaged: unknown[];
    };
    expect(body.total).toBe(3);
    // Update 3 is listed with its author, but what it changed is in a row only the checkpoint held: it shows no cell.
    expect(body.entries.map((e) => [e.seq, e.memberId, e.checkpoint ?? false, e.damaged ?? false, e.rowsAdded.length, e.cellsChanged])).toEqual([
      [3, 'coord', false, false, 0, 0],
      [2, 'eda', false, false, 1, 5],
      [1, null, true, true, 0, 0],
    ]);
    expect(body.damaged).toEqual([named]);
    const line = log.lines.find((l) => l.code === 'document-damaged');
    expect(line).toMatchObject({ level: 40, seq: 1, place: { kind: 'checkpoint', seq: 1 }, ref });
    expect(String(line?.said)).not.toBe('');
  });

  it('names it in the grouped history too', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?group=burst`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: { seq: number; rowsAdded: string[] }[]; damaged: unknown[] };
    expect(body.damaged).toEqual([named]);
    expect(body.groups.find((g) => g.seq === 2)?.rowsAdded).toHaveLength(1);
  });

  it('builds no version on it: a version after it answers document-damaged naming the checkpoint', async () => {
    for (const seq of [1, 3]) {
      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/${seq}`, f.tokens.viewer);
      expect(res.status).toBe(500);
      const error = await errorOf(res);
      expect([error.code, (error.details as { place: unknown }).place]).toEqual(['document-damaged', { kind: 'checkpoint', seq: 1 }]);
    }
  });
});

describe('a history whose checkpoint before the base does not decode', () => {
  it('says that the next checkpoint, shown against the version before the damaged one, holds its changes too', async () => {
    const f = await makeFixture({ retention: { keepEveryChangeMs: 10 * 3_600_000, checkpointEveryMs: 3_600_000 } });
    try {
      const ref = { workspace: WS, doc: 'plan-a' };
      // Checkpoint 1 (the fixture's two rows) damaged on the disk; update 2 adds a row and is compacted
      // two days later into checkpoint 2, the base; update 3 adds one more, kept.
      const state = await loadFromStorage(f.storage, ref);
      f.now.value = new Date('2026-01-16T10:00:00Z');
      await f.storage.compact(ref, DAMAGED_UPDATE, 1);
      const add = async (title: string, memberId: string) => {
        const rows = new Y.Doc();
        insertRows(rows, [planRow(title)]);
        await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(rows), memberId }]);
        Y.applyUpdate(state, Y.encodeStateAsUpdate(rows));
      };
      await add('Stavgång', 'eda');
      f.now.value = new Date('2026-01-18T10:00:00Z');
      await f.storage.compact(ref, Y.encodeStateAsUpdateV2(state), 2);
      await add('Boule', 'coord');

      const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history`, f.tokens.viewer);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { entries: { seq: number; checkpoint?: boolean; damaged?: boolean; rowsAdded: string[] }[]; damaged: { seq: number; message: { sv: string; en: string } }[] };
      // Checkpoint 2 shows the fixture's two rows with its own: the words must not say it looks smaller.
      expect(body.entries.map((e) => [e.seq, e.checkpoint ?? false, e.damaged ?? false, e.rowsAdded.length])).toEqual([
        [3, false, false, 1],
        [2, true, false, 3],
        [1, true, true, 0],
      ]);
      expect(body.damaged.map((d) => [d.seq, d.message.sv])).toEqual([
        [
          1,
          'Kontrollpunkt 1 i dokumentets sparade historik (dokumentet som det var efter ändring 1) går inte att läsa (den är skadad). Historiken visas utan den: kontrollpunkt 2 visar dess ändringar tillsammans med sina egna, så den kan se större ut än den var. En administratör återställer databasen från en säkerhetskopia.',
        ],
      ]);
      // A version built on checkpoint 2 needs nothing of checkpoint 1.
      expect((await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/3`, f.tokens.viewer)).status).toBe(200);
    } finally {
      await f.close();
    }
  });
});
