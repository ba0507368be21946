/**
 * The pane's live pulled round tables (completeness, county roll-up), one set per rounds client
 * (server, credential, workspace), so they stay live while the person moves between views. A pull
 * of a table and round already pulled replaces the earlier one (the same sheet is written anew).
 */
import { pullRoundTable, type PulledRoundTable, type RoundTableSource } from '../indicators/pull-round-table.js';
import { roundTableName, type RoundTableKind } from '../indicators/round-table-layout.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import { rememberedRoundPulls, rememberedTableId, rememberRoundPull, ROUND_PULL_SETTING } from '../indicators/remembered-pulls.js';
import { RoundsError, type RoundsClient } from './rounds-client.js';
import type { Lang } from './strings.js';

/** HTTP statuses the server will answer again the same way: no use trying again. */
const FINAL = new Set([401, 403, 404]);

/**
 * A rounds client as a table source: fetches through it, listens to its rounds stream; a refusal
 * with 401, 403 or 404 ends the table with the server's own sentence.
 */
export function clientTableSource(client: Pick<RoundsClient, 'table' | 'watch'>): RoundTableSource {
  return {
    fetch: (kind, round) => client.table(kind, round),
    final: (error, lang) => (error instanceof RoundsError && error.status !== null && FINAL.has(error.status) ? error.text(lang) : null),
    watch(changed, ended) {
      const watch = client.watch();
      const stops = [watch.subscribe(() => changed()), watch.subscribeData(() => changed())];
      if (ended) stops.push(watch.onEnded(ended));
      return () => {
        for (const stop of stops) stop();
        watch.release();
      };
    },
  };
}

/** The live pulled tables of one client. */
export class RoundPulls {
  private readonly live: PulledRoundTable[] = [];
  private readonly listeners = new Set<() => void>();

  /** `workspace`: the one the tables come from, remembered with them (`remembered-pulls.ts`). */
  constructor(
    private readonly source: RoundTableSource,
    private readonly workspace: string | null = null,
  ) {}

  /** Tables pulled and still live. */
  get tables(): readonly PulledRoundTable[] {
    return this.live;
  }

  /** Call `listener` when a table is pulled or written; returns the stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Pulls `kind` of `round` into the workbook and keeps it live; rejects (nothing written) when
   * the server refuses or cannot be reached. `onError` hears of later failed updates,
   * `onProtection` that the person switched the table's sheet protection off or on, `onStopped`
   * that the server refused the table for good (a revoked token, a right or the round gone): it
   * then leaves {@link tables} and its sheet says it is no longer updated.
   */
  async pull(
    run: ExcelRun,
    kind: RoundTableKind,
    round: string,
    opts: { lang: Lang; unitNames: ReadonlyMap<string, string>; onError?(error: unknown): void; onStopped?(reason: string): void; onProtection?(sheetName: string, isProtected: boolean): void },
  ): Promise<PulledRoundTable> {
    // The earlier pull of this table stops first, so its writes cannot cross the new one's.
    for (const earlier of this.live.filter((t) => t.kind === kind && t.round === round)) {
      await earlier.dispose();
      this.live.splice(this.live.indexOf(earlier), 1);
    }
    // The table pulled before, found by its id: the manager may have renamed it.
    const tableId = await rememberedTableId(run, ROUND_PULL_SETTING + roundTableName(kind, round)).catch(() => undefined);
    const table = await pullRoundTable(run, this.source, {
      kind,
      round,
      ...(tableId !== undefined ? { tableId } : {}),
      lang: opts.lang,
      unitNames: opts.unitNames,
      onUpdate: () => this.tell(),
      ...(opts.onError ? { onError: opts.onError } : {}),
      ...(opts.onProtection ? { onProtection: opts.onProtection } : {}),
      // A table the server refuses for good is live no more: out of the list, and the person told.
      onStopped: (reason) => {
        for (let i = this.live.length - 1; i >= 0; i--) if (this.live[i]?.stopped !== null) this.live.splice(i, 1);
        this.tell();
        opts.onStopped?.(reason);
      },
    });
    if (table.stopped === null) this.live.push(table);
    this.tell();
    // Remembered in the workbook, so that the pane opened again makes it live again (`resume`);
    // a workbook that will not keep the setting only means a pull by hand next time.
    const id = table.tableId;
    await rememberRoundPull(run, { tableName: table.tableName, kind, round, workspace: this.workspace, ...(id !== undefined ? { tableId: id } : {}) }).catch(() => undefined);
    return table;
  }

  /**
   * Makes the round tables pulled into this workbook before live again (written anew at once,
   * keeping their Excel tables); skips one live already and one of another workspace. `opts` as
   * for {@link pull}. Resolves with the tables resumed; rejects as a pull does.
   */
  async resume(run: ExcelRun, opts: Parameters<RoundPulls['pull']>[3]): Promise<PulledRoundTable[]> {
    const resumed: PulledRoundTable[] = [];
    for (const r of await rememberedRoundPulls(run)) {
      if (this.live.some((t) => t.tableName.toLowerCase() === r.tableName.toLowerCase())) continue;
      if (r.workspace !== null && this.workspace !== null && r.workspace !== this.workspace) continue;
      resumed.push(await this.pull(run, r.kind, r.round, opts));
    }
    return resumed;
  }

  /** Stops every table (the sheets keep what they show). */
  async close(): Promise<void> {
    for (const t of this.live.splice(0)) await t.dispose();
    this.tell();
  }

  private tell(): void {
    for (const l of [...this.listeners]) l();
  }
}

const perClient = new WeakMap<RoundsClient, RoundPulls>();

/** The pulled tables of `client`, made on first use. */
export function roundPullsFor(client: RoundsClient): RoundPulls {
  let pulls = perClient.get(client);
  if (!pulls) perClient.set(client, (pulls = new RoundPulls(clientTableSource(client), client.workspace)));
  return pulls;
}
