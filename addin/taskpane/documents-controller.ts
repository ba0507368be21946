/**
 * The documents open in one pane: each is a Y.Doc, a live connection and a binding to a
 * worksheet. Collects their problems, connection states and presence for the views.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Y from 'yjs';
import { getRow } from '../../shared/doc/index.js';
import type { Problem } from '../../shared/validate/problem.js';
import { onePerCell } from '../../shared/validate/one-per-cell.js';
import type { DocumentInfo, Me, UnitInfo } from './api-client.js';
import { announce, peersIn, type Peer } from './doc-presence.js';
import { writeRightsFor } from './write-rights.js';
import { DocReopen } from './doc-reopen.js';
import type { OpenContext } from './open-context.js';
import { WorkspaceRefLists, type RefListsContext } from './workspace-ref-lists.js';
import { combineRowLocks } from '../excel/sheet/row-locks.js';
import { roundRowLocks } from './round-row-locks.js';
import type { RoundsLive } from './rounds-live.js';
import type { MissingNote } from './missing-rows.js';
import { openDocProblems, type OpenDoc } from './open-doc.js';
import { docBinder } from './doc-binder.js';
import { dismissLoss, watchOpenDocLost } from './doc-lost.js';
import { ClosedEditsNote } from './closed-edits-note.js';
import type { EnginePorts, ExcelRun, SyncState } from './ports.js';
import { unownedMemory } from './unowned-memory.js';
import type { Lang } from './strings.js';
import type { RefLookup } from '../../shared/normalize/ref-lookup.js';

export type { OpenDoc } from './open-doc.js';
export type { OpenContext } from './open-context.js';

/** Keeps the open documents of one pane and tells the host when anything about them changes. */
export class DocumentsController implements ReactiveController {
  private readonly open = new Map<string, OpenDoc>();
  /** What each open document was opened with, to open it again with another state or other rights. */
  private readonly contexts = new Map<string, OpenContext>();
  private readonly cleanups = new Map<string, (() => void)[]>();
  /** Binds each open document to its sheet (again). */
  private readonly binders = new Map<string, () => Promise<void>>();
  /** Sheets emptied by taking a document's table out, per document id: its next binding writes the table there. */
  private readonly keptSheets = new Map<string, string>();
  /** What follow-up rounds still wait for, per document id. */
  private readonly missing = new Map<string, MissingNote>();
  /** The document opened or focused last. */
  activeId: string | null = null;
  /** Bound documents not open whose sheets hold edits made while the pane was closed (`closed-edits-note.ts`). */
  readonly closedEdits = new ClosedEditsNote();
  /** Reference lists (units, indicators, partners) the open sheets show names from. */
  private readonly refLists: WorkspaceRefLists;
  /** Opens open documents again (archived or restored, new rights, the shared version). */
  private readonly reopening: DocReopen;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ports: EnginePorts,
  ) {
    host.addController(this);
    this.refLists = new WorkspaceRefLists(ports);
    this.reopening = new DocReopen({
      entry: (docId) => this.open.get(docId),
      contexts: this.contexts,
      active: () => this.activeId,
      activate: (docId) => void (this.activeId = docId),
      openDoc: (ctx) => this.openDoc(ctx),
      close: (docId) => this.close(docId),
      bindAgain: (docId) => this.binders.get(docId)?.(),
      keepSheet: (docId, sheetName) => void this.keptSheets.set(docId, sheetName),
      requestUpdate: () => this.host.requestUpdate(),
    });
  }

  hostConnected(): void {
    globalThis.addEventListener?.('online', this.onNetwork);
    globalThis.addEventListener?.('offline', this.onNetwork);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('online', this.onNetwork);
    globalThis.removeEventListener?.('offline', this.onNetwork);
    this.closeAll();
  }

  /**
   * The browser lost or regained the network. An open WebSocket may survive a lost network for
   * a long while without noticing, so go offline on purpose and reconnect at once when back.
   */
  private readonly onNetwork = (event: Event): void => {
    for (const entry of this.open.values()) entry.sync.setOnline(event.type === 'online');
    this.host.requestUpdate();
  };

  /** Open documents, in the order they were opened. */
  get docs(): OpenDoc[] {
    return [...this.open.values()];
  }

  /** The active document, if any. */
  get active(): OpenDoc | null {
    return (this.activeId && this.open.get(this.activeId)) || null;
  }

  /** Is this document open? */
  isOpen(docId: string): boolean {
    return this.open.has(docId);
  }

  /**
   * Opens a document: connects it, announces the member in awareness and binds it to a sheet
   * (when there is an Excel). Opening an open document just makes it active.
   */
  async openDoc(ctx: OpenContext): Promise<OpenDoc> {
    const existing = this.open.get(ctx.info.id);
    if (existing) {
      this.activeId = ctx.info.id;
      this.host.requestUpdate();
      return existing;
    }
    const rights = writeRightsFor(ctx.me, ctx.info, ctx.units ?? []);
    const readOnly = ctx.readOnly === true || rights.readOnly !== null;
    const ydoc = new Y.Doc();
    const sync = this.ports.connect({
      serverUrl: ctx.serverUrl,
      workspace: ctx.workspace,
      docId: ctx.info.id,
      token: ctx.token,
      doc: ydoc,
      kind: ctx.info.kind,
      readOnly,
      ...(ctx.me?.memberId ? { member: ctx.me.memberId } : {}),
      // The answer about a copy with no owner holds for this workbook (`unowned-memory.ts`).
      ...(ctx.run ? { unownedMemory: unownedMemory(ctx.run, ctx.workspace, ctx.info.id) } : {}),
    });
    const entry: OpenDoc = { workspace: ctx.workspace, info: ctx.info, ydoc, sync, binding: null, bindError: null, readOnly, readOnlyReason: rights.readOnly, rowLegend: rights.legend ?? null, problems: [] };
    this.open.set(ctx.info.id, entry);
    this.contexts.set(ctx.info.id, ctx);
    this.closedEdits.opened(ctx.info.id);
    this.activeId = ctx.info.id;
    const update = (): void => this.host.requestUpdate();
    const cleanups = [sync.subscribe(update)];
    if (sync.onDocState) cleanups.push(sync.onDocState((state) => void this.reopening.archiveChanged(ctx, state)));
    if (sync.awareness) {
      const awareness = sync.awareness;
      announce(awareness, ctx.me);
      awareness.setLocalStateField('doc', ctx.info.id);
      awareness.on('change', update);
      cleanups.push(() => awareness.off('change', update));
    }
    // A colleague's change that took this person's cells away before they had seen them is said in Problems.
    cleanups.push(watchOpenDocLost(entry, ydoc, sync, update, ctx.lang));
    this.cleanups.set(ctx.info.id, cleanups);
    this.host.requestUpdate();
    const rounds = this.watchRounds(ctx, cleanups);
    const locks = combineRowLocks(rights.rowLocks, rounds ? roundRowLocks(rounds, { kind: ctx.info.kind, ownerUnit: ctx.info.ownerUnit ?? '' }) : undefined);
    // The rounds' periods as the stream has them, for the Period dropdown, which follows a round defined later.
    const periods = rounds ? { current: () => rounds.current?.rounds.map((r) => r.period) ?? [], onChange: (l: () => void) => rounds.subscribe(l) } : null;
    const run = ctx.run;
    if (run) {
      // Kept to bind the same doc again when taking its table out of the workbook fails.
      const bindSheet = docBinder(entry, {
        ports: this.ports, run, ydoc, info: ctx.info, lang: ctx.lang, readOnly, locks, periods,
        refLists: this.refLists.feedFor(ctx), refs: this.refLists.crossRefs(),
        takeKeptSheet: () => {
          const sheetName = this.keptSheets.get(ctx.info.id);
          this.keptSheets.delete(ctx.info.id);
          return sheetName;
        },
        update,
      });
      this.binders.set(ctx.info.id, bindSheet);
      // Not before the document is in: a table left in the workbook (the document opened again,
      // after a rights change, a restore or a restart) would be reconciled against an empty doc,
      // its rows taken for deleted and a cell typed meanwhile written as a new row for everyone.
      // Until then the table is not bound; what is typed in it is taken as a cell edit afterwards.
      await sync.whenReady;
      if (this.open.get(ctx.info.id) !== entry) return entry;
      this.reopening.mergeCarried(ctx.info.id, ydoc);
      await bindSheet();
    } else void Promise.resolve(sync.whenReady).then(() => this.open.get(ctx.info.id) === entry && this.reopening.mergeCarried(ctx.info.id, ydoc));
    this.host.requestUpdate();
    return entry;
  }

  /**
   * The member's role, units or name changed while documents were open (an admin changed them;
   * the session hears it on the workspace's event stream). Each document whose write rights differ
   * now (`rightsKey` of `write-rights.ts`) is opened again with them (protected, writable, other rows grey) and
   * says so in Problems; the others keep their connection and only show others the new name and
   * role. A document opened read-only on purpose (a pulled table) stays as it is.
   */
  async followRights(me: Me, units: readonly UnitInfo[]): Promise<void> {
    await this.reopening.followRights(me, units);
  }

  /**
   * Drops what this pane holds of an open document beyond the server's version (changes the
   * server will not take) and opens it again from the server, with `patch` (the member's rights
   * as they are now): its table is taken out of the workbook, its offline copy deleted, and the
   * document bound again, which writes the table anew from the server's version (on the sheet it
   * was taken from when that sheet held only the table, so the tab keeps its place). Rejects when
   * Excel refuses to take the table out; the document is then bound again as it was, with its
   * changes. Rejects too when the offline copy could not be deleted; the document is opened
   * again from that copy, changes included.
   */
  async returnToShared(docId: string, patch: Partial<OpenContext> = {}): Promise<void> {
    await this.reopening.returnToShared(docId, patch);
  }

  /**
   * The person closed a problem in Problems: a told loss (`doc-lost.ts`, {@link dismissLoss}) or a
   * conflict of the table's reopening, the plan's side accepted (`BindingHandle.dismiss`).
   */
  dismissLost(problem: Problem): void {
    const entry = this.open.get(problem.doc);
    if (!entry) return;
    const lost = dismissLoss(entry, problem);
    const settled = !lost && (entry.binding?.dismiss?.(problem) ?? false);
    if (lost || settled) this.host.requestUpdate();
  }

  /** Undoes the person's own last edit in the active document's table (Ctrl+Z); false when there is none. */
  undo(): boolean {
    return this.active?.binding?.undo?.() ?? false;
  }

  /** The live rounds for a document they concern (their locks, their periods); the watch is released with `cleanups`. */
  private watchRounds(ctx: OpenContext, cleanups: (() => void)[]): RoundsLive | undefined {
    const { kind } = ctx.info;
    if ((kind !== 'activity-plan' && kind !== 'indicator-values') || !this.ports.watchRounds) return undefined;
    const watch = this.ports.watchRounds({ serverUrl: ctx.serverUrl, workspace: ctx.workspace, token: ctx.token });
    cleanups.push(() => watch.release());
    return watch;
  }

  /** Shows in Problems what a follow-up round still waits for in `docId` (see `missing-rows.ts`), until it is closed. */
  setMissing(docId: string, note: MissingNote): void {
    this.missing.set(docId, note);
    this.host.requestUpdate();
  }

  /** Closes one document: unbinds it, disconnects it, forgets it. */
  close(docId: string): void {
    this.missing.delete(docId);
    this.contexts.delete(docId);
    const entry = this.open.get(docId);
    if (!entry) return;
    for (const cleanup of this.cleanups.get(docId) ?? []) cleanup();
    this.cleanups.delete(docId);
    this.binders.delete(docId);
    void entry.binding?.dispose();
    entry.sync.destroy();
    entry.ydoc.destroy();
    this.open.delete(docId);
    if (this.activeId === docId) this.activeId = this.docs.at(-1)?.info.id ?? null;
    this.host.requestUpdate();
  }

  /** Connects every document whose connection stopped once more ("Försök igen"); each tries once. */
  retry(): void {
    for (const entry of this.open.values()) if (entry.sync.state().status === 'refused') entry.sync.setOnline(true);
    this.host.requestUpdate();
  }

  /** Closes every document (sign-out, pane closing). */
  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
    this.closedEdits.dispose();
    this.refLists.dispose();
  }

  /**
   * Looks for edits made while the pane was closed in the bound tables of `docs` not open
   * ({@link ClosedEditsNote.check}), reading dropdown cells with the workspace's lists as the
   * sheets show them (`ctx`: units, indicators, the partner list followed live); calls `changed`
   * when the notes change, again after a list arrives or changes. Never rejects.
   */
  checkClosedEdits(run: ExcelRun | null, docs: readonly DocumentInfo[], ctx: RefListsContext | null, changed: () => void): Promise<void> {
    const lists = ctx ? this.refLists.feedFor({ ...ctx, documents: docs }) : undefined;
    return this.closedEdits.check(run, docs, (id) => this.isOpen(id), changed, lists);
  }

  /** The workspace's partner list as the open sheets show it (row id → name), once followed. */
  partnerList(): RefLookup | undefined {
    return this.refLists.lookup('partner');
  }

  /**
   * Every problem of every open document; a refused update is added as an error so the person
   * who typed it sees why it was not saved. A cell judged by several checks gets only the most
   * specific problem (see {@link onePerCell}).
   */
  problems(): Problem[] {
    return onePerCell([...this.open.values()].flatMap((entry) => openDocProblems(entry, this.missing.get(entry.info.id))).concat(this.closedEdits.problems()));
  }

  /** The combined connection state: the active document's, or null with nothing open. */
  syncState(): SyncState | null {
    const active = this.active;
    if (!active) return null;
    const state = active.sync.state();
    const pending = this.docs.reduce((sum, d) => sum + d.sync.state().pending, 0);
    return { ...state, pending };
  }

  /** Everyone present in the open documents, the member first (see {@link peersIn}). */
  peers(me: Me | null = null, lang: Lang = 'sv'): Peer[] {
    return peersIn(this.docs, me, lang);
  }

  /**
   * Selects a row of an open, bound document in the workbook (clicking someone in People) and
   * makes that document active; false when the row is not in the sheet (yet).
   */
  async showRow(docId: string, rowId: string): Promise<boolean> {
    const entry = this.open.get(docId);
    if (!entry?.binding || getRow(entry.ydoc, rowId) === undefined) return false;
    this.activeId = docId;
    this.host.requestUpdate();
    // False when the sheet does not hold the row yet (a document still being written into it).
    return (await entry.binding.selectCell(rowId, null)) !== false;
  }

  /** The open document `docId`, or undefined. */
  entry(docId: string): OpenDoc | undefined {
    return this.open.get(docId);
  }

  /** Writes a past version into the active document as a new change. */
  restore(docId: string, rows: Parameters<EnginePorts['restore']>[1], only?: readonly string[]): void {
    const entry = this.open.get(docId);
    if (!entry || entry.readOnly) return;
    this.ports.restore(entry.ydoc, rows, only);
  }
}
