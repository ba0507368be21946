/**
 * `<samplan-explorer>`: the workspaces and documents the token may see, and the templates to
 * create a new document from. Documents load with `@lit/task`; opening and creating are events
 * the workbench acts on.
 */
import { Task } from '@lit/task';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import { ApiError, type DocumentInfo, type Role, type SamplanApi, type UnitInfo, type WorkspaceInfo } from './api-client.js';
import { DocumentsFeed } from './documents-feed.js';
import { eword, nextYearTitle, type ExplorerWord } from './explorer-strings.js';
import { addIcon, sheetIcon } from './icons.js';
import { kindTitle, TEMPLATES } from './new-document.js';
import { refusalWords } from './refusal-words.js';
import { refusedIndex, refusedText } from './refused-text.js';
import { trimName, visibleText } from '../../shared/validate/text-fault.js';
import { errorText, str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { explorerStyles } from './explorer-styles.js';
import { fileImportWords } from '../../shared/i18n/file-import-words.js';
import { changeRefusal, mayRenameDoc, PLAN_KINDS } from '../../shared/protocol/doc-change-rule.js';
import { renderTwin, sendAskingTwin, twinStyles, type Twin } from './twin-question.js';
import './samplan-file-import.js';

/** Plans (activity and action plans) are copied to a new year. */
const isPlan = (doc: DocumentInfo): boolean => PLAN_KINDS.has(doc.kind);

/**
 * Explorer view. Fires `samplan-open-document` (detail: {@link DocumentInfo}),
 * `samplan-create-document` (detail: a `TemplateName`), `samplan-adopt-sheet` (make the selected sheet a document), `samplan-workspace` (detail: id),
 * `samplan-pull-indicators` and `samplan-document-changed` (detail: {@link DocumentChange}) after
 * a rename, copy, archive or restore made here. The list follows the workspace feed live.
 *
 * @example
 * html`<samplan-explorer .api=${api} .workspaces=${ws} workspace="hbi-stockholm"></samplan-explorer>`
 */
@customElement('samplan-explorer')
export class SamplanExplorer extends LitElement {
  static override styles = [baseStyles, explorerStyles, twinStyles];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) api: SamplanApi | null = null;
  @property({ attribute: false }) workspaces: WorkspaceInfo[] = [];
  @property() workspace: string | null = null;
  /** Ids of documents open in this pane. */
  @property({ attribute: false }) openIds: ReadonlySet<string> = new Set();
  /** Viewers cannot create documents. */
  @property({ type: Boolean, attribute: 'can-create' }) canCreate = true;
  /** The member's role: coordinators and admins rename, admins archive. */
  @property({ attribute: 'member-role' }) memberRole: Role | null = null;
  /** The member's units: an editor renames its own units' plans (as the server allows). */
  @property({ attribute: false }) memberUnits: readonly string[] = [];
  /** The workspace's units, to name the unit of a look-alike in the twin question. */
  @property({ attribute: false }) units: readonly UnitInfo[] = [];
  /** Bump to reload the document list (after creating one). */
  @property({ type: Number }) revision = 0;
  /** The list as the workspace feed last sent it; newer than the loaded one when set. */
  @state() private live: DocumentInfo[] | null = null;
  @state() private menuFor: string | null = null;
  /** The document a file is being imported into from its menu ("Importera fil"). */
  @state() private importing: string | null = null;
  /**
   * The title being edited; `refused`: the title sent and where the character the server refused
   * is in it; `twin`: the look-alike the title sent (`sent`) would make, asked about before anything is done.
   */
  @state() private editing: {
    doc: DocumentInfo;
    mode: 'rename' | 'copy';
    error: string | null;
    refused?: { title: string; index: number } | null;
    twin?: { question: Twin; sent: string } | null;
  } | null = null;

  /** The workspace's documents; exposed so the palette can offer them. */
  readonly documents = new Task(this, {
    task: async ([api, workspace], { signal }) => {
      if (!api || !workspace) return [] as DocumentInfo[];
      const docs = await api.documents(workspace);
      signal.throwIfAborted();
      this.live = null;
      this.emit('samplan-documents', docs);
      return docs;
    },
    args: () => [this.api, this.workspace, this.revision] as const,
  });

  /** Other people's new, renamed and archived documents appear without a reload. */
  readonly feed = new DocumentsFeed(this, {
    api: () => this.api,
    workspace: () => this.workspace,
    onDocuments: (docs) => {
      this.live = docs;
      this.emit('samplan-documents', docs);
    },
  });

  private emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
  }

  private get manages(): boolean {
    return this.memberRole === 'admin' || this.memberRole === 'coordinator';
  }

  /** May the member rename `doc`: by the server's own rule (`mayRenameDoc`), managers every document, an editor its own unit's plan. */
  private mayRename(doc: DocumentInfo): boolean {
    return this.memberRole !== null && mayRenameDoc({ role: this.memberRole, units: this.memberUnits }, doc);
  }

  /**
   * May the member import a file into `doc`: by the server's own rule for changing a document
   * (`changeRefusal`), so "Importera fil" is not offered where the import would be refused (an
   * editor and the partner list); an archived document takes no import.
   */
  private mayImport(doc: DocumentInfo): boolean {
    return this.memberRole !== null && !doc.archivedAt && changeRefusal({ role: this.memberRole, units: this.memberUnits }, doc) === null;
  }

  /**
   * Run an action on `doc`; `sent` is the title it sends, shown with a refused character marked.
   * `run` resolves null when it asked the person something instead (the twin question).
   */
  private async act(doc: DocumentInfo, run: (api: SamplanApi, ws: string) => Promise<(DocumentInfo & { unconfirmed?: RightsUnconfirmed }) | null>, said: ExplorerWord, sent?: string): Promise<void> {
    const { api, workspace } = this;
    if (!api || !workspace) return;
    try {
      const done = await run(api, workspace);
      if (!done) return;
      const { unconfirmed, ...result } = done;
      this.editing = null;
      this.menuFor = null;
      // An archive not yet confirmed by every server process says so after what was done.
      const message = [eword(said, this.lang, { title: result.title }), unconfirmed?.[this.lang]].filter(Boolean).join(' ');
      this.emit<DocumentChange>('samplan-document-changed', { before: doc, after: result, message });
      this.revision++;
    } catch (err) {
      // One mapping of the server's codes: the identity sentence for an identity number only.
      const identity = { number: { sv: eword('titleRefused', 'sv'), en: eword('titleRefused', 'en') }, reserve: { sv: eword('titleRefusedReserve', 'sv'), en: eword('titleRefusedReserve', 'en') } };
      const text = refusalWords(err, this.lang, identity) ?? errorText('server', this.lang);
      const index = refusedIndex(err);
      const refused = index !== null && sent !== undefined ? { title: sent, index } : null;
      if (this.editing) this.editing = { ...this.editing, error: text, refused };
      else this.emit<DocumentChange>('samplan-document-changed', { before: doc, after: null, message: text });
    }
  }

  private submit(event: Event): void {
    event.preventDefault();
    const editing = this.editing;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#doc-title');
    const title = trimName(input?.value ?? '');
    if (!editing) return;
    if (title.length === 0 || title.length > 200) {
      this.editing = { ...editing, error: eword('titleInvalid', this.lang) };
      return;
    }
    void this.retitle(editing.doc, editing.mode, title, false);
  }

  /**
   * Renames `doc` to `title`, or copies it as `title`; a look-alike of another live document of its
   * kind and unit is asked about first (`sendAskingTwin`), and `allowDuplicate` does it anyway.
   */
  private retitle(doc: DocumentInfo, mode: 'rename' | 'copy', title: string, allowDuplicate: boolean): Promise<void> {
    const send = (api: SamplanApi, ws: string) => (allow: boolean) => (mode === 'rename' ? api.renameDocument(ws, doc.id, title, allow) : api.copyDocument(ws, doc.id, title, allow));
    const known = this.live ?? this.documents.value ?? [];
    // A question or error about a title sent before is not this one's.
    if (this.editing) this.editing = { ...this.editing, error: null, refused: null, twin: null };
    const run = async (api: SamplanApi, ws: string) => {
      const sent = await sendAskingTwin(send(api, ws), { allowDuplicate, like: doc, known });
      if (sent.done) return sent.done;
      if (this.editing) this.editing = { ...this.editing, twin: { question: { action: mode, existing: sent.twin }, sent: title } };
      return null;
    };
    return this.act(doc, run, mode === 'rename' ? 'renamed' : 'copied', title);
  }

  /** The twin question in place of the title's error: open the one there is, do it anyway, or back to the title. */
  private renderTwinQuestion(doc: DocumentInfo, mode: 'rename' | 'copy', twin: { question: Twin; sent: string }) {
    return renderTwin(twin.question, this.units, this.lang, {
      open: (existing) => ((this.editing = null), (this.menuFor = null), this.emit('samplan-open-document', existing)),
      anyway: () => void this.retitle(doc, mode, twin.sent, true),
      cancel: () => this.editing && (this.editing = { ...this.editing, twin: null }),
    });
  }

  private renderEditor(doc: DocumentInfo) {
    const editing = this.editing;
    if (!editing || editing.doc.id !== doc.id) return null;
    const lang = this.lang;
    const value = editing.mode === 'copy' ? nextYearTitle(doc.title, lang) : doc.title;
    return html`<form class="edit" @submit=${(e: Event) => this.submit(e)}>
      <label for="doc-title">${eword(editing.mode === 'copy' ? 'copyTitle' : 'newTitle', lang)}</label>
      <input id="doc-title" .value=${value} maxlength="200" autocomplete="off" />
      ${editing.error ? html`<p class="error-text" role="alert">${editing.error}</p>` : null}
      ${editing.error && editing.refused ? refusedText(editing.refused.title, editing.refused.index) : null}
      ${editing.twin ? this.renderTwinQuestion(doc, editing.mode, editing.twin) : null}
      <div class="actions">
        <fluent-button appearance="accent" id="save-title" @click=${(e: Event) => this.submit(e)}>${eword('save', lang)}</fluent-button>
        <fluent-button id="cancel-title" @click=${() => (this.editing = null)}>${eword('cancel', lang)}</fluent-button>
      </div>
    </form>`;
  }

  private renderMenu(doc: DocumentInfo) {
    if (this.menuFor !== doc.id || this.editing) return null;
    const lang = this.lang;
    const archived = Boolean(doc.archivedAt);
    const button = (id: string, word: ExplorerWord, run: () => void) => html`<fluent-button appearance="outline" class=${id} @click=${run}>${eword(word, lang)}</fluent-button>`;
    return html`<div class="menu" role="group" aria-label=${eword('more', lang, { title: doc.title })}>
      ${this.mayImport(doc)
        ? html`<fluent-button appearance="outline" class="import-file" @click=${() => ((this.importing = doc.id), (this.menuFor = null))}>${fileImportWords('action', lang)}</fluent-button>`
        : null}
      ${this.mayRename(doc) && !archived ? button('rename', 'rename', () => (this.editing = { doc, mode: 'rename', error: null })) : null}
      ${this.canCreate && !archived && isPlan(doc)
        ? button('copy', 'copy', () => (this.editing = { doc, mode: 'copy', error: null }))
        : null}
      ${this.memberRole === 'admin'
        ? archived
          ? button('unarchive', 'unarchive', () => void this.act(doc, (api, ws) => api.archiveDocument(ws, doc.id, false), 'unarchivedDone'))
          : button('archive', 'archive', () => void this.act(doc, (api, ws) => api.archiveDocument(ws, doc.id, true), 'archivedDone'))
        : null}
    </div>`;
  }

  private renderDoc(doc: DocumentInfo) {
    const open = this.openIds.has(doc.id);
    const hasActions = this.manages || this.mayRename(doc) || this.canCreate || this.mayImport(doc);
    return html`<li>
      <div class="line">
        <button
          class="row ${open ? 'opened' : ''}"
          data-doc=${doc.id}
          aria-current=${open ? 'true' : 'false'}
          title=${`${str('explorer.open', this.lang)}: ${doc.title}`}
          @click=${() => this.emit('samplan-open-document', doc)}
        >
          ${sheetIcon()}<span class="doc"><span class="doc-title">${visibleText(doc.title)}</span><span class="kind">${kindTitle(doc.kind, this.lang)}</span></span>
        </button>
        ${hasActions
          ? html`<button
              class="more"
              data-more=${doc.id}
              aria-expanded=${this.menuFor === doc.id ? 'true' : 'false'}
              aria-label=${eword('more', this.lang, { title: doc.title })}
              title=${eword('more', this.lang, { title: doc.title })}
              @click=${() => ((this.menuFor = this.menuFor === doc.id ? null : doc.id), (this.editing = null))}
            >
              ⋯
            </button>`
          : null}
      </div>
      ${this.renderMenu(doc)} ${this.renderEditor(doc)} ${this.renderImport(doc)}
    </li>`;
  }

  /** The file import into `doc`, when it was asked for from its menu. */
  private renderImport(doc: DocumentInfo) {
    if (this.importing !== doc.id || !this.api || !this.workspace) return null;
    return html`<samplan-file-import
      .serverUrl=${this.api.serverUrl}
      .token=${this.api.token}
      workspace=${this.workspace}
      doc=${doc.id}
      doc-title=${doc.title}
      lang=${this.lang}
      @samplan-file-import-close=${() => (this.importing = null)}
    ></samplan-file-import>`;
  }

  private renderDocs(all: DocumentInfo[]) {
    const docs = all.filter((d) => !d.archivedAt);
    const archived = all.filter((d) => d.archivedAt);
    return html`${docs.length === 0
        ? html`<p class="empty">${str('explorer.empty', this.lang)}</p>`
        : html`<ul role="list" id="documents">
            ${docs.map((doc) => this.renderDoc(doc))}
          </ul>`}
      ${archived.length > 0
        ? html`<details id="archived">
            <summary>${eword('archived', this.lang, { count: archived.length })}</summary>
            <ul role="list">
              ${archived.map((doc) => this.renderDoc(doc))}
            </ul>
          </details>`
        : null}
      ${all.some((d) => d.kind === 'indicator-values')
        ? html`<div class="templates">
            <fluent-button appearance="outline" id="pull-indicators" @click=${() => this.emit('samplan-pull-indicators', null)}
              >${str('cmd.pull', this.lang)}</fluent-button
            >
          </div>`
        : null}`;
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
      ${this.live
        ? this.renderDocs(this.live)
        : this.documents.render({
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
              <fluent-button appearance="outline" id="adopt-sheet" @click=${() => this.emit('samplan-adopt-sheet', null)}>${str('cmd.adopt', lang)}</fluent-button>
            </div>`
        : null}
    `;
  }
}

/** What `samplan-document-changed` carries: the document before and after (null when refused), and a sentence. */
export interface DocumentChange {
  before: DocumentInfo;
  after: DocumentInfo | null;
  message: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-explorer': SamplanExplorer;
  }
}
