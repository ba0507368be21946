/**
 * What Problems says, after signing in, of bound documents whose sheets hold edits made while the
 * pane was closed (`addin/excel/closed-edits.ts`): which sheet, which document, how many rows,
 * and that opening the document sends them. A note goes when its document is opened (the binding
 * then sends the edits) or the check runs again and finds none. Dropdown cells showing names from
 * the workspace's lists are read with those lists, and the check runs again when a list changes
 * (the partner list arrives after sign-in), so an edit in one is found once its list is known.
 */
import type { Problem } from '../../shared/validate/problem.js';
import { findClosedEdits, type BoundCandidate, type ClosedEdits } from '../excel/closed-edits.js';
import type { RefLists } from '../excel/sheet/ref-lists.js';
import type { ExcelRun } from './ports.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** Problem code of the note. */
export const CLOSED_EDITS_CODE = 'edited-while-closed';

/** The notes of one pane, per document id. */
export class ClosedEditsNote {
  private readonly notes = new Map<string, ClosedEdits & { title: string; kind: string }>();
  private checked = 0;
  /** Stops checking again when the lists of the last check change. */
  private unfollow: (() => void) | null = null;

  /**
   * Looks through the bound tables of `docs` (those not open: `isOpen`) in the workbook (`run`)
   * and keeps a note for each holding unsent edits; calls `changed` when the notes change. A
   * failed read (Excel busy, no workbook) says nothing and keeps the notes as they were. Reference
   * cells are read with `lists`; when one of them changes, the check runs again. Never rejects.
   */
  async check(run: ExcelRun | null, docs: readonly BoundCandidate[], isOpen: (docId: string) => boolean, changed: () => void, lists?: RefLists): Promise<void> {
    this.unfollow?.();
    this.unfollow = null;
    if (!run) return;
    if (lists) {
      const again = (): void => void this.check(run, docs, isOpen, changed, lists);
      this.unfollow = lists.subscribe(again);
    }
    const gen = ++this.checked;
    let found: ClosedEdits[] | null = null;
    try {
      const read: unknown = await findClosedEdits(run, docs.filter((d) => !isOpen(d.id)), lists);
      // A host whose `run` gives back no list (no workbook to read) is the same as a failed read.
      found = Array.isArray(read) ? (read as ClosedEdits[]) : null;
    } catch {
      found = null;
    }
    if (found === null || gen !== this.checked) return;
    const byId = new Map(docs.map((d) => [d.id, d] as const));
    this.notes.clear();
    for (const f of found) if (!isOpen(f.docId)) this.notes.set(f.docId, { ...f, title: byId.get(f.docId)?.title ?? f.docId, kind: byId.get(f.docId)?.kind ?? '' });
    changed();
  }

  /** Stops checking again when the lists change (sign-out, pane closing). */
  dispose(): void {
    this.unfollow?.();
    this.unfollow = null;
  }

  /** The document `docId` is opened: its binding sends the edits, the note goes. */
  opened(docId: string): void {
    this.notes.delete(docId);
  }

  /** The documents noted (not open), to title their group in Problems. */
  titled(): { id: string; title: string; kind: string }[] {
    return [...this.notes.values()].map((n) => ({ id: n.docId, title: n.title, kind: n.kind }));
  }

  /** One warning per document with unsent edits, in Swedish and English. */
  problems(): Problem[] {
    return [...this.notes.values()].map((n) => ({
      doc: n.docId,
      rowId: null,
      column: null,
      severity: 'warning',
      code: CLOSED_EDITS_CODE,
      message: {
        sv: `Bladet ”${n.sheet}” har ${n.rows === 1 ? '1 rad' : `${numberText(n.rows, 'sv')} rader`} som ändrades medan Samplan var stängt och som inte har skickats än. De skickas när du öppnar dokumentet ”${n.title}”.`,
        en: `The sheet “${n.sheet}” has ${n.rows === 1 ? '1 row' : `${numberText(n.rows, 'en')} rows`} changed while Samplan was closed that have not been sent yet. They are sent when you open the document “${n.title}”.`,
      },
    }));
  }
}
