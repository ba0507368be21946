import { describe, expect, it } from 'vitest';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { normalizeCell } from '../../../shared/normalize/normalize-cell.js';
import { cellColumn } from '../../../shared/schema/index.js';
import { onePerCell } from '../../../shared/validate/one-per-cell.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { validateDoc } from '../../../shared/validate/validate-doc.js';

const p = (rowId: string | null, column: string | null, code: string, severity: Problem['severity'] = 'error'): Problem => ({
  doc: 'plan',
  rowId,
  column,
  severity,
  code,
  message: { sv: code, en: code },
});

describe('onePerCell', () => {
  it('keeps the period the sheet could not read, not "required" for the same cell', () => {
    const doc = createDoc('indicator-values', { title: 'v', ownerUnit: 'vc-tensta', schemaVersion: 1 });
    const [id] = insertRows(doc, [{ indicator: 'sfh-01', unit: 'vc-tensta', kon: 'T' }]);
    const column = cellColumn('indicator-values', 'period');
    if (!column || !id) throw new Error('fixture');
    const typed = normalizeCell(column, 'kvartal ett 2026');
    if (typed.ok) throw new Error('the fixture must be a text the normaliser refuses');
    const local: Problem = { doc: 'values', rowId: id, column: 'period', severity: 'error', code: typed.code, message: typed.message };
    const shown = onePerCell([...validateDoc(doc, 'values'), local]);
    expect(shown.filter((x) => x.column === 'period').map((x) => x.code)).toEqual(['not-period']);
    expect(shown.find((x) => x.column === 'period')?.message.sv).toContain('kvartal ett 2026');
  });

  it('keeps one problem per cell: the most serious first, then the most specific, then the first', () => {
    const shown = onePerCell([
      p('r1', 'title', 'too-long', 'warning'),
      p('r1', 'title', 'required'),
      p('r1', 'type', 'enum'),
      p('r1', 'type', 'type'),
      p('r2', 'title', 'unknown-partner', 'warning'),
      p('r2', 'title', 'duplicate'),
    ]);
    expect(shown.map((x) => [x.rowId, x.column, x.code])).toEqual([
      ['r1', 'title', 'required'],
      ['r1', 'type', 'enum'],
      ['r2', 'title', 'duplicate'],
    ]);
  });

  it('leaves row- and document-level problems and other documents alone', () => {
    const shown = onePerCell([p(null, null, 'refused'), p(null, null, 'refused'), p('r1', null, 'x'), p('r1', null, 'y'), p('r1', 'a', 'x'), { ...p('r1', 'a', 'x'), doc: 'other' }]);
    expect(shown).toHaveLength(6);
  });

  it('never hides a problem carrying the person’s text to copy behind another of its cell', () => {
    const lost = { ...p('r1', 'title', 'overwritten-at-once', 'warning'), copyText: 'Promenad för seniorer' };
    const shown = onePerCell([p('r1', 'title', 'too-long'), lost, { ...lost, copyText: 'Promenad' }]);
    expect(shown.map((x) => x.copyText ?? x.code)).toEqual(['too-long', 'Promenad för seniorer', 'Promenad']);
  });

  it('keeps every note of a cell of another code: a year assumed and a time dropped are both said', () => {
    const shown = onePerCell([p('r1', 'startDate', 'year-assumed', 'info'), p('r1', 'startDate', 'date-time-dropped', 'info'), p('r1', 'startDate', 'year-assumed', 'info')]);
    expect(shown.map((x) => x.code)).toEqual(['year-assumed', 'date-time-dropped']);
  });

  it('drops a cell’s notes behind a warning or an error of the same cell, and keeps them again alone', () => {
    const notes = [p('r1', 'startDate', 'year-assumed', 'info'), p('r1', 'startDate', 'date-time-dropped', 'info')];
    expect(onePerCell([...notes, p('r1', 'startDate', 'end-before-start', 'warning')]).map((x) => x.code)).toEqual(['end-before-start']);
    expect(onePerCell([p('r1', 'startDate', 'not-date'), ...notes]).map((x) => x.code)).toEqual(['not-date']);
  });
});
