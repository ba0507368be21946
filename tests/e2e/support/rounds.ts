/**
 * Helpers for the follow-up flows in the playground: find a table row of the bound sheet by its
 * cell values (matched by the table's headers, as the emulated workbook holds them) and give the
 * address of one of its cells; set a pane's width to see a view as Excel's narrow or wide pane;
 * open a view by its tab, or from the "Fler vyer" menu when the pane is too narrow for its tab.
 */
import type { Page } from 'playwright-core';
import type { Side } from './playground.js';
import { openView } from './views.js';

/** A row of the active table: its 0-based index and the grid address of a cell by header. */
export interface FoundRow {
  index: number;
  /** The sheet (tab) the row's table is on. */
  sheet: string;
  address(header: string): string;
}

const letters = (col: number): string => (col < 26 ? String.fromCharCode(65 + col) : letters(Math.floor(col / 26) - 1) + String.fromCharCode(65 + (col % 26)));

/**
 * The row of `side`'s table whose cells under the given headers equal the given texts.
 * Throws naming the headers when the table has no such row (or no such header).
 */
export async function rowOf(page: Page, side: Side, match: Record<string, string>): Promise<FoundRow> {
  // The binding writes a large table in batches: look until the row is there (or 20 s pass).
  const started = Date.now();
  for (;;) {
    try {
      return await findRow(page, side, match);
    } catch (err) {
      if (Date.now() - started > 20_000) throw err;
      await page.waitForTimeout(200);
    }
  }
}

async function findRow(page: Page, side: Side, match: Record<string, string>): Promise<FoundRow> {
  const tables = await page.evaluate(
    ([s, headers]) => {
      const host = (window as unknown as { samplan: { hosts: Record<string, { snapshot(): { tables: { sheet: string; headers: string[]; rows: unknown[][]; address: string }[] } }> } }).samplan.hosts[s as string];
      // The tables that have every header asked about (a workbook holds one table per open document).
      return (host?.snapshot().tables ?? [])
        .filter((x) => x.rows.length > 0 && (headers as string[]).every((h) => x.headers.includes(h)))
        .map((t) => ({ sheet: t.sheet, headers: t.headers, rows: t.rows.map((r) => r.map((v) => String(v ?? ''))), address: t.address }));
    },
    [side, Object.keys(match)] as const,
  );
  if (tables.length === 0) throw new Error(`pane ${side} has no bound table with the headers ${Object.keys(match).join(', ')}`);
  const hit = (t: (typeof tables)[number]) => {
    const cols = Object.entries(match).map(([h, v]) => [t.headers.indexOf(h), v] as const);
    return t.rows.findIndex((r) => cols.every(([i, v]) => r[i] === v));
  };
  const table = tables.find((t) => hit(t) >= 0);
  if (!table) throw new Error(`no row with ${JSON.stringify(match)}; first row: ${tables[0]?.rows[0]?.join(' | ')}`);
  const index = hit(table);
  // The table starts at its address's top-left cell, headers on the first row.
  const start = /!?\$?([A-Z]+)\$?(\d+)/.exec(table.address.split('!').pop() ?? 'A1');
  const startCol = [...(start?.[1] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const startRow = Number(start?.[2] ?? 1);
  return {
    index,
    sheet: table.sheet,
    address(header: string) {
      const i = table.headers.indexOf(header);
      if (i < 0) throw new Error(`no header "${header}"`);
      return `${letters(startCol + i)}${startRow + 1 + index}`;
    },
  };
}

/** Sets `side`'s task pane to `width` CSS pixels (the playground's default is 320). */
export async function paneWidth(page: Page, side: Side, width: number): Promise<void> {
  await page.locator(`#pane-${side}`).evaluate((el, w) => ((el as HTMLElement).style.width = `${w}px`), width);
}

/**
 * Opens `view` in `side`'s pane: its activity-bar tab, or the "Fler vyer" menu's item when the tab
 * did not fit. Opening another view first makes the view load afresh.
 */
export async function showView(page: Page, side: Side, view: string, opts: { fresh?: boolean } = {}): Promise<void> {
  const bar = page.locator(`#pane-${side} samplan-activity-bar`);
  const open = (id: string): Promise<void> => openView(bar, id);
  if (opts.fresh !== false) await open('explorer');
  await open(view);
}
