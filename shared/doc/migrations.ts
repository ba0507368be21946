/**
 * Schema migrations. A document records its `meta.schemaVersion`; when the code's kind
 * definition is newer, `migrateDoc` runs the registered steps in order, in one transaction, so
 * peers receive the whole migration as one update.
 */
import * as Y from 'yjs';
import { LOCAL_ORIGIN, metaOf, rowsOf, setCells, setMeta } from './index.js';
import { rowsMap } from './create.js';
import { kindDef } from '../schema/index.js';
import type { DocKind } from '../schema/types.js';

/** One step from schema version `from` to `to` of one kind. */
export interface Migration {
  kind: DocKind;
  from: number;
  to: number;
  /** What changes, for the changelog and the History panel. */
  description: string;
  /** Rewrites the rows in place. Runs inside the transaction of {@link migrateDoc}. */
  migrate(doc: Y.Doc): void;
}

/**
 * Removes cells from a row. shared/doc has no cell delete yet (a cell is normally cleared by
 * writing null), but a migration must remove the old key or it stays as an unknown column.
 */
function deleteCells(doc: Y.Doc, rowId: string, keys: readonly string[]): void {
  const map = rowsMap(doc).get(rowId);
  if (!(map instanceof Y.Map)) return;
  for (const key of keys) if (map.has(key)) map.delete(key);
}

/**
 * activity-plan 1 → 2: version 1 had one `date` per activity and one `participants` count.
 * Version 2 plans periods (`startDate`, `endDate`) and separates planned from reached
 * participants. The old date becomes both start and end (a one-day activity); the old count was
 * the number reached. Cells already written in the new columns win over the old ones.
 */
const activityPlanV1ToV2: Migration = {
  kind: 'activity-plan',
  from: 1,
  to: 2,
  description: 'date → startDate + endDate; participants → participantsReached',
  migrate(doc) {
    // The row index refreshes after the transaction, so these are the values before migrating.
    for (const { id, values } of rowsOf(doc)) {
      const patch: Record<string, string | number | boolean | null> = {};
      const date = values.date;
      if (date !== undefined && date !== null) {
        if (values.startDate === undefined || values.startDate === null) patch.startDate = date;
        if (values.endDate === undefined || values.endDate === null) patch.endDate = date;
      }
      const participants = values.participants;
      if (participants !== undefined && participants !== null) {
        if (values.participantsReached === undefined || values.participantsReached === null) {
          patch.participantsReached = participants;
        }
      }
      setCells(doc, id, patch);
      deleteCells(doc, id, ['date', 'participants']);
    }
  },
};

/** Every migration, in no particular order; `migrateDoc` chains them by version. */
export const MIGRATIONS: readonly Migration[] = [activityPlanV1ToV2];

/** The outcome of {@link migrateDoc}. */
export type MigrationResult =
  | { ok: true; kind: DocKind; from: number; to: number; applied: readonly string[] }
  | { ok: false; code: 'unknown-kind' | 'newer-schema' | 'no-migration'; from?: number; to?: number };

/**
 * Brings `doc` to the current schema version of its kind. A doc already current is left
 * untouched (`applied` is empty). Refuses, without changing anything, a doc of unknown kind, a
 * doc newer than this code, and a doc with a gap in the migration chain.
 *
 * @example
 * const result = migrateDoc(doc);
 * if (!result.ok) logger.warn({ code: result.code }, 'document not migrated');
 */
export function migrateDoc(doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  const meta = metaOf(doc);
  if (!meta) return { ok: false, code: 'unknown-kind' };
  const from = meta.schemaVersion;
  const to = kindDef(meta.kind).schemaVersion;
  if (from > to) return { ok: false, code: 'newer-schema', from, to };
  const steps: Migration[] = [];
  for (let v = from; v < to; ) {
    const step = migrations.find((m) => m.kind === meta.kind && m.from === v && m.to > v && m.to <= to);
    if (!step) return { ok: false, code: 'no-migration', from: v, to };
    steps.push(step);
    v = step.to;
  }
  if (steps.length > 0) {
    doc.transact(() => {
      for (const step of steps) step.migrate(doc);
      setMeta(doc, { schemaVersion: to });
    }, LOCAL_ORIGIN);
  }
  return { ok: true, kind: meta.kind, from, to, applied: steps.map((s) => s.description) };
}
