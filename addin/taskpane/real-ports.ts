/**
 * The real engines behind {@link EnginePorts}: `connectDoc` from `addin/sync`, `bindTable` from
 * `addin/excel` and the doc model of `shared/doc` for restoring a version.
 */
import type * as Y from 'yjs';
import { deleteRows, getRow, insertRow, rowsOf, setCells } from '../../shared/doc/index.js';
import { isDocKind } from '../../shared/schema/index.js';
import { bindTable } from '../excel/bind-table.js';
import { removeBoundTable } from '../excel/sheet/changes-sheet.js';
import { snapshotKey } from '../excel/sheet/snapshot.js';
import { connectIndicatorSource } from '../indicators/connect-indicator-source.js';
import { connectDoc, type DocConnection } from '../sync/connect-doc.js';
import { otherCopies, takeUnowned, type CopyPlace } from '../sync/other-copies.js';
import type { AwarenessLike, EnginePorts, SyncHandle, SyncState } from './ports.js';
import type { UnownedMemory } from './unowned-memory.js';
import { watchRounds } from './rounds-live.js';
import type { Lang } from './strings.js';

/** Options of {@link realPorts}. */
export interface RealPortsOptions {
  /** Keep an offline copy of each document in IndexedDB (off in the playground, where two panes share one origin). */
  offlineStore: boolean;
  /** The pane's language, for refusal sentences. */
  lang: () => Lang;
}

/** The pane's handle of a connection (`connect-doc.ts`), its words in the pane's language `lang()`. */
export function syncHandle(conn: DocConnection, lang: () => Lang): SyncHandle {
  const awareness: AwarenessLike = conn.awareness;
  return {
    state(): SyncState {
      const s = conn.status;
      const refusal = s.refusal ?? s.lastRefusal;
      return {
        status: s.state,
        pending: s.pendingLocalChanges,
        refusal: refusal ? refusal.message[lang()] : null,
        closeCode: refusal?.code ?? null,
        refusalNotice: refusal?.notice !== undefined ? { code: refusal.notice, ...(refusal.path ? { path: refusal.path } : {}), ...(refusal.rows ? { rows: refusal.rows } : {}) } : null,
        unfetched: conn.unfetched,
        retry: s.retry ? { cause: s.retry.cause[lang()], message: s.retry.message[lang()], at: s.retry.at } : null,
        offlineStore: s.offlineStore ? s.offlineStore.message[lang()] : null,
        ...(s.offlineStore?.kind === 'restored' ? { offlineStoreRestored: true } : {}),
      };
    },
    subscribe(listener) {
      return conn.onStatus(() => listener());
    },
    awareness,
    whenReady: conn.whenReady,
    serverHas: (id) => conn.serverHas(id),
    madeHere: (id) => conn.madeHere(id),
    takenBack: (rowId) => conn.takenBack(rowId),
    tookBack: (rowId) => conn.tookBack(rowId),
    setOnline(online) {
      if (online) conn.connect();
      else conn.disconnect();
    },
    onDocState(listener) {
      return conn.onDocState(listener);
    },
    destroy() {
      void conn.destroy();
    },
    discard: () => conn.discard(),
  };
}

/**
 * Sets `doc` to the rows of a past version in one transaction, as one new change; with `only`,
 * just those rows (a row the version lacks is deleted, one the doc lacks is put back).
 */
export function restoreRows(doc: Y.Doc, rows: Parameters<EnginePorts['restore']>[1], only?: readonly string[]): void {
  const touched = only ? new Set(only) : null;
  doc.transact(() => {
    const keep = new Set(rows.map((r) => r.id));
    deleteRows(
      doc,
      rowsOf(doc)
        .map((r) => r.id)
        .filter((id) => !keep.has(id) && (!touched || touched.has(id))),
    );
    let previous: string | null = null;
    for (const row of rows) {
      if (touched && !touched.has(row.id)) {
        if (getRow(doc, row.id)) previous = row.id;
        continue;
      }
      const current = getRow(doc, row.id);
      if (!current) {
        insertRow(doc, row.values, { id: row.id, after: previous });
      } else {
        const changed = Object.fromEntries(
          Object.entries(row.values).filter(([key, value]) => current.values[key] !== value),
        );
        for (const key of Object.keys(current.values)) if (!(key in row.values)) changed[key] = null;
        if (Object.keys(changed).length > 0) setCells(doc, row.id, changed);
      }
      previous = row.id;
    }
  });
}

/**
 * `handle` telling of the other copies of its document on this computer (`other-copies.ts`), looked
 * at once the document has synced: the state's `otherAccountCopy`, `unownedCopy` and
 * `unownedLeft`, and the person's answer about the copy with no owner, which `memory` keeps.
 */
