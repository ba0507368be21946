/**
 * Child process of `startup-errors.test.ts`, run as a user that may only read the SQLite file given
 * as the first argument: opens it as a reading store, then as a server store (`mustWrite`), and
 * prints the server store's error code and message, or `opened`; `reader <code>` and exit 1 when
 * even the reading store fails.
 */
import { openSqliteStorage } from '../../server/storage/sqlite.js';

const file = process.argv[2];
if (!file) throw new Error('usage: open-as-reader-child <db file>');
try {
  openSqliteStorage(file).close();
} catch (e) {
  console.log('reader', (e as { code?: string }).code);
  process.exit(1);
}
try {
  openSqliteStorage(file, { mustWrite: true }).close();
  console.log('opened');
} catch (e) {
  console.log((e as { code?: string }).code, (e as Error).message);
}
