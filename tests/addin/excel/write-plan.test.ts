import { describe, expect, it } from 'vitest';
import { halveOps, splitOps, type WriteOps } from '../../../addin/excel/sheet/write-ops.js';
import { rectOfAddress } from '../../../addin/excel/sheet/address.js';
import { cellHash, decodeSnapshot, encodeSnapshot } from '../../../addin/excel/sheet/snapshot.js';
import { estimateBytes, planBlocks, splitBlock } from '../../../addin/excel/sheet/write-plan.js';
import { cellColumns } from '../../../shared/schema/index.js';
import { deleteRows, insertRows, rowsOf } from '../../../shared/doc/index.js';
import { docWith, openSide } from './helpers.js';

describe('planBlocks', () => {
  it('merges adjacent columns of a row and equal spans on consecutive rows into one rectangle', () => {
    const dirty = new Map([
      [3, [2, 1]],
      [4, [1, 2]],
      [5, [1, 2]],
      [9, [4]],
    ]);
    const blocks = planBlocks(dirty, (r, c) => `${r}:${c}`);
    expect(blocks).toEqual([
      { row: 3, col: 1, values: [['3:1', '3:2'], ['4:1', '4:2'], ['5:1', '5:2']] },
      { row: 9, col: 4, values: [['9:4']] },
    ]);
  });

  it('keeps separate spans of one row apart', () => {
    expect(planBlocks(new Map([[0, [1, 3]]]), () => 'x').map((b) => [b.row, b.col])).toEqual([
      [0, 1],
      [0, 3],
    ]);
  });
});

describe('splitBlock', () => {
  it('splits by rows so that every part fits the budget', () => {
    const values = Array.from({ length: 1000 }, () => ['x'.repeat(100)]);
    const parts = splitBlock({ row: 10, col: 0, values }, 20_000);
    expect(parts.length).toBeGreaterThan(4);
    for (const p of parts) expect(estimateBytes(p.values)).toBeLessThanOrEqual(20_000);
    expect(parts.reduce((n, p) => n + p.values.length, 0)).toBe(1000);
    expect(parts[1]?.row).toBe(10 + (parts[0]?.values.length ?? 0));
  });
});

describe('snapshot', () => {
  it('round-trips and costs two characters per cell', () => {
    const cols = cellColumns('activity-plan');
    const text = encodeSnapshot(cols, new Map([['row1', 'ab'.repeat(cols.length)]]));
    const back = decodeSnapshot(text);
    expect(back?.rows.get('row1')).toHaveLength(2 * cols.length);
    expect(back?.columns).toEqual(cols.map((c) => c.key));
    expect(decodeSnapshot('nonsense')).toBeUndefined();
  });

  it("keeps the cells showing the person's formula over a value, by column, for the rows it holds; a snapshot without them knows none", () => {
    const cols = cellColumns('activity-plan');
    const rows = new Map([['row1', 'ab'.repeat(cols.length)]]);
    const formulas = new Map([['row1', new Set(['participantsPlanned', 'title'])], ['gone', new Set(['title'])]]);
    const back = decodeSnapshot(encodeSnapshot(cols, rows, formulas));
    expect(back?.rows.get('row1')).toBe('ab'.repeat(cols.length));
    expect([...(back?.formulas?.entries() ?? [])].map(([id, keys]) => [id, [...keys].sort()])).toEqual([['row1', ['participantsPlanned', 'title']]]);
    expect(decodeSnapshot(encodeSnapshot(cols, rows))?.formulas).toBeUndefined();
    expect(encodeSnapshot(cols, rows, new Map())).toBe(encodeSnapshot(cols, rows));
  });

  it('says it was written by a binding that keeps the spaces around a text, in a fifth part older readers skip', () => {
    const cols = cellColumns('activity-plan');
    const rows = new Map([['row1', 'ab'.repeat(cols.length)]]);
    const text = encodeSnapshot(cols, rows, new Map([['row1', new Set(['title'])]]));
    expect(decodeSnapshot(text)?.spacesKept).toBe(true);
    // As an older binding reads and writes it: its first four parts, or three without formulas.
    const [, colsPart, body, marked] = text.split('|');
    expect(marked).toBe(`row1:${cols.findIndex((c) => c.key === 'title')}`);
    const older = decodeSnapshot(text.split('|').slice(0, 4).join('|'));
    expect(older?.spacesKept).toBe(false);
    expect(older?.rows).toEqual(rows);
    expect(decodeSnapshot(`1|${colsPart}|${body}`)?.spacesKept).toBe(false);
    expect(decodeSnapshot(encodeSnapshot(cols, rows))?.formulas).toBeUndefined();
  });

  it('treats an unmarked x-cell and an empty one as the same value', () => {
    const x = cellColumns('activity-plan').find((c) => c.option) as (typeof cellColumns extends () => infer R ? R : never)[number];
    expect(cellHash(x, false)).toBe(cellHash(x, null));
    expect(cellHash(x, true)).not.toBe(cellHash(x, null));
  });
});

