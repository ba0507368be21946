/**
 * `<samplan-file-import>`: importing a file into one document from the pane (the explorer's
 * document menu, "Importera fil"), in two steps the person can trust. First the server's dry run
 * ("Granska filen"): what the import would do, in words, with nothing changed yet: the rows it
 * would add and change, each record it would refuse with the server's reason (its row and column
 * named, nothing of it stored), the file's columns the document does not have, the values no
 * list names, the values it would store otherwise than the file writes them (Swedish decimals and
 * dates, codes, dashes: each column and way with its count and first rows), the values to look at
 * again, the indicator values computed instead of the file's, and its notes on the file (the
 * sheet read, formulas without a value, hidden rows and columns, total rows left out) or that the
 * file has no rows at all (a header alone), so nothing
 * is changed behind the person's back. Then, confirmed ("Importera"), the import itself with its progress
 * (`<samplan-import-progress>`, which can cancel it) and what came of it; or, refused whole, that
 * nothing changed. Both the check and the outcome count the rows taken, refused and unchanged, list
 * the rows taken (new and changed, each by its place in the file and its name) and the rows refused
 * with their reasons, a page at a time (`paged-list.ts`: a file of thousands of rows never freezes the
 * pane), and copy the refused rows as a table to fix them in the file. Words from
 * `shared/i18n/file-import-words.ts`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fileImportWords } from '../../shared/i18n/file-import-words.js';
import { copyText } from './copy-text.js';
import { importCount, importNumber, importSingular } from './import-counts.js';
import { ImportError } from './import-client.js';
import { failureWords } from './notice.js';
import { renderPaged } from './paged-list.js';
import { refusalWordsOf } from './refusal-words.js';
import { summaryWords, type ImportSummaryWords, type ShownItems } from './import-summary-words.js';
import './samplan-import-progress.js';
import type { SamplanImportProgress } from './samplan-import-progress.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** Where the import stands: nothing checked yet, checked (`dryRun`) and waiting for a yes, done, or refused whole. */
type Step = { at: 'pick' } | { at: 'checked'; file: Blob; summary: ImportSummaryWords } | { at: 'done'; summary: ImportSummaryWords } | { at: 'failed'; error: string };

/**
 * The words of a refusal of the whole file in `lang`, by the pane's one mapping of the server's codes
 * (`refusal-words.ts`): the server's own, else the pane's sentence for what happened (the server
 * not reached, a fault of the server), never the client's English. The client's own `server` code
 * (an answer without an error body, one that ended early) names no code of the server's.
 */
function refusalWords(err: ImportError, lang: Lang): string {
  return refusalWordsOf({ code: err.code === 'server' ? `http-${err.status}` : err.code, status: err.status === 0 ? null : err.status, details: err.details }, lang);
}

/**
 * Checks a picked file with the server's dry run, shows what the import would do, and imports it
 * when confirmed. Fires `samplan-file-imported` (detail: the server's summary) after an import
 * the server answered, and `samplan-file-import-close` when closed.
 *
 * @example
 * html`<samplan-file-import .serverUrl=${api.serverUrl} .token=${api.token} workspace="ws1" doc="plan-a" doc-title="Aktivitetsplan"></samplan-file-import>`
 */
