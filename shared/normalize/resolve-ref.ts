/**
 * A reference cell as typed (a name or an id, any case and spacing) resolved to the id its list
 * stores, the one rule for every place a person types one: the pane reading Excel
 * (`addin/excel/sheet/cell-values.ts`) and the server's import (`server/http/import-rows.ts`).
 */
import { trimAround } from './trim-around.js';
import { localized } from '../i18n/t.js';
import type { CellColumn, Localized } from '../schema/types.js';
import { normalizeCell, type NormalizeContext, type NormalizeResult } from './normalize-cell.js';
import { orList, type RefLookup } from './ref-lookup.js';

/**
 * Normalises `raw` for `column`, reading it as an entry of `lookup` when the column is a
 * reference column and its list is known: an id or a name of the list gives the id (`how:
 * 'ref-from-name'` when it was a name); a form the normaliser reads that the list accepts (a
 * kommun code written as 127) is kept; anything else fails with `unknown-ref` and up to three
 * closest names as a hint ("Menade du …?"). Without a list, or for an empty cell, it is
 * `normalizeCell`'s answer.
 *
 * @example
 * resolveRef(unitColumn, 'tensta VÅRDCENTRAL', units) // { ok: true, value: 'vc-tensta', how: 'ref-from-name' }
 */
export function resolveRef(column: CellColumn, raw: unknown, lookup: RefLookup | undefined, ctx: NormalizeContext = {}): NormalizeResult {
  const text = typeof raw === 'string' ? trimAround(raw) : typeof raw === 'number' ? String(raw) : '';
  if (!lookup || !column.column.ref || text === '') return normalizeCell(column, raw, ctx);
  const byName = lookup.idOf(text);
  if (byName !== undefined) return byName === text ? { ok: true, value: byName } : { ok: true, value: byName, how: 'ref-from-name' };
  const normalized = normalizeCell(column, raw, ctx);
  if (normalized.ok && typeof normalized.value === 'string' && lookup.valid(normalized.value)) return normalized;
  return unknownRef(column, text, lookup.closest(text));
}

/** The problem of a name its list does not hold, suggesting the closest names: `unknown-ref`, its sentence in both languages. */
export function unknownRef(column: CellColumn, text: string, closest: readonly string[]): { ok: false; code: 'unknown-ref'; message: Localized } {
  const hint = closest.length === 0
    ? { sv: 'Välj ett namn ur listan.', en: 'Pick a name from the list.' }
    : { sv: `Menade du ${orList(closest, 'sv')}?`, en: `Did you mean ${orList(closest, 'en')}?` };
  return { ok: false, code: 'unknown-ref', message: localized('unknown-ref', { column: column.column.header, value: text, hint }) };
}

