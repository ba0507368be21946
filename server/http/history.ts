/**
 * `GET .../history` (who changed what and when) and `GET .../versions/:seq` (the document as it
 * was after update `seq`), both rebuilt from the stored update log and, for changes older than
 * the retention period, its hourly checkpoints (`history-source.ts`). A kept change or a
 * checkpoint whose stored bytes do not decode does not fail the history: the answer is 200, as
 * for every partly readable document, with the damaged part named in `damaged` (its sequence
 * number, time, author or `checkpoint`, and words) and in the log, and the rest shown without it
 * (after a damaged checkpoint, each kept change as stored); a version is never built past one (500
 * `document-damaged` naming it).
 */
import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type * as Y from 'yjs';
import { z } from 'zod';
import { metaOf, rowsOf } from '../../shared/doc/index.js';
import type { CellValue } from '../../shared/schema/types.js';
import { assertCan } from './access.js';
import type { AuthEnv, RouteDeps } from './context.js';
import { historyOf, keepDamaged, walkHistory, type DamagedChange, type History, type Version } from './history-source.js';
import type { Logger } from '../logger.js';
import { describeGroup, groupSpans, importedSeqs, labelKeysOf, snapshotOf, type HistoryGroup } from './history-groups.js';
import { laterEdits } from './history-later.js';
import { nameTakeBacks } from './history-take-backs.js';
import { commentSnapshotOf, describeComments, type CommentSnapshot } from './history-comments.js';
import type { DocRef, Storage } from '../storage/storage.js';
import { requireDoc } from './documents.js';
import { notFound, validationHook } from './errors.js';
import { digits } from '../../shared/i18n/number-words.js';

/** Query of `GET .../history`. */
export const historyQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `burst`: answer `groups` (one per author and burst of edits) instead of one entry per change. */
  group: z.enum(['burst']).optional(),
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
  /**
   * True for a checkpoint: the changes older than the retention period, summed up to one version
   * per hour, without an author.
   */
  checkpoint?: true;
  /** The change's or checkpoint's stored bytes do not decode: no changes are listed for it (see the answer's `damaged`). */
  damaged?: true;
}

/** How many cell changes an entry lists; the count covers all of them. */
export const MAX_CHANGES_SHOWN = 25;

type Snapshot = Map<string, Record<string, CellValue>>;

function snapshot(doc: Y.Doc): Snapshot {
  return new Map(rowsOf(doc).map((r) => [r.id, r.values]));
}

