/** `@hocuspocus/server` 3 with `@hocuspocus/extension-sqlite` on a file; prints `PORT <n>`, then answers the
 * bench hook's `mem` and `cpu` lines (`../support/bench-hook.ts`). */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { installBenchHook } from '../support/bench-hook.js';

const [db] = process.argv.slice(2);
const sqlite = new SQLite({ database: db ?? ':memory:' });
const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, extensions: [sqlite] });
await server.listen();
// The extension creates its table without waiting for it; a client connecting at once would
// find no table (SQLITE_ERROR) and never sync. Ready means the table is there.
type Db = { get(sql: string, cb: (err: Error | null, row: unknown) => void): void };
const hasTable = (): Promise<boolean> =>
  new Promise((resolve) =>
    (sqlite as unknown as { db: Db }).db.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'", (err, row) => resolve(!err && !!row)),
  );
while (!(await hasTable())) await new Promise((r) => setTimeout(r, 10));
const address = server.httpServer.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
installBenchHook();
