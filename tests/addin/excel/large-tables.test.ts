import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import type { RowValues } from '../../../shared/schema/types.js';
import { docWith, openSide, type Side } from './helpers.js';

const sides: Side[] = [];
afterEach(async () => {
  for (const side of sides.splice(0)) await side.binding.dispose();
});

const comment = (i: number, length: number): string => `${`Kommentar ${i} `.padEnd(length - 1, 'lorem ipsum dolor sit amet ')}.`;
const rows = (n: number, length: number): RowValues[] =>
  Array.from({ length: n }, (_, i) => ({ title: `Aktivitet ${String(i).padStart(5, '0')}`, type: 'halsodag', comment: comment(i, length) }));

async function open(n: number, length: number): Promise<Side> {
  const side = await openSide(docWith('activity-plan', rows(n, length)), 'activity-plan');
  sides.push(side);
  await side.settle();
  return side;
}

describe('bindTable: tables larger than one Excel response', () => {
  it('after sorting 3,000 rows with 1,900-character comments, a typed edit reaches the doc', async () => {
    const side = await open(3_000, 1_900);
    side.host.user.sortTable(side.binding.tableName, 'Aktivitet', false);
    await side.settle();
    side.host.user.type('plan-test', 'B2', 'Skrivet efter sortering');
    await side.settle();
    expect(side.binding.status.lastError).toBeNull();
    expect(rowsOf(side.doc).map((r) => r.values.title)).toContain('Skrivet efter sortering');
  }, 60_000);

  it('deleting a row of a 12,000-row table with 400-character comments deletes it in the doc', async () => {
    const side = await open(12_000, 400);
    side.host.user.deleteTableRows(side.binding.tableName, 5, 1);
    await side.settle();
    expect(side.binding.status.lastError).toBeNull();
    expect(side.host.readTable(side.binding.tableName).rows.length).toBe(11_999);
    expect(rowsOf(side.doc).length).toBe(11_999);
  }, 60_000);

  it('a 5,000-row paste below the table arrives whole', async () => {
    const side = await open(1, 100);
    const pasted = Array.from({ length: 5_000 }, (_, i) => [`Klistrad ${i}`, ...new Array(19).fill(''), comment(i, 1_900)]);
    side.host.user.paste('plan-test', 'B3', pasted);
    await side.settle();
    expect(side.binding.status.lastError).toBeNull();
    expect(side.host.readTable(side.binding.tableName).rows.length).toBe(5_001);
    expect(rowsOf(side.doc).length).toBe(5_001);
  }, 60_000);
});
