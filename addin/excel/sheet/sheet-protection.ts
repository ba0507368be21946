/**
 * Lifting and putting back a sheet's protection around Samplan's own writes, acting only on a
 * change. Since the regression of office-js issue #6784, Excel refuses a whole request with
 * `AccessDenied` when it holds `unprotect()` for a sheet that is not protected or `protect()` for
 * one that is; Excel's documented behaviour is that both do nothing. So Samplan keeps what it
 * knows of each sheet's protection ({@link Known}: what a read found in a sync it made anyway —
 * the body read, `findTable`, or the first sync of a request — or what the last request left) and
 * queues `unprotect()` only for a sheet known (or, unknown, taken) to be protected and `protect()`
 * only for one that is not: no request makes a sync more for it. When the person changed it since
 * (Review → Ta bort skydd för blad), Excel refuses the request at its first command, before any
 * change; {@link protectedRequest} then reads the states (one sync), and sends the request once
 * more. A sheet protected with a password, which Samplan does not know, fails with
 * {@link SheetLocked}, whose message says in words what to do.
 */
import { SaidError } from '../../../shared/i18n/said-error.js';
import type { TableLayout } from './layout.js';
import type { ExcelRun, SyncCounter } from './types.js';

/** Whether each sheet is protected (true), not (false), or unknown (absent), by the role the sheet plays. */
export type Known<K extends string> = Partial<Record<K, boolean>>;

/** A binding's sheets: the table's own (`sheet`, reached by `layout.sheetKey`) and the hidden list sheet (`lists`). */
export type BindingSheet = 'sheet' | 'lists';

/** Samplan's protection of a viewer's sheet and of the list sheet: sorting and filtering stay possible. */
export const SAMPLAN_PROTECTION: Excel.WorksheetProtectionOptions = { allowAutoFilter: true, allowSort: true, allowFormatColumns: true };

/**
 * Queues `unprotect()` of `sheet` when `known[key]` says it is protected (unknown: `assume`, what
 * Samplan leaves it as), and notes it unprotected. Queue it first in the request: refused, nothing
 * else has been changed.
 */
export function queueLift<K extends string>(sheet: Excel.Worksheet, known: Known<K>, key: K, assume = true): void {
  if (known[key] ?? assume) sheet.protection.unprotect();
  known[key] = false;
}

/** Queues `protect(options)` of `sheet` unless `known[key]` says it is protected already, and notes it protected. */
export function queueProtect<K extends string>(sheet: Excel.Worksheet, known: Known<K>, key: K, options?: Excel.WorksheetProtectionOptions): void {
  if (known[key] !== true) sheet.protection.protect(options);
  known[key] = true;
}

/**
 * A sheet protected with a password stands in the way of Samplan's writes: `sheetName` (the
 * table's own sheet, or the hidden sheet of its dropdown lists). Nothing was changed; `message`
 * says what to do, in the binding's language. `doing` is what was refused: a `write` (what was to
 * be written waits) or taking the table out (`remove`: nothing was taken out; the person removes
 * the password and asks again).
 */
export class SheetLocked extends SaidError {
  constructor(readonly sheetName: string, lang: 'sv' | 'en', readonly doing: 'write' | 'remove' = 'write') {
    super({ sv: lockedWords(sheetName, 'sv', doing), en: lockedWords(sheetName, 'en', doing) }, lang);
    this.name = 'SheetLocked';
  }
}

