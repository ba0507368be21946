/** The zod row schema and JSON Schema of each kind, derived from its column definitions. */
import { z } from 'zod';
import { cellColumns } from './index.js';
import {
  DEFAULT_TEXT_LENGTH,
  EMAIL_PATTERN,
  LONGTEXT_LENGTH,
  PERIOD_PATTERN,
  PHONE_PATTERN,
  UNIT_PATTERN,
} from './formats.js';
import type { CellColumn, DocKind } from './types.js';

function maxLength(col: CellColumn): number {
  return col.column.maxLength ?? (col.column.type === 'longtext' ? LONGTEXT_LENGTH : DEFAULT_TEXT_LENGTH);
}

function bounded(schema: z.ZodNumber, col: CellColumn): z.ZodNumber {
  let s = schema;
  if (typeof col.column.min === 'number') s = s.min(col.column.min);
  if (typeof col.column.max === 'number') s = s.max(col.column.max);
  return s;
}

/** The zod type of one cell's value, not yet made optional. */
function cellType(col: CellColumn): z.ZodType {
  const def = col.column;
  if (col.option || def.type === 'boolean' || def.type === 'multi') return z.boolean();
  switch (def.type) {
    case 'enum': {
      const values = (def.options ?? []).map((o) => o.value);
      return z.enum(values as [string, ...string[]]);
    }
    case 'integer':
      return bounded(z.number().int(), col);
    case 'number':
      return bounded(z.number(), col);
    case 'date': {
      const min = typeof def.min === 'string' ? def.min : undefined;
      const max = typeof def.max === 'string' ? def.max : undefined;
      // ISO dates compare correctly as strings.
      return z.iso
        .date()
        .refine((d) => (min === undefined || d >= min) && (max === undefined || d <= max), {
          message: `date outside ${min ?? ''}…${max ?? ''}`,
        });
    }
    case 'period':
      return z.string().regex(PERIOD_PATTERN);
    case 'email':
      return z.string().max(maxLength(col)).regex(EMAIL_PATTERN);
    case 'phone':
      return z.string().max(maxLength(col)).regex(PHONE_PATTERN);
    case 'unit':
      return z.string().max(maxLength(col)).regex(UNIT_PATTERN);
    default:
      return z.string().max(maxLength(col));
  }
}

const schemas = new Map<DocKind, z.ZodObject>();

/**
 * The zod schema of one row of `kind`, keyed by cell key. Required columns must hold a value;
 * every other cell may be missing or null (null ≠ 0). Unknown keys are refused. Built once per
 * kind. Cross-document checks (known partner, indicator, unit) and end ≥ start are not in it:
 * see `validateRow`.
 */
export function rowSchema(kind: DocKind): z.ZodObject {
  let schema = schemas.get(kind);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const col of cellColumns(kind)) {
      const base = cellType(col).meta({ title: col.header.sv, description: col.column.help.sv });
      shape[col.key] = col.column.required ? base : base.nullable().optional();
    }
    schema = z.strictObject(shape);
    schemas.set(kind, schema);
  }
  return schema;
}

/** The JSON Schema (draft 2020-12) of one row of `kind`, for OpenAPI, Power Query and docs. */
export function rowJsonSchema(kind: DocKind): Record<string, unknown> {
  // Refinements (date bounds) cannot be expressed in JSON Schema and are left out of it.
  return z.toJSONSchema(rowSchema(kind), { unrepresentable: 'any' }) as Record<string, unknown>;
}
