/**
 * A test file's own workspace on the run's shared server (`shared-server.ts`): seeded by the
 * server's own seed code as the demo is (`seedDemo`: the same units, members, documents, rounds
 * and four tokens), under an id no other file has, written into the server's SQLite file beside it
 * as a `samplan` command writes (`openStorage`, told to the server through `<db>.notice`). What one
 * file writes, and the tokens it makes, are thus in no other file's workspace, in any order.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { seedDemo } from '../../../server/demo/seed.js';
import { silentLogger } from '../../../server/logger.js';
import { openStorage } from '../../../server/storage/open-storage.js';
import type { TestServer } from './server.js';
import type { SharedServer } from './shared-server.js';

/**
 * Seeds a fresh workspace (`e2e-<8 hex>`) into `shared`'s database and answers it as the file's
 * server: the shared URL, the workspace and its admin, editor and viewer tokens. Its `stop` leaves
 * the server running for the other files; `output()` reads what the server printed so far (every
 * file's). Throws when the database cannot be opened or written.
 */
export async function freshWorkspace(shared: SharedServer): Promise<TestServer> {
  const workspace = `e2e-${randomUUID().slice(0, 8)}`;
  const storage = await openStorage({ db: shared.db, databaseUrl: null }, silentLogger());
  let tokens;
  try {
    tokens = await seedDemo(storage, { clock: () => new Date(), logger: silentLogger(), workspace });
  } finally {
    await storage.close();
  }
  return {
    url: shared.url,
    workspace,
    tokens: { admin: tokens.admin, editor: tokens.editor, viewer: tokens.viewer },
    output: () => readFileSync(shared.log, 'utf8'),
    stop: async () => undefined,
  };
}
