/** `@hocuspocus/server` 3 with `@hocuspocus/extension-sqlite` on a file; prints `PORT <n>`, then answers the
 * bench hook's `mem` and `cpu` lines (`../support/bench-hook.ts`). */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { installBenchHook } from '../support/bench-hook.js';

const [db] = process.argv.slice(2);
const server = new Server({ address: '127.0.0.1', port: 0, quiet: true, extensions: [new SQLite({ database: db ?? ':memory:' })] });
await server.listen();
const address = server.httpServer.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
installBenchHook();
