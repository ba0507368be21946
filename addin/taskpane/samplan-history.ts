/**
 * `<samplan-history>`: recent changes of the active document with author and time, a past
 * version to look at, and a way to restore it. Restoring never rewrites history: the workbench
 * writes the old rows into the live document as one new change.
 */
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatCell } from '../../shared/normalize/format-cell.js';
import { cellColumns, isDocKind } from '../../shared/schema/index.js';
import type { CellColumn, CellValue } from '../../shared/schema/types.js';
import { ApiError, type HistoryEntry, type SamplanApi, type VersionInfo } from './api-client.js';
import { errorText, str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** A time as the History view shows it, e.g. `2026-11-25 14:03` in Swedish. */
export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/** A stored cell as the version table shows it: enum labels in the pane language, `x` for yes. */
export function shownValue(column: CellColumn, value: CellValue | undefined, lang: Lang): string {
  return String(formatCell(column, value ?? null, lang));
}

/**
 * History view. Fires `samplan-restore-version` with the {@link VersionInfo} to restore.
 *
 * @example
 * html`<samplan-history .api=${api} workspace="hbi-stockholm" doc="plan-1" kind="activity-plan"></samplan-history>`
 */
@customElement('samplan-history')
export class SamplanHistory extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 4px 12px;
      }
      .who {
        flex: 1;
        min-width: 0;
      }
      .time {
        color: var(--samplan-muted);
        font-size: 12px;
      }
      .version {
        margin: 8px 12px;
        padding: 8px;
        border: 1px solid var(--samplan-border);
        background: var(--samplan-side);
      }
      .version h3 {
        margin: 0 0 6px;
        font-size: 13px;
      }
      .table-wrap {
        overflow-x: auto;
        max-height: 240px;
      }
      table {
        border-collapse: collapse;
        font-size: 12px;
      }
      th,
      td {
        border: 1px solid var(--samplan-border);
        padding: 2px 4px;
        text-align: left;
        white-space: nowrap;
        max-width: 140px;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin-top: 8px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) api: SamplanApi | null = null;
  @property() workspace: string | null = null;
  @property() doc: string | null = null;
  @property() kind: string | null = null;
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false;
  /** Bump to reload (e.g. after a restore). */
  @property({ type: Number }) revision = 0;
  @state() private viewing: number | null = null;

  private readonly history = new Task(this, {
    task: async ([api, workspace, doc]): Promise<HistoryEntry[]> =>
      api && workspace && doc ? (await api.history(workspace, doc)).slice(0, 50) : [],
    args: () => [this.api, this.workspace, this.doc, this.revision] as const,
  });

  private readonly version = new Task(this, {
    task: async ([api, workspace, doc, seq]): Promise<VersionInfo | null> =>
      api && workspace && doc && seq !== null ? api.version(workspace, doc, seq) : null,
    args: () => [this.api, this.workspace, this.doc, this.viewing] as const,
  });

  private renderVersion(version: VersionInfo | null) {
    if (!version) return null;
    const lang = this.lang;
    const columns = this.kind && isDocKind(this.kind) ? cellColumns(this.kind).slice(0, 4) : [];
    return html`<section class="version" aria-label=${str('history.version', lang, { seq: version.seq })}>
      <h3>${str('history.version', lang, { seq: version.seq })} · ${str('history.rows', lang, { count: version.rows.length })}</h3>
      <div class="table-wrap">
        <table>
          <thead><tr>${columns.map((c) => html`<th>${c.header[lang]}</th>`)}</tr></thead>
          <tbody>
            ${version.rows.slice(0, 20).map((row) => html`<tr>${columns.map((c) => html`<td>${shownValue(c, row.values[c.key], lang)}</td>`)}</tr>`)}
          </tbody>
        </table>
      </div>
      <div class="actions">
        ${this.readOnly
          ? null
          : html`<fluent-button
              appearance="accent"
              id="restore"
              @click=${() =>
                this.dispatchEvent(new CustomEvent<VersionInfo>('samplan-restore-version', { detail: version, bubbles: true, composed: true }))}
              >${str('history.restore', lang)}</fluent-button
            >`}
        <fluent-button id="close-version" @click=${() => (this.viewing = null)}>${str('history.close', lang)}</fluent-button>
      </div>
    </section>`;
  }

  override render() {
    const lang = this.lang;
    if (!this.doc) return html`<p class="empty">${str('history.noDocument', lang)}</p>`;
    const failed = (err: unknown) =>
      html`<p class="empty error-text" role="alert">${errorText(err instanceof ApiError ? err.kind : 'server', lang)}</p>`;
    return html`${this.viewing !== null
        ? this.version.render({ pending: () => html`<p class="empty">${str('explorer.loading', lang)}</p>`, complete: (v) => this.renderVersion(v), error: failed })
        : null}
      ${this.history.render({
        pending: () => html`<p class="empty" aria-busy="true">${str('explorer.loading', lang)}</p>`,
        complete: (entries) =>
          entries.length === 0
            ? html`<p class="empty">${str('history.empty', lang)}</p>`
            : html`<ul role="list" id="changes">
                ${entries.map(
                  (entry) => html`<li data-seq=${entry.seq}>
                    <span class="who">
                      <div>${entry.author ?? str('history.unknownAuthor', lang)}</div>
                      <div class="time">
                        <time datetime=${entry.at}>${formatTime(entry.at, lang)}</time> · #${entry.seq}${entry.cells !== null
                          ? ` · ${str('history.summary', lang, { cells: entry.cells, added: entry.added, deleted: entry.deleted })}`
                          : ''}
                      </div>
                    </span>
                    <fluent-button appearance="stealth" class="view" @click=${() => (this.viewing = entry.seq)}>${str('history.open', lang)}</fluent-button>
                  </li>`,
                )}
              </ul>`,
        error: failed,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-history': SamplanHistory;
  }
}
