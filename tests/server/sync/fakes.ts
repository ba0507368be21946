/**
 * Small stand-ins for the auth and validation seams, with the rules of DESIGN.md, so the sync
 * layer's tests say what the sync layer does whatever the real modules decide in detail.
 */
import * as Y from 'yjs';
import type { Principal } from '../../../server/auth/principal.js';
import type { CheckUpdate, SyncAuth, UpdateVerdict } from '../../../server/sync/deps.js';
import { rowsWritten } from '../../../server/sync/ownership.js';
import { findPersonnummer } from '../../../shared/validate/personnummer.js';

/** Auth by a fixed token table; editors write their units' docs and, in action plans, rows. */
export function fakeAuth(principals: Record<string, Principal>): SyncAuth {
  const writesAll = (p: Principal): boolean => p.role === 'admin' || p.role === 'coordinator';
  return {
    resolve(token) {
      if (token === undefined) return Promise.resolve({ ok: false, reason: 'missing' });
      const principal = principals[token];
      return Promise.resolve(principal ? { ok: true, principal } : { ok: false, reason: 'unknown' });
    },
    canRead: (p, doc) => p.workspace === doc.workspace,
    canWrite(p, doc) {
      if (writesAll(p)) return true;
      if (p.role !== 'editor') return false;
      return doc.kind === 'action-plan' || p.units.includes(doc.ownerUnit);
    },
    canWriteRow: (p, _doc, unit) => writesAll(p) || (p.role === 'editor' && unit !== null && p.units.includes(unit)),
  };
}

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
}

/**
 * Refuses undecodable updates (4400) and any string holding a personnummer (4422, by the shared detector); lists the rows
 * an update touches and creates from its structs, and, when it deletes, by applying it to a copy.
 */
export const fakeCheckUpdate: CheckUpdate = (doc, update): UpdateVerdict => {
  let decoded;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, code: 'malformed', message: { sv: 'Trasig uppdatering', en: 'Malformed update' }, closeCode: 4400 };
  }
  const strings: string[] = [];
  for (const s of decoded.structs) if (s instanceof Y.Item) stringsIn(s.content.getContent(), strings);
  if (strings.some((text) => findPersonnummer(text) !== null)) {
    return {
      ok: false,
      code: 'personnummer',
      message: { sv: 'Personnummer får inte sparas', en: 'A Swedish personal identity number may not be stored' },
      closeCode: 4422,
    };
  }
  if (decoded.ds.clients.size === 0) {
    const { touched, created } = rowsWritten(doc, update);
    return { ok: true, touchedRows: touched, createdRows: created, deletedRows: [] };
  }
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const rows = copy.getMap<Y.Map<unknown>>('rows');
  const touched = new Set<string>();
  const created = new Set<string>();
  const deleted = new Set<string>();
  rows.observeDeep((events) => {
    for (const event of events) {
      if (event.target === rows) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'add') created.add(key);
          else if (change.action === 'delete') deleted.add(key);
          else touched.add(key);
        }
      } else {
        const rowId = (event.target as Y.Map<unknown>)._item?.parentSub;
        if (rowId && !created.has(rowId)) touched.add(rowId);
      }
    }
  });
  try {
    Y.applyUpdate(copy, update);
  } catch {
    return { ok: false, code: 'malformed', message: { sv: 'Trasig uppdatering', en: 'Malformed update' }, closeCode: 4400 };
  }
  copy.destroy();
  return { ok: true, touchedRows: touched, createdRows: created, deletedRows: deleted };
};
