/**
 * `<samplan-import-progress>`: an import of a file under way, as the pane shows it: how far the
 * server has read the file ("Läser filen … 42 %", a bar), and "Avbryt", which closes the request so
 * the server ends the read and writes nothing (`import-client.ts`). Words from
 * `shared/i18n/import-progress-words.ts`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { importProgressWords } from '../../shared/i18n/import-progress-words.js';
import { importWithProgress, type ImportRequest } from './import-client.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/**
 * Runs one import at a time with {@link SamplanImportProgress.run} and shows its progress until it ends.
 *
 * @example
 * const summary = await el.run({ serverUrl, token, workspace, doc, file, dryRun: true });
 */
@customElement('samplan-import-progress')
export class SamplanImportProgress extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      progress {
        flex: 1;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** The whole percent read, null before the server has told any. */
  @state() percent: number | null = null;
  /** True while an import runs. */
  @state() running = false;
  /** True once the running import was cancelled. */
  @state() cancelled = false;
  private abort: AbortController | null = null;

  /**
   * Imports `req` (its `onProgress` and `signal` are the view's own), showing its progress;
   * resolves with the server's summary, rejects with its refusal or, when cancelled, the abort's reason.
   */
  async run(req: Omit<ImportRequest, 'onProgress' | 'signal'>): Promise<Record<string, unknown>> {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    Object.assign(this, { percent: null, running: true, cancelled: false });
    try {
      return await importWithProgress({ ...req, signal: abort.signal, onProgress: (percent) => (this.percent = percent) });
    } finally {
      if (this.abort === abort) {
        this.running = false;
        this.abort = null;
      }
    }
  }

  /** Stops the running import: the request is closed and the server gives the read up. */
  cancel(): void {
    if (!this.abort) return;
    this.cancelled = true;
    this.abort.abort();
  }

  protected override render() {
    const lang = this.lang;
    if (this.cancelled) return html`<span id="label" role="status">${importProgressWords('cancelled', lang)}</span>`;
    if (!this.running) return html``;
    const label = this.percent === null ? importProgressWords('reading', lang) : importProgressWords('readingPercent', lang, { percent: this.percent });
    return html`<span id="label" role="status">${label}</span>
      <progress id="bar" max="100" .value=${this.percent ?? 0} aria-label=${label}></progress>
      <button id="cancel" @click=${() => this.cancel()}>${importProgressWords('cancel', lang)}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-import-progress': SamplanImportProgress;
  }
}