@customElement('samplan-file-import')
export class SamplanFileImport extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        gap: 6px;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
      .pager {
        display: flex;
        align-items: center;
        gap: 6px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) serverUrl = '';
  @property({ attribute: false }) token = '';
  @property() workspace = '';
  @property() doc = '';
  /** The document's title, named in the picker's label. */
  @property({ attribute: 'doc-title' }) docTitle = '';
  /** The fetch the import is sent with (the browser's unless set: a test's app in process). */
  @property({ attribute: false }) fetchImpl: typeof fetch | undefined = undefined;
  @state() private step: Step = { at: 'pick' };
  @state() private running = false;
  /** The page each long list shows (by the list's id), from the first for each new summary. */
  @state() private pages: Readonly<Record<string, number>> = {};
  /** The refused rows were copied (the button says so until the next summary). */
  @state() private copied = false;
  @query('#file') private input!: HTMLInputElement | null;
  @query('samplan-import-progress') private progress!: SamplanImportProgress | null;

  /** Asks the server what importing the picked file would do (a dry run: nothing is changed); resolves when it is shown. */
  async check(): Promise<void> {
    const file = this.input?.files?.[0];
    if (!file) return;
    const summary = await this.send(file, true);
    if (summary) this.show({ at: 'checked', file, summary: summaryWords(summary, this.lang) });
  }

  /** Imports the file the dry run checked (nothing before a check); resolves when the outcome is shown. */
  async confirm(): Promise<void> {
    if (this.step.at !== 'checked') return;
    const summary = await this.send(this.step.file, false);
    if (!summary) return;
    this.show({ at: 'done', summary: summaryWords(summary, this.lang) });
    this.dispatchEvent(new CustomEvent('samplan-file-imported', { detail: summary, bubbles: true, composed: true }));
  }

  /** Shows a new summary, its lists from their first pages. */
  private show(step: Step): void {
    this.step = step;
    this.pages = {};
    this.copied = false;
  }

  /** Sends `file` (a dry run or not) with its progress; the summary, or null when refused or cancelled (shown). */
  private async send(file: Blob, dryRun: boolean): Promise<Record<string, unknown> | null> {
    if (!this.progress || this.running) return null;
    this.running = true;
    try {
      const req = { serverUrl: this.serverUrl, token: this.token, workspace: this.workspace, doc: this.doc, file, dryRun, ...(this.fetchImpl ? { fetchImpl: this.fetchImpl } : {}) };
      return await this.progress.run(req);
    } catch (err) {
      // A cancel is shown by the progress view itself ("Importen avbröts. Inget ändrades.").
      if (err instanceof ImportError) this.step = { at: 'failed', error: refusalWords(err, this.lang) };
      else if (err instanceof Error && err.name === 'AbortError') this.step = { at: 'pick' };
      else this.step = { at: 'failed', error: failureWords(err, this.lang) };
      return null;
    } finally {
      this.running = false;
    }
  }

  /** A list of `items` under `lead`, or nothing when there are none; `more` of them not shown are counted after. */
  private list(id: string, lead: string, items: readonly string[], more = 0) {
    if (items.length === 0) return null;
    return html`<p>${lead}</p>
      <ul id=${id}>
        ${items.map((text) => html`<li>${text}</li>`)}
        ${more > 0 ? html`<li class="more">${fileImportWords('more', this.lang, { count: importNumber(more, this.lang) })}</li>` : null}
      </ul>`;
  }

  /** A long list (warnings, value differences): its first items under `lead` (with the count), the rest counted; `done`: said after the import. */
  private shown(id: string, key: 'warnings' | 'valueDifferences', items: ShownItems, done: boolean) {
    const tense = done ? 'Done' : '';
    // One value has its own sentence: its pronoun and participle agree with it too ("som det är skrivet").
    const lead = importSingular(items.count, this.lang) ? fileImportWords(`${key}One${tense}`, this.lang) : fileImportWords(`${key}${tense}`, this.lang, { count: importNumber(items.count, this.lang) });
    return this.list(id, lead, items.shown, items.count - items.shown.length);
  }

  /**
   * What the check found beyond the counts and refusals (columns not read, values no list names,
   * values stored otherwise than written, values to look at again, notes on the file), before the
   * yes and again after the import (`done`, in the past tense), so the result says what it took.
   */
  private found(s: ImportSummaryWords, done: boolean) {
    const { lang } = this;
    const tense = done ? 'Done' : '';
    return html`${s.unknownColumns.length > 0 ? html`<p id="unknown-columns">${fileImportWords(`unknownColumns${tense}`, lang, { columns: s.unknownColumns.join(', ') })}</p>` : null}
      ${this.list('unresolved', fileImportWords(`unresolved${tense}`, lang), s.unresolved)}
      ${this.list('normalized', fileImportWords(`normalized${tense}`, lang), s.normalized)}
      ${this.shown('warnings', 'warnings', s.warnings, done)} ${this.shown('value-differences', 'valueDifferences', s.valueDifferences, done)}
      ${this.list('file-notes', fileImportWords('fileNotes', lang), s.fileNotes)}`;
  }

  /** A list of thousands under `lead` a page at a time (`paged-list.ts`), or nothing when it is empty. */
  private paged(id: string, lead: string, items: readonly string[]) {
    if (items.length === 0) return null;
    const onPage = (page: number) => (this.pages = { ...this.pages, [id]: page });
    return html`<p>${lead}</p>
      ${renderPaged({ id, items, page: this.pages[id] ?? 0, lang: this.lang, onPage })}`;
  }

  /** The new and the changed rows of `summary` in words ("1 ny rad", "0 ändrade rader"). */
  private rowCounts(summary: ImportSummaryWords) {
    return { added: importCount('newRows', summary.imported, this.lang), changed: importCount('changedRows', summary.updated, this.lang) };
  }

  /** The counts and the rows refused (to copy); `done`: after the import, else what it would do. */
  private counted(summary: ImportSummaryWords, done: boolean) {
    const lang = this.lang;
    const counts = {
      taken: importCount('rows', summary.imported + summary.updated, lang),
      added: importCount('new', summary.imported, lang),
      changed: importCount('changed', summary.updated, lang),
      refused: importNumber(summary.refused.length, lang),
      unchanged: importNumber(summary.unchanged, lang),
    };
    const copy = async () => {
      await copyText(summary.refusedTable, this.renderRoot);
      this.copied = true;
    };
    return html`<p id="counts">${fileImportWords(done ? 'countsDone' : 'countsChecked', lang, counts)}</p>
      ${this.paged('refused', fileImportWords(done ? 'rowsRefused' : 'willBeRefused', lang), summary.refused)}
      ${summary.refusedTable
        ? html`<div><fluent-button id="copy-refused" @click=${() => void copy()}>${fileImportWords('copyRefused', lang)}</fluent-button></div>
            ${this.copied ? html`<p id="copied" role="status">${fileImportWords('copiedRefused', lang)}</p>` : null}`
        : null}
      ${this.paged('held-back', fileImportWords('heldBack', lang), summary.heldBack)}
      ${this.paged('later-edits', fileImportWords('laterEdits', lang), summary.laterEdits)}`;
  }

  /** The rows taken (or to be), new and changed apart. */
  private taken(summary: ImportSummaryWords) {
    const lang = this.lang;
    return html`${this.paged('added', fileImportWords('addedRows', lang, { count: importNumber(summary.added.length, lang) }), summary.added)}
    ${this.paged('changed', fileImportWords('changedRows', lang, { count: importNumber(summary.changed.length, lang) }), summary.changed)}`;
  }

  /** That the file had no rows to import (a header alone), right under the counts; nothing when it had some. */
  private noRows(summary: ImportSummaryWords) {
    return summary.noRows ? html`<p id="no-rows">${summary.noRows}</p>` : null;
  }

  private renderStep() {
    const { step, lang } = this;
    switch (step.at) {
      case 'pick':
        return null;
      case 'failed':
        return html`<p id="outcome" class="error-text" role="alert">${fileImportWords('refused', lang)} ${step.error}</p>`;
      case 'done':
        return html`<p id="outcome" role="status">${fileImportWords('imported', lang, this.rowCounts(step.summary))}</p>
          ${this.noRows(step.summary)} ${this.counted(step.summary, true)} ${this.found(step.summary, true)} ${this.taken(step.summary)}`;
      case 'checked': {
        const s = step.summary;
        return html`<p id="checked" role="status">${fileImportWords('checked', lang, this.rowCounts(s))}</p>
          ${this.noRows(s)} ${this.counted(s, false)} ${this.found(s, false)} ${this.taken(s)}
          <div>
            <fluent-button appearance="accent" id="confirm" ?disabled=${this.running} @click=${() => void this.confirm()}>${fileImportWords('start', lang)}</fluent-button>
            <fluent-button id="back" ?disabled=${this.running} @click=${() => (this.step = { at: 'pick' })}>${fileImportWords('back', lang)}</fluent-button>
          </div>`;
      }
    }
  }

  protected override render() {
    const lang = this.lang;
    // A file picked anew is checked anew: what was shown was the last file's.
    return html`<label for="file">${fileImportWords('pick', lang, { title: this.docTitle })}</label>
      <input id="file" type="file" accept=".xlsx,.ods,.ots,.csv,.txt,.tsv,.json" ?disabled=${this.running} @change=${() => (this.step = { at: 'pick' })} />
      <div>
        <fluent-button appearance=${this.step.at === 'checked' ? 'outline' : 'accent'} id="check" ?disabled=${this.running} @click=${() => void this.check()}
          >${fileImportWords('check', lang)}</fluent-button
        >
        <fluent-button id="close" ?disabled=${this.running} @click=${() => this.dispatchEvent(new CustomEvent('samplan-file-import-close', { bubbles: true, composed: true }))}
          >${fileImportWords('close', lang)}</fluent-button
        >
      </div>
      <samplan-import-progress lang=${lang}></samplan-import-progress>
      ${this.renderStep()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-file-import': SamplanFileImport;
  }
}
