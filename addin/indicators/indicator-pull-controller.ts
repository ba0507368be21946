/**
 * The task pane's side effects for indicators, as a reactive controller: it opens the live
 * indicator source on first use (e.g. `connectIndicatorSource` with the session's token), offers the
 * chooser's choices, pulls tables into the workbook, and closes everything when its host leaves the
 * page. It keeps the workspace's unit names live for the tables it pulled: from the session's list,
 * and once the source is open from the workspace's event stream, so a unit an admin renames is
 * renamed in every pulled table within a second or two.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IndicatorFilter } from '../../shared/indicators/table.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import type { DocConnection } from '../sync/connect-doc.js';
import type { Refusal } from '../sync/connection-status.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import type { SamplanApi } from '../taskpane/api-client.js';
import { DocumentsFeed } from '../taskpane/documents-feed.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { pullChoices, type PullChoices } from './pull-choices.js';
import type { PullOptions } from './pull-options.js';
import { pullIndicatorTable, type PulledTable } from './pull-table.js';
import { PULL_SETTING, rememberedPulls, rememberedTableId, rememberPull } from './remembered-pulls.js';
import { liveUnitNames, type LiveUnitNames, type UnitEntry } from './unit-names.js';

/** A live source and how to close it (what `connectIndicatorSource` returns fits). */
export interface OpenedSource {
  source: IndicatorTableSource;
  whenSynced(): Promise<void>;
  destroy(): Promise<void>;
  /** The source's sync connections, whose status the controller follows (see {@link IndicatorPullController.signInEnded}). */
  connections?: readonly Pick<DocConnection, 'status' | 'onStatus'>[];
}

/** Where the controller follows the workspace's units: the session's list and its event stream. */
export interface UnitsFollow {
  api(): SamplanApi | null;
  workspace(): string | null;
  /** The session's list (read on every host update; a new array is taken as the new list). */
  units(): readonly UnitEntry[];
}

/**
 * Owns the indicator source and the pulled tables of one pane.
 *
 * @example
 * private readonly indicators = new IndicatorPullController(this, () => connectIndicatorSource({ ... }));
 * html`<samplan-pull-dialog .loadChoices=${() => this.indicators.choices()}
 *   @samplan-pull=${(e: CustomEvent<PullRequest>) => this.indicators.pull(run, e.detail.filter, { lang })}></samplan-pull-dialog>`
 */