describe('rectOfAddress', () => {
  it('reads rows and columns of the addresses onChanged reports', () => {
    expect(rectOfAddress('B3:D7')).toEqual({ first: 2, count: 5, columns: new Set([1, 2, 3]) });
    expect(rectOfAddress("'Min plan'!C10")).toEqual({ first: 9, count: 1, columns: new Set([2]) });
    expect(rectOfAddress('5:6')).toEqual({ first: 4, count: 2 });
    expect(rectOfAddress('A:B')).toBeUndefined();
  });
});

describe('payload limit', () => {
  it('splits a large remote write into requests under a small payload limit, losing nothing', async () => {
    const { createWorkbook } = await import('../../../addin/excel-emulator/index.js');
    const host = createWorkbook({ payloadLimitBytes: 120_000 });
    const doc = docWith('activity-plan', [{ title: 'Första' }]);
    const side = await openSide(doc, 'activity-plan', { payloadBudgetBytes: 100_000 }, host);
    const before = side.syncs();
    insertRows(doc, Array.from({ length: 2_000 }, (_, i) => ({ title: `Rad ${i} ${'x'.repeat(40)}`, comment: 'y'.repeat(40) })));
    await side.settle();
    expect(host.readTable(side.binding.tableName).rows).toHaveLength(2_001);
    expect(side.syncs() - before).toBeGreaterThan(1);
    expect(side.binding.status.lastError).toBeNull();
    expect(host.readTable(side.binding.tableName).rows.map((r) => r[0])).toEqual(rowsOf(doc).map((r) => r.id));
    await side.binding.dispose();
  });

  it('deletes 2,250 rows a peer removed in requests under the limit', async () => {
    const { createWorkbook } = await import('../../../addin/excel-emulator/index.js');
    const host = createWorkbook({ payloadLimitBytes: 150_000 });
    const doc = docWith('activity-plan', Array.from({ length: 3_000 }, (_, i) => ({ title: `Rad ${i}` })));
    const side = await openSide(doc, 'activity-plan', { payloadBudgetBytes: 120_000 }, host);
    await side.settle();
    const gone = rowsOf(doc).filter((_, i) => i % 4 !== 0).map((r) => r.id);
    deleteRows(doc, gone);
    await side.settle();
    expect(side.binding.status.lastError).toBeNull();
    expect(host.readTable(side.binding.tableName).rows.map((r) => r[0])).toEqual(rowsOf(doc).map((r) => r.id));
    expect(host.syncSizes.every((s) => !s.failed && s.request <= 150_000 && s.response <= 150_000)).toBe(true);
    // The snapshot of 3,000 rows is one setting larger than this small limit.
    (host.limits as { requestBytes: number }).requestBytes = 5 * 1024 * 1024;
    await side.binding.dispose();
  });
});

