/**
 * A pull to another sheet while an earlier pull's table of the same name stands on its old sheet
 * (table names are workbook-wide, so that table goes first): the old sheet is left as the manager
 * had it apart from what the pull wrote there. Protection the manager lifted stays lifted; a sheet
 * protected with a password Samplan cannot know fails before anything is changed, in words that say
 * what to do; the title lines the pull wrote above the old table go with it, nothing else does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { eventsOn } from '../events-on.js';
import { indicatorDocs } from './fixture.js';

const NAME = 'SamplanIndikatorer';
const OLD = 'Indikatorer';
const open: PulledTable[] = [];

afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

async function pulled() {
  const docs = indicatorDocs();
  const host = createWorkbook({ sheets: ['Mitt blad'] });
  const source = () => docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  open.push(await pullIndicatorTable((b) => host.run(b), source(), { filter: {}, lang: 'sv', coalesceMs: 5 }));
  // The first pull stops following: only the move is under test.
  await open.pop()?.dispose();
  const moveTo = async (sheetName: string): Promise<PulledTable> => {
    const table = await pullIndicatorTable((b) => host.run(b), source(), { filter: { units: ['vc-tensta'] }, lang: 'sv', coalesceMs: 5, sheetName, move: true });
    open.push(table);
    return table;
  };
  return { host, moveTo };
}

/** Sets the old sheet's protection as the manager would (Review → Protect Sheet / Unprotect Sheet). */
async function protect(host: ExcelHost, on: boolean, password?: string): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(OLD);
    sheet.protection.unprotect();
    if (on) sheet.protection.protect({ allowAutoFilter: true }, password);
    await context.sync();
  });
}

const sheet = (host: ExcelHost, name: string) => host.snapshot().sheets.find((s) => s.name === name);
const cell = (host: ExcelHost, address: string) => host.read(OLD, address)[0]?.[0];

describe('a pull to another sheet', () => {
  it('leaves the old sheet unprotected when the manager had unprotected it', async () => {
    const { host, moveTo } = await pulled();
    await protect(host, false);
    await moveTo('Tensta');
    expect(host.snapshot().tables.map((t) => [t.name, t.sheet])).toEqual([[NAME, 'Tensta']]);
    expect(sheet(host, OLD)?.protected).toBe(false);
    expect(sheet(host, 'Tensta')?.protected).toBe(true);
  });

  it('clears the title lines it wrote on the old sheet, and nothing the manager wrote there', async () => {
    const { host, moveTo } = await pulled();
    expect(String(cell(host, 'A1'))).toMatch(/^Samplan – indikatorer/);
    await protect(host, false);
    host.user.type(OLD, 'H2', 'Min anteckning');
    await host.settle();
    await moveTo('Tensta');
    expect([cell(host, 'A1'), cell(host, 'A2'), cell(host, 'A3')]).toEqual(['', '', '']);
    expect(cell(host, 'H2')).toBe('Min anteckning');
    // The new sheet has its own title lines.
    expect(String(host.read('Tensta', 'A1')[0]?.[0])).toMatch(/^Samplan – indikatorer/);
  });

  it('fails before changing anything when the old sheet is protected with a password, and says what to do', async () => {
    const { host, moveTo } = await pulled();
    await protect(host, true, 'hemligt');
    const before = host.snapshot();
    const refused = await moveTo('Tensta').then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(refused?.message).toBe(
      `Tabellen "${NAME}" står kvar på bladet "${OLD}", som är skyddat med lösenord, så Samplan kan inte ta bort den där. ` +
        `Ta bort bladskyddet på "${OLD}" (Granska → Ta bort skydd för blad) eller tabellen där, och hämta tabellen igen. Inget i arbetsboken har ändrats.`,
    );
    expect(host.snapshot()).toEqual(before);
    // Events are on again: the person's edits reach the add-in.
    expect(await eventsOn(host)).toBe(true);
  });
});
