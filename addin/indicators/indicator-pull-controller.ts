/**
 * The task pane's side effects for indicators, as a reactive controller: it opens the live
 * indicator source on first use (e.g. `connectIndicatorSource` with the session's token), offers the
 * chooser's choices, pulls tables into the workbook, and closes everything when its host leaves the
 * page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { IndicatorFilter } from '../../shared/indicators/table.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { pullChoices, type PullChoices } from './pull-choices.js';
import { pullIndicatorTable, type PullOptions, type PulledTable } from './pull-table.js';

/** A live source and how to close it (what `connectIndicatorSource` returns fits). */
export interface OpenedSource {
  source: IndicatorTableSource;
  whenSynced(): Promise<void>;
  destroy(): Promise<void>;
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

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly open: () => OpenedSource,
  ) {
    host.addController(this);
  }

  /** The live source, opened and synced once on first use. */
  async source(): Promise<IndicatorTableSource> {
    if (!this.opened) this.opened = this.open();
    await this.opened.whenSynced();
    return this.opened.source;
  }

  /** What the chooser offers now. */
  async choices(): Promise<PullChoices> {
    const source = await this.source();
    return pullChoices(source.definitions(), source.current());
  }

  /** Tables pulled and still live. */
  get pulled(): readonly PulledTable[] {
    return this.tables;
  }

  /** Pulls a table with `filter` into the workbook; a pull into the same table name replaces the earlier one. */
  async pull(run: ExcelRun, filter: IndicatorFilter, options: Omit<PullOptions, 'filter'>): Promise<PulledTable> {
    const source = await this.source();
    const table = await pullIndicatorTable(run, source, { ...options, filter });
    for (const earlier of this.tables.filter((t) => t.tableName === table.tableName)) {
      await earlier.dispose();
      this.tables.splice(this.tables.indexOf(earlier), 1);
    }
    this.tables.push(table);
    this.host.requestUpdate();
    return table;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    void this.close();
  }

  /** Stops every pulled table and closes the source. */
  async close(): Promise<void> {
    const tables = this.tables.splice(0);
    const opened = this.opened;
    this.opened = null;
    for (const t of tables) await t.dispose();
    await opened?.destroy();
  }
}
