/**
 * Opening an open document again (`DocumentsController`): when the server says it was archived or
 * restored, when the member's rights changed, and when the person returns to the shared version
 * (dropping the changes the server will not take). The changes the server has not taken are
 * carried into the new doc when only the rights changed. Kept apart from
 * `documents-controller.ts`, which opens and closes documents.
 */
import * as Y from 'yjs';
import type { Localized } from '../../shared/schema/types.js';
import type { DocumentInfo, Me, UnitInfo } from './api-client.js';
import type { OpenContext } from './open-context.js';
import type { OpenDoc } from './open-doc.js';
import { archivedSentence, rightsKey, writeRightsFor } from './write-rights.js';
import { announce } from './doc-presence.js';

/** Origin of merging a reopened document's carried changes: a local writer, checked before it is sent. */
const CARRIED_ORIGIN = Symbol('samplan:carried-on-reopen');

/** Said in Problems when an open document is restored. */
const RESTORED: Localized = {
  sv: 'Dokumentet har återställts av en administratör och kan ändras igen.',
  en: 'An admin restored the document; it can be changed again.',
};

/** Said in Problems when an open document is opened again because the member's rights changed. */
const RIGHTS_CHANGED: Localized = {
  sv: 'En administratör har ändrat din roll eller dina enheter; dokumentet öppnades igen med det du får ändra nu.',
  en: 'An administrator changed your role or units; the document was opened again with what you may change now.',
};

/** What the reopen flow reads and does in the pane's open documents (`DocumentsController`). */
export interface ReopenHost {
  /** The open document `docId`, or undefined. */
  entry(docId: string): OpenDoc | undefined;
  /** What each open document was opened with, by id (the live map: the flow updates it). */
  readonly contexts: Map<string, OpenContext>;
  /** The document opened or focused last, and making `docId` that one. */
  active(): string | null;
  activate(docId: string): void;
  openDoc(ctx: OpenContext): Promise<OpenDoc>;
  close(docId: string): void;
  /** Binds document `docId` to its sheet again (as it was opened); undefined when it has no sheet. */
  bindAgain(docId: string): Promise<void> | undefined;
  /** The sheet a document's table was taken out of: its next binding writes the table there. */
  keepSheet(docId: string, sheetName: string): void;
  requestUpdate(): void;
}

/** Opens open documents again with another state, other rights or the server's version. */
export class DocReopen {
  /** Per document id: this pane's whole state of a document reopened for new rights, merged into the new doc once it is in. */
  private readonly carried = new Map<string, Uint8Array>();

  constructor(private readonly host: ReopenHost) {}

  /**
   * The server says an open document was archived or restored: it is opened again, protected
   * ("Arkiverad av … den …") or writable, and the change is said in Problems. The document that
   * was active stays active.
   */
  async archiveChanged(ctx: OpenContext, state: { archivedAt: string | null; archivedBy: string | null }): Promise<void> {
    const entry = this.host.entry(ctx.info.id);
    if (!entry || (entry.info.archivedAt ?? null) === state.archivedAt) return;
    const info: DocumentInfo = { ...entry.info, archivedAt: state.archivedAt, archivedBy: state.archivedBy };
    await this.reopen(info.id, { info }, { code: 'archived', message: state.archivedAt ? archivedSentence(state.archivedAt, state.archivedBy) : RESTORED }, true);
  }

  /** See `DocumentsController.followRights`. */
  async followRights(me: Me, units: readonly UnitInfo[]): Promise<void> {
    const { contexts } = this.host;
    for (const [id, ctx] of [...contexts]) {
      const entry = this.host.entry(id);
      if (!entry) continue;
      const before = rightsKey(writeRightsFor(ctx.me, entry.info, ctx.units ?? []), ctx.me);
      if (ctx.readOnly === true || before === rightsKey(writeRightsFor(me, entry.info, units), me)) {
        contexts.set(id, { ...ctx, me, units });
        if (entry.sync.awareness) announce(entry.sync.awareness, me);
        continue;
      }
      await this.reopen(id, { me, units }, { code: 'rights-changed', message: RIGHTS_CHANGED }, true);
    }
    this.host.requestUpdate();
  }

  /** See `DocumentsController.returnToShared`. */
  async returnToShared(docId: string, patch: Partial<OpenContext> = {}): Promise<void> {
    const entry = this.host.entry(docId);
    if (!entry) return;
    const binding = entry.binding;
    if (binding) {
      await binding.dispose();
      entry.binding = null;
      try {
        const kept = await binding.remove?.();
        if (typeof kept === 'string') this.host.keepSheet(docId, kept);
      } catch (err) {
        await this.host.bindAgain(docId);
        throw err;
      }
    }
    let failure: unknown = null;
    try {
      await entry.sync.discard?.();
    } catch (err) {
      failure = err;
    }
    await this.reopen(docId, patch);
    if (failure !== null) throw failure;
  }

  /** Merges a reopened document's carried state into its new doc before binding: the server's part is a no-op, the rest a checked local change. */
  mergeCarried(docId: string, ydoc: Y.Doc): void {
    const carried = this.carried.get(docId);
    this.carried.delete(docId);
    if (carried) Y.applyUpdate(ydoc, carried, CARRIED_ORIGIN);
  }

  /**
   * Opens an open document again with part of its context changed; the active document stays active.
   * With `carry` (new rights) the changes the server has not taken go into the new doc ({@link mergeCarried}).
   */
  private async reopen(docId: string, patch: Partial<OpenContext>, note?: NonNullable<OpenDoc['reopenNote']>, carry = false): Promise<void> {
    const ctx = this.host.contexts.get(docId);
    if (!ctx) return;
    const active = this.host.active();
    const old = this.host.entry(docId);
    if (carry && old && old.sync.state().pending > 0) this.carried.set(docId, Y.encodeStateAsUpdate(old.ydoc));
    this.host.close(docId);
    const reopened = await this.host.openDoc({ ...ctx, ...patch });
    if (note) reopened.reopenNote = note;
    if (active !== null && this.host.entry(active) !== undefined) this.host.activate(active);
    this.host.requestUpdate();
  }
}
