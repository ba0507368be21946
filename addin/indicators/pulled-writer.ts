/**
 * The Excel requests of a pulled table (indicators; a round's completeness or roll-up, whose
 * columns come as a {@link PulledShape}). Every request lifts the sheet's protection when it is on,
 * writes with events off (nothing of ours comes back as a user edit), protects the sheet again and
 * makes exactly one `context.sync()`. Whether the protection is on is known without asking: what
 * the last request left, or what `findPulled` (`pulled-find.ts`) read; `unprotect()` is never sent for an
 * unprotected sheet, which Excel refuses with `AccessDenied` since the regression of office-js
 * issue #6784 (and `protect()` for a protected one). A write bigger than Excel's payload limit is split into
 * several requests; an ordinary update is one.
 */
import { quietRequest } from '../excel/sheet/quiet-request.js';
import { queueRowDeletes } from '../excel/sheet/row-deletes.js';
import { queueLift, queueProtect, SAMPLAN_PROTECTION as PROTECTION } from '../excel/sheet/sheet-protection.js';
import type { ExcelRun, SyncCounter } from '../excel/sheet/types.js';
import { estimateBytes, packRequests, splitBlock, type Block } from '../excel/sheet/write-plan.js';
import { HEADER_ROW, PULLED_COLUMNS, TITLE_ROW, WIDTH, type Cell, type Lang } from './pulled-layout.js';
import type { FoundPulled, PulledTarget } from './pulled-find.js';
import type { TableDiff } from './table-diff.js';
import { SaidError, type SaidWords } from '../../shared/i18n/said-error.js';

/** Re-exported for the pulls (`pull-table.ts`, `pull-round-table.ts`). */
export type { PulledTarget } from './pulled-find.js';
export type { SyncCounter } from '../excel/sheet/types.js';

/** The columns of a pulled table: how many, each one's number format and width (px), and which are hidden. */
export interface PulledShape {
  width: number;
  numberFormats: readonly string[];
  columnWidths: readonly number[];
  hidden?: readonly boolean[];
}

/** Stay well under Excel's ~5 MB request limit. */
const BUDGET = 3 * 1024 * 1024;
const TOP = HEADER_ROW + 1;
/** The pulled indicator table's columns (`pulled-layout.ts`): the code columns at the right are hidden. */
export const INDICATOR_SHAPE: PulledShape = {
  width: WIDTH,
  numberFormats: PULLED_COLUMNS.map((c) => c.numberFormat),
  columnWidths: PULLED_COLUMNS.map((c) => c.width),
  hidden: PULLED_COLUMNS.map((c) => c.hidden === true),
};

type Write = (sheet: Excel.Worksheet, table: Excel.Table, context: Excel.RequestContext) => void;

/** The pulled table: by its id when known (a name the manager changed does not matter), else by name. */
function tableOf(context: Excel.RequestContext, target: PulledTarget): Excel.Table {
  return context.workbook.tables.getItem(target.tableId ?? target.tableName);
}

/**
 * One write: lifts the protection when it is on, writes, protects. When lifting it was refused,
 * nothing was changed (it is the request's first command): a sheet the manager unprotected since
 * (`AccessDenied`, office-js #6784) is written once more without lifting; a password (Excel's
 * `InvalidArgument`, or that second try refused too) throws {@link PulledSheetLocked}.
 */
