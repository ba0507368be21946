/**
 * Opens what a follow-up round still waits for from one unit (the Follow-up view's "Visa det som
 * saknas"): the unit's documents with missing rows, one after the other, each with its entries in
 * Problems (`missing-rows.ts`), and selects the first missing row in the sheet.
 */
import type { DocumentInfo } from './api-client.js';
import type { DocumentsController, OpenDoc } from './documents-controller.js';
import { missingTargets, type MissingRequest } from './missing-rows.js';

/** What {@link showMissing} needs from the pane. */
export interface ShowMissingDeps {
  /** The workspace's documents. */
  documents(): Promise<DocumentInfo[]>;
  docs: Pick<DocumentsController, 'setMissing' | 'docs'>;
  /** Opens (or activates) a document as the Explorer does. */
  open(info: DocumentInfo): void;
  /** Selects a row once its document has arrived (`row-jump.ts`); false when it could not. */
  showRow(doc: string, rowId: string): Promise<boolean>;
  /** How long to wait for a document to be bound to its sheet (ms); 30 s by default. */
  waitMs?: number;
}

/** Waits until `docId` is open and bound (or failed to bind); null when it is not in time. */
async function bound(docs: ShowMissingDeps['docs'], docId: string, waitMs: number): Promise<OpenDoc | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const entry = docs.docs.find((d) => d.info.id === docId);
    if (entry && (entry.binding || entry.bindError)) return entry;
    if (Date.now() > until) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Show `req` in the sheets: returns the number of documents opened (0 when nothing is missing or
 * the documents are not in the workspace's list).
 */
export async function showMissing(req: MissingRequest, deps: ShowMissingDeps): Promise<number> {
  const targets = missingTargets(req, await deps.documents());
  const waitMs = deps.waitMs ?? 30_000;
  for (const t of targets) {
    deps.docs.setMissing(t.info.id, t.note);
    deps.open(t.info);
    await bound(deps.docs, t.info.id, waitMs);
  }
  const first = targets.find((t) => t.note.rowIds.length > 0);
  const rowId = first?.note.rowIds[0];
  if (first && rowId) await deps.showRow(first.info.id, rowId).catch(() => false);
  return targets.length;
}
