/**
 * The checks a room makes of a validated update before it applies it: may this principal make
 * these changes (the document, its settings, comments, rows of other units in an action plan),
 * and does the update touch a row an approved follow-up round locks. Each answers null (taken)
 * or a {@link Refusal} with the close code and a sentence that fits a close frame.
 */
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { LOCKED_REFUSAL_CODE, lockedCloseReason, parseLockedReason } from '../../shared/protocol/locked-refusal.js';
import { MAX_NOTICE_ROW_ID, MAX_NOTICE_ROWS, REFUSAL_SENTENCES, type RefusalNotice } from '../../shared/protocol/notices.js';
import { lockedRowMessage } from '../../shared/i18n/round-messages.js';
import type { DocRecord } from '../storage/storage.js';
import { changesNothing } from './changes-nothing.js';
import { closeReason } from './close-reason.js';
import { forbiddenComment } from './comment-rights.js';
import type { SyncAuth, UpdateVerdict } from './deps.js';
import { cutText } from '../../shared/validate/cut-text.js';
import { forbiddenRow, metaAllowed } from './ownership.js';
import type { Principal } from './principal.js';
import { lockedRow, type LockLookup } from './row-locks.js';
import { RIGHTS_REASONS } from './rights.js';
import { isRowOwned } from '../../shared/protocol/row-owned-kinds.js';

/** Why an update was not taken. */
export interface Refusal {
  ok: false;
  closeCode: number;
  /** Machine code, e.g. `personnummer`, `forbidden-row`. */
  code: string;
  /** An English sentence, at most 123 bytes, fit for a close frame. */
  reason: string;
  /** The notice's own sentence in Swedish and English, when the code's (`REFUSAL_SENTENCES`) does not fit ({@link refusalNotice}). */
  message?: { sv: string; en: string };
  /**
   * The rows whose changes were taken back, by id, when only some parts of the update are
   * (`RefusedParts.rows`): sent in the notice (`RefusalNotice.rows`) so the pane can name each
   * refused cell with the text typed there. Ids only, never a cell value.
   */
  rows?: readonly string[];
  /** What made the document unavailable (`unavailable`: a failed write, apply or reload), for the words of an HTTP 503 (`roomUnavailable`); never sent. */
  fault?: unknown;
}

/** A refusal with `reason` cut to what a close frame holds. */
export function refuse(closeCode: number, code: string, reason: string): Refusal {
  return { ok: false, closeCode, code, reason: closeReason(reason) };
}

/** What is offered: by whom, the checked update's verdict, and its bytes. */
export interface Offered {
  principal: Principal;
  verdict: UpdateVerdict & { ok: true };
  update: Uint8Array;
}

/** Why `principal` may not make the changes the verdict lists to `doc`, or null when it may. */
export function rightsRefusal(doc: Y.Doc, record: DocRecord, auth: SyncAuth, { principal, verdict, update }: Offered): Refusal | null {
  if (!auth.canWrite(principal, record)) {
    // A reader's sync answer (structs the doc has, deletions already made) is not a write.
    if (changesNothing(doc, update)) return null;
    // An editor of other units (moved since the edits were made, say) is told it is the units,
    // as the live rights' close says (`RIGHTS_REASONS.noWriteUnits`), not that the role reads only.
    const units = principal.role !== 'viewer' && auth.canWrite({ ...principal, units: [...principal.units, record.ownerUnit] }, record);
    return refuse(CloseCode.forbidden, 'forbidden-doc', units ? RIGHTS_REASONS.noWriteUnits : 'Your role does not allow writing this document');
  }
  const { comments } = verdict;
  const touchesComments = comments && (comments.created.size > 0 || comments.changed.size > 0 || comments.deleted.size > 0);
  const comment = touchesComments ? forbiddenComment(doc, comments, principal) : null;
  if (comment) return refuse(CloseCode.forbidden, 'forbidden-comment', comment);
  const reassigns = auth.canManage(principal, record);
  if (!reassigns && !metaAllowed(verdict.metaKeys, () => auth.canRename(principal, record))) {
    return refuse(CloseCode.forbidden, 'forbidden-meta', 'Only coordinators and admins change the document settings');
  }
  if (!isRowOwned(record.kind)) return null;
  const allowed = (unit: string | null): boolean => auth.canWriteRow(principal, record, unit);
  const row = forbiddenRow(doc, verdict, { allowed, reassigns });
  return row ? refuse(CloseCode.forbidden, 'forbidden-row', row.reason) : null;
}

