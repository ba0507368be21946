/**
 * "Senast ändrad" in a pulled Fullständighet table is the later of the unit's last status change
 * and the last change to its rows, and says which. Fails on the old layout, which showed the
 * status change alone (a value changed after submission read as no change).
 */
import { describe, expect, it } from 'vitest';
import { roundTableHeader, roundTableRows, type CompletenessUnit, type RoundTableData } from '../../../addin/indicators/round-table-layout.js';
import { formatTime } from '../../../addin/indicators/pulled-layout.js';
import { completenessUnit } from './completeness-unit.js';

const unit = (u: string, lastChange: string | null, lastEdit: string | null | undefined): CompletenessUnit =>
  completenessUnit(u, {
    status: 'inskickad',
    lastChange: lastChange === null ? null : { at: lastChange, by: 'eda' },
    ...(lastEdit === undefined ? {} : { lastEdit: lastEdit === null ? null : { at: lastEdit } }),
  });

const SUBMITTED = '2026-02-01T08:00:00.000Z';
const EDITED = '2026-02-03T13:30:00.000Z';

describe('Senast ändrad in the completeness table', () => {
  const data = (units: CompletenessUnit[]): RoundTableData => ({ kind: 'completeness', round: { id: 'q1', title: 'Omgång q1', period: '2026Q1' }, units, names: {} });
  const column = roundTableHeader('completeness', 'sv').indexOf('Senast ändrad');

  it('shows a value change after the submission, and says it was the values', () => {
    const rows = roundTableRows(data([unit('vc-a', SUBMITTED, EDITED)]), 'sv', new Map());
    expect(rows[0]?.cells[column]).toBe(`${formatTime(new Date(EDITED))} (värden)`);
    const en = roundTableRows(data([unit('vc-a', SUBMITTED, EDITED)]), 'en', new Map());
    expect(en[0]?.cells[column]).toBe(`${formatTime(new Date(EDITED))} (values)`);
  });

  it('shows the status change when it is the later one, or the only one known', () => {
    const rows = roundTableRows(data([unit('vc-a', EDITED, SUBMITTED), unit('vc-b', SUBMITTED, undefined), unit('vc-c', null, null)]), 'sv', new Map());
    expect(rows.map((r) => r.cells[column])).toEqual([`${formatTime(new Date(EDITED))} (status)`, `${formatTime(new Date(SUBMITTED))} (status)`, '']);
  });

  it('shows the values’ time for a unit with no status change yet', () => {
    const rows = roundTableRows(data([unit('vc-a', null, EDITED)]), 'sv', new Map());
    expect(rows[0]?.cells[column]).toBe(`${formatTime(new Date(EDITED))} (värden)`);
  });
});
