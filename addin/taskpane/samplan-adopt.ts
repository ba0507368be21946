/**
 * `<samplan-adopt>`: "Gör till delat dokument". Reads the sheet of the person's selection, shows
 * the proposed mapping (each source header → a document column, correctable), a preview of the
 * first taken rows with their problems, the rows not taken with the reason, the document kind
 * and title; the adopt button hands the plan to `adopt` (the workbench creates the document and
 * rewrites the sheet with `addin/excel/adopt`). Errors are said in words, never dropped: the
 * server's own sentence in the pane's language where it gave one, and a title refused for a
 * character it may not hold is shown beside it with that character marked (`refused-text.ts`), as
 * the other forms show it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cellColumns } from '../../shared/schema/index.js';
import type { DocKind } from '../../shared/schema/types.js';
import { originalSheetName, readUsedRange } from '../excel/adopt/adopt.js';
import { planAdoption, readHeader, type AdoptionPlan, type Grid, type SourceHeader } from '../excel/adopt/plan.js';
import { planDates } from '../../shared/normalize/plan-year.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import type { DocumentInfo, TemplateName, UnitInfo } from './api-client.js';
import { renderTwin, twinStyles } from './twin-question.js';
import { aword, previewWords, type AdoptWord } from './adopt-strings.js';
import { kindTitle } from './new-document.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { trimName } from '../../shared/validate/text-fault.js';
import { failureWords } from './notice.js';
import { refusedIndex, refusedText } from './refused-text.js';

/** What the adopt button hands over: everything `adoptInPlace` needs besides the new document. */
export interface AdoptRequest {
  kind: DocKind & TemplateName;
  title: string;
  sheetName: string;
  grid: Grid;
  plan: AdoptionPlan;
  /** The person said to make it beside the look-alike the server named (the twin question's yes). */
  allowDuplicate?: boolean;
}

/** Kinds a person keeps in a table of their own. */
export const ADOPT_KINDS: readonly (DocKind & TemplateName)[] = ['activity-plan', 'partners'];
const PREVIEW_ROWS = 5;


/**
 * The dialog. Set `run` (Excel) and `adopt`; it reads the selected sheet when connected.
 * Fires `samplan-cancel`, and `samplan-open-document` (detail: the look-alike) when the person
 * chooses to open the document there is instead.
 */
