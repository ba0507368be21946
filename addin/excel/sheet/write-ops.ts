/**
 * The writes of one batch into the bound table, and how a batch too large for one Excel request
 * is split (by estimate, before sending) or halved (after Excel refused it as too large).
 */
import { rowRangeDeleteSupported, rowRuns } from './row-deletes.js';
import { estimateBytes, packRequests, PAYLOAD_BUDGET_BYTES, splitBlock, type Block } from './write-plan.js';

/** One highlight change: set a colour, or clear the fill the binding set earlier. */
export interface FillOp {
  row: number;
  col: number;
  color: string | null;
}

/** A batch of writes into the table; data-body coordinates throughout. */
export interface WriteOps {
  blocks: Block[];
  /** Body rows to delete, any order. */
  deletes: number[];
  /** Rows to append (id first); they land at body index `appendAt`. */
  adds: (string | number | boolean)[][];
  appendAt: number;
  fills: FillOp[];
  /** Workbook settings to store with the batch. */
  settings: [string, string][];
}

/** Estimated request bytes of one delete command (a run's `deleteRowsAt`, or one `TableRow.delete`). */
const DELETE_BYTES = 160;
/** Estimated request bytes of one fill change. */
const FILL_BYTES = 96;

/** Estimated request bytes of a batch. */
export function opsSize(ops: WriteOps): number {
  return (
    ops.blocks.reduce((n, b) => n + estimateBytes(b.values), 0) +
    estimateBytes(ops.adds) +
    (rowRangeDeleteSupported() ? rowRuns(ops.deletes).length : ops.deletes.length) * DELETE_BYTES +
    ops.fills.length * FILL_BYTES +
    ops.settings.reduce((n, [, v]) => n + v.length + 64, 0)
  );
}

const emptyOps = (appendAt: number): WriteOps => ({ blocks: [], deletes: [], adds: [], appendAt, fills: [], settings: [] });

/**
 * Splits a batch into requests under the payload budget; one request when it fits. Blocks and
 * fills come first (their rows count from before the deletes), then the deletes from the
 * bottom up (so each request's rows still count from before all of them), the settings, then
 * the adds.
 */
export function splitOps(ops: WriteOps, budget = PAYLOAD_BUDGET_BYTES): WriteOps[] {
  if (opsSize(ops) <= budget) return [ops];
  const part = (budget * 3) / 4;
  const empty = (): WriteOps => emptyOps(ops.appendAt);
  const blocks = ops.blocks.flatMap((b) => splitBlock(b, part));
  const out: WriteOps[] = [];
  for (const group of packRequests(blocks, (b) => estimateBytes(b.values), part)) if (group.length > 0) out.push({ ...empty(), blocks: group });
  for (const group of packRequests(ops.fills, () => FILL_BYTES, part)) if (group.length > 0) out.push({ ...empty(), fills: group });
  const deletes = [...ops.deletes].sort((a, b) => b - a);
  for (const group of packRequests(deletes, () => DELETE_BYTES, part)) if (group.length > 0) out.push({ ...empty(), deletes: group });
  // A snapshot setting alone can be megabytes: it goes on its own.
  if (ops.settings.length > 0) out.push({ ...empty(), settings: ops.settings });
  let at = ops.appendAt;
  for (const group of packRequests(ops.adds, (r) => estimateBytes([r]), part)) {
    if (group.length === 0) continue;
    out.push({ ...empty(), adds: group, appendAt: at });
    at += group.length;
  }
  return out;
}

/**
 * One request split in two that run in order with the same effect, for when Excel refused it
 * as too large; undefined when it cannot be split (one row of one kind).
 */
export function halveOps(ops: WriteOps): [WriteOps, WriteOps] | undefined {
  const base = emptyOps(ops.appendAt);
  const [first, ...rest] = ops.blocks;
  if (ops.blocks.length > 1) {
    const mid = Math.ceil(ops.blocks.length / 2);
    return [{ ...base, blocks: ops.blocks.slice(0, mid) }, { ...ops, blocks: ops.blocks.slice(mid) }];
  }
  if (first && first.values.length > 1) {
    const mid = Math.ceil(first.values.length / 2);
    const top: Block = { row: first.row, col: first.col, values: first.values.slice(0, mid) };
    const bottom: Block = { row: first.row + mid, col: first.col, values: first.values.slice(mid) };
    return [{ ...base, blocks: [top] }, { ...ops, blocks: [bottom, ...rest] }];
  }
  const others = ops.fills.length + ops.deletes.length + ops.adds.length + ops.settings.length;
  if (first) return others > 0 ? [{ ...base, blocks: [first] }, { ...ops, blocks: [] }] : undefined;
  if (ops.fills.length > 1) {
    const mid = Math.ceil(ops.fills.length / 2);
    return [{ ...base, fills: ops.fills.slice(0, mid) }, { ...ops, fills: ops.fills.slice(mid) }];
  }
  if (ops.deletes.length > 1) {
    const deletes = [...ops.deletes].sort((a, b) => b - a);
    const mid = Math.ceil(deletes.length / 2);
    return [{ ...base, deletes: deletes.slice(0, mid) }, { ...ops, deletes: deletes.slice(mid), fills: [] }];
  }
  if (ops.adds.length > 1) {
    const mid = Math.ceil(ops.adds.length / 2);
    return [{ ...ops, adds: ops.adds.slice(0, mid) }, { ...base, adds: ops.adds.slice(mid), appendAt: ops.appendAt + mid }];
  }
  return undefined;
}
