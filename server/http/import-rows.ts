/**
 * Importing rows from CSV, XLSX or JSON into a document, shared by `POST .../import` and
 * `samplan import`. Each record is matched by its `id` column when the document has that row
 * (update), else appended (import). Every value goes through `normalizeCell`; a record that
 * carries a personnummer, a value that cannot be read, or a row of another unit is refused with
 * its reason, and nothing of it is written. With `dryRun` the summary is computed and nothing
 * is written at all. Writes take the sync path, so live clients see the rows arrive.
 */
import { lockedRowMessage } from '../../shared/i18n/round-messages.js';
import { LOCKED_REFUSAL_CODE } from '../../shared/protocol/locked-refusal.js';
import type { LockLookup } from '../sync/row-locks.js';
import { getRow, metaOf, rowCount, ROW_ID_PATTERN } from '../../shared/doc/index.js';
import { Limits } from '../../shared/protocol/limits.js';
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import type { CellValue, Localized, RowValues } from '../../shared/schema/types.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';
import { UNIQUE_KEYS, uniqueKeyOf } from '../../shared/validate/validate-doc.js';
import { canWriteRow } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import { importAuditLine, type ImportAudit } from './import-audit.js';
import { newRowOfOtherUnit, otherUnitsRow } from './import-forbidden.js';
import { rowsByKey, sameKeyWords } from './import-natural-key.js';
import type { DocRecord, DocRef, Storage } from '../storage/storage.js';
import { archivedError, type DocAccess } from './doc-access.js';
import { requireDoc } from './documents.js';
import { IDENTITY_MASK, unknownKindError } from './errors.js';
import { changedCells, checkAll, recordSplitRefusal } from './import-check.js';
import { chooseSheet } from './import-sheet.js';
import type { ImportInput } from './import-read.js';
import { recordsOf } from './import-records.js';
import { importRefLookups, liveListDoc } from './import-refs.js';
import { formerNames, readFormerNames, readFormerRefs } from './import-former-names.js';
import { formerRefNames } from './import-former-refs.js';
import { countHow, formulaNote, hiddenColumnsNote, hiddenRowsNote, noRowsNote, normalizedNotes, totalRowsNote, type ImportSummary, type NormalizedPlaces } from './import-summary.js';
import { takeComputedValue, valueDifference, type ComputedValue } from './import-computed.js';
import { loadIndicatorDefinitions } from './indicator-data.js';
import { planDates } from '../../shared/normalize/plan-year.js';
import { isRowOwned } from '../../shared/protocol/row-owned-kinds.js';
import { PERCENT_NOT_SHARE, percentRefusal } from './import-percent.js';
import { boundsOf, fileRow, noteWarnings, placeWords, rangeWarnings, unknownIdWarning, withPlace, type ImportWarning } from './import-warnings.js';
import { takenMaker, type ImportTaken } from './import-taken.js';
import { baseLostNote, deletedRowItem, importBase, keptCellItem, sortChanged, type ImportLaterEdit } from './import-base.js';
import { unreadWarnings, type UnreadRecord } from './import-unread.js';
import { mergedCellsNote } from './import-merged.js';
import { asWrittenIn, keepUnwritable, unwritableWarning } from './import-lossy.js';
import { planRefusals, riskyIndices, type PlanRefusal, type PlannedWrite } from './import-plan-check.js';
import { drawShape, refusedForRecords, weightBound, wholePlanRefusals, writeShaped } from './import-plan-whole.js';
import { numberText } from '../../shared/i18n/number-words.js';

export { parseJsonRows, readImportBody, readImportFile, type ImportInput } from './import-read.js';
export type { ImportNormalizedNote, ImportRefusal, ImportSummary, ImportUnresolved } from './import-summary.js';
export type { ImportValueDifference } from './import-computed.js';
export type { ImportWarning } from './import-warnings.js';
export type { ImportTaken } from './import-taken.js';
export type { ImportLaterEdit } from './import-base.js';
export type { ImportAudit } from './import-audit.js';

