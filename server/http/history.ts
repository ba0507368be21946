/**
 * `GET .../history` (who changed what and when) and `GET .../versions/:seq` (the document as it
 * was after update `seq`), both rebuilt from the stored update log.
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import { metaOf, rowsOf } from '../../shared/doc/index.js';
import type { CellValue } from '../../shared/schema/types.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { updatesUpTo } from './doc-access.js';
import { requireDoc } from './documents.js';
import { notFound, validationHook } from './errors.js';

/** Query of `GET .../history`. */
export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  token: z.string().optional(),
});

/** One cell that an update changed. */
export interface CellChangeEntry {
  rowId: string;
  column: string;
  from: CellValue;
  to: CellValue;
}

/** One entry of a document's history. */
export interface HistoryEntry {
  seq: number;
  at: string;
  memberId: string | null;
  memberName: string | null;
  rowsAdded: string[];
  rowsDeleted: string[];
  cellsChanged: number;
  /** The first changes, at most {@link MAX_CHANGES_SHOWN}. */
  changes: CellChangeEntry[];
}

/** How many cell changes an entry lists; the count covers all of them. */
export const MAX_CHANGES_SHOWN = 25;

type Snapshot = Map<string, Record<string, CellValue>>;

function snapshot(doc: Y.Doc): Snapshot {
  return new Map(rowsOf(doc).map((r) => [r.id, r.values]));
}

function diff(before: Snapshot, after: Snapshot): Omit<HistoryEntry, 'seq' | 'at' | 'memberId' | 'memberName'> {
  const rowsAdded: string[] = [];
  const rowsDeleted: string[] = [];
  const changes: CellChangeEntry[] = [];
  let cellsChanged = 0;
  for (const [id, values] of after) {
    const old = before.get(id);
    if (!old) rowsAdded.push(id);
    const keys = new Set([...Object.keys(values), ...Object.keys(old ?? {})]);
    for (const key of keys) {
      const from = old?.[key] ?? null;
      const to = values[key] ?? null;
      if (Object.is(from, to)) continue;
      cellsChanged++;
      if (changes.length < MAX_CHANGES_SHOWN) changes.push({ rowId: id, column: key, from, to });
    }
  }
  for (const id of before.keys()) if (!after.has(id)) rowsDeleted.push(id);
  return { rowsAdded, rowsDeleted, cellsChanged, changes };
}

/** The history routes (mounted at `/v1/workspaces`). */
export function historyRoutes(deps: RouteDeps) {
  const { storage } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/documents/:doc/history', zValidator('query', historyQuerySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const { limit } = c.req.valid('query');
    const [updates, members] = await Promise.all([updatesUpTo(storage, ref, Number.MAX_SAFE_INTEGER), storage.listMembers(ref.workspace)]);
    const names = new Map(members.map((m) => [m.id, m.name]));
    const firstShown = Math.max(0, updates.length - limit);
    const doc = new Y.Doc();
    const entries: HistoryEntry[] = [];
    try {
      updates.forEach((u, i) => {
        if (i < firstShown) return Y.applyUpdate(doc, u.update);
        const before = snapshot(doc);
        Y.applyUpdate(doc, u.update);
        entries.push({ seq: u.seq, at: u.at, memberId: u.memberId, memberName: u.memberId ? (names.get(u.memberId) ?? null) : null, ...diff(before, snapshot(doc)) });
      });
    } finally {
      doc.destroy();
    }
    // Newest first, as people read a history.
    return c.json({ document: ref.doc, total: updates.length, entries: entries.reverse() });
  });

  app.get('/:ws/documents/:doc/versions/:seq{[0-9]+}', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const seq = Number(c.req.param('seq'));
    const updates = await updatesUpTo(storage, ref, seq);
    const last = updates[updates.length - 1];
    if (!last || last.seq !== seq) {
      throw notFound('version-not-found', `The document "${ref.doc}" has no version ${seq}. See its history for the versions there are.`);
    }
    const doc = new Y.Doc();
    try {
      for (const u of updates) Y.applyUpdate(doc, u.update);
      return c.json({
        document: ref.doc,
        seq,
        at: last.at,
        memberId: last.memberId,
        meta: metaOf(doc),
        rows: rowsOf(doc).map((r) => ({ id: r.id, ...r.values })),
      });
    } finally {
      doc.destroy();
    }
  });

  return app;
}
