/**
 * A manager's own report sheet lists months in a column as Swedish Excel keeps them: `mar-25`
 * typed in a cell is the date 2025-03-01, held as the serial 45717. `=SAMPLAN.INDICATOR(A2; B2;
 * C2)` pointing at that cell got "45717" and showed #N/A "Perioden "45717" går inte att läsa",
 * while a period cell of a document reads the same cell as March 2025. The function now reads a
 * date cell by the same rule: a month's first day is that month, any other day is refused in words.
 */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoc, insertRow, setCell } from '../../../shared/doc/index.js';
import { createWorkbook, CustomFunctionsRuntime } from '../../../addin/excel-emulator/index.js';
import { provideIndicatorFeed, registerCustomFunctions } from '../../../addin/functions/functions.js';
import { resolvePeriod } from '../../../addin/functions/feed-names.js';
import { feedFromSource } from '../../../addin/functions/source-feed.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { isoToExcelSerial } from '../../../shared/normalize/excel-date.js';

const undo: (() => void)[] = [];
afterEach(() => {
  provideIndicatorFeed(null);
  for (const u of undo.splice(0)) u();
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const MARCH = isoToExcelSerial('2025-03-01') as number;

describe('=SAMPLAN.INDICATOR with a date cell as the period', () => {
  it('reads a month-formatted date cell (mar-25) as that month, and follows the value', async () => {
    expect(MARCH).toBe(45717);
    const runtime = new CustomFunctionsRuntime('SAMPLAN');
    undo.push(runtime.install());
    expect(registerCustomFunctions()).toBe(true);
    const catalog = createDoc('indicator-catalog', { title: 'K', ownerUnit: 'r', schemaVersion: 1 });
    insertRow(catalog, { id: 'vc-halsosamtal', name: 'Genomförda hälsosamtal', direction: 'higher', unitOfMeasure: 'antal' });
    const values = createDoc('indicator-values', { title: 'V', ownerUnit: 'r', schemaVersion: 1 });
    const march = insertRow(values, { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '202503', kon: 'T', value: 14 });
    insertRow(values, { indicator: 'vc-halsosamtal', unit: 'vc-tensta', period: '2025', kon: 'T', value: 170 });
    const host = createWorkbook({ sheets: ['Rapport'], customFunctions: runtime });
    host.user.paste('Rapport', 'A2', [['vc-halsosamtal', 'vc-tensta', MARCH, 2025, MARCH + 14]]);
    host.user.type('Rapport', 'F2', '=SAMPLAN.INDICATOR(A2; B2; C2)');
    host.user.type('Rapport', 'G2', '=SAMPLAN.INDICATOR(A2; B2; D2)');
    host.user.type('Rapport', 'H2', '=SAMPLAN.INDICATOR(A2; B2; E2)');
    provideIndicatorFeed(feedFromSource(docIndicatorSource([catalog], [values])));
    await until(() => host.read('Rapport', 'F2')[0]?.[0] === 14);
    // The year typed as a number is still the year.
    expect(host.read('Rapport', 'G2')[0]?.[0]).toBe(170);
    expect(host.read('Rapport', 'H2')[0]?.[0]).toBe('#N/A');
    setCell(values, march, 'value', 16);
    await until(() => host.read('Rapport', 'F2')[0]?.[0] === 16);
  });

  it('reads the serial as a number or as the digits a text parameter is handed; another day is refused in words', () => {
    expect(resolvePeriod(MARCH)).toEqual({ id: '202503' });
    expect(resolvePeriod(String(MARCH))).toEqual({ id: '202503' });
    expect(resolvePeriod(isoToExcelSerial('2026-07-01') as number)).toEqual({ id: '202607' });
    expect(resolvePeriod(2025)).toEqual({ id: '2025' });
    expect(resolvePeriod(202503)).toEqual({ id: '202503' });
    // The day as the date it is, in the words every door gives for a day.
    expect(resolvePeriod(MARCH + 14)).toEqual({ problem: expect.stringMatching(/^datumet 2025-03-15 är ingen period: .*månads första dag/) });
    // A month range that is a quarter is that quarter; another is refused naming it.
    expect(resolvePeriod('jan–mar 2025')).toEqual({ id: '2025Q1' });
    expect(resolvePeriod('1 mars 25')).toEqual({ id: '202503' });
    expect(resolvePeriod('feb–apr 2025')).toEqual({ problem: expect.stringMatching(/^"feb–apr 2025" är månader som inte bildar ett kvartal/) });
    expect(resolvePeriod(45717.5)).toEqual({ problem: 'Perioden "45717.5" går inte att läsa. Skriv t.ex. 2025, 2025 kv 1 eller mars 2025.' });
  });

  it('is registered so that Excel hands the period over as the cell holds it (any), not as text', async () => {
    const { generateCustomFunctionsMetadata } = await import('custom-functions-metadata');
    const result = await generateCustomFunctionsMetadata(resolve(import.meta.dirname, '../../../addin/functions/functions.ts'));
    expect(result.errors).toEqual([]);
    const meta = JSON.parse(result.metadataJson) as { functions: { id: string; parameters: { name: string; type?: string }[] }[] };
    const period = meta.functions.find((f) => f.id === 'INDICATOR')?.parameters.find((p) => p.name === 'period');
    expect(period?.type).toBe('any');
  });
});
