/**
 * What opening a document in the pane needs from the rest of the pane (`documents-controller.ts`),
 * kept apart so the reopen flow (`doc-reopen.ts`) can name it without importing the controller.
 */
import type { DocumentInfo, Me, UnitInfo } from './api-client.js';
import type { ExcelRun } from './ports.js';
import type { Lang } from './strings.js';

/** What opening a document needs from the rest of the pane. */
export interface OpenContext {
  serverUrl: string;
  token: string;
  workspace: string;
  info: DocumentInfo;
  me: Me | null;
  lang: Lang;
  run: ExcelRun | null;
  /** Open read-only even for a role that may write (a pulled indicator table). */
  readOnly?: boolean;
  /** The workspace's units, to name owners in the read-only sentence and for unit dropdowns. */
  units?: readonly UnitInfo[];
  /** The workspace's documents, to feed partner dropdowns from its partner list. */
  documents?: readonly DocumentInfo[];
}