async function request(run: ExcelRun, target: PulledTarget, counter: SyncCounter, write: Write): Promise<void> {
  const lang = target.lang ?? 'sv';
  const lift = target.sheetProtected !== false;
  // The sheet is reached through the table, and its name read back: a sheet the manager renamed
  // is followed, and `target.sheetName` says its name now.
  let sheetNow: Excel.Worksheet | null = null;
  const send = (): Promise<void> =>
    quietRequest(
      run,
      (context, quietSync) =>
        quietSync(() => {
          const table = tableOf(context, target);
          const sheet = table.getRange().worksheet;
          const known = { own: lift };
          queueLift(sheet, known, 'own');
          write(sheet, table, context);
          queueProtect(sheet, known, 'own', PROTECTION);
          sheetNow = sheet.load('name');
        }),
      counter,
    );
  try {
    await send();
    target.sheetName = (sheetNow as Excel.Worksheet | null)?.name ?? target.sheetName;
  } catch (error) {
    const refused = liftRefused(error);
    if (!lift || refused === null) throw error;
    if (refused === 'InvalidArgument') throw PulledSheetLocked.own(target, lang);
    target.sheetProtected = false;
    try {
      await request(run, target, counter, write);
    } catch (again) {
      // Protected after all, and the lift refused: a password, on a host that words it so.
      target.sheetProtected = undefined;
      throw codeOf(again) === 'AccessDenied' ? PulledSheetLocked.own(target, lang) : again;
    }
    return;
  }
  target.sheetProtected = true;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/** Excel's code when `error` is a refused `unprotect()`, else null. */
function liftRefused(error: unknown): 'InvalidArgument' | 'AccessDenied' | null {
  const code = codeOf(error);
  const at = (error as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo?.errorLocation;
  if (at !== 'WorksheetProtection.unprotect') return null;
  return code === 'InvalidArgument' || code === 'AccessDenied' ? code : null;
}

function writeMeta(sheet: Excel.Worksheet, meta: readonly string[]): void {
  sheet.getRangeByIndexes(TITLE_ROW, 0, meta.length, 1).values = meta.map((line) => [line]);
}

function writeBlocks(sheet: Excel.Worksheet, blocks: readonly Block[]): void {
  for (const b of blocks) sheet.getRangeByIndexes(TOP + b.row, b.col, b.values.length, b.values[0]?.length ?? 0).values = b.values;
}

/** One number format per column over `count` body rows from `row`. */
function formatRows(sheet: Excel.Worksheet, row: number, count: number, shape: PulledShape): void {
  for (const [c, format] of shape.numberFormats.entries()) {
    // A single code applies to the whole range; a full matrix would cost a payload per cell.
    sheet.getRangeByIndexes(TOP + row, c, count, 1).numberFormat = format as unknown as string[][];
  }
}

/**
 * A sheet protected with a password, which Samplan does not know, stands in the way: the pulled
 * table's own sheet (`own`: it cannot be written), or the sheet an earlier table of the same name
 * stands on when the pull goes to another sheet (that table cannot be removed; table names are
 * workbook-wide). Thrown before anything in the workbook is changed; `message` says what to do,
 * in the pull's language.
 */
export class PulledSheetLocked extends SaidError {
  constructor(readonly tableName: string, readonly sheetName: string, lang: Lang, words?: SaidWords) {
    super(
      words ?? {
        sv: `Tabellen "${tableName}" står kvar på bladet "${sheetName}", som är skyddat med lösenord, så Samplan kan inte ta bort den där. Ta bort bladskyddet på "${sheetName}" (Granska → Ta bort skydd för blad) eller tabellen där, och hämta tabellen igen. Inget i arbetsboken har ändrats.`,
        en: `The table "${tableName}" still stands on sheet "${sheetName}", which is protected with a password, so Samplan cannot remove it there. Unprotect "${sheetName}" (Review → Unprotect Sheet) or delete the table there, and pull the table again. Nothing in the workbook was changed.`,
      },
      lang,
    );
    this.name = 'PulledSheetLocked';
  }

  /** The pulled table's own sheet has a password. */
  static own({ tableName, sheetName }: PulledTarget, lang: Lang): PulledSheetLocked {
    return new PulledSheetLocked(
      tableName,
      sheetName,
      lang,
      {
        sv: `Bladet "${sheetName}", där tabellen "${tableName}" hämtas, är skyddat med lösenord, så Samplan kan inte skriva där. Ta bort bladskyddet på "${sheetName}" (Granska → Ta bort skydd för blad), eller hämta tabellen till ett annat blad. Inget i arbetsboken har ändrats.`,
        en: `The sheet "${sheetName}", where the table "${tableName}" is pulled, is protected with a password, so Samplan cannot write there. Unprotect "${sheetName}" (Review → Unprotect Sheet), or pull the table to another sheet. Nothing in the workbook was changed.`,
      },
    );
  }
}

/** Whether the sheet is protected now (one sync). */
async function isProtected(run: ExcelRun, sheetName: string, counter: SyncCounter): Promise<boolean> {
  return run(async (context) => {
    const protection = context.workbook.worksheets.getItem(sheetName).protection.load('protected');
    counter.syncs++;
    await context.sync();
    return protection.protected;
  });
}

/** Whether the table found is where and as wide as this pull writes it, so it can be kept. */
function keepable(found: FoundPulled, target: PulledTarget, width: number): found is FoundPulled & { place: NonNullable<FoundPulled['place']> } {
  const p = found.place;
  return found.tableExists && p !== undefined && p.sheetName === target.sheetName && p.headerRow === HEADER_ROW && p.column === 0 && p.columns === width;
}

/**
 * Creates the sheet when missing, writes the title lines, header, number formats and rows, makes
 * the Excel table and protects the sheet. An earlier pull's table of the same name where this one
 * goes (same sheet, place and width) is kept and written anew, grown or shrunk to the rows: the
 * manager's formulas that name it (`=SUMMA(SamplanIndikatorer[Värde])`) and what they set on it
 * stay, where deleting it would turn those formulas into `#REF!`. A table elsewhere is replaced.
 */
export async function createPulled(
  run: ExcelRun,
  target: PulledTarget,
  opts: FoundPulled & { header: Cell[]; rows: Cell[][]; meta: readonly string[]; lang?: Lang },
  counter: SyncCounter,
  shape: PulledShape = INDICATOR_SHAPE,
): Promise<void> {
  const width = shape.width;
  const bodyRows = Math.max(1, opts.rows.length);
  // A kept table's rows beyond the new ones are emptied by writing blanks, then deleted.
  const rows = opts.rows.length > 0 ? opts.rows : [new Array<Cell>(width).fill('')];
  const parts = splitBlock({ row: 0, col: 0, values: rows }, BUDGET);
  const first = parts.shift();
  const kept = keepable(opts, target, width) ? opts.place : null;
  const elsewhere = opts.tableExists && !kept && opts.place && opts.place.sheetName !== target.sheetName ? opts.place : undefined;
  const lift = opts.sheetExists && opts.sheetProtected;
  /** The table made anew, its id read back. */
  let made: Excel.Table | null = null;
  // Deleted below and made anew: until the new one's id is read, the old id names nothing (a
  // request refused part-way may leave no table; the next try then makes one, not "gone").
  if (!kept && opts.tableExists) delete target.tableId;
  await quietRequest(
    run,
    (context, quietSync) =>
      quietSync(() => {
        const sheets = context.workbook.worksheets;
        const own = opts.sheetExists ? sheets.getItem(target.sheetName) : null;
        // The lifts come first: refused (a password), nothing was changed.
        const known = { own: lift };
        if (own) queueLift(own, known, 'own');
        if (elsewhere) removeElsewhere(tableOf(context, target), elsewhere, opts.meta.length);
        const sheet = own ?? sheets.add(target.sheetName);
        if (kept) {
          keepTable(tableOf(context, target), sheet, kept.bodyRows, bodyRows, opts.header, opts.meta, shape);
          if (first) writeBlocks(sheet, [first]);
          queueProtect(sheet, known, 'own', PROTECTION);
          return;
        }
        if (opts.tableExists && opts.place?.sheetName === target.sheetName) tableOf(context, target).delete();
        const metaRange = sheet.getRangeByIndexes(TITLE_ROW, 0, opts.meta.length, 1);
        metaRange.numberFormat = '@' as unknown as string[][];
        writeMeta(sheet, opts.meta);
        sheet.getRangeByIndexes(TITLE_ROW, 0, 1, 1).format.font.bold = true;
        sheet.getRangeByIndexes(HEADER_ROW, 0, 1, width).values = [opts.header];
        formatRows(sheet, 0, bodyRows, shape);
        if (first && opts.rows.length > 0) writeBlocks(sheet, [first]);
        const table = sheet.tables.add(sheet.getRangeByIndexes(HEADER_ROW, 0, bodyRows + 1, width), true);
        table.name = target.tableName;
        made = table.load('id');
        table.style = 'TableStyleMedium2';
        for (const [c, px] of shape.columnWidths.entries()) {
          const range = sheet.getRangeByIndexes(HEADER_ROW, c, 1, 1);
          range.format.columnWidth = px;
          // The codes behind the names, for formulas and lookups: kept, out of sight.
          if (shape.hidden?.[c]) range.columnHidden = true;
        }
        sheet.freezePanes.freezeRows(HEADER_ROW + 1);
        queueProtect(sheet, known, 'own', PROTECTION);
      }),
    counter,
  ).catch(async (error: unknown) => {
    const lang = opts.lang ?? 'sv';
    if (liftRefused(error) === null) throw error;
    // Which lift was refused: the own sheet's comes first, so it is still protected then.
    if (lift && (!elsewhere?.on.protected || (await isProtected(run, target.sheetName, counter)))) throw PulledSheetLocked.own({ ...target, lang }, lang);
    if (elsewhere?.on.protected) {
      if (lift) await request(run, { ...target, sheetProtected: false }, counter, () => undefined);
      throw new PulledSheetLocked(target.tableName, elsewhere.on.name, lang);
    }
    throw error;
  });
  target.sheetProtected = true;
  if (made) target.tableId = (made as Excel.Table).id;
  // The rows beyond the first request's budget, if any (`packRequests` of none is one empty
  // group: sent, it would lift and protect the sheet again for nothing, one more sync).
  if (parts.length === 0) return;
  for (const group of packRequests(parts, (b) => estimateBytes(b.values), BUDGET)) {
    await request(run, target, counter, (sheet) => writeBlocks(sheet, group));
  }
}

/**
 * Queues the removal of the pulled `table` from the other sheet it stands on, first in
 * the request, before anything is written (a failure leaves the workbook as it was). Table names
 * are workbook-wide, so the new table cannot be made while it stands. An earlier pull's sheet is
 * protected, where Excel refuses to delete a table (`AccessDenied`): its protection is lifted for
 * the delete and put back as Samplan sets it; a sheet the manager had unprotected stays so. When
 * the table stood where a pull puts it, the pull's `titleLines` title lines above it go too (the
 * cells the pull wrote, values and formats; nothing else on that sheet).
 */
function removeElsewhere(table: Excel.Table, place: NonNullable<FoundPulled['place']>, titleLines: number): void {
  const where = table.getRange().worksheet;
  // As `findPulled` read it: lifted only when on, put back only then (office-js #6784).
  const known = { on: place.on.protected };
  queueLift(where, known, 'on');
  table.delete();
  if (place.headerRow === HEADER_ROW && place.column === 0 && titleLines > 0) where.getRangeByIndexes(TITLE_ROW, 0, titleLines, 1).clear();
  if (place.on.protected) queueProtect(where, known, 'on', PROTECTION);
}

/**
 * Queues, for a kept table with `have` body rows, the title lines and header, its body grown or
 * shrunk to `need` rows, and every body row formatted like a new one (the values follow).
 */
function keepTable(table: Excel.Table, sheet: Excel.Worksheet, have: number, need: number, header: Cell[], meta: readonly string[], shape: PulledShape): void {
  writeMeta(sheet, meta);
  sheet.getRangeByIndexes(HEADER_ROW, 0, 1, shape.width).values = [header];
  if (have > need) queueRowDeletes(table, Array.from({ length: have - need }, (_, i) => need + i));
  if (have < need) table.rows.add(undefined, Array.from({ length: need - have }, () => new Array<Cell>(shape.width).fill('')));
  formatRows(sheet, 0, need, shape);
}

/**
 * Applies a diff and the new title lines: deletes, inserts (formatted like the rest), then the
 * changed cells. One request (one sync) unless the changed cells exceed the payload budget.
 */
export async function writeDiff(run: ExcelRun, target: PulledTarget, diff: TableDiff, meta: readonly string[], counter: SyncCounter, shape: PulledShape = INDICATOR_SHAPE): Promise<void> {
  const blocks = diff.blocks.flatMap((b) => splitBlock(b, BUDGET));
  const groups = packRequests(blocks, (b) => estimateBytes(b.values), BUDGET);
  const [first = [], ...rest] = groups;
  await request(run, target, counter, (sheet, table) => {
    writeMeta(sheet, meta);
    queueRowDeletes(table, diff.deletes);
    for (const run of diff.inserts) {
      table.rows.add(run.at, Array.from({ length: run.count }, () => new Array<Cell>(shape.width).fill('')));
      formatRows(sheet, run.at, run.count, shape);
    }
    writeBlocks(sheet, first);
  });
  for (const group of rest) await request(run, target, counter, (sheet) => writeBlocks(sheet, group));
}
