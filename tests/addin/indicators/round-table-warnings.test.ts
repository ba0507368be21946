/**
 * The pulled Fullständighet table shows the warnings left beside the errors ("Varningar kvar"
 * after "Problem kvar"), empty from a server that does not count them. Fails on the old layout,
 * which had no such column.
 */
import { describe, expect, it } from 'vitest';
import { roundTableHeader, roundTableRows, roundTableShape, type CompletenessUnit } from '../../../addin/indicators/round-table-layout.js';
import { completenessUnit } from './completeness-unit.js';

const unit = (u: string, warnings: number | undefined): CompletenessUnit => completenessUnit(u, { problems: 2, ...(warnings === undefined ? {} : { warnings }) });

describe('Varningar kvar in the completeness table', () => {
  it('comes right after Problem kvar, in both languages, and holds the count', () => {
    const sv = roundTableHeader('completeness', 'sv');
    const en = roundTableHeader('completeness', 'en');
    const at = sv.indexOf('Varningar kvar');
    expect(at).toBe(sv.indexOf('Problem kvar') + 1);
    expect(en[at]).toBe('Warnings left');
    expect(roundTableShape('completeness').width).toBe(sv.length);
    const rows = roundTableRows({ kind: 'completeness', round: { id: 'q1', title: 'q1', period: '2026Q1' }, units: [unit('vc-a', 3), unit('vc-b', undefined)], names: {} }, 'sv', new Map());
    expect(rows.map((r) => [r.cells[at - 1], r.cells[at]])).toEqual([[2, 3], [2, '']]);
    expect(rows.every((r) => r.cells.length === sv.length)).toBe(true);
  });
});
