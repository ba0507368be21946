/**
 * The workbench's indicator tables, in one place: the pull controller over the workspace's
 * indicator documents (its source opens on the first pull), whether the chooser is open, pulling
 * the chosen table into the workbook, and, in Excel's shared runtime, handing
 * `=SAMPLAN.INDICATOR(...)` its live feed once the workspace has indicator values.
 */
import type { ReactiveControllerHost } from 'lit';
import { unitEntries } from '../../shared/normalize/ref-entries.js';
import { provideIndicatorFeed } from '../functions/functions.js';
import { feedFromSource } from '../functions/source-feed.js';
import { IndicatorPullController } from '../indicators/indicator-pull-controller.js';
import type { PullRequest } from '../indicators/samplan-pull-dialog.js';
import type { DocumentInfo } from './api-client.js';
import type { EnginePorts, ExcelRun } from './ports.js';
import type { SessionController } from './session-controller.js';
import { str, type Lang } from './strings.js';
import { failureWords } from './notice.js';
import type { RoundPulls } from './round-pulls.js';

/** What the indicators need from the workbench. */
export interface IndicatorsHost extends ReactiveControllerHost {
  readonly session: SessionController;
  readonly ports: EnginePorts;
  readonly serverUrl: string;
}

/** A sentence for the pane's notice, in whichever language is shown, and whether it warns. */
export interface Said {
  text: (lang: Lang) => string;
  warn: boolean;
}

const hasValues = (documents: readonly DocumentInfo[]) => documents.some((d) => d.kind === 'indicator-values');

/** The workbench's indicators; see the file comment. */
export class WorkbenchIndicators {
  /** Pulled tables and the live source they come from. */
  readonly pulls: IndicatorPullController;
  /** The chooser ("Hämta indikatortabell") is open. */
  choosing = false;
  private fed = false;
  /** The tables pulled into this workbook before were resumed (or tried) since the sign-in. */
  private resumed = false;
  /** The same for the round tables (`RoundPulls.resume`). */
  private roundsResumed = false;

  constructor(
    private readonly host: IndicatorsHost,
    private readonly documents: () => readonly DocumentInfo[],
  ) {
    this.pulls = new IndicatorPullController(host, () => {
      const { api, workspace } = host.session;
      const ids = (kind: string) => this.documents().filter((d) => d.kind === kind).map((d) => d.id);
      return host.ports.openIndicators({
        serverUrl: api?.serverUrl ?? host.serverUrl,
        workspace: workspace ?? '',
        token: api?.token ?? '',
        member: host.session.me?.memberId,
        catalogIds: ids('indicator-catalog'),
        valueIds: ids('indicator-values'),
        // To name a clinic's values document the server cannot read, on the pulled table's sheet.
        valueOwners: Object.fromEntries(this.documents().filter((d) => d.kind === 'indicator-values').map((d) => [d.id, d.ownerUnit])),
      });
    }, { api: () => host.session.api, workspace: () => host.session.workspace, units: () => host.session.units });
  }

  /** Opens the chooser; what to say instead when there is nothing to pull or no workbook. */
  choose(run: ExcelRun | null): Said | null {
    if (!hasValues(this.documents())) return { text: (l) => str('doc.noIndicators', l), warn: true };
    if (!run) return { text: (l) => str('doc.excelMissing', l), warn: true };
    this.choosing = true;
    this.host.requestUpdate();
    return null;
  }

  /** Closes the chooser. */
  cancel(): void {
    this.choosing = false;
    this.host.requestUpdate();
  }

