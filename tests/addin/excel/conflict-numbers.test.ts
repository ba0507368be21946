/**
 * A conflict of a reopening quotes what the workbook held and offers it to copy back: a number as a
 * cell of the sheet's language shows it and reads it typed (`12,5` in a Swedish sheet). `String`
 * wrote `12.5`, which pasted into Swedish Excel is 12 May or text, not the number the person typed;
 * and a deleted row's values were joined by `, `, which a Swedish decimal comma made ambiguous.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deleteRows, rowsOf, setCell } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, RELAY, relay } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();
const at = (index: number): string => cellAt('indicator-values', 'value', index);

describe('a conflict of a reopening, of a number', () => {
  it('quotes and offers it as the Swedish sheet shows it: 12,5, not 12.5', async () => {
    const row = (value: number) => ({ indicator: 'sfh-12', unit: 'vc-tensta', period: '2025', kon: 'T', value });
    const docA = docWith('indicator-values', [row(1), row(2)]);
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA), RELAY);
    const net = relay(docA, docB);
    const a = await openSide(docA, 'indicator-values');
    const b = await openSide(docB, 'indicator-values');
    opened.push(b);
    const ids = rowsOf(docA).map((r) => r.id);
    await a.binding.dispose();
    net.offline(docA);
    a.host.user.type(SHEET, at(0), 12.5);
    a.host.user.type(SHEET, at(1), 1234.5);
    setCell(docB, ids[0]!, 'value', 7);
    deleteRows(docB, [ids[1]!]);
    await a.host.settle();
    await b.settle();
    net.online(docA);
    const again = await openSide(docA, 'indicator-values', {}, a.host);
    opened.push(again);
    await again.settle();
    const conflicts = again.binding.problems.filter((p) => p.code === 'conflict');
    const cell = conflicts.find((p) => p.column === 'value');
    expect(cell).toMatchObject({ rowId: ids[0], copyText: '12,5' });
    expect(cell!.message.sv).toContain('ditt värde var: 12,5');
    const gone = conflicts.find((p) => p.column === null);
    expect(gone?.copyText).toContain('1234,5');
    expect(gone?.copyText).not.toContain('1234.5');
    net.stop();
  });
});
