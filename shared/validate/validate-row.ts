/**
 * Content rules for one row: required, types, enums, ranges, lengths, formats, end ≥ start and
 * references to other documents. The rules are compiled once per kind into plain closures, so
 * checking a row allocates nothing unless it finds a problem (zod would allocate per cell;
 * `rowSchema` stays the contract for edges, this is the fast path for whole documents).
 */
import { TYPE_NAMES, type MessageKey } from '../i18n/messages.js';
import { localized, type MessageValues } from '../i18n/t.js';
import { isKnownKommun, isKommunCode } from '../catalog/kommuner.js';
import { valueDecimals } from '../indicators/round.js';
import { isIsoDate } from '../normalize/excel-date.js';
import { choiceHint, PICK_FROM_LIST } from '../normalize/enum-lookup.js';
import {
  DEFAULT_TEXT_LENGTH,
  EMAIL_PATTERN,
  LONGTEXT_LENGTH,
  PERIOD_PATTERN,
  PHONE_PATTERN,
  UNIT_PATTERN,
} from '../schema/formats.js';
import { cellColumnKeys, cellColumns } from '../schema/index.js';
import type { CellColumn, CellValue, DocKind, Localized, RowValues } from '../schema/types.js';
import { isKnownPartner, type CrossRefs } from './cross-refs.js';
import { codedColumns, countColumns, splitPersonnummer } from './split-personnummer.js';
import type { Problem, Severity } from './problem.js';

/** Where problems go, and what they belong to. */
interface Sink {
  docId: string;
  rowId: string;
  refs: CrossRefs | undefined;
  out: Problem[];
}

/** Checks one present (non-null) value. */
type Check = (value: Exclude<CellValue, null>, sink: Sink) => void;

interface CompiledColumn {
  key: string;
  required: boolean;
  check: Check;
}

interface CompiledKind {
  columns: readonly CompiledColumn[];
  keys: ReadonlySet<string>;
  rowRules: readonly ((values: RowValues, sink: Sink) => void)[];
}

/**
 * A problem `code` on `column`, in the words of the message `code`, or of `words` where another
 * message says it (`too-long` in the words of `too-long-saved`): `params` are that message's
 * values, checked by the compiler for every key `words` may be at run time.
 */
function report<W extends MessageKey>(sink: Sink, column: string | null, code: MessageKey, words: W, params: MessageValues<W>, severity: Severity = 'error'): void {
  sink.out.push({ doc: sink.docId, rowId: sink.rowId, column, severity, code, message: localized(words, params) });
}