  /**
   * Pulls the chosen table live and read-only into the workbook; says on which sheet, or why not.
   * A later update that fails is told through `tell` (the pull says once when the sheet has a
   * password; other failures are tried again).
   */
  async pull(run: ExcelRun | null, request: PullRequest, lang: Lang, tell?: (said: Said) => void): Promise<Said | null> {
    this.cancel();
    if (!run) return null;
    let sheet = '';
    const onError = (err: unknown): void => tell?.({ text: (l) => str('doc.pullUpdateFailed', l, { sheet, reason: failureWords(err, l) }), warn: true });
    try {
      // Said when the person unprotects the table's sheet (what they type there will not stay), and when they protect it again.
      const onProtection = (name: string, on: boolean): void =>
        tell?.(on ? { text: (l) => str('doc.pulledProtectedAgain', l, { sheet: name }), warn: false } : { text: (l) => str('doc.pulledUnprotected', l, { sheet: name }), warn: true });
      const table = await this.pulls.pull(run, request.filter, { lang, onError, onProtection });
      sheet = table.sheetName;
      return { text: (l) => str('doc.pulled', l, { sheet: table.sheetName }), warn: false };
    } catch (err) {
      return { text: (l) => str('doc.pullFailed', l, { reason: failureWords(err, l) }), warn: true };
    }
  }

  /**
   * Once per sign-in, when the workspace has indicator values: makes the tables pulled into this
   * workbook before live again (`IndicatorPullController.resume`), and says on which sheet; a
   * failure is said as a failed pull. Their titles say they update while the pane is open. With
   * `rounds` (the pane's pulled round tables of the workspace), once per sign-in, its tables too.
   */
  async resume(run: ExcelRun | null, lang: Lang, tell: (said: Said) => void, rounds: RoundPulls | null = null): Promise<void> {
    if (!run) return;
    // Round tables need no indicator values (a round may count activities alone).
    if (rounds && !this.roundsResumed) {
      this.roundsResumed = true;
      await this.resumeRounds(run, rounds, lang, tell);
    }
    if (this.resumed || !hasValues(this.documents())) return;
    this.resumed = true;
    const sheets = new Map<string, string>();
    const onError = (err: unknown): void => tell({ text: (l) => str('doc.pullUpdateFailed', l, { sheet: [...sheets.values()].join(', '), reason: failureWords(err, l) }), warn: true });
    const onProtection = (name: string, on: boolean): void =>
      tell(on ? { text: (l) => str('doc.pulledProtectedAgain', l, { sheet: name }), warn: false } : { text: (l) => str('doc.pulledUnprotected', l, { sheet: name }), warn: true });
    try {
      const tables = await this.pulls.resume(run, { lang, onError, onProtection });
      for (const t of tables) sheets.set(t.tableName, t.sheetName);
      if (tables.length > 0) tell({ text: (l) => str('doc.pullsResumed', l, { sheets: [...sheets.values()].join(', ') }), warn: false });
    } catch (err) {
      tell({ text: (l) => str('doc.pullFailed', l, { reason: failureWords(err, l) }), warn: true });
    }
  }

  /** The round tables pulled into this workbook before, live again (`RoundPulls.resume`), said as the indicator tables are. */
  private async resumeRounds(run: ExcelRun, rounds: RoundPulls, lang: Lang, tell: (said: Said) => void): Promise<void> {
    const unitNames = new Map(this.host.session.units.map((u) => [u.code, u.name]));
    try {
      const tables = await rounds.resume(run, { lang, unitNames, onError: (err) => tell({ text: (l) => str('doc.pullFailed', l, { reason: failureWords(err, l) }), warn: true }) });
      if (tables.length > 0) tell({ text: (l) => str('doc.pullsResumed', l, { sheets: tables.map((t) => t.sheetName).join(', ') }), warn: false });
    } catch (err) {
      tell({ text: (l) => str('doc.pullFailed', l, { reason: failureWords(err, l) }), warn: true });
    }
  }

  /** In Excel's shared runtime, hands `=SAMPLAN.INDICATOR(...)` a live feed once there are indicator values. */
  async feedFunctions(): Promise<void> {
    if (this.fed || !(globalThis as { CustomFunctions?: unknown }).CustomFunctions) return;
    if (!hasValues(this.documents())) return;
    this.fed = true;
    provideIndicatorFeed(feedFromSource(await this.pulls.source(), { units: () => unitEntries(this.host.session.units) }));
  }

  /** Signing out: the custom functions lose their feed. */
  reset(): void {
    provideIndicatorFeed(null);
    this.fed = false;
    this.resumed = false;
    this.roundsResumed = false;
    this.choosing = false;
  }
}
