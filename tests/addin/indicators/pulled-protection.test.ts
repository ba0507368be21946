/**
 * The protection of a pulled table's own sheet. Samplan lifts it for each write and puts it back;
 * a password the manager set is not Samplan's to know: the pull and the live updates stop before
 * changing anything, say in words what to do (once, not once per update), and carry on once the
 * password is gone. Under the regression of office-js #6784 (`protect()` / `unprotect()` fail
 * with `AccessDenied` on a sheet already in that state) every write still lands, in one sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { pullIndicatorTable, type PulledTable } from '../../../addin/indicators/pull-table.js';
import { createWorkbook, type ExcelHost } from '../../../addin/excel-emulator/index.js';
import { until } from '../taskpane/support.js';
import { eventsOn } from '../events-on.js';
import { eventually, pastTimers } from '../../support/eventually.js';
import { indicatorDocs } from './fixture.js';

const SHEET = 'Indikatorer';
const LOCKED =
  `Bladet "${SHEET}", där tabellen "SamplanIndikatorer" hämtas, är skyddat med lösenord, så Samplan kan inte skriva där. ` +
  `Ta bort bladskyddet på "${SHEET}" (Granska → Ta bort skydd för blad), eller hämta tabellen till ett annat blad. Inget i arbetsboken har ändrats.`;
const open: PulledTable[] = [];
/** The pulled table's wait before trying a failed write again, in ms. */
const RETRY_MS = 20;

afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
});

async function pulled(options: { protectionStateErrors?: boolean } = {}) {
  const docs = indicatorDocs();
  const host = createWorkbook({ sheets: ['Mitt blad'], ...options });
  const errors: unknown[] = [];
  /** What the pulled table was told of its sheet's protection, in order. */
  const told: boolean[] = [];
  /** How many writes have ended (the pull's included): told after each, when nothing more of it is sent. */
  const written = { count: 0 };
  const pull = async (): Promise<PulledTable> => {
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const table = await pullIndicatorTable((b) => host.run(b), source, { filter: {}, lang: 'sv', coalesceMs: 5, retryMs: RETRY_MS, onError: (e) => void errors.push(e), onProtection: (_sheet, on) => void told.push(on), onUpdate: () => void written.count++ });
    open.push(table);
    return table;
  };
  return { ...docs, host, pull, errors, told, written };
}

/** Sets the sheet's protection as the manager would (Review → Unprotect / Protect Sheet), reading its state first. */
async function protect(host: ExcelHost, on: boolean, password?: string, was?: string): Promise<void> {
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(SHEET);
    sheet.protection.load('protected');
    await context.sync();
    if (sheet.protection.protected) sheet.protection.unprotect(was);
    if (on) sheet.protection.protect({ allowAutoFilter: true }, password);
    await context.sync();
  });
}

const value = (host: ExcelHost, row: number): unknown => host.readTable('SamplanIndikatorer').rows[row]?.[4];

describe('a pulled table whose sheet has a password', () => {
  it('is not pulled again: it fails before any change and says what to do', async () => {
    const { host, pull } = await pulled();
    await (await pull()).dispose();
    await protect(host, true, 'hemligt');
    const before = host.snapshot();
    const refused = await pull().then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(refused?.message).toBe(LOCKED);
    expect(host.snapshot()).toEqual(before);
    expect(await eventsOn(host)).toBe(true);
  });

  it('stops its live updates with one message, not one per update, and writes again once the password is gone', async () => {
    const { host, pull, values, errors } = await pulled();
    const table = await pull();
    await protect(host, true, 'hemligt');
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 42);
    await until(() => errors.length > 0);
    const tried = host.syncCount;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 43);
    await eventually(() => host.syncCount > tried, 5000, 'the update to 43 tried against the password');
    // The table's writes are one chain: a refresh ends after that try, and is refused the same way.
    await table.refresh();
    // Past the retry wait after the last refusal: a retry loop would have synced again (and told again).
    const syncs = host.syncCount;
    await pastTimers(RETRY_MS);
    expect(host.syncCount).toBe(syncs);
    expect(errors.map((e) => (e as Error).message)).toEqual([LOCKED]);
    expect(value(host, 0)).toBe(50);
    await protect(host, false, undefined, 'hemligt');
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 45);
    await until(() => value(host, 0) === 75);
    expect(host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
    expect(errors).toHaveLength(1);
  });
});

describe('a pulled table under office-js #6784 (protect/unprotect fail on a sheet already in that state)', () => {
  it('is pulled into a sheet the manager left unprotected, and pulled again into its own protected sheet', async () => {
    const { host, pull } = await pulled({ protectionStateErrors: true });
    await host.run(async (context) => {
      context.workbook.worksheets.add(SHEET);
      await context.sync();
    });
    await (await pull()).dispose();
    expect(value(host, 0)).toBe(50);
    await pull();
    expect(value(host, 0)).toBe(50);
    expect(host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
  });

  it('writes each live update in one sync, also after the manager lifted the protection', async () => {
    const { host, pull, values, errors, told, written } = await pulled({ protectionStateErrors: true });
    const table = await pull();
    let syncs = table.syncs;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 42);
    await until(() => value(host, 0) === 70);
    expect(table.syncs - syncs).toBe(1);
    await protect(host, false);
    // Told before the next update arrives: told after it (events are handled in turn, later under
    // load), that update is written by cells and the one after it whole, in more than one sync.
    await until(() => told.includes(false));
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 45);
    // The whole table is written then: counted from the end of that write, not from when its
    // numbers show (a request after them would count in the next update's window).
    await until(() => value(host, 0) === 75 && written.count === 3);
    syncs = table.syncs;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 48);
    await until(() => value(host, 0) === 80);
    expect(table.syncs - syncs).toBe(1);
    expect(errors).toEqual([]);
    expect(host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
  });

  it('writes the whole table in the request after looking, and sends nothing after it', async () => {
    const { host, pull, values, told, written } = await pulled({ protectionStateErrors: true });
    const table = await pull();
    // One sync looks for the sheet and the table (neither is there), one writes it and protects.
    expect(table.syncs).toBe(2);
    await protect(host, false);
    await until(() => told.includes(false));
    const syncs = table.syncs;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 45);
    await until(() => written.count === 2);
    // Two look at the table where it stands, one writes it whole and protects the sheet again.
    expect(table.syncs - syncs).toBe(3);
    expect(value(host, 0)).toBe(75);
    expect(host.snapshot().sheets.find((s) => s.name === SHEET)?.protected).toBe(true);
  });
});
