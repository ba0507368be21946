/**
 * Pulled indicator tables remembered in the workbook, so that opening the pane again (the next
 * day, after Excel was closed) makes them live again: their title says they update while the
 * Samplan pane is open, and without this they kept last week's figures under that title.
 *
 * One workbook setting per pulled table (`samplan.pull.<table name>`, ExcelApi 1.4, the name the
 * pull gave the table), its value a JSON text `{ sheetName, filter, workspace, tableId }`: the
 * sheet it was written to, the filter it was pulled with ({@link IndicatorFilter}), the workspace
 * it came from (a workbook opened while signed in to another workspace resumes nothing of it) and
 * the Excel table's id (a table the manager renamed, or whose sheet they renamed, is still found
 * by it; settings written before it was kept have none, and find the table by name). A pulled
 * round table likewise (`samplan.pull-round.<table name>`: `{ kind, round, workspace, tableId }`).
 */
import type { IndicatorFilter } from '../../shared/indicators/table.js';
import type { ExcelRun } from '../excel/sheet/types.js';

/** The prefix of the settings' keys. */
export const PULL_SETTING = 'samplan.pull.';

/** A pull as remembered: where it went, what it filtered, from which workspace. */
export interface RememberedPull {
  tableName: string;
  sheetName: string;
  filter: IndicatorFilter;
  workspace: string | null;
  /** The Excel table's id (absent in a setting written before it was kept). */
  tableId?: string;
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined);

/** The filter of a stored value, its lists kept only when they are lists of text. */
function filterOf(raw: unknown): IndicatorFilter {
  const f = (raw ?? {}) as Record<string, unknown>;
  const out: IndicatorFilter = {};
  for (const key of ['indicators', 'units', 'periods', 'years'] as const) {
    const list = strings(f[key]);
    if (list) out[key] = list;
  }
  const kon = strings(f.kon)?.filter((k): k is 'T' | 'K' | 'M' => k === 'T' || k === 'K' || k === 'M');
  if (kon) out.kon = kon;
  return out;
}

/** A stored setting read back, or null when it is not one of ours or not readable. */
function parse(key: string, value: unknown): RememberedPull | null {
  if (!key.startsWith(PULL_SETTING) || typeof value !== 'string') return null;
  try {
    const v = JSON.parse(value) as { sheetName?: unknown; filter?: unknown; workspace?: unknown; tableId?: unknown };
    if (typeof v.sheetName !== 'string' || v.sheetName === '') return null;
    return { tableName: key.slice(PULL_SETTING.length), sheetName: v.sheetName, filter: filterOf(v.filter), workspace: typeof v.workspace === 'string' ? v.workspace : null, ...idOf(v) };
  } catch {
    return null;
  }
}

/** The stored table id, when it is one. */
function idOf(v: { tableId?: unknown }): { tableId?: string } {
  return typeof v.tableId === 'string' && v.tableId !== '' ? { tableId: v.tableId } : {};
}

/** Stores `pull` in the workbook (one sync), replacing what was stored for its table. */
export async function rememberPull(run: ExcelRun, pull: RememberedPull): Promise<void> {
  await store(run, PULL_SETTING + pull.tableName, { sheetName: pull.sheetName, filter: pull.filter, workspace: pull.workspace, tableId: pull.tableId });
}

/**
 * The Excel table id remembered for the table a pull names `key` (`samplan.pull.<name>` or
 * `samplan.pull-round.<name>`), or undefined (one sync): a pull by hand finds by it a table
 * pulled before that the manager renamed since.
 */
export async function rememberedTableId(run: ExcelRun, key: string): Promise<string | undefined> {
  return run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(key).load('value');
    await context.sync();
    if (setting.isNullObject || typeof setting.value !== 'string') return undefined;
    try {
      return idOf(JSON.parse(setting.value) as { tableId?: unknown }).tableId;
    } catch {
      return undefined;
    }
  });
}

/**
 * The pulls remembered in the workbook whose table is still there (one sync); the settings of
 * those whose table the manager deleted are removed (one sync more, only then).
 */
export function rememberedPulls(run: ExcelRun): Promise<RememberedPull[]> {
  return remembered(run, (key, value) => parse(key, value));
}

/** The prefix of a pulled round table's setting (`samplan.pull-round.<table name>`). */
export const ROUND_PULL_SETTING = 'samplan.pull-round.';

/** A pulled round table as remembered: which table of which round, from which workspace. */
export interface RememberedRoundPull {
  tableName: string;
  kind: 'completeness' | 'rollup';
  round: string;
  workspace: string | null;
  /** The Excel table's id (absent in a setting written before it was kept). */
  tableId?: string;
}

/** Stores a pulled round table in the workbook (one sync). */
export async function rememberRoundPull(run: ExcelRun, pull: RememberedRoundPull): Promise<void> {
  await store(run, ROUND_PULL_SETTING + pull.tableName, { kind: pull.kind, round: pull.round, workspace: pull.workspace, tableId: pull.tableId });
}

/** The round tables remembered in the workbook whose table is still there; as {@link rememberedPulls}. */
export function rememberedRoundPulls(run: ExcelRun): Promise<RememberedRoundPull[]> {
  return remembered(run, (key, value) => {
    if (!key.startsWith(ROUND_PULL_SETTING) || typeof value !== 'string') return null;
    try {
      const v = JSON.parse(value) as { kind?: unknown; round?: unknown; workspace?: unknown; tableId?: unknown };
      if ((v.kind !== 'completeness' && v.kind !== 'rollup') || typeof v.round !== 'string' || v.round === '') return null;
      return { tableName: key.slice(ROUND_PULL_SETTING.length), kind: v.kind, round: v.round, workspace: typeof v.workspace === 'string' ? v.workspace : null, ...idOf(v) };
    } catch {
      return null;
    }
  });
}

async function store(run: ExcelRun, key: string, value: unknown): Promise<void> {
  await run(async (context) => {
    context.workbook.settings.add(key, JSON.stringify(value));
    await context.sync();
  });
}

/** The settings `parse` reads whose table is still there, by its id or its name; the others of them removed. */
async function remembered<T extends { tableName: string; tableId?: string }>(run: ExcelRun, parse: (key: string, value: unknown) => T | null): Promise<T[]> {
  return run(async (context) => {
    const settings = context.workbook.settings.load('items/key, items/value');
    const tables = context.workbook.tables.load('items/name, items/id');
    await context.sync();
    const names = new Set(tables.items.map((t) => t.name.toLowerCase()));
    const ids = new Set(tables.items.map((t) => t.id));
    const found: T[] = [];
    let gone = false;
    for (const s of settings.items) {
      const pull = parse(s.key, s.value);
      if (!pull) continue;
      if ((pull.tableId !== undefined && ids.has(pull.tableId)) || names.has(pull.tableName.toLowerCase())) found.push(pull);
      else {
        s.delete();
        gone = true;
      }
    }
    if (gone) await context.sync();
    return found;
  });
}
