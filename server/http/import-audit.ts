/**
 * The audit line of an import (`import-rows.ts`): who imported, how large a file, and what became
 * of its records, never a value of it.
 */
import type { Principal } from '../auth/principal.js';
import type { DocRef, UpdateAudit } from '../storage/storage.js';
import type { ImportLaterEdit } from './import-base.js';
import type { ImportSummary } from './import-summary.js';

/** What an import's audit line is made of beside its counts: the size of the file read, in bytes; `clock` stamps a line stored alone (now when unset). */
export interface ImportAudit {
  bytes: number;
  clock?: () => Date;
}

/**
 * The audit line of a (not dry) import: who, how large a file, and its counts (never a value of
 * it); for a file that names its version, also the cells kept as later changed in Samplan
 * (`kept`), the file's values held back (`both`) and the rows deleted since (`deleted`).
 */
export function importAuditLine(ref: DocRef, principal: Principal | null, audit: ImportAudit, summary: ImportSummary): UpdateAudit {
  const later = summary.version?.laterEdits;
  const count = (kind: ImportLaterEdit['kind']) => later?.filter((e) => e.kind === kind).length ?? 0;
  const since = later ? `, kept ${count('kept')}, both ${count('both')}, deleted ${count('deleted')}` : '';
  const detail = `imported ${summary.imported}, updated ${summary.updated}, refused ${summary.refused.length}${since}`;
  return { workspace: ref.workspace, doc: ref.doc, memberId: principal?.memberId ?? null, action: 'import', bytes: audit.bytes, detail };
}
