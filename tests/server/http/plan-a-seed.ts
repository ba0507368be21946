/**
 * The document the PostgreSQL rename and catch-up tests change (`renames-two-processes.test.ts`,
 * `commit-log-catch-up.test.ts`): workspace {@link WS} with unit vc-a, coordinator Kim and plan-a
 * (one row), and the app those tests run over a store.
 */
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { silentLogger } from '../../../server/logger.js';
import type { Storage } from '../../../server/storage/storage.js';
import { planRow, putDoc, WS } from './support.js';

/** When the seed is made, and the clock of the apps. */
export const AT = '2026-01-15T10:00:00.000Z';

/** Stores the workspace, unit vc-a, Kim (coordinator of vc-a) and plan-a in `storage`; resolves with Kim's token secret. */
export async function seedPlanA(storage: Storage): Promise<string> {
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['vc-a'] });
  await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], AT);
  return (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret;
}

/** A server process's app over `storage`, silent, its clock at {@link AT}, rooms unloaded 10 ms after their last use. */
export function appOver(storage: Storage): ReturnType<typeof createApp> {
  return createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
}
