/**
 * The column model every document kind is described in. One definition per kind lives in
 * `shared/schema/kinds/`; the zod row schema, JSON Schema, Excel header row and data-validation
 * lists are all derived from it, never written by hand.
 */

/** The document kinds a workspace holds. */
export const DOC_KINDS = [
  'activity-plan',
  'action-plan',
  'partners',
  'indicator-catalog',
  'indicator-values',
] as const;

/** One of {@link DOC_KINDS}. */
export type DocKind = (typeof DOC_KINDS)[number];

/** A text in both UI languages. Swedish is the default. */
export interface Localized {
  sv: string;
  en: string;
}

/** How a column's values are typed, checked and shown. */
export type ColumnType =
  | 'text' // one line, up to maxLength (default 200)
  | 'longtext' // free text, up to 2,000 characters
  | 'enum' // one of `options`
  | 'multi' // several of `options`; stored as one boolean cell per option (x-columns)
  | 'date' // ISO YYYY-MM-DD
  | 'period' // yyyy, yyyyQn, yyyyMM, yyyySn
  | 'integer'
  | 'number'
  | 'boolean'
  | 'email'
  | 'phone'
  | 'unit' // a unit code of the workspace (clinic id, kommun code)
  | 'partner-ref' // the row id of a row in the workspace's partner list (a name, stored before ids, is still read: cross-refs.ts)
  | 'indicator-ref'; // the id of an indicator in the indicator catalog

/** The lists reference columns point into; see {@link ColumnDef.ref}. */
export const REF_SOURCES = ['partner', 'indicator', 'unit', 'kommun'] as const;

/** One of {@link REF_SOURCES}. */
export type RefSource = (typeof REF_SOURCES)[number];

/** One allowed value of an enum or multi-choice column. */
export interface ColumnOption {
  /** Stored value; stable, ASCII, kebab-case. */
  value: string;
  label: Localized;
  /**
   * The option's part of an x-column header in the sheet ("Levnadsvana: Tobak"), when it differs
   * from the label: a header is how the binding finds its columns in workbooks made earlier, so
   * it stays when a label is renamed. Defaults to the label.
   */
  sheetHeader?: Localized;
}

/** One column of a document kind, as data. */
export interface ColumnDef {
  /** Stored cell key in the row map; stable, ASCII, camelCase. */
  key: string;
  header: Localized;
  type: ColumnType;
  options?: readonly ColumnOption[];
  required?: boolean;
  /** Inclusive bounds: numeric value for integer/number, ISO date for date. */
  min?: number | string;
  max?: number | string;
  /** For text types: the longest string accepted. */
  maxLength?: number;
  /**
   * A text rows are found by (a partner by its name, an indicator by its id or name): read without
   * the spaces around it, which no lookup sees (`spaces-trimmed`). Other texts are kept as written.
   */
  lookedUp?: true;
  /**
   * For `unit` columns whose codes come from a national list rather than the workspace's units:
   * `kommun` = SCB's four-digit kommun codes (normalised and checked against `shared/catalog`).
   */
  catalog?: 'kommun';
  /**
   * A reference column: the cell stores an id of this list and the sheet shows its name, with a
   * dropdown of the names fed live from the workspace (`partner`: the partner list, `indicator`:
   * the indicator catalog, `unit`: the workspace's units, `kommun`: the kommuner of
   * `shared/catalog/kommuner.ts`). See `shared/normalize/ref-lookup.ts`.
   */
  ref?: RefSource;
  /**
   * A column filled in as the year goes (participants reached, status, maturity reached) rather
   * than planned: "copy last year's plan" leaves it empty.
   */
  outcome?: true;
  /** Column width in Excel characters. */
  width?: number;
  help: Localized;
}

/** A document kind's full definition. */
export interface KindDef {
  kind: DocKind;
  title: Localized;
  /** Current schema version written to `meta.schemaVersion`. */
  schemaVersion: number;
  columns: readonly ColumnDef[];
}

/**
 * A physical cell column as stored in the doc and shown in Excel: every column except `multi`
 * maps to one; a `multi` column expands to one boolean column per option, keyed
 * `${column.key}.${option.value}` and headed like Table 1 of the KIM report (an `x` marks yes).
 */
export interface CellColumn {
  key: string;
  header: Localized;
  /** The logical column this cell column belongs to. */
  column: ColumnDef;
  /** Set for the boolean cells of a multi-choice column. */
  option?: ColumnOption;
}

/** A cell value as stored in the doc: primitives only. */
export type CellValue = string | number | boolean | null;

/** A row as read from the doc: cell key → value. */
export type RowValues = Record<string, CellValue>;
