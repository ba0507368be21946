/**
 * `<samplan-workbench>`: the task pane, shaped like VS Code's workbench: activity bar, one view
 * at a time, command palette and status bar; the sign-in view until a token is accepted. The
 * same element runs in Office (with `Excel.run`) and in the playground (with the emulator).
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { DocumentInfo, TemplateName } from './api-client.js';
import type { DocumentChange } from './samplan-explorer.js';
import type { Notice } from './notice.js';
import { paletteCommands } from './commands.js';
import { DocumentsController } from './documents-controller.js';
import type { EnginePorts, ExcelRun } from './ports.js';
import { SessionController } from './session-controller.js';
import { VIEWS, type ViewId } from './samplan-activity-bar.js';
import { accountSignInEnabled } from './account-sign-in.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { workbenchStyles } from './workbench-styles.js';
import { renderView, roundsClientFor } from './workbench-views.js';
import { roundPullsFor } from './round-pulls.js';
import { renderDialog, renderSignIn } from './workbench-parts.js';
import { renderTwin, twinStyles } from './twin-question.js';
import { WorkbenchMaking } from './workbench-making.js';
import './samplan-activity-bar.js';
import './samplan-palette.js';
import './samplan-status-bar.js';
import { WorkbenchIndicators, type Said } from './workbench-indicators.js';
import { WorkbenchJumps } from './workbench-jumps.js';
import { WorkbenchActive, type ActiveShell } from './workbench-active.js';
import { WorkbenchShortcuts } from './workbench-shortcuts.js';
import { NewAtTop } from './workbench-top.js';

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
  static override styles = [baseStyles, workbenchStyles, twinStyles];

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
  @state() private docsRevision = 0;
  @state() private accountSignIn = false;
  @state() private historyRevision = 0;

  /** Sign-in; an admin's change of the member's role or units opens the affected documents again with the new rights. */
  readonly session = new SessionController(this, { storageKey: '', onRights: (me, units) => void this.docs.followRights(me, units) });
  /** Pulled indicator tables and the custom functions' feed (`workbench-indicators.ts`). */
  private readonly indicators = new WorkbenchIndicators(this, () => this.documents);
  /** Problems' cells and people's rows selected in the workbook (`workbench-jumps.ts`). */
  private readonly jumps = new WorkbenchJumps(() => this.docs, (text, warn) => this.say(text, warn));
  private docsController: DocumentsController | null = null;
  /** What the workbench's helpers below read of it and say through it. */
  private readonly shell: ActiveShell = {
    session: () => this.session,
    lang: () => this.lang,
    run: () => this.run,
    docs: () => this.docs,
    documents: () => this.documents,
    say: (text, warn) => this.say(text, warn),
    quiet: () => (this.notice = null),
    restored: () => this.historyRevision++,
  };
  /** New documents from a template (and their twin question) and from the selected sheet (`workbench-making.ts`). */
  private readonly making = new WorkbenchMaking({
    ...this.shell,
    made: (info) => ((this.docsRevision += 1), (this.documents = [...this.documents, info])),
    open: (info) => this.openDocument(info),
    noticed: () => this.notice !== null,
    toExplorer: () => (this.view = 'explorer'),
    changed: () => this.requestUpdate(),
  });
  /** Opening documents, and exporting or restoring the active one (`workbench-active.ts`). */
  private readonly active = new WorkbenchActive(this.shell);
  /** Ctrl+Shift+P and F8 (`workbench-shortcuts.ts`). */
  protected readonly shortcuts = new WorkbenchShortcuts(this, {
    global: () => this.globalShortcuts,
    signedIn: () => this.session.state === 'signed-in',
    openPalette: () => (this.paletteOpen = true),
    nextProblem: () => void this.nextProblem(),
  });
  /** Scrolls the view to a notice, question or dialog new at its top (`workbench-top.ts`). */
  private readonly top = new NewAtTop();

  /** The open documents (created with the ports on first use). */
  get docs(): DocumentsController {
    this.docsController ??= new DocumentsController(this, this.ports);
    return this.docsController;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.session.options.storageKey = this.storageKey;
    const saved = this.session.saved();
    void accountSignInEnabled(this.serverUrl).then((on) => (this.accountSignIn = on));
    if (this.token) void this.session.resume(this.serverUrl, this.token);
    else if (this.handoff) void this.session.resumeAccountSignIn(this.serverUrl, this.handoff);
    else if (saved) void this.session.resume(saved.serverUrl, saved.token, saved.workspace);
  }

  override updated(): void {
    const dialog = this.making.adopting || this.indicators.choosing;
    this.top.show(this.renderRoot.querySelector('main#view'), { notice: this.notice, twin: this.making.twin, dialog, view: this.view });
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

  private say(text: string | ((lang: Lang) => string), warn = false): void {
    this.notice = { text: typeof text === 'string' ? () => text : text, warn, view: this.view };
  }

  /** Opens a document of the selected workspace and binds it to a sheet (`WorkbenchActive.open`). */
  openDocument(info: DocumentInfo, readOnly = false): Promise<void> {
    return this.active.open(info, readOnly);
  }

  /** Creates a document from a template and opens it, asking first about a twin (`WorkbenchMaking.create`). */
  createDocument(template: TemplateName, allowDuplicate = false): Promise<void> {
    return this.making.create(template, allowDuplicate);
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

  /** Selects the cell of the next problem (F8 in VS Code). */
  nextProblem(): Promise<void> {
    return this.jumps.nextProblem();
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
    else if (verb === 'adopt') this.making.startAdopt();
    else if (verb === 'export') await this.active.exportFile(arg === 'csv' || arg === 'ods' ? arg : 'xlsx');
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
        adopt: () => this.making.startAdopt(),
        workspace: (id) => void this.session.selectWorkspace(id),
        selectProblem: (problem) => void this.jumps.selectProblem(problem),
        dismissProblem: (problem) => this.docs.dismissLost(problem),
        showRow: (peer) => void this.jumps.showRow(peer),
        restore: (version) => this.active.restore(version),
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
    const { twin, adopting } = this.making;
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
        ${twin
          ? renderTwin(twin, session.units, this.lang, {
              open: (existing) => (this.making.ask(null), void this.openDocument(existing)),
              anyway: () => void this.createDocument(twin.template, true),
              cancel: () => this.making.ask(null),
            })
          : null}
        ${adopting || this.indicators.choosing
          ? renderDialog(adopting ? 'adopt' : 'pull', this.lang, {
              run: this.run,
              adopt: (request) => this.making.adopt(request),
              units: session.units,
              open: (existing) => (this.making.cancelAdopt(), void this.openDocument(existing)),
              choices: () => this.indicators.pulls.choices(),
              pull: (request) => void this.indicators.pull(this.run, request, this.lang, (said) => this.tell(said)).then((said) => this.tell(said)),
              cancel: () => (this.making.cancelAdopt(), this.indicators.cancel()),
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
        @samplan-unowned-copy=${(e: CustomEvent<boolean>) => void this.active.answerUnownedCopy(e.detail)}
        @samplan-unowned-again=${() => void this.active.askUnownedAgain()}
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