function withOtherCopies(handle: SyncHandle, conn: DocConnection, doc: Y.Doc, factory: IDBFactory, place: CopyPlace, memory?: UnownedMemory): SyncHandle {
  let otherAccount = false;
  /** The copy with no owner's unsent edits while the person is asked about them. */
  let unowned: Uint8Array | null = null;
  /** Those edits once the person said they are not theirs: kept apart (in their copy), never sent. */
  let left: Uint8Array | null = null;
  let closed = false;
  const listeners = new Set<() => void>();
  const leftState = () => ({ unownedLeft: true, ...(memory && !memory.onThisComputer ? { unownedLeftInWorkbookOnly: true } : {}) });
  const changed = () => {
    for (const l of listeners) l();
  };
  void conn
    .whenSynced()
    .then(() => (closed ? null : otherCopies(factory, place, doc)))
    .then(async (found) => {
      if (!found || closed) return;
      // Said "not mine" in this workbook before: so again, unasked. A workbook that cannot be read asks.
      const saidBefore = found.unowned && memory ? await memory.left().catch(() => false) : false;
      if (closed) return;
      otherAccount = found.otherAccount;
      if (saidBefore) left = found.unowned;
      else unowned = found.unowned;
      if (otherAccount || unowned || left) changed();
    })
    // Not knowing of other copies hides nothing of this person's: their own copy is kept as ever.
    .catch(() => undefined);
  return {
    ...handle,
    state: () => ({ ...handle.state(), ...(otherAccount ? { otherAccountCopy: true } : {}), ...(unowned ? { unownedCopy: true } : {}), ...(left ? leftState() : {}) }),
    subscribe(listener) {
      listeners.add(listener);
      const stop = handle.subscribe(listener);
      return () => {
        listeners.delete(listener);
        stop();
      };
    },
    async answerUnownedCopy(mine) {
      const edits = unowned;
      if (!edits) return;
      unowned = null;
      try {
        if (mine) await takeUnowned(factory, place, doc, edits);
        else {
          await memory?.remember(true);
          left = edits;
        }
      } catch (err) {
        // Nothing taken (the copy is deleted before its edits are: takeUnowned) or not remembered
        // (Excel refused the setting): the question stays, true, and no answer is kept that is not.
        unowned = edits;
        throw err;
      } finally {
        changed();
      }
    },
    async askUnownedAgain() {
      const edits = left;
      if (!edits) return;
      // Forgotten first: asked again and then left once more, the answer is remembered anew.
      await memory?.remember(false);
      left = null;
      unowned = edits;
      changed();
    },
    destroy() {
      closed = true;
      handle.destroy();
    },
  };
}

/** The engines the pane runs on in Office and in the playground. */
export function realPorts(options: RealPortsOptions): EnginePorts {
  return {
    connect({ serverUrl, workspace, docId, token, doc, kind, readOnly, member, unownedMemory }) {
      // connectDoc runs the server's own check on every local change first, so a refusal shows
      // in Problems (and is taken back) instead of a disconnect. The offline copy is the signed-in
      // member's own; with no member known connectDoc opens none: it could be another person's.
      const conn = connectDoc({ serverUrl, workspace, docId, token, doc, kind, member, indexeddb: options.offlineStore, readOnly: readOnly === true });
      const handle = syncHandle(conn, options.lang);
      const factory = typeof indexedDB === 'undefined' ? undefined : indexedDB;
      return member && options.offlineStore && factory && !readOnly ? withOtherCopies(handle, conn, doc, factory, { workspace, docId, member }, unownedMemory) : handle;
    },
    watchRounds: ({ serverUrl, workspace, token }) => watchRounds(serverUrl, token, workspace),
    async bind(run, doc, kind, { docId, title, lang, readOnly, sheetName, rowLocks, refLists, refs, periods, onProblems, onSelection }) {
      if (!isDocKind(kind)) throw new Error(`unknown document kind ${kind}`);
      const binding = await bindTable(run, doc, kind, {
        docId,
        // The tab is named from the title and follows renames of the document.
        title,
        // Back on the sheet it was taken from (returning to the shared version), where it was in the tab row.
        ...(sheetName !== undefined ? { sheetName } : {}),
        lang,
        readOnly,
        ...(rowLocks ? { rowLocks } : {}),
        ...(refLists ? { refLists } : {}),
        ...(refs ? { refs } : {}),
        ...(periods ? { periods } : {}),
        onProblems: (problems) => onProblems([...problems]),
        onSelection,
      });
      return {
        async selectCell(rowId, column) {
          return binding.selectCell(rowId, column);
        },
        sheetRow: (rowId) => binding.sheetRow(rowId),
        dispose: () => binding.dispose(),
        remove: () => removeBoundTable(run, binding.tableName, snapshotKey(docId), lang),
        undo: () => binding.undo(),
      };
    },
    restore: restoreRows,
    openIndicators(o) {
      return connectIndicatorSource({ ...o, connect: { indexeddb: options.offlineStore } });
    },
  };
}
