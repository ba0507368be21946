import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { addComment, deleteComment, editComment } from '../../../shared/comments/comments.js';
import { rowsOf } from '../../../shared/doc/index.js';
import { makeFixture, WS, type Fixture } from './support.js';

interface Group {
  memberName: string | null;
  cellsChanged: number;
  comments: { rowLabel: string | null; event: string; authorId: string; text: string }[];
}

const ref = { workspace: WS, doc: 'plan-a' };

describe('history of comments', () => {
  let f: Fixture;
  const typeAs = async (memberId: string, at: string, edit: (doc: Y.Doc) => void): Promise<void> => {
    f.now.value = new Date(at);
    const doc = await loadFromStorage(f.storage, ref);
    const before = Y.encodeStateVector(doc);
    edit(doc);
    await f.storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc, before), memberId }]);
    doc.destroy();
  };
  const groups = async (): Promise<Group[]> => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/history?group=burst`, f.tokens.viewer);
    expect(res.status).toBe(200);
    return ((await res.json()) as { groups: Group[] }).groups;
  };

  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('names each comment event with its author, the row by name and mentions as names', async () => {
    const doc = await loadFromStorage(f.storage, ref);
    const row = rowsOf(doc).find((r) => r.values.title === 'Hälsodag A')?.id as string;
    doc.destroy();
    let id = '';
    await typeAs('eda', '2026-02-01T08:00:00Z', (d) => (id = addComment(d, { row, author: 'eda', text: 'Fråga @{edb} om lokalen' })));
    await typeAs('edb', '2026-02-01T09:00:00Z', (d) => editComment(d, id, 'x'));
    await typeAs('admin', '2026-02-01T10:00:00Z', (d) => deleteComment(d, id));
    const [deleted, edited, added] = await groups();
    expect(added).toMatchObject({ memberName: 'Person eda', cellsChanged: 0 });
    expect(added?.comments).toEqual([{ commentId: id, rowId: row, rowLabel: 'Hälsodag A', event: 'added', authorId: 'eda', text: 'Fråga @Person edb om lokalen' }]);
    expect(edited?.comments.map((c) => c.event)).toEqual(['edited']);
    expect(deleted).toMatchObject({ memberName: 'Person admin' });
    expect(deleted?.comments).toMatchObject([{ event: 'deleted', authorId: 'eda', text: 'x' }]);
  });
});

describe('GET /people', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('gives an editor every member’s id and name, and nothing of their roles or units', async () => {
    const res = await f.req(`/v1/workspaces/${WS}/people`, f.tokens.editor);
    expect(res.status).toBe(200);
    const { people } = (await res.json()) as { people: Record<string, unknown>[] };
    expect(people).toContainEqual({ id: 'edb', name: 'Person edb' });
    expect(people.every((p) => Object.keys(p).sort().join() === 'id,name')).toBe(true);
    expect(people.some((p) => p.id === 'x')).toBe(false);
  });
});
