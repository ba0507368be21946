/**
 * One open document of the pane (a Y.Doc, its live connection and its binding to a worksheet) and
 * the problems it shows in Problems.
 */
import type * as Y from 'yjs';
import type { Localized } from '../../shared/schema/types.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { LostWrite } from '../sync/lost-writes.js';
import type { DocumentInfo } from './api-client.js';
import { missingProblems, type MissingNote } from './missing-rows.js';
import type { BindingHandle, SyncHandle, SyncState } from './ports.js';

/** One told loss: its problem in Problems and the cells it names (`doc-lost.ts`). */
export interface ToldLoss {
  problem: Problem;
  cells: readonly LostWrite[];
}

/** One open document. */
export interface OpenDoc {
  workspace: string;
  info: DocumentInfo;
  ydoc: Y.Doc;
  sync: SyncHandle;
  binding: BindingHandle | null;
  /** Why binding to a sheet failed, if it did (the doc stays connected). */
  bindError: { error: unknown } | null;
  readOnly: boolean;
  /** Why the document is read-only for this person, in words; null when they may write it. */
  readOnlyReason: Localized | null;
  /** How the rows this person may not write are marked in the sheet (grey), when some are; else null. */
  rowLegend: Localized | null;
  problems: Problem[];
  /**
   * This person's cells a colleague's change took away, in words (`lost-words.ts`), newest last;
   * kept until the person types the text again or the document is closed (`doc-lost.ts`).
   */
  lost?: ToldLoss[];
  /** Told losses the person has typed again (taken out of {@link lost}), newest last, at most 50: their server notices stay covered. */
  typedAgain?: ToldLoss[];
  /** Why the document was opened again while open (archived, restored, other rights): said in Problems until it is closed. */
  reopenNote?: { code: 'archived' | 'rights-changed'; message: Localized };
}

/** Said in Problems while a document opened for the first time cannot be fetched (offline, no offline copy). */
export const NOT_FETCHED: Localized = {
  sv: 'Dokumentet har inte hämtats till den här datorn än, och det behöver nätverket en gång för det. Samplan fortsätter att försöka och visar det i bladet så snart servern kan nås; därefter går det att arbeta i det även utan nätverk.',
  en: 'The document has not been fetched to this computer yet, and it needs the network once for that. Samplan keeps trying and shows it in the sheet as soon as the server can be reached; after that it can be worked on without the network too.',
};

/**
 * Whether the server's notice `notice` is about cells the pane's own words already name: a
 * `row-gone` notice (an edit of a row deleted meanwhile was not saved) when this pane told a
 * deleted row's lost cells (`doc-lost.ts`) that include the cell it names, or, when it names
 * none (the server no longer knows the row), any such deleted row: the pane's problem names the
 * row and the text, the server's neither. Such a loss the person has since typed again still
 * covers it. A notice naming the rows it took back (`rows`: a locked row's, say) when the pane
 * told a refused cell of each of them, with the text typed there. A notice naming a cell the pane
 * did not tell, and every other notice, is kept.
 */
function coveredByLost(entry: OpenDoc, notice: SyncState['refusalNotice']): boolean {
  const told = [...(entry.lost ?? []), ...(entry.typedAgain ?? [])];
  if (notice?.rows?.length) {
    const named = new Set(told.flatMap((loss) => loss.cells.filter((c) => c.kind === 'refused').map((c) => c.rowId)));
    return notice.rows.every((rowId) => named.has(rowId));
  }
  if (notice?.code !== 'row-gone') return false;
  const [, rowId, column] = notice.path ?? [];
  return told.some((loss) =>
    loss.cells.some((c) => c.kind === 'row-deleted' && (rowId === undefined || (c.rowId === rowId && c.column === column))),
  );
}

/**
 * The problems of one open document, not yet reduced to one per cell: its own (binding, checks),
 * rows missing from the sheet, why it was opened again, that it cannot be fetched yet, and a refusal of the server as an error so
 * the person who typed sees why it was not saved.
 *
 * @param entry the open document
 * @param missing what the sheet lacks of its rows, when known (`missing-rows.ts`)
 */
export function openDocProblems(entry: OpenDoc, missing: MissingNote | undefined): Problem[] {
  const all: Problem[] = [...entry.problems, ...(entry.lost ?? []).map((l) => l.problem), ...missingProblems(entry.info.id, entry.info.kind, entry.ydoc, missing)];
  if (entry.reopenNote) {
    all.push({ doc: entry.info.id, rowId: null, column: null, severity: 'warning', code: entry.reopenNote.code, message: entry.reopenNote.message });
  }
  const state = entry.sync.state();
  if (state.unfetched === true) {
    all.push({ doc: entry.info.id, rowId: null, column: null, severity: 'warning', code: 'not-fetched', message: NOT_FETCHED });
  }
  if (state.refusal && !coveredByLost(entry, state.refusalNotice)) {
    all.push({ doc: entry.info.id, rowId: null, column: null, severity: 'error', code: 'refused', message: { sv: state.refusal, en: state.refusal } });
  }
  return all;
}
