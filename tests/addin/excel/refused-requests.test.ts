/**
 * Excel refusing the binding's requests with an error that does not go away. Reads of the
 * person's changes and writes of others' were retried by timer without end while Problems said
 * Samplan retries by itself; now each stops after `RETRIES_BEFORE_GIVING_UP` refusals in a row,
 * Problems says so in words, nothing is dropped, and the next change tries again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bindTable } from '../../../addin/excel/bind-table.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { RETRIES_BEFORE_GIVING_UP, type TableBinding } from '../../../addin/excel/sheet/types.js';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { cellAt, docWith, quiet } from './helpers.js';

const SHEET = 'plan-test';
const bindings: TableBinding[] = [];
afterEach(async () => {
  for (const b of bindings.splice(0)) await b.dispose();
});

/** A workbook whose requests Excel refuses (`GeneralException`) while `refusing` is set; `refused` counts them. */
async function refusingSide(rows: { title: string }[]) {
  const host = createWorkbook();
  const doc = docWith('activity-plan', rows);
  const gate = { refusing: false, refused: 0 };
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (!gate.refusing) return host.run(batch);
    gate.refused++;
    return Promise.reject(Object.assign(new Error('There was an internal error while processing the request.'), { code: 'GeneralException' }));
  };
  const binding = await bindTable(run, doc, 'activity-plan', { docId: 'plan-test', lang: 'sv', ...quiet, retryBaseMs: 1 });
  bindings.push(binding);
  return { host, doc, gate, binding };
}

/** Waits until `count()` has stayed the same for `ms` (at most 10 tries); -1 when it never did. */
async function quietFor(count: () => number, ms: number): Promise<number> {
  for (let i = 0; i < 10; i++) {
    const before = count();
    await new Promise((r) => setTimeout(r, ms));
    if (count() === before) return before;
  }
  return -1;
}

describe('a request Excel keeps refusing', () => {
  it('reading the person’s change: stops retrying, says so, and reads what was typed once Excel answers again', { timeout: 20_000 }, async () => {
    const { host, doc, gate, binding } = await refusingSide([{ title: 'Promenad' }]);
    gate.refusing = true;
    host.user.type(SHEET, cellAt('activity-plan', 'title', 0), 'Promenad i parken');
    // The read's retries, and the write of the problem highlights the refusal brought (each given up;
    // each refused write is followed by one request turning events on again, `eventsBackOn`).
    const refused = await quietFor(() => gate.refused, 400);
    expect(refused).toBeGreaterThanOrEqual(RETRIES_BEFORE_GIVING_UP + 1);
    expect(refused).toBeLessThanOrEqual(3 * (RETRIES_BEFORE_GIVING_UP + 2));
    expect(binding.status.lastError).toMatchObject({ code: 'GeneralException', gaveUp: true });
    await new Promise((r) => setTimeout(r, 200));
    const problem = binding.problems.find((p) => p.code === 'excel-request-failed');
    expect(problem?.message.sv).toContain('slutat försöka');
    expect(problem?.message.en).toContain('stopped retrying');
    gate.refusing = false;
    host.user.type(SHEET, cellAt('activity-plan', 'comment', 0), 'Varje tisdag');
    await host.settle();
    await binding.flush();
    expect(rowsOf(doc)[0]!.values).toMatchObject({ title: 'Promenad i parken', comment: 'Varje tisdag' });
    expect(binding.status.lastError).toBeNull();
  });

  it('writing others’ changes: stops retrying, keeps them, and writes them at the next change', { timeout: 20_000 }, async () => {
    const { host, doc, gate, binding } = await refusingSide([{ title: 'Promenad' }, { title: 'Dans' }]);
    gate.refusing = true;
    const [first, second] = rowsOf(doc);
    setCells(doc, first!.id, { title: 'Promenad i parken' });
    // Each refused write, and the request turning events on again after it (`eventsBackOn`).
    const refused = await quietFor(() => gate.refused, 400);
    expect(refused).toBeGreaterThanOrEqual(RETRIES_BEFORE_GIVING_UP + 1);
    expect(refused).toBeLessThanOrEqual(2 * (RETRIES_BEFORE_GIVING_UP + 3));
    expect(binding.status.lastError).toMatchObject({ gaveUp: true });
    expect(binding.status.pendingExcelWrites).toBeGreaterThan(0);
    gate.refusing = false;
    setCells(doc, second!.id, { title: 'Dans för seniorer' });
    await host.settle();
    await binding.flush();
    const titles = host.readTable(binding.tableName).rows.map((r) => r[1]);
    expect(titles).toEqual(['Promenad i parken', 'Dans för seniorer']);
    expect(binding.status.lastError).toBeNull();
  });
});
