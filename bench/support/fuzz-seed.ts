/** The fuzz workspace: an editor of clinic-a and a coordinator, an activity plan of clinic-a and a county action plan. */
import * as Y from 'yjs';
import { hashSecret } from '../../server/auth/tokens.js';
import type { Storage } from '../../server/storage/storage.js';
import { createDoc } from '../../shared/doc/index.js';
import { kindDef } from '../../shared/schema/index.js';

export const FUZZ_WS = 'fuzz';
/** Tokens of the real shape, stored hashed by {@link seedFuzz}. */
export const FUZZ_TOKENS = {
  editor: `spl_${'fuzz-editor-'.padEnd(43, '0')}`,
  coordinator: `spl_${'fuzz-coordinator-'.padEnd(43, '0')}`,
} as const;
/** The documents: id, kind and owner unit. */
export const FUZZ_DOCS = [
  { doc: 'plan', kind: 'activity-plan', ownerUnit: 'clinic-a' },
  { doc: 'county', kind: 'action-plan', ownerUnit: 'county' },
] as const;

/** Put the fuzz workspace, its members, tokens and documents into storage. */
export async function seedFuzz(storage: Storage): Promise<void> {
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
  for (const d of FUZZ_DOCS) {
    const ref = { workspace: FUZZ_WS, doc: d.doc };
    const doc = createDoc(d.kind, { title: d.doc, ownerUnit: d.ownerUnit, schemaVersion: kindDef(d.kind).schemaVersion });
    await storage.appendUpdates(ref, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
    await storage.putDocRecord({ ...ref, title: d.doc, kind: d.kind, ownerUnit: d.ownerUnit, createdAt: at, updatedAt: at });
    doc.destroy();
  }
}
