/**
 * The workbench's opening of documents and its acts on the active one: opening binds a document
 * to its sheet and says what the person should know (no Excel, a binding that failed, read-only and
 * why); the active document is exported as a file, a version of its history restored, or the status
 * bar's question about an unowned copy's unsent edits answered. What happened is said through the
 * workbench's notice.
 */
import type { DocumentInfo, ExportFormat } from './api-client.js';
import type { DocumentsController } from './documents-controller.js';
import { hword } from './history-strings.js';
import { replacedCellsWords } from '../../shared/i18n/replaced-cells-words.js';
import { saveFile } from './new-document.js';
import { failureWords } from './notice.js';
import type { ExcelRun } from './ports.js';
import { refusalWords } from './refusal-words.js';
import type { RestoreRequest } from './samplan-history.js';
import type { SessionController } from './session-controller.js';
import { errorText, str, type Lang } from './strings.js';
import type { Say } from './workbench-jumps.js';

/** What opening and the active document's acts need of the workbench. */
export interface ActiveShell {
  session(): SessionController;
  docs(): DocumentsController;
  run(): ExcelRun | null;
  lang(): Lang;
  /** The workspace's documents as the pane lists them (a document's references are read from them). */
  documents(): readonly DocumentInfo[];
  say: Say;
  /** Takes the notice away: the document opened says its own. */
  quiet(): void;
  /** A version was restored: the History view reads the document's history again. */
  restored(): void;
}

/** The workbench's opening and acts on the active document; see the file comment. */
export class WorkbenchActive {
  constructor(private readonly shell: ActiveShell) {}

  /** Opens a document of the selected workspace and binds it to a sheet. */
  async open(info: DocumentInfo, readOnly = false): Promise<void> {
    const { shell } = this;
    const { api, workspace, me, units } = shell.session();
    if (!api || !workspace) return;
    shell.quiet();
    const run = shell.run();
    const entry = await shell.docs().openDoc({ serverUrl: api.serverUrl, token: api.token, workspace, info, me, units, documents: shell.documents(), lang: shell.lang(), run, readOnly });
    if (!run) shell.say((l) => str('doc.excelMissing', l), true);
    else if (entry.bindError) {
      const { error } = entry.bindError;
      shell.say((l) => str('doc.bindFailed', l, { reason: failureWords(error, l) }), true);
    } else if (entry.readOnly || entry.rowLegend) {
      const why = entry.readOnly ? entry.readOnlyReason : entry.rowLegend;
      shell.say((l) => why?.[l] ?? str('doc.readOnly', l));
    }
  }

  /**
   * Saves the active document as an Excel workbook, an OpenDocument spreadsheet or CSV for Swedish
   * Excel; cells the file could not hold as they are (an ODS file's U+FFFD) are said as a warning.
   */
  async exportFile(format: ExportFormat): Promise<void> {
    const { shell } = this;
    const active = shell.docs().active;
    const api = shell.session().api;
    if (!active || !api) return shell.say((l) => str('doc.noDocument', l), true);
    try {
      const { file, replaced } = await api.exportFile(active.workspace, active.info.id, format, shell.lang());
      saveFile(`${active.info.title}.${format}`, file);
      // Cells the file could not hold as they are: said as `samplan export` says it, so no one finds � later unwarned.
      if (replaced) shell.say((l) => replacedCellsWords(replaced.cells, replaced.first)[l], true);
    } catch (err) {
      shell.say((l) => refusalWords(err, l) ?? errorText('server', l), true);
    }
  }

  /** Answers the status bar's question whether the unsent edits of an unowned copy of the active document are the person's (`mine`); a failure is said. */
  answerUnownedCopy(answer: boolean): Promise<void> {
    return this.shell.docs().active?.sync.answerUnownedCopy?.(answer).catch(this.sayFailed('status.unownedFailed')) ?? Promise.resolve();
  }

  /** "Fråga igen": asks that question again after a "no" remembered in the workbook; a failure is said. */
  askUnownedAgain(): Promise<void> {
    return this.shell.docs().active?.sync.askUnownedAgain?.().catch(this.sayFailed('status.unownedAgainFailed')) ?? Promise.resolve();
  }

  /** Says, as a warning, that something failed: `key`'s sentence with the failure's words as `{reason}`. */
  private sayFailed(key: 'status.unownedFailed' | 'status.unownedAgainFailed'): (err: unknown) => void {
    return (err) => this.shell.say((l) => str(key, l, { reason: failureWords(err, l) }), true);
  }

  /** Restores a version of the active document's history (the whole document, or `version.only` its one row). */
  restore(version: RestoreRequest): void {
    const { shell } = this;
    const active = shell.docs().active;
    if (!active) return;
    shell.docs().restore(active.info.id, version.rows, version.only);
    shell.restored();
    if (version.only) shell.say((l) => hword('rowRestored', l, { seq: version.seq, row: version.rowLabel ?? '' }));
    else shell.say((l) => str('history.restored', l, { seq: version.seq }));
  }
}
