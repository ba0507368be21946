/**
 * `<samplan-workbench>`: the task pane, shaped like VS Code's workbench: activity bar, one view
 * at a time, command palette and status bar; the sign-in view until a token is accepted. The
 * same element runs in Office (with `Excel.run`) and in the playground (with the emulator).
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Problem } from '../../shared/validate/problem.js';
import { ApiError, type DocumentInfo, type ExportFormat, type TemplateName } from './api-client.js';
import { hword } from './history-strings.js';
import type { DocumentChange } from './samplan-explorer.js';
import { duplicateOf, failureWords, serverWords, type Notice } from './notice.js';
import type { RestoreRequest } from './samplan-history.js';
import { paletteCommands } from './commands.js';
import { adoptIntoNewDocument } from './adopt-flow.js';
import type { AdoptRequest } from './samplan-adopt.js';
import { DocumentsController } from './documents-controller.js';
import { newDocumentTarget, saveFile } from './new-document.js';
import type { EnginePorts, ExcelRun } from './ports.js';
import { SessionController } from './session-controller.js';
import { VIEWS, type ViewId } from './samplan-activity-bar.js';
import { accountSignInEnabled } from './account-sign-in.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { errorText, str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { workbenchStyles } from './workbench-styles.js';
import { renderView, roundsClientFor } from './workbench-views.js';
import { roundPullsFor } from './round-pulls.js';
import { renderDialog, renderSignIn, renderTwin, type Twin } from './workbench-parts.js';
import './samplan-activity-bar.js';
import './samplan-palette.js';
import './samplan-status-bar.js';
import { WorkbenchIndicators, type Said } from './workbench-indicators.js';
import { WorkbenchJumps } from './workbench-jumps.js';

/**
 * The workbench. Give it the engines (`ports`) and a way into the workbook (`run`).
 *
 * @example
 * const pane = document.createElement('samplan-workbench');
 * pane.ports = realPorts({ offlineStore: true, lang: () => pane.lang });
 * pane.run = (batch) => Excel.run(batch);
 * document.body.append(pane);
 */
@customElement('samplan-workbench')
export class SamplanWorkbench extends LitElement {
  static override styles = [baseStyles, workbenchStyles];

  @property({ reflect: true }) override lang: Lang = 'sv';
  @property({ attribute: 'server-url' }) serverUrl = globalThis.location?.origin ?? '';
  /** Sign in with this token at once (the playground); otherwise the sign-in view asks. */
  @property() token = '';
  /** A `#samplan-handoff=…` / `#samplan-error=…` fragment this page came back with after a work-account sign-in. */
  @property({ attribute: false }) handoff = '';
  /** Where a redirect sign-in returns to (this page by default). */
  @property({ attribute: false }) returnTo = '';
  /** localStorage key the sign-in is remembered under; empty remembers nothing. */
  @property({ attribute: 'storage-key' }) storageKey = '';
  /** Listen for Ctrl+Shift+P on the whole document, not only inside the pane. */
  @property({ type: Boolean, attribute: 'global-shortcuts' }) globalShortcuts = false;
  @property({ attribute: false }) run: ExcelRun | null = null;
  @property({ attribute: false }) ports!: EnginePorts;

  @state() view: ViewId = 'explorer';
  @state() paletteOpen = false;
  @state() private documents: DocumentInfo[] = [];
  /** The notice of one view, in whichever language the pane shows when it is drawn. */
  @state() private notice: Notice | null = null;
  /** A second document of a kind for a unit, waiting for the person to say open or make it. */
  @state() private twin: Twin | null = null;
  @state() private docsRevision = 0;
  @state() private accountSignIn = false;
  @state() private historyRevision = 0;

  /** Sign-in; an admin's change of the member's role or units opens the affected documents again with the new rights. */
  readonly session = new SessionController(this, { storageKey: '', onRights: (me, units) => void this.docs.followRights(me, units) });
  /** "Gör till delat dokument" is open. */
  @state() private adopting = false;
  /** Pulled indicator tables and the custom functions' feed (`workbench-indicators.ts`). */
  private readonly indicators = new WorkbenchIndicators(this, () => this.documents);
  /** Problems' cells and people's rows selected in the workbook (`workbench-jumps.ts`). */
  private readonly jumps = new WorkbenchJumps(() => this.docs, (text, warn) => this.say(text, warn));
  private docsController: DocumentsController | null = null;

