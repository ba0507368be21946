/**
 * The document kinds whose rows belong to units one by one rather than the whole document to its
 * owner unit: a county action plan, where each clinic and kommun writes its own measures, and an
 * indicator-values document, where each unit reports its own values. An editor writes only the
 * rows whose `unit` cell is one of its units (and creates rows only for them); coordinators and
 * admins write every row. The server enforces it (`server/auth/policy.ts`, `server/sync/
 * offer-checks.ts`, imports) and the pane marks the other rows grey before anything is typed
 * (`addin/taskpane/write-rights.ts`), from this one list.
 */
import type { DocKind } from '../schema/types.js';

/** Kinds whose rows are owned by the unit in their `unit` cell. */
export const ROW_OWNED_KINDS: ReadonlySet<string> = new Set<DocKind>(['action-plan', 'indicator-values']);

/** Whether rows of `kind` belong to units one by one. */
export function isRowOwned(kind: string): boolean {
  return ROW_OWNED_KINDS.has(kind);
}
