import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createDoc, insertRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { WorkspaceRefLists } from '../../../addin/taskpane/workspace-ref-lists.js';
import { partnerEntries } from '../../../shared/normalize/ref-entries.js';
import type { EnginePorts } from '../../../addin/taskpane/ports.js';
import { fakePorts, FakeSync } from './support.js';

const base = { serverUrl: 'http://server', token: 'spl_t', workspace: 'hbi', lang: 'sv' as const };
const partnersInfo = { id: 'aktorer', kind: 'partners', title: 'Samverkansaktörer', ownerUnit: null, updatedAt: null };

/** Ports whose connections say their document is in only when `arrive` is called (the last one made). */
function readyLater(): { ports: EnginePorts; docs: Y.Doc[]; arrive: () => void } {
  const out = { docs: [] as Y.Doc[], arrive: () => undefined as void };
  const ports: EnginePorts = {
    ...fakePorts().ports,
    connect: ({ doc }) => (out.docs.push(doc), Object.assign(new FakeSync(), { whenReady: new Promise<void>((r) => (out.arrive = r)) })),
  };
  return { ports, docs: out.docs, arrive: () => out.arrive() };
}

describe('WorkspaceRefLists', () => {
  it('lists units by name and the SKR indicators', () => {
    const lists = new WorkspaceRefLists(fakePorts().ports).feedFor({ ...base, units: [{ code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null }] });
    expect(lists.lookup('unit')?.idOf('tensta vårdcentral')).toBe('vc-tensta');
    expect(lists.lookup('indicator')?.nameOf('sfh-01')).toBeTruthy();
    expect(lists.lookup('kommun')?.nameOf('0127')).toBe('Botkyrka');
  });

  it('follows the workspace’s partner list read-only: a partner added or renamed there reaches the feed', () => {
    const { ports, record } = fakePorts();
    const refs = new WorkspaceRefLists(ports);
    const lists = refs.feedFor({ ...base, documents: [partnersInfo] });
    expect(record.connects.map((c) => c.docId)).toEqual(['aktorer']);
    const doc = record.connects[0]!.doc;
    const seen: string[][] = [];
    lists.subscribe(() => seen.push((lists.lookup('partner')?.entries ?? []).map((e) => e.name)));
    insertRows(doc, [{ name: 'Tensta IF', type: 'forening' }, { name: 'Försäkringskassan', type: 'myndighet' }]);
    setCell(doc, rowsOf(doc)[0]!.id, 'name', 'Tensta Idrottsförening');
    expect(seen.at(-1)).toEqual(['Tensta Idrottsförening', 'Försäkringskassan']);
    refs.feedFor({ ...base, documents: [partnersInfo] });
    expect(record.connects).toHaveLength(1);
    refs.dispose();
  });

  it('names indicators from the workspace’s own catalog live, the SKR ones besides', () => {
    const { ports, record } = fakePorts();
    const lists = new WorkspaceRefLists(ports).feedFor({ ...base, documents: [{ ...partnersInfo, id: 'katalog', kind: 'indicator-catalog' }] });
    expect(record.connects.map((c) => c.docId)).toEqual(['katalog']);
    insertRows(record.connects[0]!.doc, [{ id: 'far-01', name: 'Andel FaR som följts upp' }]);
    expect(lists.lookup('indicator')?.idOf('andel far som följts upp')).toBe('far-01');
    expect(lists.lookup('indicator')?.nameOf('sfh-01')).toBeTruthy();
  });

  it('knows the indicator list only once the workspace’s catalog is in, so its own indicators’ names are not read against SKR’s 22 alone', async () => {
    let arrive: () => void = () => undefined;
    const docs: Y.Doc[] = [];
    const ports: EnginePorts = {
      ...fakePorts().ports,
      connect: ({ doc }) => (docs.push(doc), Object.assign(new FakeSync(), { whenReady: new Promise<void>((r) => (arrive = r)) })),
    };
    const refs = new WorkspaceRefLists(ports);
    const lists = refs.feedFor({ ...base, documents: [{ ...partnersInfo, id: 'katalog', kind: 'indicator-catalog' }] });
    const heard: string[][] = [];
    lists.subscribe((changed) => heard.push([...changed]));
    expect(lists.lookup('indicator')).toBeUndefined();
    // Opening another document meanwhile does not make it known either.
    refs.feedFor({ ...base, documents: [{ ...partnersInfo, id: 'katalog', kind: 'indicator-catalog' }] });
    expect(lists.lookup('indicator')).toBeUndefined();

    insertRows(docs[0]!, [{ id: 'vc-hs', name: 'Andel hälsosamtal' }]);
    arrive();
    await Promise.resolve();
    expect(lists.lookup('indicator')?.idOf('andel hälsosamtal')).toBe('vc-hs');
    expect(lists.lookup('indicator')?.nameOf('sfh-01')).toBeTruthy();
    expect(heard).toEqual([['indicator']]);
    refs.dispose();
  });

  it('knows a partner list that is in and empty (a new workspace without partners yet), as an empty list', async () => {
    const { ports, arrive } = readyLater();
    const lists = new WorkspaceRefLists(ports).feedFor({ ...base, documents: [partnersInfo] });
    expect(lists.lookup('partner')).toBeUndefined();
    arrive();
    await Promise.resolve();
    expect(lists.lookup('partner')?.entries).toEqual([]);
  });

  it('forgets the indicator list of the catalog it followed when another catalog is followed, until that one is in', async () => {
    const { ports, docs, arrive } = readyLater();
    const refs = new WorkspaceRefLists(ports);
    const first = { ...partnersInfo, id: 'katalog-a', kind: 'indicator-catalog' };
    const lists = refs.feedFor({ ...base, documents: [first] });
    insertRows(docs[0]!, [{ id: 'vc-hs', name: 'Andel hälsosamtal' }]);
    arrive();
    await Promise.resolve();
    expect(lists.lookup('indicator')?.idOf('andel hälsosamtal')).toBe('vc-hs');
    const heard: (string[] | undefined)[] = [];
    lists.subscribe(() => heard.push(lists.lookup('indicator')?.entries.map((e) => e.id).filter((id) => !id.startsWith('sfh-'))));

    refs.feedFor({ ...base, documents: [{ ...first, id: 'katalog-b' }] });
    expect(lists.lookup('indicator')).toBeUndefined();
    expect(refs.crossRefs().indicatorBounds).toBeUndefined();
    insertRows(docs[1]!, [{ id: 'far-01', name: 'Andel FaR som följts upp' }]);
    arrive();
    await Promise.resolve();
    expect(lists.lookup('indicator')?.idOf('andel hälsosamtal')).toBeUndefined();
    expect(lists.lookup('indicator')?.idOf('andel far som följts upp')).toBe('far-01');
    expect(heard).toEqual([undefined, ['far-01']]);
    refs.dispose();
  });

  it('forgets its lists when disposed: a later sign-in reads no cell with the last workspace’s', () => {
    const refs = new WorkspaceRefLists(fakePorts().ports);
    refs.feedFor({ ...base, units: [{ code: 'vc-tensta', name: 'Tensta vårdcentral', parent: null }] });
    refs.dispose();
    expect(refs.lookup('unit')).toBeUndefined();
  });

  it('lists each partner by its row id with its name, a name once, and skips rows without one', () => {
    const doc = createDoc('partners', { title: 'P', ownerUnit: 'region', schemaVersion: 1 });
    const ids = insertRows(doc, [{ name: 'A' }, { name: '' }, { name: 'a ' }, { type: 'forening' }, { name: 'B' }]);
    expect(partnerEntries(doc)).toEqual([{ id: ids[0], name: 'A' }, { id: ids[4], name: 'B' }]);
  });
});
