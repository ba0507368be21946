/**
 * What the walk of an update (`update-walk.ts`) hands its caller: the cells written, the limits it
 * enforces and what it found the update newly writes. Apart from the walk so that a module that
 * only reads a walk's result (`split-personnummer.ts`, `cell-write.ts`, `update-accepted.ts`) needs none of its code.
 */
import type { CellValue } from '../schema/types.js';

/** A cell an update writes (a value) or removes (`value` undefined) in a row. */
export interface CellWrite {
  rowId: string;
  column: string;
  value: CellValue | undefined;
}

/** The limits a walk enforces. */
export interface WalkLimits {
  maxStringLength: number;
  maxKeyLength: number;
}

/** What a walk found the update newly writes. */
export interface WalkResult {
  touched: Set<string>;
  created: Set<string>;
  deleted: Set<string>;
  metaKeys: Set<string>;
  cells: CellWrite[];
}