/**
 * A record's planned write, its place in the file (`record`, the id as an answer may show it) and
 * what the answer says of it once the planned update as a whole is judged (`accept`).
 */
type Planned = PlannedWrite & { taken: ImportTaken; record: number; shownId: string | null; accept: () => void };

/** The most a dry run's plan may weigh (`weightBound`) to be read across rows as its write will be (~1,000 rows of a plan): the net over more holds the server for seconds. */
const DRY_RUN_ACROSS_BYTES = 256 * 1024;

/**
 * Import rows into one document. A record updates the row with its `id`, or else the row with
 * its natural key (`UNIQUE_KEYS`: a partner's name, an indicator value's indicator + unit +
 * period + kön), so export → edit → import updates instead of appending; other records are
 * appended. In `indicator-values`, a Värde beside both täljare and nämnare is not stored: the
 * value is computed from them, and a Värde that differs is reported (`import-computed.ts`,
 * `valueDifferences`). The dry run and the real import take the same path up to the
 * write, so they give the same verdict for every record: each is normalised (`normalizeCell`),
 * scanned for a personnummer the way the sync check scans updates (each value, and, as the row
 * will be after it, a number split over two neighbouring cells: `splitRefusal`), checked for the writer's
 * unit, and counted against the document's row limit. A record's personnummer is its refusal
 * whatever else it has wrong (`code` `personnummer`, which makes `samplan import` exit 2).
 * What records bring only together is judged on the whole planned update (`import-plan-whole.ts`):
 * a number the raw-byte net reads across rows refuses the smallest set of records responsible,
 * and past the document's size limit the records from the first that does not fit on are refused,
 * in file order. Over REST a large plan is read across rows only when the room refuses its write:
 * the import is then made again with `acrossRows` (read across rows before the write).
 *
 * With `audit`, a real import's audit line (action `import`, its counts) is stored in the same write as
 * its rows (`DocAccess.write`): both, or neither, so a refused write answers its error and leaves no
 * line; with nothing to write, the line is stored alone.
 *
 * @example
 * const summary = await importIntoDocument(storage, docs, ref, await readImportFile('rader.csv', bytes), { dryRun: true, principal });
 */
