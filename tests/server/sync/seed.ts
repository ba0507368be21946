/** The test workspace: two clinics' activity plans, a county action plan, a token per role. */
import type { Principal } from '../../../server/auth/principal.js';
import type { Storage } from '../../../server/storage/storage.js';

export const WS = 'hbi-test';

/** Tokens of the test workspace, by who holds them. */
export const TOKENS = {
  coordinator: 'tok-coordinator',
  editorA: 'tok-editor-a',
  editorB: 'tok-editor-b',
  viewer: 'tok-viewer',
} as const;

export const PRINCIPALS: Record<string, Principal> = {
  [TOKENS.coordinator]: { workspace: WS, memberId: 'm-coord', name: 'Coordinator', role: 'coordinator', units: [], tokenId: 't1' },
  [TOKENS.editorA]: { workspace: WS, memberId: 'm-a', name: 'Editor A', role: 'editor', units: ['clinic-a'], tokenId: 't2' },
  [TOKENS.editorB]: { workspace: WS, memberId: 'm-b', name: 'Editor B', role: 'editor', units: ['clinic-b'], tokenId: 't3' },
  [TOKENS.viewer]: { workspace: WS, memberId: 'm-v', name: 'Viewer', role: 'viewer', units: [], tokenId: 't4' },
};

/** Seed the catalogue: an activity plan of clinic A, one of clinic B, and a county action plan. */
export async function seed(storage: Storage): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: at });
  const docs = [
    { doc: 'plan-a', kind: 'activity-plan', ownerUnit: 'clinic-a' },
    { doc: 'plan-b', kind: 'activity-plan', ownerUnit: 'clinic-b' },
    { doc: 'county', kind: 'action-plan', ownerUnit: 'county' },
  ];
  for (const d of docs) {
    await storage.putDocRecord({ workspace: WS, title: d.doc, createdAt: at, updatedAt: at, ...d });
  }
}

