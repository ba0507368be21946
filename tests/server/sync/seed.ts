/**
 * The test workspace: two clinics' activity plans, a county action plan, a member and a token per
 * role. Tokens are stored hashed like real ones, so the sync tests run on the real token store and
 * policy (`syncAuthFor`); each document starts from `createDoc` and the server's mark (`markMade`),
 * as the HTTP create route makes it.
 */
import * as Y from 'yjs';
import { hashSecret } from '../../../server/auth/tokens.js';
import type { MemberRecord, Storage } from '../../../server/storage/storage.js';
import { createDoc } from '../../../shared/doc/index.js';
import { markMade } from '../../../shared/doc/create.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { DocKind } from '../../../shared/schema/types.js';

export const WS = 'hbi-test';

/** A fixed secret of the real shape (`spl_` + 43 base64url characters), readable in logs. */
const secret = (who: string): string => `spl_${`test-${who}-`.padEnd(43, '0')}`;

/** Tokens of the test workspace, by who holds them. */
export const TOKENS = {
  coordinator: secret('coordinator'),
  editorA: secret('editor-a'),
  editorB: secret('editor-b'),
  viewer: secret('viewer'),
} as const;

const MEMBERS: { token: string; member: Omit<MemberRecord, 'workspace'> }[] = [
  { token: TOKENS.coordinator, member: { id: 'm-coord', name: 'Coordinator', role: 'coordinator', units: [] } },
  { token: TOKENS.editorA, member: { id: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-a'] } },
  { token: TOKENS.editorB, member: { id: 'm-b', name: 'Editor B', role: 'editor', units: ['clinic-b'] } },
  { token: TOKENS.viewer, member: { id: 'm-v', name: 'Viewer', role: 'viewer', units: [] } },
];

/** The documents of the test workspace. */
export const DOCS: readonly { doc: string; kind: DocKind; ownerUnit: string }[] = [
  { doc: 'plan-a', kind: 'activity-plan', ownerUnit: 'clinic-a' },
  { doc: 'plan-b', kind: 'activity-plan', ownerUnit: 'clinic-b' },
  { doc: 'county', kind: 'action-plan', ownerUnit: 'county' },
];

/** Sequence number of the created state of every seeded document; clients' updates come after it. */
export const SEEDED_SEQ = 1;

/** The state a document of `kind` is created with (meta only, marked as the server's making), as update V1. */
export function createdState(kind: DocKind, ownerUnit: string, title: string): Uint8Array {
  const doc = createDoc(kind, { title, ownerUnit, schemaVersion: kindDef(kind).schemaVersion });
  markMade(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Seed the workspace, its members and tokens, and its documents with their created state. */
export async function seed(storage: Storage): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: at });
  for (const { token, member } of MEMBERS) {
    await storage.putMember({ workspace: WS, ...member });
    await storage.putToken({
      id: `t-${member.id}`,
      hash: hashSecret(token),
      workspace: WS,
      memberId: member.id,
      label: member.name,
      createdAt: at,
      expiresAt: null,
      revokedAt: null,
    });
  }
  for (const d of DOCS) {
    const ref = { workspace: WS, doc: d.doc };
    const record = { ...ref, title: d.doc, createdAt: at, updatedAt: at, kind: d.kind, ownerUnit: d.ownerUnit };
    // Made as the server makes a document (its record in the first append: a store opened as the
    // server opens it keeps no row of a document without one), then the record written again,
    // since the append moves `updatedAt` to the time it stored the row.
    await storage.appendUpdates(ref, [{ update: createdState(d.kind, d.ownerUnit, d.doc), memberId: null, record, creates: true }]);
    await storage.putDocRecord(record);
  }
}