function compileColumn(col: CellColumn): Check {
  const def = col.column;
  const key = col.key;
  const header = col.header;
  /** The column and the value as every cell's message names them. */
  const cell = (value: unknown) => ({ column: header, value: String(value) });
  const expect = (expected: Localized) => (sink: Sink) => report(sink, key, 'type', 'type', { column: header, expected });

  if (col.option || def.type === 'boolean' || def.type === 'multi') {
    const wrong = expect(TYPE_NAMES.x);
    return (v, sink) => {
      if (typeof v !== 'boolean') wrong(sink);
    };
  }
  if (def.type === 'integer' || def.type === 'number') {
    const integer = def.type === 'integer';
    const min = typeof def.min === 'number' ? def.min : -Infinity;
    const max = typeof def.max === 'number' ? def.max : Infinity;
    return (v, sink) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) report(sink, key, 'not-number', integer ? 'not-whole-number' : 'not-number', cell(v));
      else if (integer && !Number.isInteger(v)) report(sink, key, 'not-integer', 'not-integer', cell(v));
      else if (v < min) report(sink, key, 'below-min', 'below-min', { ...cell(v), min });
      else if (v > max) report(sink, key, 'above-max', 'above-max', { ...cell(v), max });
    };
  }
  if (def.type === 'date') {
    const min = typeof def.min === 'string' ? def.min : '';
    const max = typeof def.max === 'string' ? def.max : '9999-12-31';
    return (v, sink) => {
      if (typeof v !== 'string' || !isIsoDate(v)) report(sink, key, 'not-date', 'not-date', cell(v));
      else if (v < min) report(sink, key, 'below-min', 'below-min', { ...cell(v), min });
      else if (v > max) report(sink, key, 'above-max', 'above-max', { ...cell(v), max });
    };
  }
  if (def.type === 'period') {
    return (v, sink) => {
      if (typeof v !== 'string' || !PERIOD_PATTERN.test(v)) report(sink, key, 'not-period', 'not-period', cell(v));
    };
  }
  if (def.type === 'enum') {
    const allowed = new Set((def.options ?? []).map((o) => o.value));
    return (v, sink) => {
      if (typeof v !== 'string' || !allowed.has(v)) report(sink, key, 'enum', 'enum', { ...cell(v), hint: typeof v === 'string' ? choiceHint(def, v) : PICK_FROM_LIST });
    };
  }
  if (def.catalog === 'kommun') {
    // Kommun codes are checked against the national list, not the workspace's units (clinics).
    return (v, sink) => {
      if (typeof v !== 'string' || !isKommunCode(v)) report(sink, key, 'not-kommun', 'not-kommun', cell(v));
      else if (!isKnownKommun(v)) report(sink, key, 'unknown-kommun', 'unknown-kommun', cell(v), 'warning');
    };
  }
  // Every remaining type is text, with an optional format and an optional reference.
  const maxLength = def.maxLength ?? (def.type === 'longtext' ? LONGTEXT_LENGTH : DEFAULT_TEXT_LENGTH);
  const wrong = expect(TYPE_NAMES.text);
  const format =
    def.type === 'email'
      ? { pattern: EMAIL_PATTERN, code: 'not-email' as const }
      : def.type === 'phone'
        ? { pattern: PHONE_PATTERN, code: 'not-phone' as const }
        : def.type === 'unit'
          ? { pattern: UNIT_PATTERN, code: 'not-unit' as const }
          : undefined;
  // An unknown owning unit makes the row nobody's; an unknown partner kommun is only a hint.
  const unitSeverity: Severity = def.required ? 'error' : 'warning';
  const ref =
    def.type === 'partner-ref'
      ? { set: 'partners' as const, code: 'unknown-partner' as const, severity: 'warning' as const }
      : def.type === 'indicator-ref'
        ? { set: 'indicators' as const, code: 'unknown-indicator' as const, severity: 'error' as const }
        : def.type === 'unit'
          ? { set: 'units' as const, code: 'unknown-unit' as const, severity: unitSeverity }
          : undefined;
  return (v, sink) => {
    if (typeof v !== 'string') return wrong(sink);
    // The doc holds such a text in full (a rule, not a limit): the words say it is saved.
    if (v.length > maxLength) return report(sink, key, 'too-long', 'too-long-saved', { column: header, length: v.length, max: maxLength });
    if (format && !format.pattern.test(v)) return report(sink, key, format.code, format.code, cell(v));
    if (!ref) return;
    // A partner is stored by id, or by name from before ids: both are taken (see cross-refs.ts).
    const partners = ref.set === 'partners' ? sink.refs?.partners : undefined;
    const known = ref.set === 'partners' ? partners && isKnownPartner(partners, v) : sink.refs?.[ref.set]?.has(v);
    if (known === false) report(sink, key, ref.code, ref.code, cell(v), ref.severity);
  };
}

