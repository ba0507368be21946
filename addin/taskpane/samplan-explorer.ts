/**
 * `<samplan-explorer>`: the workspaces and documents the token may see, and the templates to
 * create a new document from. Documents load with `@lit/task`; opening and creating are events
 * the workbench acts on.
 */
import { Task } from '@lit/task';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { isDocKind, kindDef } from '../../shared/schema/index.js';
import { ApiError, type DocumentInfo, type SamplanApi, type TemplateName, type WorkspaceInfo } from './api-client.js';
import { addIcon, sheetIcon } from './icons.js';
import { errorText, str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** The templates offered, in the order shown. */
export const TEMPLATES: readonly TemplateName[] = ['activity-plan', 'partners', 'indicator-values'];

/** The kind's title in `lang`, or the raw kind for one this build does not know. */
export function kindTitle(kind: string, lang: Lang): string {
  return isDocKind(kind) ? kindDef(kind).title[lang] : kind;
}

/**
 * Explorer view. Fires `samplan-open-document` (detail: {@link DocumentInfo}),
 * `samplan-create-document` (detail: {@link TemplateName}) and `samplan-workspace` (detail: id).
 *
 * @example
 * html`<samplan-explorer .api=${api} .workspaces=${ws} workspace="hbi-stockholm"></samplan-explorer>`
 */
@customElement('samplan-explorer')
export class SamplanExplorer extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      select {
        margin: 0 12px;
        width: calc(100% - 24px);
        padding: 4px;
        font: inherit;
      }
      .doc {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
      }
      .doc-title {
        overflow-wrap: anywhere;
      }
      .kind {
        color: var(--samplan-muted);
        font-size: 11px;
      }
      button.row {
        align-items: flex-start;
        padding-top: 6px;
        padding-bottom: 6px;
      }
      button.row.opened {
        font-weight: 600;
        background: var(--samplan-selected);
      }
      .templates {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 0 12px 12px;
      }
      fluent-button {
        width: 100%;
      }
      svg {
        flex: none;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) api: SamplanApi | null = null;
  @property({ attribute: false }) workspaces: WorkspaceInfo[] = [];
  @property() workspace: string | null = null;
  /** Ids of documents open in this pane. */
  @property({ attribute: false }) openIds: ReadonlySet<string> = new Set();
  /** Viewers cannot create documents. */
  @property({ type: Boolean, attribute: 'can-create' }) canCreate = true;
  /** Bump to reload the document list (after creating one). */
  @property({ type: Number }) revision = 0;

  /** The workspace's documents; exposed so the palette can offer them. */
  readonly documents = new Task(this, {
    task: async ([api, workspace], { signal }) => {
      if (!api || !workspace) return [] as DocumentInfo[];
      const docs = await api.documents(workspace);
      signal.throwIfAborted();
      this.dispatchEvent(new CustomEvent<DocumentInfo[]>('samplan-documents', { detail: docs, bubbles: true, composed: true }));
      return docs;
    },
    args: () => [this.api, this.workspace, this.revision] as const,
  });

  private emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  private renderDocs(docs: DocumentInfo[]) {
    if (docs.length === 0) return html`<p class="empty">${str('explorer.empty', this.lang)}</p>`;
    return html`<ul role="list" id="documents">
      ${docs.map((doc) => {
        const open = this.openIds.has(doc.id);
        return html`<li>
          <button
            class="row ${open ? 'opened' : ''}"
            data-doc=${doc.id}
            aria-current=${open ? 'true' : 'false'}
            title=${`${str('explorer.open', this.lang)}: ${doc.title}`}
            @click=${() => this.emit('samplan-open-document', doc)}
          >
            ${sheetIcon()}<span class="doc"><span class="doc-title">${doc.title}</span><span class="kind">${kindTitle(doc.kind, this.lang)}</span></span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  override render() {
    const lang = this.lang;
    return html`
      ${this.workspaces.length > 1
        ? html`<h2 id="ws-label">${str('explorer.workspaces', lang)}</h2>
            <select aria-labelledby="ws-label" @change=${(e: Event) => this.emit('samplan-workspace', (e.target as HTMLSelectElement).value)}>
              ${this.workspaces.map((w) => html`<option value=${w.id} ?selected=${w.id === this.workspace}>${w.name}</option>`)}
            </select>`
        : null}
      <h2>${str('explorer.documents', lang)}${this.workspaces.length === 1 ? ` · ${this.workspaces[0]?.name}` : ''}</h2>
      ${this.documents.render({
        pending: () => html`<p class="empty" aria-busy="true">${str('explorer.loading', lang)}</p>`,
        complete: (docs) => this.renderDocs(docs),
        error: (err) =>
          html`<p class="empty error-text" role="alert">${errorText(err instanceof ApiError ? err.kind : 'server', lang)}</p>`,
      })}
      ${this.canCreate
        ? html`<h2>${str('explorer.new', lang)}</h2>
            <div class="templates">
              ${TEMPLATES.map(
                (template) =>
                  html`<fluent-button appearance="outline" data-template=${template} @click=${() => this.emit('samplan-create-document', template)}>
                    <span slot="start">${addIcon()}</span>${str(`template.${template}`, lang)}
                  </fluent-button>`,
              )}
            </div>`
        : null}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-explorer': SamplanExplorer;
  }
}
