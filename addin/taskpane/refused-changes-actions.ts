/**
 * The two ways forward from changes the server will not take, wired to the pane's engines:
 * list them against the server's version, keep them in a new sheet, or drop them and return to
 * the shared version (see `refused-changes.ts` for the listing, `excel/sheet/changes-sheet.ts`
 * for the workbook side and `DocumentsController.returnToShared` for the drop).
 */
import { rowsOf } from '../../shared/doc/index.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { isDocKind } from '../../shared/schema/index.js';
import { writeChangesSheet } from '../excel/sheet/changes-sheet.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import type { SamplanApi } from './api-client.js';
import type { DocumentsController, OpenDoc } from './documents-controller.js';
import { changesTable, listLocalChanges, type LocalChange } from './refused-changes.js';
import { refusedWord } from './refused-changes-strings.js';
import { SaidError } from '../../shared/i18n/said-error.js';
import type { Lang } from './strings.js';

/** What `<samplan-refused-changes>` asks of the pane; every method rejects with a sentence to show. */
export interface RefusedChangesActions {
  /** The rows of the document here that differ from the server's version. */
  list(docId: string): Promise<LocalChange[]>;
  /** Writes `changes` into a new sheet; resolves with the sheet's name. */
  keep(docId: string, changes: readonly LocalChange[]): Promise<string>;
  /** Drops the document's changes here and writes its table from the server's version. */
  discard(docId: string): Promise<void>;
}

/** Refusals that signing in again or trying again does not undo: the role, an archived document, a refused change (and a replaced document, below). */
const FOR_GOOD: readonly number[] = [CloseCode.forbidden, CloseCode.archived, CloseCode.updateRefused];

/**
 * An open document whose changes here can never be sent as things are (the server refused them
 * for good, or the pane holds them for a document it may only read): shown with both actions.
 * A lapsed sign-in (4401) or an unreachable server is not such a case: the changes go once it passes.
 */
export function hasRefusedChanges(doc: OpenDoc): boolean {
  const state = doc.sync.state();
  // A copy of a deleted document whose id a new one took (4410) is refused whole, changes or not:
  // the way on is keeping its rows in a sheet and returning to the new document's version.
  if (state.status === 'refused' && state.closeCode === CloseCode.replaced) return true;
  if (state.status !== 'refused' || state.pending === 0) return false;
  return FOR_GOOD.includes(state.closeCode ?? -1) || (doc.readOnly && state.closeCode === 0);
}

/** Today in the workbook's time zone as `YYYY-MM-DD` (the Swedish date form is ISO's). */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The actions for the open documents of `docs`, reading the server with `api` and the workbook with `run`. */
export function refusedChangesActions(deps: { docs: DocumentsController; api: SamplanApi | null; run: ExcelRun | null; lang: () => Lang }): RefusedChangesActions {
  const { docs, api, run, lang } = deps;
  /** The refusal `key` in both languages, its message in the pane's language now. */
  const said = (key: 'noServer' | 'noExcel'): SaidError => new SaidError({ sv: refusedWord(key, 'sv'), en: refusedWord(key, 'en') }, lang());
  const open = (docId: string): OpenDoc => {
    const entry = docs.entry(docId);
    if (!entry) throw new Error(docId);
    return entry;
  };
  const server = async <T>(call: (api: SamplanApi) => Promise<T>): Promise<T> => {
    if (!api) throw said('noServer');
    try {
      return await call(api);
    } catch {
      throw said('noServer');
    }
  };
  return {
    async list(docId) {
      const entry = open(docId);
      if (!isDocKind(entry.info.kind)) return [];
      const kind = entry.info.kind;
      const shared = await server((a) => a.rows(entry.workspace, docId));
      return listLocalChanges(kind, shared, rowsOf(entry.ydoc).map((r) => ({ id: r.id, values: r.values })));
    },
    async keep(docId, changes) {
      const entry = open(docId);
      if (!run) throw said('noExcel');
      if (!isDocKind(entry.info.kind)) throw new Error(entry.info.kind);
      const table = changesTable(entry.info.kind, changes, lang());
      return writeChangesSheet(run, { title: entry.info.title, date: today(), ...table });
    },
    async discard(docId) {
      const entry = open(docId);
      if (entry.binding && !run) throw said('noExcel');
      // Opened again with the rights the server gives now: read-only, or writable when they came back.
      const { me, units } = await server((a) => a.me(entry.workspace));
      await docs.returnToShared(docId, { me, units });
    },
  };
}