function lockedWords(sheetName: string, lang: 'sv' | 'en', doing: 'write' | 'remove'): string {
  if (doing === 'remove') {
    return lang === 'sv'
      ? `Bladet "${sheetName}" är skyddat med lösenord, så Samplan kan inte ta bort tabellen där. Inget har tagits bort. Ta bort lösenordet på "${sheetName}" (Granska → Ta bort skydd för blad) och försök sedan igen.`
      : `The sheet "${sheetName}" is protected with a password, so Samplan cannot take the table out of it. Nothing was removed. Remove the password of "${sheetName}" (Review → Unprotect Sheet), then try again.`;
  }
  return lang === 'sv'
    ? `Bladet "${sheetName}" är skyddat med lösenord, så Samplan kan inte skriva där. Ta bort bladskyddet på "${sheetName}" (Granska → Ta bort skydd för blad); det som ska skrivas väntar tills dess och inget går förlorat.`
    : `The sheet "${sheetName}" is protected with a password, so Samplan cannot write there. Unprotect "${sheetName}" (Review → Unprotect Sheet); what is to be written waits until then and nothing is lost.`;
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function locationOf(error: unknown): unknown {
  return (error as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo?.errorLocation;
}

/** Whether Excel refused a request at lifting a sheet's protection (a password, or office-js #6784 for a sheet not protected). */
export function isLiftRefusal(error: unknown): boolean {
  return locationOf(error) === 'WorksheetProtection.unprotect';
}

/** Whether Excel refused a request for a sheet's protection: a lift or protect refused, or a write into a protected sheet. */
export function isProtectionRefusal(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'AccessDenied') return true;
  return code === 'InvalidArgument' && locationOf(error) === 'WorksheetProtection.unprotect';
}

/**
 * Reads the protection of a binding's sheets (one sync): the table's sheet and, when there, the
 * list sheet; their names for the words of a refusal.
 */
async function readBindingSheets(run: ExcelRun, layout: TableLayout, counter: SyncCounter): Promise<{ state: Known<BindingSheet>; names: Record<BindingSheet, string> }> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(layout.sheetKey).load('name, protection/protected');
    const lists = context.workbook.worksheets.getItemOrNullObject(layout.listSheetName).load('name, protection/protected');
    counter.syncs++;
    await context.sync();
    const state: Known<BindingSheet> = { sheet: sheet.protection.protected };
    if (!lists.isNullObject) state.lists = lists.protection.protected;
    return { state, names: { sheet: sheet.name, lists: layout.listSheetName } };
  });
}

/**
 * Sends `request`, which lifts the protection of the sheets `lifts` (when on) and puts it back
 * with {@link queueLift} / {@link queueProtect} on `layout.protection`. When Excel refuses it for a
 * sheet's protection, reads the states of the binding's sheets (one sync): when one of `lifts`, or
 * the sheet a refused `protect()` or `unprotect()` named, is not as Samplan thought (the person
 * unprotected or protected it since), the request is sent once more, built for the state it is in.
 * A lift refused for a protected sheet of `lifts` (a password: Excel's `InvalidArgument`, or the
 * lift refused with the state as thought, or again) throws {@link SheetLocked} naming it. Any other
 * error, or a refusal of a write into a sheet the request does not lift (an editor's, protected
 * by the person), is thrown on unchanged. After a failure what was noted is forgotten (unknown),
 * in the same `layout.protection` object.
 */
export async function protectedRequest<T>(run: ExcelRun, layout: TableLayout, counter: SyncCounter, lifts: readonly BindingSheet[], request: () => Promise<T>): Promise<T> {
  const known = (layout.protection ??= {});
  const before = { ...known };
  // The same object throughout: a request may hold it.
  const set = (state: Known<BindingSheet>): void => {
    delete known.sheet;
    delete known.lists;
    Object.assign(known, state);
  };
  try {
    return await request();
  } catch (error) {
    set({});
    if (!isProtectionRefusal(error)) throw error;
    const read = await readBindingSheets(run, layout, counter).catch(() => null);
    if (!read) throw error;
    set(read.state);
    const keys = Object.keys(read.state) as BindingSheet[];
    const locked = lifts.find((k) => read.state[k] === true);
    const liftRefused = (e: unknown): boolean => locked !== undefined && locationOf(e) === 'WorksheetProtection.unprotect';
    if (codeOf(error) === 'InvalidArgument' && locked) throw new SheetLocked(read.names[locked], layout.lang);
    const atProtection = String(locationOf(error)).startsWith('WorksheetProtection.');
    const moved = keys.some((k) => before[k] !== read.state[k] && (atProtection || lifts.includes(k)));
    if (!moved) throw liftRefused(error) && locked ? new SheetLocked(read.names[locked], layout.lang) : error;
    try {
      return await request();
    } catch (again) {
      set({});
      throw liftRefused(again) && locked ? new SheetLocked(read.names[locked], layout.lang) : again;
    }
  }
}