/** Why the update may not be taken from anyone (a trusted import too): a row an approved round locks. */
export function lockRefusal(doc: Y.Doc, record: DocRecord, locks: LockLookup | undefined, verdict: UpdateVerdict & { ok: true }): Refusal | null {
  const rule = locks?.rulesFor(record);
  const hit = rule ? lockedRow(doc, verdict, rule) : null;
  return hit ? refuse(CloseCode.updateRefused, LOCKED_REFUSAL_CODE, lockedCloseReason(hit.lock.round, hit.lock.period, hit.lock.closed === true)) : null;
}

/**
 * Why an update the shared check accepted is refused all the same, or null when it is taken: an
 * archived document (for everyone, imports included, until it is restored), the rights of
 * `principal` (none for a trusted server-side write), a row an approved round locks.
 */
export function offerRefusal(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined },
  { principal, verdict, update }: Omit<Offered, 'principal'> & { principal: Principal | null },
): Refusal | null {
  if (record.archivedAt && !changesNothing(doc, update)) return refuse(CloseCode.archived, 'archived', RIGHTS_REASONS.archived);
  const denied = principal ? rightsRefusal(doc, record, deps.auth, { principal, verdict, update }) : null;
  return denied ?? lockRefusal(doc, record, deps.locks, verdict);
}

/**
 * The refusal of an offer that changes nothing in the document but stores audit lines or a record
 * (an import of no rows, a rename to the title the document already has) when the document is
 * archived; null otherwise. Such an offer skips the checks of an update, and an archived document
 * takes no write of any kind until it is restored.
 */
export function archivedWrite(record: DocRecord, stores: { audit?: readonly unknown[]; record?: DocRecord }): Refusal | null {
  return record.archivedAt && (stores.audit?.length || stores.record) ? refuse(CloseCode.archived, 'archived', RIGHTS_REASONS.archived) : null;
}

/**
 * Whether `principal` (null: a trusted server-side write) may make `update` to `doc` as it is:
 * the shared check (`deps.checkUpdate`, which may throw: then not) and {@link offerRefusal}, as
 * a room asks of an offered update. For a write the room makes for an author (a replayed delete).
 */
export function mayMake(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined; checkUpdate: (doc: Y.Doc, update: Uint8Array) => UpdateVerdict },
  principal: Principal | null,
  update: Uint8Array,
): boolean {
  let verdict: UpdateVerdict;
  try {
    verdict = deps.checkUpdate(doc, update);
  } catch {
    return false;
  }
  return verdict.ok && offerRefusal(doc, record, deps, { principal, verdict, update }) === null;
}

/** An offered update judged: taken with its verdict, or refused; `parts` when the refused parts are to be taken back. */
export type Judged = { ok: true; verdict: UpdateVerdict & { ok: true } } | { ok: false; refusal: Refusal; parts?: RefusedParts & { all?: true } };

/**
 * The checks a room makes of an offered `update` to `doc` as it is, in order: the shared check
 * (`deps.checkUpdate`; a throw is `malformed-update`), then {@link offerRefusal} for `principal`
 * (null: a trusted server-side write). A refusal of the whole document stays one; a row, a
 * setting, a comment or an archived document's change is taken back while the sender stays
 * connected when `undo` (asked only then) says so: `parts` are then its {@link refusedParts}.
 */
export function judgeOffer(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined; checkUpdate: (doc: Y.Doc, update: Uint8Array) => UpdateVerdict },
  { principal, update }: { principal: Principal | null; update: Uint8Array },
  undo: (() => boolean) | undefined,
): Judged {
  let verdict: UpdateVerdict;
  try {
    verdict = deps.checkUpdate(doc, update);
  } catch {
    return { ok: false, refusal: refuse(CloseCode.badFrame, 'malformed-update', 'Malformed update') };
  }
  if (!verdict.ok) {
    // With the check's sentence in both languages, for an answer in words (`doc-access.ts`).
    const refusal = { ...refuse(verdict.closeCode, verdict.code, verdict.message.en), message: verdict.message };
    return verdict.only ? cellsRefused(doc, record, deps, { principal, update }, { ...verdict, only: verdict.only }, refusal, undo) : { ok: false, refusal };
  }
  const refusal = offerRefusal(doc, record, deps, { principal, verdict, update });
  if (refusal === null) return { ok: true, verdict };
  if (refusal.code === 'forbidden-doc' || !undo?.()) return { ok: false, refusal };
  const parts = refusedParts(doc, record, deps, { principal, verdict, update }, refusal);
  return { ok: false, refusal: withRows(refusal, parts), parts };
}