@customElement('samplan-adopt')
export class SamplanAdopt extends LitElement {
  static override styles = [
    baseStyles,
    twinStyles,
    css`
      :host { display: block; padding: 8px 12px; }
      h1 { font-size: 14px; margin: 4px 0 6px; }
      p { margin: 0 0 8px; }
      .muted { color: var(--samplan-muted); }
      label { display: block; font-weight: 600; margin: 6px 0 2px; }
      select, input { width: 100%; box-sizing: border-box; font: inherit; }
      .map { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 4px 8px; align-items: center; }
      .map span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      h2 { font-size: 13px; margin: 10px 0 4px; }
      ul { margin: 0; padding-left: 18px; }
      li { margin: 2px 0; overflow-wrap: anywhere; }
      .problem { color: var(--samplan-error); }
      .error { color: var(--samplan-error); margin: 6px 0; }
      .actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) run: ExcelRun | null = null;
  /**
   * Creates the document and adopts the plan; a throw is shown in the dialog, and a look-alike it
   * resolves (`{ twin }`, nothing made) is asked about here: open it, make another, or cancel.
   */
  @property({ attribute: false }) adopt: ((request: AdoptRequest) => Promise<{ twin: DocumentInfo } | null | void>) | null = null;
  /** The workspace's units, naming the look-alike's unit in the question. */
  @property({ attribute: false }) units: readonly UnitInfo[] = [];

  @state() private kind: DocKind & TemplateName = 'activity-plan';
  @state() private sheetName = '';
  @state() private grid: Grid = [];
  @state() private header: SourceHeader | null = null;
  @state() private docTitle = '';
  @state() private busy: 'reading' | 'adopting' | null = 'reading';
  @state() private error: string | null = null;
  /** The title sent and where the character the server refused is in it, shown beside the refusal. */
  @state() private refused: { title: string; index: number } | null = null;
  @state() private warning: AdoptWord | null = null;
  /** The look-alike the server named and the request that met it, waiting for the person's answer. */
  @state() private twin: { existing: DocumentInfo; request: AdoptRequest } | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.read();
  }

  override updated(): void {
    // A select shows its chosen option however the DOM applied `selected` (some DOMs take the last one).
    const mapping = this.header?.mapping ?? [];
    this.renderRoot.querySelectorAll<HTMLSelectElement>('select.mapping').forEach((s, i) => (s.value = mapping[i] ?? ''));
  }

  /** Reads the used range of the sheet holding the selection and proposes a mapping. */
  async read(): Promise<void> {
    this.busy = 'reading';
    this.error = null;
    try {
      if (!this.run) return this.fail('noExcel');
      const sheetName = await this.run(async (context) => {
        const sheet = context.workbook.getSelectedRange().worksheet;
        sheet.load('name');
        await context.sync();
        return sheet.name;
      });
      this.sheetName = sheetName;
      this.docTitle ||= sheetName;
      this.grid = await readUsedRange(this.run, sheetName);
      if (this.grid.length === 0) return this.fail('noSelection');
      this.propose();
    } catch (err) {
      this.error = aword('failed', this.lang, { reason: failureWords(err, this.lang).replace(/\.$/, '') });
    } finally {
      this.busy = null;
    }
  }

  private fail(word: AdoptWord): void {
    this.error = aword(word, this.lang);
  }

  private propose(): void {
    this.header = readHeader(this.kind, this.grid);
    this.warning = this.header.mapping.every((k) => k === null) ? 'noHeader' : null;
  }

  /** The plan for the current mapping (recomputed on every change; the grid is small). */
  get plan(): AdoptionPlan | null {
    if (!this.header) return null;
    return planAdoption(this.kind, this.grid, this.header, { docId: 'preview', ...planDates(this.docTitle || this.sheetName) });
  }

  /** Maps source column `index` to `key` (null: the person's own); a key already used elsewhere moves here. */
  setMapping(index: number, key: string | null): void {
    if (!this.header) return;
    const mapping = this.header.mapping.map((k, i) => (i === index ? key : k === key ? null : k));
    this.header = { ...this.header, mapping };
    this.error = null;
  }

  private setKind(kind: DocKind & TemplateName): void {
    this.kind = kind;
    if (this.grid.length > 0) this.propose();
  }

  private async submit(): Promise<void> {
    const plan = this.plan;
    if (!plan || !this.adopt) return;
    if (plan.header.mapping.every((k) => k === null)) return this.fail('noMapped');
    const title = trimName(this.docTitle);
    if (!title) return this.fail('noTitle');
    await this.send({ kind: this.kind, title, sheetName: this.sheetName, grid: this.grid, plan });
  }

  /** Hands `request` to `adopt`; a look-alike it names is asked about, a throw said in words. */
  private async send(request: AdoptRequest): Promise<void> {
    if (!this.adopt) return;
    const { title } = request;
    this.busy = 'adopting';
    this.error = null;
    this.refused = null;
    this.twin = null;
    try {
      // An `adopt` that resolves nothing made the document; one that resolves a look-alike made nothing.
      const outcome: unknown = await this.adopt(request);
      const twin = (outcome as { twin?: DocumentInfo } | null | undefined)?.twin;
      if (twin) this.twin = { existing: twin, request };
    } catch (err) {
      // The server's sentence ends with a full stop; the dialog's sentence goes on after it.
      // Without the server's words, the pane's sentence for an API failure (never the browser's `Failed to fetch`).
      const reason = failureWords(err, this.lang).replace(/\.$/, '');
      this.error = aword('failed', this.lang, { reason });
      const index = refusedIndex(err);
      this.refused = index === null ? null : { title, index };
    } finally {
      this.busy = null;
    }
  }

  /** "Det finns redan …": open the one there is, make another (sent again with `allowDuplicate`), or back to the dialog. */
  private renderTwinQuestion(twin: { existing: DocumentInfo; request: AdoptRequest }) {
    return renderTwin({ action: 'create', existing: twin.existing }, this.units, this.lang, {
      open: (existing) => this.dispatchEvent(new CustomEvent('samplan-open-document', { detail: existing, bubbles: true, composed: true })),
      anyway: () => void this.send({ ...twin.request, allowDuplicate: true }),
      cancel: () => (this.twin = null),
    });
  }

  private renderMapping(header: SourceHeader) {
    const lang = this.lang;
    const columns = cellColumns(this.kind);
    return html`<h2>${aword('mapping', lang)}</h2>
      <div class="map">
        ${header.headers.map((h, i) => {
          const name = h || aword('column', lang, { n: i + 1 });
          return html`<span title=${name}>${name}</span>
            <select
              class="mapping"
              aria-label=${name}
              @change=${(e: Event) => this.setMapping(i, (e.target as HTMLSelectElement).value || null)}
            >
              <option value="" ?selected=${header.mapping[i] === null}>${aword('own', lang)}</option>
              ${columns.map((c) => html`<option value=${c.key} ?selected=${header.mapping[i] === c.key}>${c.header[lang]}</option>`)}
            </select>`;
        })}
      </div>`;
  }

  private renderPreview(plan: AdoptionPlan) {
    const lang = this.lang;
    const columns = cellColumns(this.kind);
    const shown = plan.rows.slice(0, PREVIEW_ROWS);
    return html`<h2>${previewWords(shown.length, plan.rows.length, lang)}</h2>
      <ul class="preview">
        ${shown.map((row) => {
          const values = columns.filter((c) => row.values[c.key] !== undefined).map((c) => `${c.header[lang]}: ${String(row.values[c.key])}`);
          return html`<li>
            <strong>${aword('row', lang, { n: row.source + 1 })}</strong> ${values.join(' · ')}
            ${row.problems.length === 0
              ? html`<div class="muted">${aword('noProblems', lang)}</div>`
              : row.problems.map((p) => html`<div class="problem">${p.message[lang]}</div>`)}
          </li>`;
        })}
      </ul>
      ${plan.left.length === 0
        ? nothing
        : html`<h2>${aword('left', lang, { count: plan.left.length })}</h2>
            <ul class="left">
              ${plan.left.map((l) => html`<li><strong>${aword('row', lang, { n: l.source + 1 })}</strong> ${l.text} — ${l.reason[lang]}</li>`)}
            </ul>`}`;
  }

  override render() {
    const lang = this.lang;
    const plan = this.plan;
    return html`<section role="dialog" aria-label=${aword('heading', lang)}>
      <h1>${aword('heading', lang)}</h1>
      ${this.busy ? html`<p class="muted" role="status">${aword(this.busy, lang)}</p>` : nothing}
      ${this.sheetName ? html`<p class="muted">${aword('intro', lang, { sheet: this.sheetName, copy: originalSheetName(this.sheetName) })}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.error && this.refused ? refusedText(this.refused.title, this.refused.index) : nothing}
      ${this.twin ? this.renderTwinQuestion(this.twin) : nothing}
      ${plan
        ? html`<label for="kind">${aword('kind', lang)}</label>
            <select id="kind" @change=${(e: Event) => this.setKind((e.target as HTMLSelectElement).value as DocKind & TemplateName)}>
              ${ADOPT_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${kindTitle(k, lang)}</option>`)}
            </select>
            <label for="title">${aword('title', lang)}</label>
            <input id="title" .value=${this.docTitle} @input=${(e: Event) => (this.docTitle = (e.target as HTMLInputElement).value)} />
            ${this.warning ? html`<p class="error" role="status">${aword(this.warning, lang)}</p>` : nothing}
            ${this.renderMapping(plan.header)} ${this.renderPreview(plan)}`
        : nothing}
      <div class="actions">
        ${plan
          ? html`<fluent-button appearance="accent" id="adopt" ?disabled=${this.busy !== null} @click=${() => void this.submit()}>${aword('adopt', lang)}</fluent-button>`
          : nothing}
        <fluent-button id="cancel-adopt" @click=${() => this.dispatchEvent(new CustomEvent('samplan-cancel', { bubbles: true, composed: true }))}
          >${aword('cancel', lang)}</fluent-button
        >
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-adopt': SamplanAdopt;
  }
}
