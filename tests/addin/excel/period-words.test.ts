/**
 * Periods in the bound sheet are words ("2025 kv 4", "mars 2025"), stored as codes (`2025Q4`):
 * a code from the doc is written as words, and words or a code typed into a cell are stored as
 * the code and shown as words.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { cellAt, disposedAfterEach, docWith, openSide, type Side } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

const cellOf = (key: string, index: number): string => cellAt('indicator-values', key, index);

async function open(period: string, lang: 'sv' | 'en' = 'sv'): Promise<Side> {
  const side = await openSide(docWith('indicator-values', [{ indicator: 'sfh-12', unit: 'vc-test', period, value: 1 }]), 'indicator-values', { lang });
  opened.push(side);
  return side;
}

describe('periods in the sheet', () => {
  it('shows a stored code as words, in the pane language', async () => {
    expect((await open('2025Q4')).host.readText(SHEET, cellOf('period', 0))).toEqual([['2025 kv 4']]);
    expect((await open('202503')).host.readText(SHEET, cellOf('period', 0))).toEqual([['mars 2025']]);
    expect((await open('2025S1', 'en')).host.readText(SHEET, cellOf('period', 0))).toEqual([['2025 H1']]);
  });

  it('stores "2025 kv 4" typed into a cell as 2025Q4 and keeps showing the words', async () => {
    const side = await open('2024');
    side.host.user.type(SHEET, cellOf('period', 0), '2025 kv 4');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.period).toBe('2025Q4');
    expect(side.host.readText(SHEET, cellOf('period', 0))).toEqual([['2025 kv 4']]);
  });

  it('stores a typed code as it is and rewrites the cell in words', async () => {
    const side = await open('2024');
    side.host.user.type(SHEET, cellOf('period', 0), '2025-03');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.period).toBe('202503');
    expect(side.host.readText(SHEET, cellOf('period', 0))).toEqual([['mars 2025']]);
  });

  it('keeps a period typed outside the dropdown (a new month): every dropdown warns, none refuses', async () => {
    const side = await open('2024');
    const validations = side.host.model.sheet(SHEET)!.validations;
    expect(validations.length).toBeGreaterThan(0);
    for (const v of validations) expect(v.errorAlert).toMatchObject({ showAlert: true, style: 'Warning' });
    side.host.user.type(SHEET, cellOf('period', 0), 'juni 2031');
    await side.settle();
    expect(rowsOf(side.doc)[0]!.values.period).toBe('203106');
  });

  it('writes a remote change of the period in words', async () => {
    const side = await open('2024');
    setCells(side.doc, rowsOf(side.doc)[0]!.id, { period: '2026Q1' });
    await side.settle();
    expect(side.host.readText(SHEET, cellOf('period', 0))).toEqual([['2026 kv 1']]);
  });
});