/**
 * An update whose only faults the shared check found are in some parts (`verdict.only`: rows, the
 * settings, the comments; a column the kind lacks, a composite value, a text over the limit, an
 * unknown setting, a comment of the wrong shape): judged like a refusal of rights, those parts are
 * taken back with the rows, settings or comments {@link offerRefusal} refuses of the rest, when
 * `undo` says so, and the rest stays taken; a document the role may not write, or an archived one,
 * is refused as before. The notice gives the check's sentence and names the parts taken back.
 */
function cellsRefused(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined },
  { principal, update }: { principal: Principal | null; update: Uint8Array },
  verdict: UpdateVerdict & { ok: false; only: NonNullable<(UpdateVerdict & { ok: false })['only']> },
  refusal: Refusal,
  undo: (() => boolean) | undefined,
): Judged {
  const rest = verdict.only.rest;
  const other = offerRefusal(doc, record, deps, { principal, verdict: rest, update });
  if (other?.code === 'forbidden-doc' || !undo?.()) return { ok: false, refusal: other?.code === 'forbidden-doc' ? other : refusal };
  const parts = other ? refusedParts(doc, record, deps, { principal, verdict: rest, update }, other) : { rows: new Set<string>(), meta: false, comments: false };
  if (parts.all) return { ok: false, refusal: other ?? refusal, parts };
  const { rows, meta = false, comments = false } = verdict.only;
  const taken = takenBackWords(rows, meta, comments);
  const message = { sv: `${verdict.message.sv} ${taken.sv}`, en: `${verdict.message.en} ${taken.en}` };
  const all = { rows: new Set([...parts.rows, ...rows]), meta: parts.meta || meta, comments: parts.comments || comments };
  return { ok: false, refusal: withRows({ ...refusal, message }, all), parts: all };
}

/** `refusal` naming the rows of `parts` taken back (`Refusal.rows`); as it is when every part is refused or no row is. */
function withRows(refusal: Refusal, parts: RefusedParts & { all?: true }): Refusal {
  return parts.all || parts.rows.size === 0 ? refusal : { ...refusal, rows: [...parts.rows] };
}

/** The sentence naming the parts taken back: up to three rows (ids cut to 40 characters), the settings, the comments. */
function takenBackWords(rows: readonly string[], meta: boolean, comments: boolean): { sv: string; en: string } {
  const named = rows.slice(0, 3).map((id) => (id.length > 40 ? `${cutText(id, 40)}…` : id)).join(', ') + (rows.length > 3 ? ' …' : '');
  const parts = [rows.length > 0 && { sv: `rad ${named}`, en: `row ${named}` }, meta && { sv: 'dokumentets inställningar', en: "the document's settings" }, comments && { sv: 'kommentarerna', en: 'the comments' }];
  const sv = parts.flatMap((p) => (p ? [p.sv] : []));
  const en = parts.flatMap((p) => (p ? [p.en] : []));
  const and = (list: string[], word: string): string => (list.length > 1 ? `${list.slice(0, -1).join(', ')} ${word} ${list.at(-1)}` : (list[0] ?? ''));
  return { sv: `Ändringen av ${and(sv, 'och')} togs tillbaka.`, en: `The change of ${and(en, 'and')} was taken back.` };
}

/**
 * Whether `principal` (null: a trusted server-side write) may write cell `column` of row `rowId`
 * of `doc` as it is, as an offered update writing only that cell is checked: the document's write
 * right and archive state, the row's unit, an approved round's lock. For a write the room makes for
 * an author: a set in a row map a refused delete deleted, written to the row's copy (`take-backs.ts`);
 * the shared check lets such a set through, as it changes nothing where it lands.
 */
export function mayWriteCell(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined },
  principal: Principal | null,
  rowId: string,
  column: string,
): boolean {
  if (record.archivedAt) return false;
  const verdict: UpdateVerdict & { ok: true } = { ok: true, touchedRows: [rowId], createdRows: [], deletedRows: [], metaKeys: [], cells: [{ rowId, column, value: undefined }] };
  // The update is read only when the role may not write at all, which is answered first.
  if (principal && (!deps.auth.canWrite(principal, record) || rightsRefusal(doc, record, deps.auth, { principal, verdict, update: new Uint8Array(0) }))) return false;
  return lockRefusal(doc, record, deps.locks, verdict) === null;
}