export class IndicatorPullController implements ReactiveController {
  private opened: OpenedSource | null = null;
  private readonly tables: PulledTable[] = [];
  private seenUnits: readonly UnitEntry[] | null = null;
  /** Unsubscribes from the source's connection statuses. */
  private readonly stops: (() => void)[] = [];
  /** The workspace's unit names, live, as pulled tables, the chooser and the indicator list show them. */
  readonly names: LiveUnitNames = liveUnitNames();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly open: () => OpenedSource,
    private readonly follow: UnitsFollow | null = null,
  ) {
    host.addController(this);
    // The stream is read only while indicators are open: before that nothing shows unit names here.
    if (follow) {
      new DocumentsFeed(host, {
        api: () => (this.opened ? follow.api() : null),
        workspace: () => follow.workspace(),
        onDocuments: () => undefined,
        onUnits: (units) => this.names.set(units),
      });
    }
  }

  /** The live source, opened and synced once on first use. */
  async source(): Promise<IndicatorTableSource> {
    if (!this.opened) {
      this.opened = this.open();
      // A connection that ends (a revoked token) must reach the host, which says so: pulled tables
      // stop following then, and must not go on reading "hålls uppdaterad".
      for (const c of this.opened.connections ?? []) this.stops.push(c.onStatus(() => this.host.requestUpdate()));
      // The host's next update starts following the workspace's units (the feed reads `opened`).
      this.host.requestUpdate();
    }
    await this.opened.whenSynced();
    return this.opened.source;
  }

  /** What the chooser offers now. */
  async choices(): Promise<PullChoices> {
    const source = await this.source();
    const choices = pullChoices(source.definitions(), source.current());
    return { ...choices, unitNames: new Map(choices.units.map((code) => [code, this.names.name(code)])) };
  }

  /**
   * Why the sign-in ended, when the server closed one of the source's connections for good because
   * of it (4401: a revoked or expired token, a removed member); null otherwise.
   */
  signInEnded(): Refusal | null {
    for (const c of this.opened?.connections ?? []) {
      if (c.status.refusal?.code === CloseCode.unauthorized) return c.status.refusal;
    }
    return null;
  }

  /**
   * Tables pulled and still live. A table whose source ended for good (the server closed its
   * read-only sockets: 4401 revoked sign-in, 4403 no right, 4404 document gone) is no longer
   * live: it is listed in {@link stoppedTables} instead, not here.
   */
  get pulled(): readonly PulledTable[] {
    return this.tables.filter((t) => t.stopped === null);
  }

  /**
   * Tables pulled whose source ended for good: the sheets keep the rows they last showed and
   * their title lines say they are no longer updated; each table's `stopped` says why, in the
   * table's language. Pulling again (after signing in again) into the same table name replaces one.
   */
  get stoppedTables(): readonly PulledTable[] {
    return this.tables.filter((t) => t.stopped !== null);
  }

  /**
   * Pulls a table with `filter` into the workbook; a pull into the same table name replaces the
   * earlier one, on the sheet and under the name its Excel table has now (remembered by its id in
   * the workbook setting: the manager may have renamed either).
   */
  async pull(run: ExcelRun, filter: IndicatorFilter, options: Omit<PullOptions, 'filter'>): Promise<PulledTable> {
    const source = await this.source();
    const tableName = options.tableName ?? 'SamplanIndikatorer';
    const tableId = options.tableId ?? (await rememberedTableId(run, PULL_SETTING + tableName).catch(() => undefined));
    // A table that stops moves from `pulled` to `stoppedTables`: the host shows it again.
    const onStopped = (reason: string): void => {
      options.onStopped?.(reason);
      this.host.requestUpdate();
    };
    const table = await pullIndicatorTable(run, source, { units: this.names, ...options, ...(tableId !== undefined ? { tableId } : {}), filter, onStopped });
    for (const earlier of this.tables.filter((t) => t.tableName === table.tableName)) {
      await earlier.dispose();
      this.tables.splice(this.tables.indexOf(earlier), 1);
    }
    this.tables.push(table);
    this.host.requestUpdate();
    // Remembered in the workbook, so that the pane opened again makes it live again (`resume`).
    // The table is written and live either way: a workbook that will not keep the setting only
    // means a pull by hand next time.
    const id = table.tableId;
    await rememberPull(run, { tableName: table.tableName, sheetName: table.sheetName, filter, workspace: this.follow?.workspace() ?? null, ...(id !== undefined ? { tableId: id } : {}) }).catch(() => undefined);
    return table;
  }

  /**
   * Makes the tables pulled into this workbook before (`remembered-pulls.ts`) live again, with the
   * filter they were pulled with: each is written anew at once, keeping its Excel table where it
   * stands (a table or sheet the manager renamed is followed by the table's id). Skips a table live already and one pulled from another workspace; `options` as for
   * {@link pull}. Resolves with the tables resumed; rejects as a pull does.
   */
  async resume(run: ExcelRun, options: Omit<PullOptions, 'filter' | 'sheetName' | 'tableName' | 'tableId' | 'move'>): Promise<PulledTable[]> {
    const workspace = this.follow?.workspace() ?? null;
    const live = new Set(this.pulled.map((t) => t.tableName.toLowerCase()));
    const resumed: PulledTable[] = [];
    for (const r of await rememberedPulls(run)) {
      if (live.has(r.tableName.toLowerCase()) || (r.workspace !== null && workspace !== null && r.workspace !== workspace)) continue;
      resumed.push(await this.pull(run, r.filter, { ...options, sheetName: r.sheetName, tableName: r.tableName, ...(r.tableId !== undefined ? { tableId: r.tableId } : {}) }));
    }
    return resumed;
  }

  hostConnected(): void {}

  hostUpdate(): void {
    const units = this.follow?.units();
    if (units && units !== this.seenUnits) {
      this.seenUnits = units;
      this.names.set(units);
    }
  }

  hostDisconnected(): void {
    void this.close();
  }

  /** Stops every pulled table and closes the source. */
  async close(): Promise<void> {
    const tables = this.tables.splice(0);
    const opened = this.opened;
    this.opened = null;
    for (const stop of this.stops.splice(0)) stop();
    for (const t of tables) await t.dispose();
    await opened?.destroy();
  }
}