describe('splitOps', () => {
  it('keeps one request when the batch fits', () => {
    const ops: WriteOps = { blocks: [{ row: 3, col: 1, values: [['a']] }], deletes: [1], adds: [['id', 'x']], appendAt: 9, fills: [], settings: [] };
    expect(splitOps(ops)).toEqual([ops]);
  });

  it('writes blocks and fills before the deletes their rows count from, and adds last', () => {
    const big = Array.from({ length: 400 }, (_, i) => [`cell ${i} `.repeat(20)]);
    const ops: WriteOps = {
      blocks: [{ row: 5, col: 1, values: big }],
      deletes: [0, 2],
      adds: Array.from({ length: 300 }, (_, i) => [`new-${i}`, 'x'.repeat(100)]),
      appendAt: 403,
      fills: [{ row: 7, col: 2, color: '#F8CBAD' }],
      settings: [['samplan:plan', 'snapshot']],
    };
    const parts = splitOps(ops, 40_000);
    expect(parts.length).toBeGreaterThan(3);
    const kinds: string[] = parts.map((p) => (p.blocks.length > 0 ? 'blocks' : p.fills.length > 0 ? 'fills' : p.deletes.length > 0 ? 'deletes' : p.settings.length > 0 ? 'settings' : 'adds'));
    const last = (kind: string) => kinds.lastIndexOf(kind);
    expect(last('blocks')).toBeLessThan(kinds.indexOf('deletes'));
    expect(last('fills')).toBeLessThan(kinds.indexOf('deletes'));
    expect(last('deletes')).toBeLessThan(kinds.indexOf('adds'));
    expect(parts.flatMap((p) => p.blocks.flatMap((b) => b.values))).toEqual(big);
    expect(parts.flatMap((p) => p.adds)).toEqual(ops.adds);
    expect(parts.filter((p) => p.settings.length > 0).map((p) => p.settings)).toEqual([ops.settings]);
    // Each group of adds lands where the previous one ended.
    const adds = parts.filter((p) => p.adds.length > 0);
    expect(adds[0]?.appendAt).toBe(403);
    expect(adds[1]?.appendAt).toBe(403 + (adds[0]?.adds.length ?? 0));
  });
});

describe('splitOps and halveOps: deletes', () => {
  it('packs many deletes into several requests from the bottom up, the settings in one of their own', () => {
    const deletes = Array.from({ length: 2_000 }, (_, i) => i * 2);
    const ops: WriteOps = { blocks: [], deletes, adds: [], appendAt: 0, fills: [], settings: [['samplan:plan', 'snapshot']] };
    const parts = splitOps(ops, 40_000);
    expect(parts.length).toBeGreaterThan(3);
    const flat = parts.flatMap((p) => p.deletes);
    expect(flat).toEqual([...deletes].sort((a, b) => b - a));
    expect(parts.filter((p) => p.settings.length > 0)).toEqual([{ ...ops, deletes: [], settings: ops.settings }]);
  });

  it('halves a request into two with the same effect, and says when it cannot', () => {
    const block = { row: 4, col: 1, values: [['a'], ['b'], ['c']] };
    const [top, bottom] = halveOps({ blocks: [block], deletes: [], adds: [], appendAt: 0, fills: [], settings: [] }) ?? [];
    expect(top?.blocks).toEqual([{ row: 4, col: 1, values: [['a'], ['b']] }]);
    expect(bottom?.blocks).toEqual([{ row: 6, col: 1, values: [['c']] }]);
    const [first, second] = halveOps({ blocks: [], deletes: [1, 9, 5], adds: [], appendAt: 0, fills: [], settings: [] }) ?? [];
    expect([first?.deletes, second?.deletes]).toEqual([[9, 5], [1]]);
    const [early, late] = halveOps({ blocks: [], deletes: [], adds: [['x'], ['y'], ['z']], appendAt: 7, fills: [], settings: [] }) ?? [];
    expect([early?.appendAt, early?.adds, late?.appendAt, late?.adds]).toEqual([7, [['x'], ['y']], 9, [['z']]]);
    expect(halveOps({ blocks: [{ row: 0, col: 0, values: [['only']] }], deletes: [], adds: [], appendAt: 0, fills: [], settings: [] })).toBeUndefined();
    expect(halveOps({ blocks: [], deletes: [3], adds: [], appendAt: 0, fills: [], settings: [] })).toBeUndefined();
  });
});
