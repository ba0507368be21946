/**
 * The names a partner, a catalogue indicator or a unit had before it was renamed, so that a file
 * made before the rename is read as it was written. A plan stores a partner by its row id and an export writes the name it
 * has then; renamed in the partner list since, that name no longer resolves, and the file's
 * untouched cell was written over the id as unresolved text. A file's text that names, under a
 * name it had in the partner list's kept history, the very partner the row refers to (in the
 * file's version or now) is that partner: read as its id, the cell is the same as before and is
 * not written (`import-rows.ts`).
 */
import * as Y from 'yjs';
import { rowsMap } from '../../shared/doc/create.js';
import { refKey } from '../../shared/normalize/ref-lookup.js';
import type { DocRef, Storage } from '../storage/storage.js';
import { historyOf } from './history-source.js';
import { readingStored } from '../sync/stored-history.js';

/** How many kept changes are applied before the work gives the event loop a turn. */
const SLICE = 200;

/** Each name (as compared, `refKey`) a row of the list has had, with the row ids that had it. */
export type FormerNames = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The names the rows of list document `ref` (a partner list, an indicator catalog) had over its
 * kept history: in its oldest kept checkpoint and after each kept change since, by `refKey`, with
 * the ids that had each: a row's id (a partner cell stores it), or what `idOf` reads in the row (an
 * indicator's `id` cell, which indicator values store). A checkpoint folds the changes before it,
 * so a name held only between two of them is not known; one whose stored bytes do not decode
 * throws (`DamagedHistoryError`).
 */
export async function formerNames(storage: Storage, ref: DocRef, idOf: (rowId: string, row: Y.Map<unknown>) => unknown = (rowId) => rowId): Promise<FormerNames> {
  const names = new Map<string, Set<string>>();
  const add = (rowId: string, name: unknown, row?: Y.Map<unknown>) => {
    if (typeof name !== 'string' || name.trim() === '' || !row) return;
    const id = idOf(rowId, row);
    if (typeof id !== 'string' || id === '') return;
    const key = refKey(name);
    let ids = names.get(key);
    if (!ids) names.set(key, (ids = new Set()));
    ids.add(id);
  };
  const history = await historyOf(storage, ref);
  const doc = new Y.Doc();
  try {
    const rows = rowsMap(doc);
    const base = history.baseIndex >= 0 ? history.versions[history.baseIndex] : undefined;
    if (base) {
      const state = await storage.getCheckpoint(ref, base.record.seq);
      if (state) readingStored(ref, { kind: 'checkpoint', seq: base.record.seq }, () => Y.applyUpdateV2(doc, state));
    }
    const readAll = () => rows.forEach((row, id) => row instanceof Y.Map && add(id, row.get('name'), row));
    readAll();
    // Each name set by a change, as it is applied (a row made with its name, or a name changed).
    rows.observeDeep((events) => {
      for (const e of events) {
        if (!(e instanceof Y.YMapEvent)) continue;
        if (e.target === rows) {
          for (const id of e.keysChanged) {
            const row = rows.get(id);
            if (row instanceof Y.Map) add(id, row.get('name'), row);
          }
        } else if (e.keysChanged.has('name')) add(String(e.target._item?.parentSub), (e.target as Y.Map<unknown>).get('name'), e.target as Y.Map<unknown>);
      }
    });
    let applied = 0;
    for (const v of history.versions.slice(history.baseIndex + 1)) {
      if (v.kind !== 'change') continue;
      readingStored(ref, { kind: 'update', seq: v.record.seq }, () => Y.applyUpdate(doc, v.record.update));
      if (++applied % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return names;
  } finally {
    doc.destroy();
  }
}

/**
 * Reads each partner cell of a record left unresolved (`unresolved`) as the partner that `rows`
 * (the stored row in the file's version, and now) refer to when the text is a name that partner
 * had (`former`): `values` then holds its id and the cell is no longer unresolved. Other cells
 * are left as they are. `partnerColumns`: the kind's columns that refer to the partner list.
 */
export function readFormerNames(
  checked: { values: Record<string, unknown>; unresolved: { column: string }[] },
  partnerColumns: ReadonlySet<string>,
  rows: readonly (Readonly<Record<string, unknown>> | undefined)[],
  former: FormerNames,
): void {
  checked.unresolved = checked.unresolved.filter((u) => {
    const text = checked.values[u.column];
    if (!partnerColumns.has(u.column) || typeof text !== 'string') return true;
    const ids = former.get(refKey(text));
    const id = rows.map((r) => r?.[u.column]).find((v): v is string => typeof v === 'string' && ids?.has(v) === true);
    if (id === undefined) return true;
    checked.values[u.column] = id;
    return false;
  });
}

/**
 * Reads each cell of `columns` (unit or indicator columns) a record left unresolved (`unresolved`)
 * as the one id that had its text as a name before (`former`), when the list still holds that id
 * (`known`): a file typed before a unit or an indicator was renamed updates the renamed one (its
 * natural key found) instead of adding a row or refusing it. A name more than one id had is left
 * as it is, as is any other cell. Returns the columns read so.
 */
export function readFormerRefs(
  checked: { values: Record<string, unknown>; unresolved: { column: string }[] },
  columns: ReadonlySet<string>,
  former: FormerNames,
  known: (column: string, id: string) => boolean,
): string[] {
  const read: string[] = [];
  checked.unresolved = checked.unresolved.filter((u) => {
    const text = checked.values[u.column];
    if (!columns.has(u.column) || typeof text !== 'string') return true;
    const ids = [...(former.get(refKey(text)) ?? [])].filter((id) => known(u.column, id));
    if (ids.length !== 1) return true;
    checked.values[u.column] = ids[0];
    read.push(u.column);
    return false;
  });
  return read;
}

/** The words of a unit rename's audit line that keep the name it had: `changed vc-a, renamed from "Vårdcentral A"`. */
const RENAMED_FROM = /, renamed from (".*")$/;

/** The detail of the audit line of a change of unit `code` that renamed it from `from` (`putUnitChecked`). */
export function unitRenamedDetail(code: string, from: string): string {
  return `changed ${code}, renamed from ${JSON.stringify(from)}`;
}

/**
 * The names the units of `workspace` had before a rename, from the audit lines of every one of
 * their renames however old (`unitRenamedDetail`, read by `listUnitAudit`), by `refKey`, with the
 * codes. (It read the workspace's newest 20,000 lines: a rename older than that was unknown, and a
 * file exported before it refused the unit.)
 */
export async function formerUnitNames(storage: Pick<Storage, 'listUnitAudit'>, workspace: string): Promise<FormerNames> {
  const names = new Map<string, Set<string>>();
  for (const line of await storage.listUnitAudit(workspace)) {
    if (line.action !== 'unit') continue;
    const detail = line.detail ?? '';
    const match = RENAMED_FROM.exec(detail);
    const code = /^changed (\S+),/.exec(detail)?.[1];
    if (!match || !code) continue;
    let name: unknown;
    try {
      name = JSON.parse(match[1] as string);
    } catch {
      continue;
    }
    if (typeof name !== 'string') continue;
    const key = refKey(name);
    if (!names.has(key)) names.set(key, new Set());
    names.get(key)?.add(code);
  }
  return names;
}
