/**
 * Child process of the kill -9 tests in `sqlite.test.ts` and `sqlite-journal.test.ts`: appends
 * updates to the SQLite file given as the first argument as fast as it can and prints each
 * sequence number once its append has resolved, i.e. once storage has told its caller the update
 * is durable. With `journal` as the second argument its store journals them (`<db>.journal`), as a server's does.
 * With `guest`, it is instead a command beside a journaling server: it prints the document's last
 * number as it loads it, appends one update, prints that number and closes.
 */
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import { made } from './made.js';

const file = process.argv[2];
if (!file) throw new Error('usage: append-child <db file>');
const storage = openSqliteStorage(file, { journal: process.argv[3] === 'journal' });
const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
if (process.argv[3] === 'guest') {
  process.stdout.write(`${(await storage.loadDoc(ref)).lastSeq}\n`);
  process.stdout.write(`${await storage.appendUpdates(ref, [{ update: new Uint8Array([0]), memberId: 'bo' }])}\n`);
  await storage.close();
  process.exit(0);
}
await made(storage, ref);
for (let i = 0; ; i++) {
  const update = new Uint8Array(64).fill(i % 256);
  const seq = await storage.appendUpdates(ref, [{ update, memberId: 'anna' }, { update, memberId: 'anna' }]);
  process.stdout.write(`${seq}\n`);
}
