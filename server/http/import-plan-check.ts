/**
 * The planned write of an import judged as the room will judge it (`checkUpdate`), before anything
 * is written or a dry run answers. Each record passed its own checks (`import-check.ts`), but the
 * room's check can still refuse the import's update for what one record brought: a value whose
 * bytes the raw-byte personnummer net reads a number in (`ＰＰ850101x1236`: fullwidth letters the
 * text guard reads as letters, and the net, once a byte of the update is no UTF-8, as symbols in a
 * Latin-1 reading). Refused whole, the import would write nothing and name no record; here the
 * records responsible are found by bisecting the records at risk with the same check, and refused
 * alone.
 *
 * At risk ({@link atRisk}) is a record with a text holding a character outside ASCII, where a
 * single-byte reading of the update differs from the text the record's own check read, in which
 * the net, reading the record's texts alone as it reads an update, finds a number. Others are not
 * judged again (a 50,000-row file checks nothing here), so the check costs little for most files. A subset of the records at risk is judged as an
 * update of its own: each record is written on one copy of the document in a transaction of its
 * own, under a client id of its own, so the update of any subset is the merge of its records'
 * updates (no record's structs refer to another's: each writes its own row).
 */
import * as Y from 'yjs';
import { insertRows, setCells } from '../../shared/doc/index.js';
import { identityRefusal, type IdentityFound } from '../../shared/i18n/personnummer-words.js';
import { cellColumn } from '../../shared/schema/index.js';
import type { DocKind, Localized, RowValues } from '../../shared/schema/types.js';
import { checkUpdate } from '../../shared/validate/check-update.js';
import type { CheckUpdate } from '../sync/deps.js';
import { findPersonnummerInBytes, mayHoldNumber, scanBytes } from '../../shared/validate/raw-scan.js';
import { findPersonnummerInValue } from '../../shared/validate/personnummer.js';
import { slicer } from '../sync/slices.js';

/** One record's planned write: a new row (`isNew`, its id or '' for a new one) or the cells it changes of a stored row. */
export interface PlannedWrite {
  rowId: string;
  isNew: boolean;
  values: RowValues;
}

/** A planned record the check refuses: its index in the plan, the check's refusal, and words naming the columns (no value). */
export interface PlanRefusal {
  index: number;
  code: string;
  reason: Localized;
}

/**
 * The refusals the room's check (`checkUpdate`) would make of records of a refused plan. Codes a
 * record's content can cause; any other refusal (a document of another making, a kind changed)
 * is the document's, and left to the write to answer whole.
 */
export const RECORD_CODES: ReadonlySet<string> = new Set(['personnummer', 'string-too-long', 'bad-character', 'non-primitive', 'unknown-column', 'wrong-type', 'too-many-rows', 'doc-too-large']);

/**
 * Write `planned` into `doc`: new rows appended (with their ids where given, the ids made written
 * back into `rowId`), then the stored rows' cells. The write of an import.
 */
export function writePlan(doc: Y.Doc, planned: readonly PlannedWrite[]): void {
  const fresh = planned.filter((p) => p.isNew);
  const ids = insertRows(doc, fresh.map((p) => p.values), { ids: fresh.map((p) => p.rowId || undefined) as string[] });
  fresh.forEach((p, i) => (p.rowId = ids[i] ?? p.rowId));
  for (const p of planned) if (!p.isNew) setCells(doc, p.rowId, p.values);
}

/** A copy of `doc` to write trials on. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/**
 * A client id neither `doc` nor `taken` has, drawn as Yjs draws one, from 2^28 on (five bytes,
 * some above ASCII, as nearly every id Yjs draws). The raw net reads an update with its layout,
 * in the single-byte readings whenever a byte is above ASCII, so what bytes the id has does not
 * decide how a record's strings are read.
 */
