/** Writing stored cell values back into Excel. */
import type { Lang } from '../i18n/t.js';
import type { CellColumn, CellValue } from '../schema/types.js';

/** A value as written into an Excel cell. */
export type ExcelValue = string | number;

/**
 * The Excel form of a stored value, the inverse of `normalizeCell`:
 * x-columns → `'x'` or `''`; enums → the option's label in `lang` (what the dropdown shows;
 * an unknown stored value is written as it is, so nothing disappears); numbers as numbers;
 * dates, periods and text as text; null → `''`.
 *
 * Write period and unit columns with the text number format (`@`), or Excel turns `2024` and
 * `0127` into numbers.
 */
export function formatCell(col: CellColumn, value: CellValue, lang: Lang): ExcelValue {
  const type = col.column.type;
  if (col.option || type === 'boolean' || type === 'multi') return value === true ? 'x' : '';
  if (value === null) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'x' : '';
  if (type === 'enum') {
    const option = col.column.options?.find((o) => o.value === value);
    return option ? option.label[lang] : value;
  }
  return value;
}
