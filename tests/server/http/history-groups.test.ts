import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

interface Group {
  fromSeq: number;
  seq: number;
  authorKind: string;
  memberId: string | null;
  memberName: string | null;
  versions: number;
  rowsAdded: string[];
  rowLabels: Record<string, string | null>;
  cellsChanged: number;
  changes: { rowLabel: string | null; column: string; from: unknown; to: unknown }[];
}

const ref = { workspace: WS, doc: 'plan-a' };

describe('history grouped per author and burst', () => {
  let f: Fixture;
  /** Store an edit as if `memberId` typed it at `at`. */
  const typeAs = async (memberId: string | null, at: string, edit: (doc: Y.Doc) => void): Promise<void> => {
    f.now.value = new Date(at);
    const doc = await loadFromStorage(f.storage, ref);
    const before = Y.encodeStateVector(doc);
    edit(doc);
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc, before), memberId }]);
    doc.destroy();
  };
  const rowId = async (title: string): Promise<string> => {
    const doc = await loadFromStorage(f.storage, ref);
    const id = rowsOf(doc).find((r) => r.values.title === title)?.id ?? '';
    doc.destroy();
    return id;
  };
  const groups = async (query = ''): Promise<Group[]> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?group=burst${query}`, f.tokens.viewer);
    expect(res.status).toBe(200);
    return ((await res.json()) as { groups: Group[] }).groups;
  };

  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('makes one entry of a burst of edits by one person, with each cell before and after', async () => {
    const id = await rowId('Hälsodag A');
    await typeAs('eda', '2026-02-01T08:00:00Z', (d) => setCell(d, id, 'participantsPlanned', 20));
    await typeAs('eda', '2026-02-01T08:03:00Z', (d) => setCell(d, id, 'participantsPlanned', 25));
    await typeAs('eda', '2026-02-01T08:05:00Z', (d) => setCell(d, id, 'type', 'promenadgrupp'));
    const [latest] = await groups();
    expect(latest).toMatchObject({ fromSeq: 2, seq: 4, authorKind: 'member', memberName: 'Person eda', versions: 3, cellsChanged: 2 });
    expect(latest?.changes).toEqual(
      expect.arrayContaining([
        { rowId: id, rowLabel: 'Hälsodag A', column: 'participantsPlanned', from: 12, to: 25 },
        { rowId: id, rowLabel: 'Hälsodag A', column: 'type', from: 'halsodag', to: 'promenadgrupp' },
      ]),
    );
  });

  it('starts a new entry after a pause or when someone else edits', async () => {
    const id = await rowId('Hälsodag A');
    await typeAs('eda', '2026-02-01T08:00:00Z', (d) => setCell(d, id, 'participantsPlanned', 20));
    await typeAs('eda', '2026-02-01T09:00:00Z', (d) => setCell(d, id, 'participantsPlanned', 21));
    await typeAs('coord', '2026-02-01T09:01:00Z', (d) => setCell(d, id, 'participantsPlanned', 22));
    await typeAs('eda', '2026-02-01T09:02:00Z', (d) => setCell(d, id, 'participantsPlanned', 23));
    expect((await groups()).map((g) => [g.fromSeq, g.seq, g.memberId])).toEqual([
      [5, 5, 'eda'],
      [4, 4, 'coord'],
      [3, 3, 'eda'],
      [2, 2, 'eda'],
      [1, 1, 'coord'],
    ]);
    expect((await groups('&limit=2')).map((g) => g.seq)).toEqual([5, 4]);
  });

  it('names the author of every version: a member, an import by a member, the server', async () => {
    f.now.value = new Date('2026-02-01T08:00:00Z');
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ title: 'Rökavvänjning', type: 'halsosamtal' }]),
    });
    expect(res.status).toBe(200);
    const id = await rowId('Hälsodag A');
    await typeAs(null, '2026-02-01T08:01:00Z', (d) => setCell(d, id, 'participantsPlanned', 30));
    const [server, imported, created] = await groups();
    expect(server).toMatchObject({ authorKind: 'server', memberId: null });
    expect(imported).toMatchObject({ authorKind: 'import', memberId: 'eda', memberName: 'Person eda' });
    expect(Object.values(imported?.rowLabels ?? {})).toEqual(['Rökavvänjning']);
    expect(created).toMatchObject({ authorKind: 'member', memberName: 'Person coord', rowsAdded: [expect.any(String), expect.any(String)] });
  });

  it('labels rows whose ids are __proto__ or constructor, as any other (an id column of an import may name them)', async () => {
    f.now.value = new Date('2026-02-01T08:00:00Z');
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.editor, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ id: '__proto__', title: 'Proto-raden', type: 'halsosamtal' }, { id: 'constructor', title: 'Konstruktorn', type: 'halsodag' }]),
    });
    expect(res.status).toBe(200);
    const [imported] = await groups();
    expect(imported?.rowsAdded).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    expect(Object.entries(imported?.rowLabels ?? {}).sort()).toEqual([['__proto__', 'Proto-raden'], ['constructor', 'Konstruktorn']]);
  });
});

describe('what restoring a version would undo', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('lists the later edits that differ from the version, with their authors', async () => {
    const doc = await loadFromStorage(f.storage, ref);
    const ids = Object.fromEntries(rowsOf(doc).map((r) => [r.values.title, r.id]));
    doc.destroy();
    const edit = async (memberId: string, fn: (d: Y.Doc) => void) => {
      const d = await loadFromStorage(f.storage, ref);
      const sv = Y.encodeStateVector(d);
      fn(d);
      await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(d, sv), memberId }]);
      d.destroy();
    };
    await edit('eda', (d) => setCell(d, ids['Hälsodag A'] as string, 'participantsPlanned', 40));
    await edit('coord', (d) => setCell(d, ids['Promenadgrupp A'] as string, 'participantsPlanned', 8));
    await edit('eda', (d) => setCell(d, ids['Promenadgrupp A'] as string, 'participantsPlanned', 12));
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/1/later`, f.tokens.viewer);
    expect(res.status).toBe(200);
    const { edits } = (await res.json()) as { edits: { rowLabel: string; column: string; inVersion: unknown; now: unknown; memberName: string }[] };
    // Promenadgrupp A is back at 12, so restoring undoes nothing there.
    expect(edits).toEqual([
      expect.objectContaining({ rowLabel: 'Hälsodag A', column: 'participantsPlanned', inVersion: 12, now: 40, memberName: 'Person eda', change: 'cell' }),
    ]);
    const missing = await f.req(`/v1/workspaces/${WS}/documents/plan-a/versions/99/later`, f.tokens.viewer);
    expect(missing.status).toBe(404);
  });
});