function entryHead(version: Version, names: Map<string, string>): Pick<HistoryEntry, 'seq' | 'at' | 'memberId' | 'memberName' | 'checkpoint'> {
  const memberId = version.kind === 'change' ? version.record.memberId : null;
  const head = { seq: version.record.seq, at: version.record.at, memberId, memberName: memberId ? (names.get(memberId) ?? null) : null };
  return version.kind === 'checkpoint' ? { ...head, checkpoint: true } : head;
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

/** The audit lines of one document that history reads (imports, refused edits), newest first. */
async function docAudit(storage: Storage, ref: DocRef) {
  return (await storage.listAudit(ref.workspace, 5_000)).filter((a) => a.doc === ref.doc && (a.action === 'import' || a.action === 'refused'));
}

/** The newest `limit` groups, newest first; snapshots are taken only at group boundaries. A change or checkpoint that does not decode is passed over and put in `damaged`. */
async function groupedHistory(storage: Storage, ref: DocRef, history: History, names: Map<string, string>, limit: number, damaged: DamagedChange[], logger: Logger): Promise<HistoryGroup[]> {
  const audit = await docAudit(storage, ref);
  const spans = groupSpans(history, importedSeqs(history, audit));
  const shown = spans.slice(-limit);
  const first = shown[0];
  if (!first) return [];
  const starts = new Map(shown.map((s) => [s.start - 1, s]));
  const ends = new Map(shown.map((s) => [s.end, s]));
  const before = new Map<number, Map<string, Record<string, CellValue>>>();
  const commentsBefore = new Map<number, CommentSnapshot>();
  const groups: HistoryGroup[] = [];
  if (first.start === 0) before.set(0, new Map());
  await walkHistory(storage, ref, history, first.start, (i, _version, doc) => {
    const opening = starts.get(i);
    const closing = ends.get(i);
    if (!opening && !closing) return;
    const snap = snapshotOf(doc);
    const comments = commentSnapshotOf(doc);
    if (closing) {
      const keys = labelKeysOf(doc);
      const rowsBefore = before.get(closing.start) ?? new Map();
      const group = describeGroup(history, closing, rowsBefore, snap, names, keys);
      group.comments = describeComments(commentsBefore.get(closing.start) ?? new Map(), comments, { before: rowsBefore, after: snap }, names, keys);
      groups.push(group);
    }
    if (opening) {
      before.set(opening.start, snap);
      commentsBefore.set(opening.start, comments);
    }
  }, keepDamaged(damaged, names, logger, history));
  // A take-back shows nothing by itself: it is named in words, and an entry of nothing left out.
  return nameTakeBacks(groups, audit, names).reverse();
}

/** The history routes (mounted at `/v1/workspaces`). */
export function historyRoutes(deps: RouteDeps) {
  const { storage, logger } = deps;
  const app = new Hono<AuthEnv>();

  app.get('/:ws/documents/:doc/history', zValidator('query', historyQuerySchema, validationHook), async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const { limit, group } = c.req.valid('query');
    const [history, members] = await Promise.all([historyOf(storage, ref), storage.listMembers(ref.workspace)]);
    const names = new Map(members.map((m) => [m.id, m.name]));
    // Every damaged change or checkpoint met on the way is named, an older one too: the versions shown are read without it.
    const damaged: DamagedChange[] = [];
    if (group) {
      const groups = await groupedHistory(storage, ref, history, names, limit, damaged, logger);
      return c.json({ document: ref.doc, total: history.versions.length, groups, damaged });
    }
    const firstShown = Math.max(0, history.versions.length - limit);
    const entries: HistoryEntry[] = [];
    let before: Snapshot = new Map();
    await walkHistory(storage, ref, history, firstShown, (i, version, doc) => {
      const after = snapshot(doc);
      // A checkpoint's number is below every kept change's, so the number alone says which version it is.
      const unread = damaged.at(-1)?.seq === version.record.seq;
      if (i >= firstShown) entries.push({ ...entryHead(version, names), ...diff(before, after), ...(unread ? { damaged: true as const } : {}) });
      before = after;
    }, keepDamaged(damaged, names, logger, history));
    // Newest first, as people read a history.
    return c.json({ document: ref.doc, total: history.versions.length, entries: entries.reverse(), damaged });
  });

  app.get('/:ws/documents/:doc/versions/:seq{[0-9]+}/later', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const seq = Number(c.req.param('seq'));
    const [history, members, audit] = await Promise.all([historyOf(storage, ref), storage.listMembers(ref.workspace), docAudit(storage, ref)]);
    const index = history.versions.findIndex((v) => v.record.seq === seq);
    if (index < 0) {
      throw notFound('version-not-found', {
        sv: `Dokumentet "${ref.doc}" har ingen version ${digits(seq)}; se dess historik för de versioner som finns.`,
        en: `The document "${ref.doc}" has no version ${digits(seq)}; see its history for the versions there are.`,
      });
    }
    const names = new Map(members.map((m) => [m.id, m.name]));
    return c.json({ document: ref.doc, seq, edits: await laterEdits(storage, ref, history, index, audit, names) });
  });

  app.get('/:ws/documents/:doc/versions/:seq{[0-9]+}', async (c) => {
    const p = c.get('principal');
    const ref = { workspace: c.req.param('ws'), doc: c.req.param('doc') };
    assertCan(p, 'read', { workspace: ref.workspace });
    await requireDoc(storage, ref);
    const seq = Number(c.req.param('seq'));
    const history = await historyOf(storage, ref, seq);
    const last = history.versions.at(-1);
    if (!last || last.record.seq !== seq) {
      throw notFound('version-not-found', {
        sv: `Dokumentet "${ref.doc}" har ingen version ${digits(seq)}. Ändringar som är äldre än lagringstiden sparas som en version per timme; se dess historik för de versioner som finns.`,
        en: `The document "${ref.doc}" has no version ${digits(seq)}. Changes older than the retention period are kept as one version per hour; see its history for the versions there are.`,
      });
    }
    let body: object = {};
    await walkHistory(storage, ref, history, history.versions.length - 1, (i, version, doc) => {
      if (i !== history.versions.length - 1) return;
      body = {
        document: ref.doc,
        seq,
        at: version.record.at,
        memberId: version.kind === 'change' ? version.record.memberId : null,
        meta: metaOf(doc),
        rows: rowsOf(doc).map((r) => ({ id: r.id, ...r.values })),
      };
    });
    return c.json(body);
  });

  return app;
}