function freshClient(doc: Y.Doc, taken: Set<number>): number {
  for (;;) {
    const id = 0x10000000 + Math.floor(Math.random() * 0xf0000000);
    if (!doc.store.clients.has(id) && !taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * On a copy of `doc`, each of `writes` made in a transaction of its own under a client of its
 * own (`write(copy, i)`): the update of each, by index.
 */
function separateUpdates(doc: Y.Doc, count: number, write: (copy: Y.Doc, i: number) => void): Uint8Array[] {
  const copy = copyOf(doc);
  const taken = new Set<number>();
  const out: Uint8Array[] = [];
  try {
    for (let i = 0; i < count; i++) {
      copy.clientID = freshClient(copy, taken);
      const before = Y.encodeStateVector(copy);
      write(copy, i);
      out.push(Y.encodeStateAsUpdate(copy, before));
    }
  } finally {
    copy.destroy();
  }
  return out;
}

/** A refusal of the room's check, as a record's words take it: its code and its sentence. */
export interface PlanRefused {
  code: string;
  message: Localized;
}

/**
 * The check a planned write is judged by: the one the room offers the write to (the app's
 * `checkUpdate`, `DocAccess.judge`), so a deployment or a test with a check of its own has its
 * import judged by it; `checkUpdate` of `shared/validate` where none is given (storage alone, the CLI).
 */
export type PlanJudge = CheckUpdate;

/** `judge`'s refusal of `update` to `doc` when it is one a record can cause, else null (accepted, or the document's). */
export function refusalOf(doc: Y.Doc, update: Uint8Array, judge: PlanJudge = checkUpdate): PlanRefused | null {
  const verdict = judge(doc, update);
  return !verdict.ok && RECORD_CODES.has(verdict.code) ? { code: verdict.code, message: verdict.message } : null;
}

/**
 * The indices of `items` whose updates (`updates`, merged) `doc`'s check refuses alone: by halves
 * while a half is refused. Records refused only together (the raw net reading across rows, the
 * size limit) are left to the whole plan's judgment (`import-plan-whole.ts`), which judges them
 * written as the import writes them and names each set whole.
 */
function culprits(doc: Y.Doc, updates: readonly Uint8Array[], items: readonly number[], judged: Map<number, PlanRefused>, judge: PlanJudge): number[] {
  const of = (list: readonly number[]) => (list.length === 0 ? null : refusalOf(doc, Y.mergeUpdates(list.map((i) => updates[i] as Uint8Array)), judge));
  const whole = of(items);
  if (whole === null) return [];
  if (items.length === 1) {
    judged.set(items[0] as number, whole);
    return [...items];
  }
  const mid = items.length >> 1;
  return [...culprits(doc, updates, items.slice(0, mid), judged, judge), ...culprits(doc, updates, items.slice(mid), judged, judge)];
}

/** What the check may have read in `value`: as text, else as its UTF-8 bytes (the raw net's reading); a personnummer when neither says. */
function foundIn(value: unknown): IdentityFound {
  const text = typeof value === 'string' ? value : String(value);
  const match = findPersonnummerInValue(value) ?? findPersonnummerInBytes(new TextEncoder().encode(text));
  return match ? { kind: match.kind, phoneLike: match.phoneLike, ...(match.birthDate ? { birthDate: true as const } : {}) } : { kind: 'personnummer', phoneLike: false };
}

/** "Kolumnen "Kommentar"", "Kolumnerna "A" och "B""; the record's values together when no column alone is refused. */
function columnsWhere(kind: DocKind, columns: readonly string[]): Localized {
  const headers = columns.map((c) => cellColumn(kind, c)?.header ?? { sv: c, en: c });
  if (headers.length === 0) return { sv: 'Radens värden tillsammans', en: "The row's values together" };
  const list = (lang: 'sv' | 'en') => {
    const quoted = headers.map((h) => `"${h[lang]}"`);
    return quoted.length === 1 ? (quoted[0] as string) : `${quoted.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${quoted.at(-1) as string}`;
  };
  return headers.length === 1 ? { sv: `Kolumnen ${list('sv')}`, en: `The column ${list('en')}` } : { sv: `Kolumnerna ${list('sv')}`, en: `The columns ${list('en')}` };
}

/**
 * The columns of planned write `p` that the check refuses written alone (with, for a new row,
 * the row itself), on a copy of `doc`.
 */
function refusedColumns(doc: Y.Doc, p: PlannedWrite, judge: PlanJudge): string[] {
  const columns = Object.keys(p.values);
  let rowId = p.rowId;
  // For a new row: the row (its position) first, then each cell in a client of its own.
  const steps = p.isNew ? [null, ...columns] : columns;
  const updates = separateUpdates(doc, steps.length, (copy, i) => {
    const column = steps[i];
    if (column === null || column === undefined) rowId = insertRows(copy, [{}], p.rowId ? { ids: [p.rowId] } : {})[0] as string;
    else setCells(copy, rowId, { [column]: p.values[column] ?? null });
  });
  const row = p.isNew ? [updates[0] as Uint8Array] : [];
  const cells = p.isNew ? updates.slice(1) : updates;
  return columns.filter((_, i) => refusalOf(doc, Y.mergeUpdates([...row, cells[i] as Uint8Array]), judge) !== null);
}

/** The words of a planned record refused for `refusal`, naming its `columns` by their headers. */
function refusalWords(kind: DocKind, p: PlannedWrite, refusal: PlanRefused, columns: readonly string[]): Localized {
  if (refusal.code !== 'personnummer') return refusal.message;
  const first = columns[0];
  return identityRefusal(columnsWhere(kind, columns), first === undefined ? { kind: 'personnummer', phoneLike: false } : foundIn(p.values[first]));
}

const utf8 = new TextEncoder();

/**
 * Whether the room's raw-byte net may read a number in planned write `p` that its record's own
 * text check did not: one of its texts has a character outside ASCII (whose bytes a single-byte
 * reading of the update shows as other characters) and the net, reading its texts as it reads an
 * update (with a byte no UTF-8 reading takes, so the single-byte readings are read too), finds one.
 * Only a selection: the verdict is the room's check's ({@link planRefusals}).
 */
export function atRisk(p: PlannedWrite): boolean {
  const texts = Object.values(p.values).filter((v): v is string => typeof v === 'string');
  // eslint-disable-next-line no-control-regex
  if (!texts.some((t) => /[^\u0000-\u007f]/.test(t))) return false;
  const bytes = utf8.encode(texts.join('\u0000'));
  if (!mayHoldNumber(bytes)) return false;
  const marked = new Uint8Array(bytes.length + 1);
  marked[0] = 0x80;
  marked.set(bytes, 1);
  return scanBytes(marked) !== null;
}

/** The indices of the records of `planned` {@link atRisk}, a slice at a time so a large file does not hold up the server. */
export async function riskyIndices(planned: readonly PlannedWrite[]): Promise<number[]> {
  const risky: number[] = [];
  const pause = slicer();
  for (const [i, p] of planned.entries()) {
    if (atRisk(p)) risky.push(i);
    const turn = pause();
    if (turn) await turn;
  }
  return risky;
}

/**
 * The records of `planned` (a document of `kind`, written into `doc` as it is now) at the indices
 * `risky` ({@link atRisk}) that the room's check would refuse, each with its code and words naming
 * the columns responsible (never a value), judged by `judge` (the room's check). One copy of `doc`, and one check when none is refused;
 * about two checks per halving for each record refused, and one more copy to name its columns.
 *
 * @example
 * const risky = planned.flatMap((p, i) => (atRisk(p) ? [i] : []));
 * for (const r of planRefusals(doc, 'activity-plan', planned, risky)) refuse(planned[r.index], r.code, r.reason);
 */
export function planRefusals(doc: Y.Doc, kind: DocKind, planned: readonly PlannedWrite[], risky: readonly number[], judge: PlanJudge = checkUpdate): PlanRefusal[] {
  if (risky.length === 0) return [];
  const trial = risky.map((i) => ({ ...(planned[i] as PlannedWrite) }));
  const updates = separateUpdates(doc, trial.length, (copy, i) => writePlan(copy, [trial[i] as PlannedWrite]));
  const judged = new Map<number, PlanRefused>();
  const found = culprits(doc, updates, trial.map((_, i) => i), judged, judge);
  return found.map((at) => {
    const refusal = judged.get(at) as PlanRefused;
    const p = trial[at] as PlannedWrite;
    const columns = refusal.code === 'personnummer' ? refusedColumns(doc, p, judge) : [];
    return { index: risky[at] as number, code: refusal.code, reason: refusalWords(kind, p, refusal, columns) };
  });
}
