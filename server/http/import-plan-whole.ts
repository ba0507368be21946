/**
 * The import's whole planned update judged as the room will judge it (`checkUpdate`), before
 * anything is written or a dry run answers, after each record passed its own checks and the
 * records at risk were judged alone (`import-plan-check.ts`). Records can be refused only
 * together: the raw-byte personnummer net reads the bytes between an update's strings too (it once
 * read `850101` ending one row's comment and `1236` starting the next one's as a number across
 * the client id's bytes between them; it now reads each string alone, so no such pair is known
 * now, and this stays the defence should a check of the whole update refuse what no record
 * does alone), and a document near its size limit
 * (`Limits.maxDocBytes`) takes the first rows of a file but not all. Refused whole, the import
 * wrote nothing and named no record. Here the records responsible are found and refused, each
 * named with the others of its set, and the rest is imported: for a number read across rows the
 * smallest set of records whose update is refused together, for the size limit the records from
 * the first that no longer fits on, in the file's order (as for the row limit).
 *
 * The update judged is, byte for byte, the one the import writes (on the document as it was
 * judged): the write takes the client id and the new rows' ids drawn here ({@link WriteShape}),
 * since the net's verdict can depend on every byte between two texts.
 */
import * as Y from 'yjs';
import { newRowId } from '../../shared/doc/index.js';
import { Limits } from '../../shared/protocol/limits.js';
import type { Localized } from '../../shared/schema/types.js';
import { fitsWithin } from '../../shared/validate/doc-size.js';
import { AppError } from './errors.js';
import { RECORD_CODES, refusalOf, writePlan, type PlanJudge, type PlanRefusal, type PlannedWrite, type PlanRefused } from './import-plan-check.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** The client id the import's update is written under and each new row's id, drawn before it is judged. */
export interface WriteShape {
  client: number;
  ids: ReadonlyMap<PlannedWrite, string>;
}

/** Refusals of records for what the update weighs together: the records from the first that does not fit on are refused, in order. */
const SIZE_CODES: ReadonlySet<string> = new Set(['doc-too-large', 'too-many-rows']);

/**
 * A client id `doc` has not, at least 2^28 so its varint is always 5 bytes (a dry run and the
 * import then weigh the same), and an id for each new row of `planned` without one (`newRowId`),
 * for {@link writeShaped}.
 */
export function drawShape(doc: Y.Doc, planned: readonly PlannedWrite[]): WriteShape {
  const draw = () => 0x10000000 + Math.floor(Math.random() * 0xf0000000);
  let client = draw();
  while (doc.store.clients.has(client)) client = draw();
  const ids = new Map<PlannedWrite, string>();
  for (const p of planned) if (p.isNew && !p.rowId) ids.set(p, newRowId());
  return { client, ids };
}

/**
 * Write `planned` into `doc` as {@link writePlan} does, under `shape`'s client (unless `doc` has
 * that client already: another writer took it since) and with its drawn ids, written into `rowId`.
 */
export function writeShaped(doc: Y.Doc, planned: readonly PlannedWrite[], shape: WriteShape): void {
  if (!doc.store.clients.has(shape.client)) doc.clientID = shape.client;
  for (const p of planned) if (p.isNew && !p.rowId) p.rowId = shape.ids.get(p) ?? '';
  writePlan(doc, planned);
}

/** The check's refusal of the update writing the records of `planned` at `indices` (in their order) into `doc`, or null. */
function judgeOf(doc: Y.Doc, planned: readonly PlannedWrite[], shape: WriteShape, check: PlanJudge | undefined): (indices: readonly number[]) => PlanRefused | null {
  let state: Uint8Array | undefined;
  return (indices) => {
    if (indices.length === 0) return null;
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, (state ??= Y.encodeStateAsUpdate(doc)));
      const before = Y.encodeStateVector(copy);
      writeShaped(copy, indices.map((i) => ({ ...(planned[i] as PlannedWrite), rowId: (planned[i] as PlannedWrite).rowId || (shape.ids.get(planned[i] as PlannedWrite) ?? '') })), shape);
      return refusalOf(doc, Y.encodeStateAsUpdate(copy, before), check);
    } finally {
      copy.destroy();
    }
  };
}