export async function importIntoDocument(
  storage: Storage,
  docs: DocAccess,
  ref: DocRef,
  input: ImportInput,
  opts: { dryRun: boolean; principal: Principal | null; now?: Date; locks?: LockLookup | undefined; audit?: ImportAudit; acrossRows?: boolean },
): Promise<ImportSummary> {
  const record: DocRecord = await requireDoc(storage, ref);
  if (!isDocKind(record.kind)) throw unknownKindError(ref.doc);
  // Refused before anything is stored, as a rename is: an import that writes no row still stores its
  // audit line alone, and an archived document takes no change (a dry run is told the same).
  if (record.archivedAt) throw archivedError(ref);
  const kind = record.kind;
  const { input: read, sheet } = chooseSheet(kind, input);
  const { records, numbers, unknown, headerRow, headerWidth, hiddenKeys, filled } = recordsOf(kind, read);
  const separator = 'separator' in read ? read.separator : undefined;
  const encoding = 'encoding' in input ? input.encoding : undefined;
  const written = await asWrittenIn(encoding);
  const summary: ImportSummary = {
    dryRun: opts.dryRun,
    imported: 0,
    updated: 0,
    unchanged: 0,
    ignored: 0,
    refused: [],
    taken: [],
    // Named back as written, except an identity number typed as a header (as error answers do).
    unknownColumns: unknown.map((header) => redactPersonnummer(header, IDENTITY_MASK)),
    rowIds: [],
    format: input.format,
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...(encoding ? { encoding } : {}),
    normalized: {},
    unresolved: [],
    ...(sheet ? { sheet } : {}),
    ...formulaNote(read),
    ...hiddenRowsNote(read, headerRow),
    ...mergedCellsNote(read, headerRow),
    ...hiddenColumnsNote(kind, hiddenKeys ?? []),
    ...noRowsNote(filled, headerRow === undefined),
    ...(kind === 'indicator-values' ? { valueDifferences: [] } : {}),
  };
  const mayWrite = (unit: CellValue | undefined): boolean =>
    opts.principal === null || canWriteRow(opts.principal, record, typeof unit === 'string' ? unit : null);
  const title = await docs.read(ref, (doc) => metaOf(doc)?.title);
  await opts.locks?.prepare(ref.workspace);
  const lockRule = opts.locks?.rulesFor(record) ?? null;
  const lockOf = (values: RowValues): Localized | null => {
    const lock = lockRule?.(values);
    return lock ? lockedRowMessage(lock) : null;
  };
  const lists = await importRefLookups(storage, docs, ref.workspace, kind);
  // A date without its year takes the plan's (its title's) silently, or in a plan of another period
  // than one calendar year the year its period holds the day in, else it is refused; without one it is assumed and said.
  const dates = planDates(title ?? record.title);
  // Ids the guard reads a number in that name a row the document holds: that row's (see `checkRecord`).
  const flaggedIds = records.flatMap((rec) => (rec.id !== null && findPersonnummer(rec.id) !== null ? [rec.id] : []));
  const heldIds = flaggedIds.length === 0 ? new Set<string>() : await docs.read(ref, (doc) => new Set(flaggedIds.filter((id) => getRow(doc, id) !== undefined)));
  const checks = await checkAll(kind, records, { ...dates, now: opts.now ?? new Date() }, lists, new Set(hiddenKeys), (id) => heldIds.has(id));
  const definitions = kind === 'indicator-values' ? await loadIndicatorDefinitions(storage, docs, ref.workspace) : null;
  const bounds = definitions ? boundsOf(definitions) : new Map();
  const taken = takenMaker(kind, headerRow, definitions);
  const warnings: ImportWarning[] = [];
  // The version the file was made from, when it names one (`import-base.ts`): read before the rows now.
  const base = await importBase(storage, ref, record, input.version);
  const versionBase = base && !('lost' in base) ? base : null;
  const importer = opts.principal?.memberId ?? null;
  const memberNames = versionBase ? new Map((await storage.listMembers(ref.workspace)).map((m) => [m.id, m.name])) : new Map<string, string>();
  const laterEdits: ImportLaterEdit[] = [];
  const unread: UnreadRecord[] = [];
  const places: NormalizedPlaces = new Map();

  // A partner renamed since the file was made: its former name, left unresolved, is read as the
  // partner the stored row refers to (`import-former-names.ts`), so an untouched cell is not written.
  const partnerColumns = new Set(cellColumns(kind).flatMap((c) => (c.column.ref === 'partner' ? [c.key] : [])));
  const unresolvedPartner = checks.some((c) => c !== 'empty' && 'unresolved' in c && c.unresolved.some((u) => partnerColumns.has(u.column)));
  const partnerList = unresolvedPartner ? await liveListDoc(storage, ref.workspace, 'partners') : undefined;
  const former = partnerList ? await formerNames(storage, partnerList) : null;

  // A unit or catalogue indicator renamed since the file was typed: its former name, left
  // unresolved, is read as the one unit or indicator that had it (`import-former-names.ts`).
  const renamedRefs = await formerRefNames(storage, ref.workspace, kind, checks, lists);

  const naturalKeys = UNIQUE_KEYS[kind];
  const totals: number[] = [];
  const candidates = await docs.read(ref, (doc) => {
    const plan: Planned[] = [];
    const seen = new Set<string>();
    // Each natural key met, with the record that had it first (named in the refusal of the next).
    const seenKeys = new Map<string, number>();
    const byKey = naturalKeys ? rowsByKey(doc, naturalKeys) : null;
    let room = Limits.maxRows - rowCount(doc);
    records.forEach((rec, i) => {
      const recordNo = numbers[i] ?? i + 1;
      // An id that holds an identity number is refused as such (checkRecord) and never echoed back.
      const shownId = rec.id !== null && findPersonnummer(rec.id) ? null : rec.id;
      // The sentence leads with the record's place in the file ("Rad 5 i filen: …"), as a person looks for it.
      const refuse = (code: string, words: Localized) => {
        const message = withPlace(recordNo, headerRow, words);
        const row = fileRow(recordNo, headerRow);
        summary.refused.push({ record: recordNo, ...(row !== undefined ? { row } : {}), rowId: shownId, code, reason: message.en, message });
      };
      const checked = checks[i];
      if (rec.total) {
        totals.push(recordNo);
        return void summary.ignored++;
      }
      // Values under no header were not read, whatever becomes of the record: said, as unknown columns are.
      if (rec.unread) unread.push({ record: recordNo, unread: rec.unread, rowId: shownId });
      if (checked === 'empty' || checked === undefined) return void summary.ignored++;
      const twice = rec.id !== null && shownId !== null && seen.has(rec.id);
      const refuseTwice = () => refuse('duplicate-id', { sv: `Id "${rec.id}" finns mer än en gång i filen.`, en: `The id "${rec.id}" appears more than once in the file.` });
      if (rec.id) seen.add(rec.id);
      // The stored row a record's values update: by its id, else by its natural key.
      const storedRow = (values: RowValues) => {
        const key = naturalKeys ? uniqueKeyOf(values, naturalKeys) : null;
        return { key, existing: (rec.id ? getRow(doc, rec.id) : undefined) ?? (key !== null ? byKey?.get(key) : undefined) };
      };
      // A personnummer is the refusal of a record that has one, whatever else is wrong with it
      // (a value not read, an id twice, …): the CLI exits 2 for it, as the README promises.
      if ('code' in checked) {
        const split = checked.code === 'personnummer' || !checked.values ? null : recordSplitRefusal(kind, checked.values, storedRow(checked.values).existing?.values, definitions);
        if (split) return refuse(split.code, split.reason);
        return checked.code !== 'personnummer' && twice ? refuseTwice() : refuse(checked.code, checked.reason);
      }
      if (renamedRefs) readFormerRefs(checked, renamedRefs.columns, renamedRefs.names, renamedRefs.known);
      const { key, existing } = storedRow(checked.values);
      if (existing && former) readFormerNames(checked, partnerColumns, [versionBase?.rows.get(existing.id), existing.values], former);
      // A stored text the file's encoding could not write (`?` in its place) is kept, around a change too (`import-lossy.ts`).
      const unwritable = existing && written ? keepUnwritable(checked.values, existing.values, written) : null;
      const split = recordSplitRefusal(kind, checked.values, existing?.values, definitions);
      if (split) return refuse(split.code, split.reason);
      if (twice) return refuseTwice();
      const percent = percentRefusal(kind, checked.values, checked.how, (k) => rec.cells.get(k), definitions ?? undefined);
      if (percent) return refuse(PERCENT_NOT_SHARE, percent);
      const first = key === null ? undefined : seenKeys.get(key);
      if (first !== undefined) {
        return refuse('duplicate-key', sameKeyWords(kind, naturalKeys ?? [], placeWords(first, headerRow)));
      }
      if (key !== null) seenKeys.set(key, recordNo);
      const computed: ComputedValue = definitions ? takeComputedValue(checked.values, definitions, existing?.values) : { kind: 'kept' };
      const tellDifference = () => {
        if (computed.kind === 'differs') summary.valueDifferences?.push(valueDifference(recordNo, shownId, { ...existing?.values, ...checked.values }, computed, headerRow));
      };
      // What is said of a cell is said of a cell written: a row's update says nothing of the cells
      // the file left as stored (an export's `Typ` as its label, `23,5`, a partner by name).
      const accept = (written?: RowValues) => {
        const said = ([k]: readonly [string, ...unknown[]]) => written === undefined || k in written;
        const how = checked.how.filter(said);
        countHow(summary, computed.kind === 'kept' ? how : how.filter(([k]) => k !== 'value'), places, fileRow(recordNo, headerRow) ?? recordNo);
        for (const u of checked.unresolved) if (said([u.column])) summary.unresolved.push({ record: recordNo, ...u });
        tellDifference();
        // A value left as stored is judged anew only against another indicator's range.
        const ranges = rangeWarnings(kind, { ...existing?.values, ...checked.values }, bounds, { record: recordNo, headerRow, rowId: shownId });
        warnings.push(...ranges.filter((w) => said([w.column]) || said(['indicator'])));
        warnings.push(...noteWarnings(checked.notes.filter(said), { record: recordNo, headerRow, rowId: shownId }));
      };
      if (existing) {
        const differs = changedCells(checked.values, existing.values);
        // Cells someone else changed in Samplan after the version the file was made from keep their value (`import-base.ts`).
        const { write: changed, kept } = versionBase ? sortChanged(kind, differs, existing.id, existing.values, versionBase, importer) : { write: differs, kept: [] };
        // A change of the file's own to another unit's row is refused as any is, even where Samplan's value is kept.
        if (kept.some((k) => k.both) && !mayWrite(existing.values.unit)) {
          return refuse('forbidden-row', otherUnitsRow(checked.unresolved));
        }
        // Said of a record written or with nothing to write; a record refused keeps nothing of it but its refusal.
        const keptLater = () => {
          laterEdits.push(...kept.map((k) => keptCellItem(kind, recordNo, headerRow, existing.id, k, memberNames, lists.partner)));
          if (unwritable) warnings.push(unwritableWarning(kind, unwritable, encoding, { record: recordNo, headerRow, rowId: shownId }));
        };
        if (Object.keys(changed).length === 0) {
          keptLater();
          tellDifference();
          if (kept.length === 0) summary.unchanged++;
          return void summary.ignored++;
        }
        const locked = lockOf(existing.values) ?? lockOf({ ...existing.values, ...changed });
        if (locked) return refuse(LOCKED_REFUSAL_CODE, locked);
        if (!mayWrite(existing.values.unit) || ('unit' in changed && !mayWrite(changed.unit))) {
          return refuse('forbidden-row', otherUnitsRow(checked.unresolved));
        }
        plan.push({ rowId: existing.id, isNew: false, values: changed, taken: taken(recordNo, existing.id, 'changed', { ...existing.values, ...changed }), record: recordNo, shownId, accept: () => (keptLater(), accept(changed)) });
      } else {
        // A row of the file's version deleted in Samplan since: not brought back (`import-base.ts`).
        if (versionBase && rec.id !== null && shownId !== null && versionBase.rows.has(rec.id)) {
          laterEdits.push(deletedRowItem(recordNo, headerRow, rec.id, versionBase.authorOf(rec.id, null), memberNames));
          return void summary.ignored++;
        }
        if (isRowOwned(kind) && !mayWrite(checked.values.unit)) {
          return refuse('forbidden-row', newRowOfOtherUnit(checked.unresolved));
        }
        const locked = lockOf(checked.values);
        if (locked) return refuse(LOCKED_REFUSAL_CODE, locked);
        if (room <= 0) {
          return refuse('too-many-rows', { sv: `Dokumentet skulle få fler än ${numberText(Limits.maxRows, 'sv')} rader.`, en: `The document would hold more than ${numberText(Limits.maxRows, 'en')} rows.` });
        }
        room--;
        // An id the guard reads a number in is kept only as the id of a row held (above), never made anew.
        const keepId = rec.id !== null && shownId !== null && ROW_ID_PATTERN.test(rec.id);
        const rowId = keepId ? (rec.id as string) : '';
        // An id that names no row was meant to change one, or was taken from elsewhere: said either way, once the row is taken.
        const acceptNew = () => (shownId !== null && warnings.push(unknownIdWarning(shownId, { record: recordNo, headerRow })), accept());
        plan.push({ rowId, isNew: true, values: checked.values, taken: taken(recordNo, rowId || null, 'added', checked.values), record: recordNo, shownId, accept: acceptNew });
      }
    });
    return plan;
  });
  // The records whose bytes the room's check may read otherwise than their own check did, judged
  // as the room will judge them: one it would refuse is refused alone, the dry run alike.
  const risky = await riskyIndices(candidates);
  const judged: PlanRefusal[] = risky.length === 0 ? [] : await docs.read(ref, (doc) => planRefusals(doc, kind, candidates, risky, docs.judge));
  const refusedAlone = new Set(judged.map((r) => r.index));
  // The rest judged as one update, as it will be written (`import-plan-whole.ts`): records refused
  // only together (a number read across rows, the document's size limit) are refused by name.
  const judging = candidates.filter((_, i) => !refusedAlone.has(i));
  // Read across rows before the write where nothing else will: storage alone does not judge what
  // it is given, and a dry run of a plan small enough to judge at once; else the room's refusal
  // of the write is the sign, and the import is made again judging across rows (below).
  const acrossRows = opts.acrossRows === true || !docs.judgesWrites || (opts.dryRun && weightBound(judging) <= DRY_RUN_ACROSS_BYTES);
  const { shape, together } = await docs.read(ref, (doc) => {
    const drawn = drawShape(doc, judging);
    return { shape: drawn, together: wholePlanRefusals(doc, judging, drawn, (i) => placeWords((judging[i] as Planned).record, headerRow), { acrossRows, judge: docs.judge }) };
  });
  for (const r of together) judged.push({ ...r, index: candidates.indexOf(judging[r.index] as Planned) });
  const refusedAt = new Set(judged.map((r) => r.index));
  for (const r of judged) {
    const p = candidates[r.index] as Planned;
    const message = withPlace(p.record, headerRow, r.reason);
    const row = fileRow(p.record, headerRow);
    summary.refused.push({ record: p.record, ...(row !== undefined ? { row } : {}), rowId: p.shownId, code: r.code, reason: message.en, message });
  }
  if (judged.length > 0) summary.refused.sort((a, b) => a.record - b.record);
  const planned = candidates.filter((_, i) => !refusedAt.has(i));
  for (const p of planned) p.accept();
  Object.assign(summary, totalRowsNote(totals, summary.headerRow), normalizedNotes(kind, summary, places, headerRow === undefined));
  // One warning per column not read, at its first row; a sort is stable, so it leads that record's own.
  const all = [...(headerRow === undefined ? [] : unreadWarnings(unread, headerWidth ?? 0, headerRow, separator)), ...warnings].sort((a, b) => a.record - b.record);
  if (all.length > 0) summary.warnings = all;
  // Items of records written are said once the plan is judged, after those said at once: in file order again.
  laterEdits.sort((a, b) => a.record - b.record);
  if (base) summary.version = 'lost' in base ? { seq: base.seq, laterEdits, lost: baseLostNote(base.seq) } : { seq: base.seq, laterEdits };

  summary.imported = planned.filter((p) => p.isNew).length;
  summary.updated = planned.length - summary.imported;
  const lines = opts.audit && !opts.dryRun ? [importAuditLine(ref, opts.principal, opts.audit, summary)] : undefined;
  if (opts.dryRun || planned.length === 0) {
    summary.rowIds = planned.filter((p) => p.rowId).map((p) => p.rowId);
    summary.taken = planned.map((p) => p.taken);
    // Nothing to write: the line (all refused or unchanged) is stored alone.
    if (lines) await storage.appendAudit(lines.map((line) => ({ ...line, at: (opts.audit?.clock ?? (() => new Date()))().toISOString() })));
    return summary;
  }
  // The rows and the import's audit line in one write: both, or neither.
  try {
    await docs.write(ref, opts.principal, (doc) => writeShaped(doc, planned, shape), lines);
  } catch (err) {
    // Refused for what records bring together, which was not judged before: made again judging across rows.
    if (acrossRows || !refusedForRecords(err)) throw err;
    return importIntoDocument(storage, docs, ref, input, { ...opts, acrossRows: true });
  }
  summary.rowIds = planned.map((p) => p.rowId);
  summary.taken = planned.map((p) => ({ ...p.taken, rowId: p.rowId }));
  return summary;
}