/**
 * Which parts of a refused update are refused: rows by id, the settings (`meta`), the comments.
 * The rest is what the author may write, and stays taken when the refused parts are taken back;
 * so one refused row in a batch (offline edits sent together on reconnect) costs only that row.
 */
export interface RefusedParts {
  rows: ReadonlySet<string>;
  meta: boolean;
  comments: boolean;
}

/** Every part refused. */
export const ALL_REFUSED = { rows: new Set<string>(), meta: true, comments: true, all: true } as const;

/**
 * The parts of an offered update that `refusal` concerns, found by asking the same checks about
 * each row, the settings and the comments on their own, against `doc` as it is before the
 * update. An archived document, a document the role may not write, and any doubt (no part found
 * refused) refuse it whole: {@link ALL_REFUSED}.
 */
export function refusedParts(
  doc: Y.Doc,
  record: DocRecord,
  deps: { auth: SyncAuth; locks?: LockLookup | undefined },
  { principal, verdict, update }: Omit<Offered, 'principal'> & { principal: Principal | null },
  refusal: Refusal,
): RefusedParts & { all?: true } {
  if (refusal.code === 'archived' || refusal.code === 'forbidden-doc') return ALL_REFUSED;
  const none = { touchedRows: [], createdRows: [], deletedRows: [], metaKeys: [], cells: [] };
  const refused = (part: Partial<UpdateVerdict & { ok: true }>): boolean => {
    const v = { ...verdict, comments: undefined, ...none, ...part } as UpdateVerdict & { ok: true };
    return (principal ? rightsRefusal(doc, record, deps.auth, { principal, verdict: v, update }) : null) !== null || lockRefusal(doc, record, deps.locks, v) !== null;
  };
  const touched = [...verdict.touchedRows];
  const created = [...verdict.createdRows];
  const deleted = [...verdict.deletedRows];
  const cells = [...verdict.cells];
  const ids = new Set([...touched, ...created, ...deleted, ...cells.map((c) => c.rowId)]);
  const rows = new Set<string>();
  for (const id of ids) {
    const one = (list: string[]): string[] => (list.includes(id) ? [id] : []);
    if (refused({ touchedRows: one(touched), createdRows: one(created), deletedRows: one(deleted), cells: cells.filter((c) => c.rowId === id) })) rows.add(id);
  }
  const meta = refused({ metaKeys: [...verdict.metaKeys] });
  const comments = verdict.comments !== undefined && refused({ comments: verdict.comments });
  return rows.size === 0 && !meta && !comments ? ALL_REFUSED : { rows, meta, comments };
}

/** Whether the map key at `path` (see `undo-refused.ts`) belongs to a refused part. */
export function inRefusedPart(parts: RefusedParts & { all?: true }, path: readonly string[]): boolean {
  if (parts.all) return true;
  const [root, key] = path;
  if (root === 'rows') return key !== undefined && parts.rows.has(key);
  if (root === 'meta') return parts.meta;
  if (root === 'comments') return parts.comments;
  return true;
}

/**
 * The notice an opted-in client gets for `refusal` (`shared/protocol/notices.ts`): its close code,
 * machine code and English reason, the sentence in Swedish and English (the round's own for a
 * locked row), and the ids of the rows taken back (at most {@link MAX_NOTICE_ROWS}).
 */
export function refusalNotice(refusal: Refusal): RefusalNotice {
  const locked = refusal.code === LOCKED_REFUSAL_CODE ? parseLockedReason(refusal.reason) : null;
  const message = refusal.message ?? (locked
    ? lockedRowMessage(locked)
    : (REFUSAL_SENTENCES[refusal.code] ?? { sv: `Servern tog inte emot en ändring: ${refusal.reason}`, en: `The server refused a change: ${refusal.reason}` }));
  const rows = refusal.rows?.filter((id) => id.length <= MAX_NOTICE_ROW_ID).slice(0, MAX_NOTICE_ROWS);
  return { closeCode: refusal.closeCode, code: refusal.code, reason: refusal.reason, message, ...(rows && rows.length > 0 ? { rows } : {}) };
}