  /** The open documents (created with the ports on first use). */
  get docs(): DocumentsController {
    this.docsController ??= new DocumentsController(this, this.ports);
    return this.docsController;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.session.options.storageKey = this.storageKey;
    (this.globalShortcuts ? document : this).addEventListener('keydown', this.onShortcut as EventListener);
    const saved = this.session.saved();
    void accountSignInEnabled(this.serverUrl).then((on) => (this.accountSignIn = on));
    if (this.token) void this.session.resume(this.serverUrl, this.token);
    else if (this.handoff) void this.session.resumeAccountSignIn(this.serverUrl, this.handoff);
    else if (saved) void this.session.resume(saved.serverUrl, saved.token, saved.workspace);
  }

  /** The notice, twin question and dialog last drawn; see {@link showNewAtTop}. */
  private drawn: { notice: Notice | null; twin: Twin | null; dialog: boolean } = { notice: null, twin: null, dialog: false };

  /**
   * A new notice, twin question or dialog is drawn at the top of the view, which may be scrolled
   * down to the button that caused it ("Hämta indikatortabell" and the templates' "Aktivitetsplan
   * för min mottagning" are below the document list): the view is scrolled to its top so the
   * person sees it instead of nothing happening.
   */
  private showNewAtTop(): void {
    const dialog = this.adopting || this.indicators.choosing;
    const main = this.renderRoot.querySelector('main#view');
    const newNotice = this.notice !== null && this.notice !== this.drawn.notice && this.notice.view === this.view;
    const newTwin = this.twin !== null && this.twin !== this.drawn.twin;
    if (main && ((dialog && !this.drawn.dialog) || newNotice || newTwin)) main.scrollTop = 0;
    this.drawn = { notice: this.notice, twin: this.twin, dialog };
  }

  override updated(): void {
    this.showNewAtTop();
    // The server closed a connection for good because the sign-in is over (removed, revoked,
    // expired): close the pane's documents and say why on the sign-in view.
    // The connections of pulled indicator tables count too: a manager may have only those open.
    if (this.session.state !== 'signed-in') return;
    const ended = this.docs.docs.map((d) => d.sync.state()).find((st) => st.closeCode === CloseCode.unauthorized);
    const pulled = this.indicators.pulls.signInEnded();
    if (!ended && !pulled) return;
    this.signOut();
    this.session.close(ended ? (ended.refusal ?? '') : (pulled?.message[this.lang] ?? ''));
  }

  override disconnectedCallback(): void {
    (this.globalShortcuts ? document : this).removeEventListener('keydown', this.onShortcut as EventListener);
    super.disconnectedCallback();
  }

