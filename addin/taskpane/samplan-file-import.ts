/**
 * `<samplan-file-import>`: importing a file into one document from the pane (the explorer's
 * document menu, "Importera fil"): a file picker, the import's progress (`<samplan-import-progress>`,
 * which can cancel it), then what came of it in words: the rows imported, each refused row with
 * the server's words (its row and column named, nothing of it stored), or the refusal of the whole
 * file (nothing changed). Words from `shared/i18n/file-import-words.ts`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fileImportWords } from '../../shared/i18n/file-import-words.js';
import { ImportError } from './import-client.js';
import './samplan-import-progress.js';
import type { SamplanImportProgress } from './samplan-import-progress.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** A row the server refused, as its summary names it (`server/http/import-summary.ts`). */
interface RefusedRow {
  message?: { sv?: string; en?: string };
  reason?: string;
}

/** What came of the last import: its summary's counts and refused rows, or the refusal of the file. */
type Outcome = { imported: number; updated: number; refused: string[] } | { error: string };

/** The words of a refused row or file in `lang`: the server's own, else its English reason. */
function wordsOf(message: unknown, fallback: string, lang: Lang): string {
  const m = message as { sv?: unknown; en?: unknown } | null | undefined;
  const text = m?.[lang];
  return typeof text === 'string' ? text : fallback;
}

/**
 * Imports a picked file into `doc` of `workspace` (not a dry run) and shows how it went. Fires
 * `samplan-file-imported` (detail: the server's summary) after an import the server answered,
 * and `samplan-file-import-close` when closed.
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
      .refused {
        margin: 0;
        padding-left: 1.2em;
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
  @state() private outcome: Outcome | null = null;
  @state() private running = false;
  @query('#file') private input!: HTMLInputElement | null;
  @query('samplan-import-progress') private progress!: SamplanImportProgress | null;

  /** Imports the picked file (nothing when none is picked); resolves when the outcome is shown. */
  async start(): Promise<void> {
    const file = this.input?.files?.[0];
    if (!file || !this.progress || this.running) return;
    this.outcome = null;
    this.running = true;
    try {
      const req = { serverUrl: this.serverUrl, token: this.token, workspace: this.workspace, doc: this.doc, file, dryRun: false, ...(this.fetchImpl ? { fetchImpl: this.fetchImpl } : {}) };
      const summary = await this.progress.run(req);
      const refused = (Array.isArray(summary.refused) ? (summary.refused as RefusedRow[]) : []).map((r) => wordsOf(r.message, r.reason ?? '', this.lang));
      this.outcome = { imported: Number(summary.imported ?? 0), updated: Number(summary.updated ?? 0), refused };
      this.dispatchEvent(new CustomEvent('samplan-file-imported', { detail: summary, bubbles: true, composed: true }));
    } catch (err) {
      // A cancel is shown by the progress view itself ("Importen avbröts. Inget ändrades.").
      if (err instanceof ImportError) {
        const details = err.details as { message?: unknown } | null;
        this.outcome = { error: wordsOf(details?.message, err.message, this.lang) };
      } else if (!(err instanceof Error && err.name === 'AbortError')) this.outcome = { error: err instanceof Error ? err.message : String(err) };
    } finally {
      this.running = false;
    }
  }

  private renderOutcome() {
    const o = this.outcome;
    const lang = this.lang;
    if (!o) return null;
    if ('error' in o) {
      return html`<p id="outcome" class="error-text" role="alert">${fileImportWords('refused', lang)} ${o.error}</p>`;
    }
    return html`<p id="outcome" role="status">${fileImportWords('imported', lang, { imported: o.imported, updated: o.updated })}</p>
      ${o.refused.length > 0
        ? html`<p>${fileImportWords('rowsRefused', lang)}</p>
            <ul class="refused" id="refused">
              ${o.refused.map((text) => html`<li>${text}</li>`)}
            </ul>`
        : null}`;
  }

  protected override render() {
    const lang = this.lang;
    return html`<label for="file">${fileImportWords('pick', lang, { title: this.docTitle })}</label>
      <input id="file" type="file" accept=".xlsx,.ods,.ots,.csv,.txt,.tsv,.json" ?disabled=${this.running} />
      <div>
        <fluent-button appearance="accent" id="start" ?disabled=${this.running} @click=${() => void this.start()}>${fileImportWords('start', lang)}</fluent-button>
        <fluent-button id="close" ?disabled=${this.running} @click=${() => this.dispatchEvent(new CustomEvent('samplan-file-import-close', { bubbles: true, composed: true }))}
          >${fileImportWords('close', lang)}</fluent-button
        >
      </div>
      <samplan-import-progress lang=${lang}></samplan-import-progress>
      ${this.renderOutcome()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-file-import': SamplanFileImport;
  }
}
