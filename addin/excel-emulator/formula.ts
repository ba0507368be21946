/**
 * The little of Excel's formula language the emulator knows: evaluating `=literal`, `=A1` and one
 * arithmetic operation on two of them (`=A2*2`, `=B3+C3`), custom functions through the host's
 * runtime, and moving a formula's relative references as Excel does when it copies a formula
 * down a column (a table's calculated column, `calculated-columns.ts`). Anything else evaluates
 * to `#NAME?`.
 */
import { MAX_COLUMNS } from './address.js';
import type { Scalar } from './cell-values.js';

/** How a formula reads the sheet it is in: the value of a cell, one level deeper. */
export type CellReader = (row: number, col: number) => Scalar;

/** Deepest chain of references followed before giving up (a reference loop). */
export const MAX_DEPTH = 16;

const REF = /^\$?([A-Z]{1,3})\$?(\d+)$/i;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** Two operands and an operator: `A2*2`, `B3 + C3`, `10/$A$1`. */
const BINARY = /^(\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?)\s*([+\-*/])\s*(\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?)$/i;

function columnOf(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col - 1;
}

function operand(body: string, read: CellReader): Scalar {
  if (NUMBER.test(body)) return Number(body);
  if (/^"[^"]*"$/.test(body)) return body.slice(1, -1);
  const ref = REF.exec(body);
  if (ref) {
    const col = columnOf(ref[1] ?? '');
    if (col < MAX_COLUMNS) return read(Number(ref[2]) - 1, col);
  }
  return '#NAME?';
}

/**
 * The value of `formula` (`=…`) given how to read other cells; `#VALUE!` for arithmetic on text,
 * `#DIV/0!` for a division by zero, `#NAME?` for what the emulator does not know.
 */
export function evaluateFormula(formula: string, read: CellReader): Scalar {
  const body = formula.slice(1).trim();
  const binary = BINARY.exec(body);
  if (!binary) return operand(body, read);
  const [a, b] = [operand(binary[1] ?? '', read), operand(binary[3] ?? '', read)];
  for (const v of [a, b]) if (typeof v === 'string' && v.startsWith('#')) return v;
  // Excel counts an empty cell as 0 and a boolean as 1 or 0; other text cannot be computed.
  const num = (v: Scalar): number | undefined => (v === '' ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : undefined);
  const [x, y] = [num(a), num(b)];
  if (x === undefined || y === undefined) return '#VALUE!';
  switch (binary[2]) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    default: return y === 0 ? '#DIV/0!' : x / y;
  }
}

/**
 * `formula` as Excel writes it `rows` rows further down: each relative row number of an A1
 * reference moves (`=A2*2` → `=A5*2` for 3), absolute ones (`$2`) stay; text in quotes and
 * names followed by `(` (functions) are left alone.
 */
export function shiftFormula(formula: string, rows: number): string {
  if (rows === 0) return formula;
  let out = '';
  let quoted = false;
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"') quoted = !quoted;
    if (quoted || !/[A-Z$]/i.test(ch) || (i > 0 && /[A-Z0-9_.]/i.test(formula[i - 1] ?? ''))) {
      out += ch;
      i++;
      continue;
    }
    const m = /^(\$?[A-Z]{1,3})(\$?)(\d+)(?![A-Z0-9_(])/i.exec(formula.slice(i));
    if (!m) {
      // A name (a function, SANT): copied whole, so no reference is read inside it.
      const word = /^\$?[A-Z0-9_.]+/i.exec(formula.slice(i))?.[0] ?? ch;
      out += word;
      i += word.length;
      continue;
    }
    const row = m[2] === '$' ? Number(m[3]) : Math.max(1, Number(m[3]) + rows);
    out += `${m[1]}${m[2]}${row}`;
    i += m[0].length;
  }
  return out;
}