  private readonly onShortcut = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'p') {
      event.preventDefault();
      if (this.session.state === 'signed-in') this.paletteOpen = true;
    } else if (event.key === 'F8' && this.session.state === 'signed-in') {
      event.preventDefault();
      void this.nextProblem();
    }
  };

  private say(text: string | ((lang: Lang) => string), warn = false): void {
    this.notice = { text: typeof text === 'string' ? () => text : text, warn, view: this.view };
  }

  /** Opens a document of the selected workspace and binds it to a sheet. */
  async openDocument(info: DocumentInfo, readOnly = false): Promise<void> {
    const { api, workspace, me, units } = this.session;
    if (!api || !workspace) return;
    this.notice = null;
    const entry = await this.docs.openDoc({ serverUrl: api.serverUrl, token: api.token, workspace, info, me, units, documents: this.documents, lang: this.lang, run: this.run, readOnly });
    if (!this.run) this.say((l) => str('doc.excelMissing', l), true);
    else if (entry.bindError) {
      const { error } = entry.bindError;
      this.say((l) => str('doc.bindFailed', l, { reason: failureWords(error, l) }), true);
    } else if (entry.readOnly || entry.rowLegend) {
      const why = entry.readOnly ? entry.readOnlyReason : entry.rowLegend;
      this.say((l) => why?.[l] ?? str('doc.readOnly', l));
    }
  }

  /**
   * Creates a document from a template and opens it: an activity plan for the member's own
   * clinic, a partner list and an indicator sheet for the member's first unit (the top unit
   * for members without one).
   */
  async createDocument(template: TemplateName, allowDuplicate = false): Promise<void> {
    const { api, workspace, me, units } = this.session;
    if (!api || !workspace) return;
    const target = newDocumentTarget(template, me, units, this.lang);
    if (!target) return this.say((l) => errorText('notFound', l), true);
    this.twin = null;
    const existing = this.documents.find((d) => d.kind === template && d.ownerUnit === target.ownerUnit && !d.archivedAt);
    if (existing && !allowDuplicate) {
      this.notice = null;
      this.twin = { template, existing };
      return;
    }
    try {
      const info = await api.createFromTemplate(workspace, template, target.ownerUnit, target.title, allowDuplicate);
      this.docsRevision++;
      this.documents = [...this.documents, info];
      await this.openDocument(info);
      // Opening may have said something more urgent (read-only, not bound); keep that.
      if (!this.notice) this.say((l) => str('doc.created', l, { title: info.title }));
    } catch (err) {
      const twin = duplicateOf(err);
      if (twin) this.twin = { template, existing: { ...twin, kind: template, ownerUnit: target.ownerUnit, updatedAt: null } };
      else this.say((l) => serverWords(err, l) ?? errorText(err instanceof ApiError ? err.kind : 'server', l), true);
    }
  }

  /** After a rename, copy, archive or restore in the Explorer: say so, and open a fresh copy. */
  private documentChanged(change: DocumentChange): void {
    this.say(change.message, change.after === null);
    const after = change.after;
    if (!after) return;
    this.documents = [...this.documents.filter((d) => d.id !== after.id), after];
    if (after.id !== change.before.id) void this.openDocument(after).then(() => this.say(change.message));
  }

  /** Shows the indicator chooser; the chosen table is pulled live and read-only into the workbook. */
  private pullIndicators(): void {
    this.notice = null;
    this.tell(this.indicators.choose(this.run));
  }

  /** Shows what a flow said, if anything, as the current view's notice. */
  private tell(said: Said | null): void {
    if (said) this.say(said.text, said.warn);
  }

  /** Opens "Gör till delat dokument" for the sheet of the person's selection. */
  private startAdopt(): void {
    if (!this.run) return this.say((l) => str('doc.excelMissing', l), true);
    this.notice = null;
    this.adopting = true;
  }

  /** Creates the document and adopts the sheet into it; a throw stays in the dialog. */
  private async adopt(request: AdoptRequest): Promise<void> {
    const { api, workspace, me, units } = this.session;
    if (!api || !workspace || !this.run) return;
    const ctx = { api, workspace, me, units, lang: this.lang, run: this.run, docs: this.docs, changed: () => this.requestUpdate() };
    const { info, originalSheet } = await adoptIntoNewDocument(ctx, request);
    this.adopting = false;
    this.docsRevision++;
    this.documents = [...this.documents, info];
    this.view = 'explorer';
    this.say((l) => str('doc.adopted', l, { title: info.title, sheet: originalSheet }));
  }

  /** Saves the active document as a workbook or as CSV for Swedish Excel. */
  private async exportFile(format: ExportFormat): Promise<void> {
    const active = this.docs.active;
    const api = this.session.api;
    if (!active || !api) return this.say((l) => str('doc.noDocument', l), true);
    try {
      saveFile(`${active.info.title}.${format}`, await api.exportFile(active.workspace, active.info.id, format, this.lang));
    } catch (err) {
      this.say((l) => serverWords(err, l) ?? errorText(err instanceof ApiError ? err.kind : 'server', l), true);
    }
  }

  /** Selects the cell of the next problem (F8 in VS Code). */
  nextProblem(): Promise<void> {
    return this.jumps.nextProblem();
  }

  private restore(version: RestoreRequest): void {
    const active = this.docs.active;
    if (!active) return;
    this.docs.restore(active.info.id, version.rows, version.only);
    this.historyRevision++;
    if (version.only) this.say((l) => hword('rowRestored', l, { seq: version.seq, row: version.rowLabel ?? '' }));
    else this.say((l) => str('history.restored', l, { seq: version.seq }));
  }

  private signOut(): void {
    this.docs.closeAll();
    this.documents = [];
    this.indicators.reset();
    this.session.signOut();
  }

  /** Runs a palette command by id. */
  async runCommand(id: string): Promise<void> {
    this.paletteOpen = false;
    const [verb, arg = ''] = id.split(/:(.*)/s);
    if (verb === 'open') {
      const doc = this.documents.find((d) => d.id === arg);
      if (doc) await this.openDocument(doc);
    } else if (verb === 'new') await this.createDocument(arg as TemplateName);
    else if (verb === 'pull') this.pullIndicators();
    else if (verb === 'adopt') this.startAdopt();
    else if (verb === 'export') await this.exportFile(arg === 'csv' ? 'csv' : 'xlsx');
    else if (verb === 'next-problem') await this.nextProblem();
    else if (verb === 'language') {
      this.lang = this.lang === 'sv' ? 'en' : 'sv';
      this.dispatchEvent(new CustomEvent<Lang>('samplan-language', { detail: this.lang, bubbles: true, composed: true }));
    } else if (verb === 'sign-out') this.signOut();
  }

  private currentView(problems: Problem[]) {
    return renderView({
      view: this.view,
      lang: this.lang,
      session: this.session,
      docs: this.docs,
      problems,
      docsRevision: this.docsRevision,
      historyRevision: this.historyRevision,
      indicators: this.indicators.pulls,
      run: this.run,
      on: {
        documents: (docs) => {
          this.documents = docs;
          const { api, workspace, units } = this.session;
          const lists = api && workspace ? { serverUrl: api.serverUrl, token: api.token, workspace, lang: this.lang, units } : null;
          void this.docs.checkClosedEdits(this.run, docs, lists, () => this.requestUpdate());
          void this.indicators.feedFunctions();
          void this.indicators.resume(this.run, this.lang, (said) => this.tell(said), api && workspace ? roundPullsFor(roundsClientFor(api.serverUrl, api.token, workspace)) : null);
        },
        open: (info) => this.openDocument(info),
        create: (template) => void this.createDocument(template),
        adopt: () => this.startAdopt(),
        workspace: (id) => void this.session.selectWorkspace(id),
        selectProblem: (problem) => void this.jumps.selectProblem(problem),
        dismissProblem: (problem) => this.docs.dismissLost(problem),
        showRow: (peer) => void this.jumps.showRow(peer),
        restore: (version) => this.restore(version),
        pull: () => this.pullIndicators(),
        documentChanged: (change) => this.documentChanged(change),
      },
    });
  }

  override render() {
    const session = this.session;
    if (session.state !== 'signed-in') {
      return renderSignIn(session, { lang: this.lang, serverUrl: this.serverUrl, accountSignIn: this.accountSignIn, returnTo: this.returnTo });
    }
    const problems = this.docs.problems();
    const commands = paletteCommands({ lang: this.lang, documents: this.documents, role: session.me?.role ?? null, hasActiveDocument: this.docs.active !== null });
    return html`<samplan-activity-bar
        .lang=${this.lang}
        .view=${this.view}
        .badges=${{ problems: problems.length }}
        .views=${VIEWS.filter((v) => v !== 'members' || session.me?.role === 'admin' || session.me?.role === 'coordinator')}
        @samplan-view=${(e: CustomEvent<ViewId>) => (this.view = e.detail)}
      ></samplan-activity-bar>
      <main id="view" role="tabpanel" aria-labelledby=${`tab-${this.view}`}>
        ${this.notice && this.notice.view === this.view
          ? html`<div class="notice ${this.notice.warn ? 'warn' : ''}" role="status" @click=${() => (this.notice = null)}>${this.notice.text(this.lang)}</div>`
          : null}
        ${this.twin
          ? renderTwin(this.twin, session.units, this.lang, {
              open: (existing) => ((this.twin = null), void this.openDocument(existing)),
              createAnyway: (template) => void this.createDocument(template, true),
              cancel: () => (this.twin = null),
            })
          : null}
        ${this.adopting || this.indicators.choosing
          ? renderDialog(this.adopting ? 'adopt' : 'pull', this.lang, {
              run: this.run,
              adopt: (request) => this.adopt(request),
              choices: () => this.indicators.pulls.choices(),
              pull: (request) => void this.indicators.pull(this.run, request, this.lang, (said) => this.tell(said)).then((said) => this.tell(said)),
              cancel: () => ((this.adopting = false), this.indicators.cancel()),
            })
          : this.currentView(problems)}
      </main>
      <samplan-status-bar
        .lang=${this.lang}
        .sync=${this.docs.syncState()}
        .problems=${problems.length}
        .user=${session.me?.name ?? ''}
        .userRole=${session.me?.role ?? null}
        @samplan-view=${(e: CustomEvent<ViewId>) => (this.view = e.detail)}
        @samplan-retry=${() => this.docs.retry()}
        @samplan-unowned-copy=${(e: CustomEvent<boolean>) =>
          void this.docs.active?.sync.answerUnownedCopy?.(e.detail).catch((err: unknown) => this.say((l) => str('status.unownedFailed', l, { reason: failureWords(err, l) }), true))}
      ></samplan-status-bar>
      <samplan-palette
        .lang=${this.lang}
        ?open=${this.paletteOpen}
        .commands=${commands}
        @samplan-command=${(e: CustomEvent<string>) => void this.runCommand(e.detail)}
        @samplan-close=${() => (this.paletteOpen = false)}
      ></samplan-palette>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-workbench': SamplanWorkbench;
  }
}
