/**
 * A document's rows as JSON, CSV, XLSX or ODS, shared by `GET .../rows` and `samplan export`.
 * With `validated`, rows with errors are left out and the answer says how many
 * (in the JSON body, and in the `X-Samplan-Left-Out` header for CSV, XLSX and ODS). JSON, XLSX and ODS
 * name the version of the document they hold (`file-version.ts`), so that importing the file
 * again keeps what others changed since (`import-base.ts`). An ODS file cannot hold every character
 * a text may (`ods-write.ts`): the answer says which cells lost one (`replaced`, `note`).
 */
import { rowsOfSliced, metaOf } from '../../shared/doc/index.js';
import { slicer } from '../sync/slices.js';
import { isDocKind } from '../../shared/schema/index.js';
import type { DocKind } from '../../shared/schema/types.js';
import type { DocRef, Storage } from '../storage/storage.js';
import { toCsv } from './csv.js';
import type { DocAccess } from './doc-access.js';
import { requireDoc } from './documents.js';
import { unknownKindError } from './errors.js';
import { importRefLookups } from './import-refs.js';
import { problemsOf, rowsWithErrors, workspaceRefs } from './problems-of.js';
import { hasIdColumn, JSON_ROW_ID_KEY, rowsToTable, type Lang, type TableRow } from './table.js';
import { rowsToXlsx } from './xlsx.js';
import { ODS_MEDIA_TYPE, rowsToOds } from './ods-write.js';
import { replacedCellsWords, type ReplacedFirst } from '../../shared/i18n/replaced-cells-words.js';
import type { Localized } from '../../shared/schema/types.js';
import { versionStamp, type FileVersion } from './file-version.js';
import type { ExportFormat } from './export-formats.js';

/** Options of {@link exportDocument}. */
export interface ExportOptions {
  format: ExportFormat;
  lang: Lang;
  /** CSV for Swedish Excel: `;` between fields and a decimal comma. */
  semicolon: boolean;
  /** Leave out rows with errors. */
  validated: boolean;
}

/** An export ready to send or write. */
export interface ExportResult {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
  rowCount: number;
  /** Rows left out because they have errors (validated exports only). */
  leftOut: number;
  /** Cells whose text held a character the format cannot (ODS only: written as U+FFFD); 0 when none. */
  replaced: number;
  /** The first of those cells, when there were any (`X-Samplan-Replaced-First`). */
  replacedFirst?: ReplacedFirst;
  /** What happened to those cells, in words, when there were any. */
  note?: Localized;
}

/**
 * Export one document.
 *
 * @example
 * const out = await exportDocument(storage, docs, { workspace: 'hbi-stockholm', doc: 'aktivitetsplan-vc-tensta' },
 *   { format: 'csv', lang: 'sv', semicolon: true, validated: true });
 */
export async function exportDocument(storage: Storage, docs: DocAccess, ref: DocRef, opts: ExportOptions): Promise<ExportResult> {
  const record = await requireDoc(storage, ref);
  if (!isDocKind(record.kind)) throw unknownKindError(ref.doc);
  const kind: DocKind = record.kind;
  const refs = opts.validated ? await workspaceRefs(storage, docs, ref.workspace) : null;
  // The version the file holds is read before the rows, and the document's live room (when there
  // is one) takes in what other processes or the CLI stored before the rows are read: the rows then
  // hold at least that version, and an edit stored in between is taken for a later one. A version
  // newer than the rows would let an import of the file write over the edits between them (`import-base.ts`).
  const version: FileVersion = { ...ref, seq: (await storage.lastSeqs(ref.workspace, [ref.doc])).get(ref.doc) ?? 0, createdMs: Date.parse(record.createdAt) };
  await docs.catchUp?.(ref);
  // The rows are read a piece at a time (`rowsOfSliced`): read in one call, a plan of 10,000 rows
  // held every other document's edits for all of it.
  const { rows, leftOut, meta } = await docs.read(ref, async (doc) => {
    const all: TableRow[] = (await rowsOfSliced(doc, slicer())).map((r) => ({ id: r.id, values: r.values }));
    if (!refs) return { rows: all, leftOut: 0, meta: metaOf(doc) };
    const bad = rowsWithErrors(problemsOf(doc, ref.doc, refs));
    const kept = all.filter((r) => !bad.has(r.id));
    return { rows: kept, leftOut: all.length - kept.length, meta: metaOf(doc) };
  });
  const base = ref.doc;
  if (opts.format === 'json') {
    const body = JSON.stringify({
      document: { workspace: ref.workspace, id: ref.doc, kind, title: meta?.title ?? record.title, ownerUnit: record.ownerUnit, version: version.seq, createdAt: record.createdAt },
      validated: opts.validated,
      leftOut,
      ...(opts.validated && leftOut > 0 ? { note: `${leftOut} rows with errors were left out.` } : {}),
      // A catalog's `id` is its indicator id: the row id goes beside it, not under it, so the file imported again updates these rows.
      rows: rows.map((r) => (hasIdColumn(kind) ? { [JSON_ROW_ID_KEY]: r.id, ...r.values } : { id: r.id, ...r.values })),
    });
    return { body, contentType: 'application/json; charset=utf-8', filename: `${base}.json`, rowCount: rows.length, leftOut, replaced: 0 };
  }
  // Partner cells store the partner's row id; a file a person reads names the partner.
  const { partner: partners } = await importRefLookups(storage, docs, ref.workspace, kind);
  if (opts.format === 'csv') {
    const table = rowsToTable(kind, rows, { lang: opts.lang, decimalComma: opts.semicolon, partners });
    const body = toCsv(table, opts.semicolon ? ';' : ',');
    return { body, contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, rowCount: rows.length, leftOut, replaced: 0 };
  }
  const sheet = { lang: opts.lang, title: meta?.title ?? record.title, partners, keywords: versionStamp(version) };
  if (opts.format === 'ods') {
    const { bytes, replaced } = await rowsToOds(kind, rows, sheet);
    const said = replaced.cells > 0 && replaced.first ? { replacedFirst: replaced.first, note: replacedCellsWords(replaced.cells, replaced.first) } : {};
    return { body: bytes, contentType: ODS_MEDIA_TYPE, filename: `${base}.ods`, rowCount: rows.length, leftOut, replaced: replaced.cells, ...said };
  }
  // A text's characters XML cannot carry are kept, as Excel writes them (`_x000B_`, `xlsx-package.ts`).
  const body = await rowsToXlsx(kind, rows, sheet);
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${base}.xlsx`,
    rowCount: rows.length,
    leftOut,
    replaced: 0,
  };
}