function compileRowRules(kind: DocKind): CompiledKind['rowRules'] {
  const keys = cellColumnKeys(kind);
  const rules: CompiledKind['rowRules'][number][] = [];
  // A personnummer split over two to four neighbouring cells (`811218` | `9876`, `1981` | `1218` |
  // `9876`) passes every cell's guard: the row says so, on the run's last cell (see `split-personnummer.ts`).
  const order = cellColumns(kind).map((c) => c.key);
  const counts = countColumns(kind);
  const coded = codedColumns(kind);
  rules.push((values, sink) => {
    const split = splitPersonnummer(values, order, counts, coded);
    if (split === null) return;
    const first = headerOf(kind, split.first);
    const second = headerOf(kind, split.second);
    // A reservnummer (`split-reserve.ts`) is named as one: its holder need not read "personnummer" as theirs.
    const reserve = split.found.kind === 'reservnummer';
    if (split.third === undefined) report(sink, split.second, 'split-personnummer', reserve ? 'split-reservnummer' : 'split-personnummer', { first, second });
    else if (split.fourth === undefined) report(sink, split.third, 'split-personnummer', reserve ? 'split-reservnummer-three' : 'split-personnummer-three', { first, second, third: headerOf(kind, split.third) });
    else report(sink, split.fourth, 'split-personnummer', 'split-personnummer-four', { first, second, third: headerOf(kind, split.third), fourth: headerOf(kind, split.fourth) });
  });
  if (keys.has('startDate') && keys.has('endDate')) {
    rules.push((values, sink) => {
      const start = values.startDate;
      const end = values.endDate;
      // Only compare two valid dates; a malformed one is already reported on its own cell.
      if (typeof start === 'string' && typeof end === 'string' && end < start && isIsoDate(start) && isIsoDate(end)) {
        report(sink, 'endDate', 'end-before-start', 'end-before-start', { start, end });
      }
    });
  }
  if (kind === 'indicator-values') {
    // A value outside the catalog's declared range for its indicator (a share of 250 % where the
    // catalog says 0–100, a negative count), or a count with a part: a warning, the value is kept.
    rules.push((values, sink) => {
      const { indicator, value } = values;
      if (typeof indicator !== 'string' || typeof value !== 'number') return;
      const range = sink.refs?.indicatorBounds?.get(indicator);
      if (!range) return;
      // The value as a number: each language writes it (`numberText`), `-3,5` in a Swedish sentence, `-3.5` in an English one.
      const params = { column: headerOf(kind, 'value'), value, indicator: range.name };
      if (range.min !== null && value < range.min) report(sink, 'value', 'below-min', 'indicator-below-min', { ...params, min: range.min }, 'warning');
      else if (range.max !== null && value > range.max) report(sink, 'value', 'above-max', 'indicator-above-max', { ...params, max: range.max }, 'warning');
      // A count (unit `antal`, `st`: shown without decimals everywhere, `round.ts`) with a part:
      // `12,5` hälsosamtal is kept as typed and said, never rounded without a word.
      else if (range.unit && valueDecimals(range.unit) === 0 && !Number.isInteger(value)) {
        report(sink, 'value', 'not-whole-count', 'not-whole-count', { ...params, unit: range.unit.trim() }, 'warning');
      }
    });
  }
  if (kind === 'indicator-catalog') {
    rules.push((values, sink) => {
      const { min, max } = values;
      if (typeof min === 'number' && typeof max === 'number' && min > max) {
        report(sink, 'max', 'min-above-max', 'min-above-max', { min, max });
      }
    });
  }
  return rules;
}

const compiled = new Map<DocKind, CompiledKind>();

function compile(kind: DocKind): CompiledKind {
  let c = compiled.get(kind);
  if (!c) {
    c = {
      columns: cellColumns(kind).map((col) => ({
        key: col.key,
        required: col.column.required === true,
        check: compileColumn(col),
      })),
      keys: cellColumnKeys(kind),
      rowRules: compileRowRules(kind),
    };
    compiled.set(kind, c);
  }
  return c;
}

const headerOf = (kind: DocKind, key: string) => cellColumns(kind).find((c) => c.key === key)?.header ?? key;

/**
 * Checks one row of a `kind` document and returns its problems (none when the row is fine).
 * Missing and null cells are fine unless the column is required; an empty string counts as
 * missing. Keys the kind does not know are reported as warnings. Reference checks run only
 * for the sets `refs` provides.
 *
 * @example
 * validateRow('activity-plan', 'doc-1', 'r1', { title: 'Hälsodag', type: 'halsodag', partner: 'aktor-sfi' }, crossRefsFrom({ partners }))
 */
export function validateRow(kind: DocKind, docId: string, rowId: string, values: RowValues, refs?: CrossRefs): Problem[] {
  const out: Problem[] = [];
  rowChecker(kind, docId, refs, out)(rowId, values);
  return out;
}

/**
 * A checker for many rows of one document that appends to `out`. It reuses one context for
 * every row, so checking a valid row allocates nothing; `validateDoc` uses it for whole documents.
 */
export function rowChecker(
  kind: DocKind,
  docId: string,
  refs: CrossRefs | undefined,
  out: Problem[],
): (rowId: string, values: RowValues) => void {
  const c = compile(kind);
  const sink: Sink = { docId, rowId: '', refs, out };
  return (rowId, values) => {
    sink.rowId = rowId;
    for (const col of c.columns) {
      const v = values[col.key];
      if (v === undefined || v === null || v === '') {
        if (col.required) report(sink, col.key, 'required', 'required', { column: headerOf(kind, col.key) });
        continue;
      }
      col.check(v, sink);
    }
    for (const rule of c.rowRules) rule(values, sink);
    for (const key in values) {
      if (!c.keys.has(key)) report(sink, key, 'unknown-column', 'unknown-column', { column: key }, 'warning');
    }
  };
}
