/**
 * The shapes of the server's readable history (`GET …/history?group=burst`) and of what a
 * restore would undo (`GET …/versions/:seq/later`), checked with zod before the pane trusts them.
 */
import { z } from 'zod';

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const authorKind = z.enum(['member', 'import', 'server', 'checkpoint']);

/** Who made a group of changes: a member, an import by a member, the server, or a summed-up checkpoint. */
export type AuthorKind = z.infer<typeof authorKind>;

const groupSchema = z.looseObject({
  fromSeq: z.number(),
  seq: z.number(),
  firstAt: z.string(),
  at: z.string(),
  authorKind,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  versions: z.number(),
  rowsAdded: z.array(z.string()),
  rowsDeleted: z.array(z.string()),
  rowLabels: z.record(z.string(), z.string().nullable()),
  cellsChanged: z.number(),
  changes: z.array(z.looseObject({ rowId: z.string(), rowLabel: z.string().nullable(), column: z.string(), from: cell, to: cell })),
  comments: z
    .array(z.looseObject({ rowId: z.string(), rowLabel: z.string().nullable(), event: z.enum(['added', 'edited', 'deleted']), text: z.string() }))
    .optional(),
  /** The group changed nothing visible: the server took a refused edit back (who tried it, the refusal's code). */
  takenBack: z.looseObject({ memberId: z.string().nullable(), memberName: z.string().nullable(), code: z.string() }).optional(),
});

/** One burst of changes by one author, cell by cell (codes as stored; the pane puts them in words). */
export type HistoryGroup = z.infer<typeof groupSchema>;

const damagedSchema = z.looseObject({
  seq: z.number(),
  at: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  message: z.looseObject({ sv: z.string(), en: z.string() }),
});

/** A stored change whose bytes the server could not decode: the history is shown without it, and the server's words say so. */
export type DamagedChange = z.infer<typeof damagedSchema>;

/** `GET …/history?group=burst`; `damaged` is absent from an older server's answer. */
export const groupsAnswer = z.looseObject({ groups: z.array(groupSchema), damaged: z.array(damagedSchema).default([]) });

/** What the History view shows: the bursts, newest first, and the stored changes that could not be read. */
export interface HistoryAnswer {
  groups: HistoryGroup[];
  damaged: DamagedChange[];
}

const laterSchema = z.looseObject({
  rowId: z.string(),
  rowLabel: z.string().nullable(),
  column: z.string().nullable(),
  inVersion: cell,
  now: cell,
  change: z.enum(['row-added', 'row-deleted', 'cell']),
  seq: z.number(),
  at: z.string(),
  authorKind,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
});

/** A later change that restoring a version would undo. */
export type LaterEdit = z.infer<typeof laterSchema>;

/** `GET …/versions/:seq/later`. */
export const laterAnswer = z.looseObject({ edits: z.array(laterSchema) });
