/**
 * A workspace with an indicator catalog and values, served by a real `createApp` over memory
 * storage, for the indicator route tests and the indicator benchmark.
 */
import { createToken } from '../../../server/auth/tokens.js';
import { createApp, type SamplanApp } from '../../../server/app.js';
import { createLogger } from '../../../server/logger.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Role, Storage } from '../../../server/storage/storage.js';
import * as Y from 'yjs';
import { createDoc, insertRows } from '../../../shared/doc/index.js';
import { kindDef } from '../../../shared/schema/index.js';
import type { DocKind, RowValues } from '../../../shared/schema/types.js';
import { checkUpdate } from '../../../shared/validate/check-update.js';

export const WS = 'hbi-test';

/** A running app with tokens for each role. */
export interface IndicatorFixture {
  app: SamplanApp;
  storage: Storage;
  tokens: Record<Role, string>;
  /** A GET with the role's token as a bearer header. */
  get(path: string, role?: Role): Promise<Response>;
  post(path: string, body: unknown, role?: Role): Promise<Response>;
  close(): Promise<void>;
}

async function putDoc(storage: Storage, kind: DocKind, id: string, ownerUnit: string, rows: RowValues[]) {
  const doc = createDoc(kind, { title: id, ownerUnit, schemaVersion: kindDef(kind).schemaVersion });
  insertRows(doc, rows);
  const now = new Date().toISOString();
  await storage.putDocRecord({ workspace: WS, doc: id, kind, title: id, ownerUnit, createdAt: now, updatedAt: now });
  await storage.appendUpdates({ workspace: WS, doc: id }, [{ update: Y.encodeStateAsUpdate(doc), memberId: null }]);
}

/** Builds the fixture with the given catalog and value rows (in `storage`, a fresh memory store unless given); units are `region`, `c1`, `c2`, `c3`. */
export async function indicatorFixture(catalog: RowValues[], values: RowValues[], storage: Storage = createMemoryStorage()): Promise<IndicatorFixture> {
  const clock = () => new Date();
  await storage.putWorkspace({ id: WS, name: 'Test', createdAt: clock().toISOString() });
  await storage.putUnit({ workspace: WS, code: 'region', name: 'Region', parent: null });
  for (const c of ['c1', 'c2', 'c3']) await storage.putUnit({ workspace: WS, code: c, name: c, parent: 'region' });
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'coordinator', 'editor', 'viewer'] as const) {
    await storage.putMember({ workspace: WS, id: role, name: role, role, units: role === 'editor' ? ['c1'] : ['region'] });
    tokens[role] = (await createToken(storage, { workspace: WS, memberId: role, label: role, clock })).secret;
  }
  await putDoc(storage, 'indicator-catalog', 'indikatorkatalog', 'region', catalog);
  await putDoc(storage, 'indicator-values', 'indikatorvarden', 'region', values);
  const app = createApp({ storage, logger: createLogger({ level: 'silent' }), clock, checkUpdate, publicUrl: 'http://127.0.0.1:0' });
  const auth = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
  return {
    app,
    storage,
    tokens,
    get: (path, role = 'viewer') => Promise.resolve(app.app.request(path, { headers: auth(role) })),
    post: (path, body, role = 'coordinator') =>
      Promise.resolve(app.app.request(path, { method: 'POST', headers: { ...auth(role), 'content-type': 'application/json' }, body: JSON.stringify(body) })),
    async close() {
      await app.close();
      await storage.close();
    },
  };
}
