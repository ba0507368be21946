/**
 * The fuzz workspace: an editor of clinic-a and a coordinator, an activity plan of clinic-a and a
 * county action plan, each with one row. The documents are returned too, so that the fuzzer
 * mutates edits of exactly the state the server holds.
 */
import type * as Y from 'yjs';
import { hashSecret } from '../../server/auth/tokens.js';
import type { Storage } from '../../server/storage/storage.js';
import { insertRow } from '../../shared/doc/index.js';
import { madeDoc } from './made-doc.js';
import { kindDef } from '../../shared/schema/index.js';
import type { RowValues } from '../../shared/schema/types.js';
import { stateUpdate } from '../../tests/support/yjs-forge/mutate-update.js';

export const FUZZ_WS = 'fuzz';
/** Tokens of the real shape, stored hashed by {@link seedFuzz}. */
export const FUZZ_TOKENS = {
  editor: `spl_${'fuzz-editor-'.padEnd(43, '0')}`,
  coordinator: `spl_${'fuzz-coordinator-'.padEnd(43, '0')}`,
} as const;
/** The id of the one row every fuzz document starts with. */
export const BASE_ROW = 'base-row';

/** A fuzz document as stored: its name, kind, and the state the server starts from. */
export interface FuzzDoc {
  doc: string;
  kind: 'activity-plan' | 'action-plan';
  base: Y.Doc;
  /** Cells of a row of this kind, all holding `text`. */
  row(text: string): RowValues;
}

const DOCS = [
  { doc: 'plan', kind: 'activity-plan', ownerUnit: 'clinic-a' },
  { doc: 'county', kind: 'action-plan', ownerUnit: 'county' },
] as const;

/** Put the fuzz workspace, its members, tokens and documents into storage. */
export async function seedFuzz(storage: Storage): Promise<FuzzDoc[]> {
  const at = new Date().toISOString();
  await storage.putWorkspace({ id: FUZZ_WS, name: 'Fuzz', createdAt: at });
  const members = [
    { id: 'm-editor', role: 'editor', units: ['clinic-a'], token: FUZZ_TOKENS.editor },
    { id: 'm-coord', role: 'coordinator', units: [], token: FUZZ_TOKENS.coordinator },
  ] as const;
  for (const m of members) {
    await storage.putMember({ workspace: FUZZ_WS, id: m.id, name: m.id, role: m.role, units: [...m.units] });
    await storage.putToken({ id: `t-${m.id}`, hash: hashSecret(m.token), workspace: FUZZ_WS, memberId: m.id, label: m.id, createdAt: at, expiresAt: null, revokedAt: null });
  }
  const docs: FuzzDoc[] = [];
  for (const d of DOCS) {
    const ref = { workspace: FUZZ_WS, doc: d.doc };
    // Made as the server makes documents, marked: the first load writes nothing.
    const base = madeDoc(d.kind, { title: d.doc, ownerUnit: d.ownerUnit, schemaVersion: kindDef(d.kind).schemaVersion });
    const row = (text: string): RowValues => (d.kind === 'action-plan' ? { unit: 'clinic-a', measure: text, comment: text } : { title: text, comment: text });
    insertRow(base, row('bas'), { id: BASE_ROW });
    // The record first: a store keeps an update only of a document whose record it holds.
    await storage.putDocRecord({ ...ref, title: d.doc, kind: d.kind, ownerUnit: d.ownerUnit, createdAt: at, updatedAt: at });
    await storage.appendUpdates(ref, [{ update: stateUpdate(base), memberId: null }]);
    docs.push({ doc: d.doc, kind: d.kind, base, row });
  }
  return docs;
}