/** The smallest `t` (1 … `pool.length`) for which `refused(t)`, given `refused(pool.length)`: by halves. */
function firstRefused(length: number, refused: (t: number) => boolean): number {
  let lo = 1;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refused(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A smallest set of `rest` (indices, in order) whose update is refused together, given that all of
 * `rest` is: the record that makes a prefix refused, then among the records before it the one
 * that makes the set refused, and so on until the set alone is refused. Each record of the set is
 * needed: without it the records before were accepted. About log2(n) checks per record found.
 * Exported for its test: since the net reads each string alone, no pair of texts is known that
 * the room refuses only together, so the search is checked with a judge of the test's own.
 */
export function smallestRefusedSet(rest: readonly number[], judge: (indices: readonly number[]) => PlanRefused | null): number[] {
  const set: number[] = [];
  let pool = rest;
  const withSet = (list: readonly number[]) => [...set, ...list].sort((a, b) => a - b);
  while (set.length === 0 || judge(withSet([])) === null) {
    const t = firstRefused(pool.length, (n) => judge(withSet(pool.slice(0, n))) !== null);
    set.push(pool[t - 1] as number);
    pool = pool.slice(0, t - 1);
  }
  return set.sort((a, b) => a - b);
}

/** "rad 9 i filen", "rad 9 och rad 12 i filen": `places` joined, lower-cased as inside a sentence. */
function joined(places: readonly Localized[]): Localized {
  const list = (lang: 'sv' | 'en') => {
    const words = places.map((p) => p[lang].charAt(0).toLowerCase() + p[lang].slice(1));
    return words.length === 1 ? (words[0] as string) : `${words.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${words.at(-1) as string}`;
  };
  return { sv: list('sv'), en: list('en') };
}

/**
 * What became of the file's other rows, said after a set refused together: `written`, how many
 * records of the plan are written (none: nothing of the file is).
 */
function restWords(written: number): Localized {
  if (written === 0) return { sv: 'Ingen rad i filen importeras.', en: 'No row of the file is imported.' };
  const n = { sv: numberText(written, 'sv'), en: numberText(written, 'en') };
  return written === 1
    ? { sv: 'De här raderna importeras inte; 1 annan rad i filen importeras.', en: 'These rows are not imported; 1 other row of the file is.' }
    : { sv: `De här raderna importeras inte; ${n.sv} andra rader i filen importeras.`, en: `These rows are not imported; ${n.en} other rows of the file are.` };
}

/** The words of a record refused together with the records at `others` (their places in the file), `written` records of the plan written. */
function togetherWords(refusal: PlanRefused, others: Localized, written: number): Localized {
  const rest = restWords(written);
  if (refusal.code !== 'personnummer') return { sv: `${refusal.message.sv} (tillsammans med ${others.sv}) ${rest.sv}`, en: `${refusal.message.en} (together with ${others.en}) ${rest.en}` };
  return {
    sv: `Raden läses tillsammans med ${others.sv} som ett personnummer när raderna skrivs in, fast ingen av dem innehåller ett ensam. ${rest.sv} Ändra eller ta bort siffrorna i en av dem och importera dem igen.`,
    en: `Together with ${others.en}, the row reads as a personal identity number when the rows are written, though none of them holds one alone. ${rest.en} Change or remove the digits in one of them and import them again.`,
  };
}

/** `bytes` in MiB with one decimal ("31,5 MiB"), below 1 MiB in KiB, as each language writes it. */
function size(bytes: number, lang: 'sv' | 'en'): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MiB'] : [bytes / 1024, 'KiB'];
  return `${numberText(amount, lang, { max: 1 })} ${unit}`;
}

/** The words of a record that does not fit: the document's size now, the limit, how many records before it fit and how many after it do not. */
function sizeWords(now: number, before: number, after: number): Localized {
  const limit = Limits.maxDocBytes;
  return {
    sv: `Dokumentet skulle bli större än ${size(limit, 'sv')}, gränsen för ett dokument (det är ${size(now, 'sv')} nu). Filens rader tas med i ordning så länge de får plats: ${numberText(before, 'sv')} ${before === 1 ? 'rad' : 'rader'} före den här fick plats, ${after === 0 ? 'den här inte' : `den här och ${numberText(after, 'sv')} efter den inte`}. Ta bort rader ur dokumentet eller dela upp det, och importera sedan de rader som inte kom med.`,
    en: `The document would grow beyond ${size(limit, 'en')}, the limit for a document (it is ${size(now, 'en')} now). The file's rows are taken in order while they fit: ${numberText(before, 'en')} ${before === 1 ? 'row' : 'rows'} before this one fit, ${after === 0 ? 'this one does not' : `this one and ${numberText(after, 'en')} after it do not`}. Remove rows from the document or split it, then import the rows that were left out.`,
  };
}

/**
 * The records of `planned` that `doc`'s check refuses only together, when the update writing all
 * of them (as {@link writeShaped} writes it under `shape`) is refused for what records bring: each
 * with its code and words (never a value) naming the other records of its set by `placeOf` (their
 * place in the file) and saying how many of the plan's other records are written (none: that no
 * row of the file is), all records of `planned` not refused being written. One copy of `doc` and one check when nothing is refused; for a set refused,
 * about log2(n) checks per record of it, each on a copy; for the size limit, one copy to weigh the
 * records, each written alone (a sum that is never less than what they weigh written together), and
 * one check of what fits. An empty answer when the refusal is the document's (left to the write).
 * Judged by `opts.judge`, the room's check (`checkUpdate` of `shared/validate` when unset).
 * With `acrossRows` false, the plan is judged only when it may not fit the size limit
 * ({@link weightBound}): the caller learns of a number read across rows from the room's refusal
 * of the write ({@link refusedForRecords}) and asks again with `acrossRows`.
 *
 * @example
 * const shape = drawShape(doc, planned);
 * for (const r of wholePlanRefusals(doc, planned, shape, (i) => placeWords(records[i], headerRow), { acrossRows: true })) refuse(planned[r.index], r.code, r.reason);
 */
export function wholePlanRefusals(doc: Y.Doc, planned: readonly PlannedWrite[], shape: WriteShape, placeOf: (index: number) => Localized, opts: { acrossRows: boolean; judge?: PlanJudge | undefined }): PlanRefusal[] {
  // Without reading across rows, only a plan that may not fit is judged: the check's net over a
  // large update costs what the room's check of the write costs (seconds for 5,000 rows).
  if (planned.length === 0 || (!opts.acrossRows && fitsWithin(doc, weightBound(planned), Limits.maxDocBytes))) return [];
  const judge = judgeOf(doc, planned, shape, opts.judge);
  const out: PlanRefusal[] = [];
  const sets: { set: number[]; verdict: PlanRefused }[] = [];
  let rest = planned.map((_, i) => i);
  for (let refusal = judge(rest); refusal !== null; refusal = judge(rest)) {
    if (SIZE_CODES.has(refusal.code)) {
      const kept = rest;
      // Rows by count (others added rows meanwhile: the import's own count is made before), bytes by weight.
      const from = refusal.code === 'doc-too-large' ? firstNotFitting(doc, planned, shape, rest) : firstRefused(rest.length, (n) => judge(kept.slice(0, n)) !== null) - 1;
      const now = Y.encodeStateAsUpdate(doc).byteLength;
      const left = rest.slice(from);
      const reason = refusal.code === 'doc-too-large' ? null : refusal.message;
      left.forEach((index, k) => out.push({ index, code: refusal?.code as string, reason: reason ?? sizeWords(now, from, left.length - k - 1) }));
      rest = rest.slice(0, from);
      continue;
    }
    const set = smallestRefusedSet(rest, judge);
    sets.push({ set, verdict: set.length > 1 ? (judge(set) ?? refusal) : refusal });
    const gone = new Set(set);
    rest = rest.filter((i) => !gone.has(i));
  }
  // Worded once the loop is done: what is left of the plan is what is written.
  for (const { set, verdict } of sets) {
    for (const index of set) {
      const others = set.filter((i) => i !== index).map(placeOf);
      out.push({ index, code: verdict.code, reason: others.length === 0 ? verdict.message : togetherWords(verdict, joined(others), rest.length) });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * The position in `rest` of the first record that no longer fits the document's size limit: each
 * record written alone on one copy, in order, under `shape`'s client, weighs its update's bytes
 * (its own header and delete set besides what it adds, so the sum is not less than what the
 * records weigh written together); at least the last record when all seem to fit.
 */
function firstNotFitting(doc: Y.Doc, planned: readonly PlannedWrite[], shape: WriteShape, rest: readonly number[]): number {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    let room = Limits.maxDocBytes - Y.encodeStateAsUpdate(doc).byteLength;
    for (const [k, i] of rest.entries()) {
      const before = Y.encodeStateVector(copy);
      const p = planned[i] as PlannedWrite;
      writeShaped(copy, [{ ...p, rowId: p.rowId || (shape.ids.get(p) ?? '') }], shape);
      room -= Y.encodeStateAsUpdate(copy, before).byteLength;
      if (room < 0) return k;
    }
    return rest.length - 1;
  } finally {
    copy.destroy();
  }
}

const utf8 = new TextEncoder();

/**
 * At least the bytes the update writing `planned` weighs (V1): per cell its key and value (a text's
 * UTF-8 bytes, a number's 9 at most) and 40 bytes of item header, origin or parent and lengths;
 * per new row 80 more (its map item under its id, its position cell); 64 for the update's header.
 */
export function weightBound(planned: readonly PlannedWrite[]): number {
  let bytes = 64;
  for (const p of planned) {
    if (p.isNew) bytes += 80;
    for (const [key, value] of Object.entries(p.values)) bytes += 40 + utf8.encode(key).length + (typeof value === 'string' ? utf8.encode(value).length : 9);
  }
  return bytes;
}

/** Whether `err` is the room's refusal of an import's write for what its records bring (`DocAccess.judgesWrites`): then the records are judged across rows. */
export function refusedForRecords(err: unknown): boolean {
  if (!(err instanceof AppError) || err.status !== 422) return false;
  const code = (err.details as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RECORD_CODES.has(code);
}
