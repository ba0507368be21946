/**
 * "Show this row in the sheet" for views that list rows of documents the pane may not have open
 * yet (Handlingsplan, Årshjul): open the document first (it binds to its sheet), wait until its
 * rows have arrived from the server, then select the row, as Problems and People do.
 */
import type { DocumentInfo } from './api-client.js';
import type { DocumentsController } from './documents-controller.js';
import type { SessionController } from './session-controller.js';

/** What {@link rowShower} needs from the workbench. */
export interface RowJumpHost {
  session: Pick<SessionController, 'api' | 'workspace'>;
  docs: DocumentsController;
  open(info: DocumentInfo): Promise<void> | void;
}

/** How long a just-opened document may take to arrive before the row is given up on (ms). */
const ARRIVAL_MS = 15_000;

/** A function selecting `rowId` of `doc` in the sheet; resolves false when it could not. */
export function rowShower(host: RowJumpHost): (doc: string, rowId: string) => Promise<boolean> {
  return async (doc, rowId) => {
    if (!host.docs.docs.some((d) => d.info.id === doc)) {
      const { api, workspace } = host.session;
      if (!api || !workspace) return false;
      const info = (await api.documents(workspace)).find((d) => d.id === doc);
      if (!info) return false;
      await host.open(info);
      const started = Date.now();
      // The rows come with the first sync; until then the row is unknown.
      while (Date.now() - started < ARRIVAL_MS) {
        if (await host.docs.showRow(doc, rowId).catch(() => false)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    }
    return host.docs.showRow(doc, rowId);
  };
}
