/**
 * Set-up of every file of the shared-worker project (`vitest.config.ts`, `unit`, `isolate: false`):
 * a module's state stays in the worker for the files after it, so what a file leaves running that a
 * later file counts is ended once the file is done.
 *
 * Reading workers kept warm between reads (`server/http/read-worker.ts`: an idle one stays up to a
 * minute) are counted by the read-worker tests and take the process's reading slots: one left by
 * an earlier file's `.xlsx` read made `warm-read-worker.test.ts` count 2 idle workers where it had
 * left 1, and failed a CI run. The fake IndexedDB of the pane's tests is emptied the same way
 * (`fresh-indexeddb.ts`): an offline copy one file left was opened by the next.
 */
import { afterAll } from 'vitest';
import { endWarmReadWorkers } from '../../server/http/read-worker.js';
import { freshFakeIndexedDb } from './fresh-indexeddb.js';

afterAll(async () => {
  endWarmReadWorkers();
  await freshFakeIndexedDb();
});
