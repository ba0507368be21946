/**
 * The stores a test opens and the temporary folders their files are in, closed and removed after
 * each test. Call {@link tempStores} at the top of a test file, before `closedAfterEach`
 * (`tests/server/sync/support.ts`): after-hooks run last-registered first, so the stores close
 * only after the server on them has stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Storage } from '../../server/storage/storage.js';

/** What {@link tempStores} hands a test file. */
export interface TempStores {
  /** Keeps `store` (and `more`) to be closed after the test; returns `store`. */
  keep<S extends Storage>(store: S, ...more: Storage[]): S;
  /**
   * A new folder `samplan-<name>-…` in the system's temp folder, removed after the test; returns
   * the path of `samplan.db` in it (the file is not made).
   */
  dbFile(name: string): string;
  /** The stores kept in this test so far, in the order kept. */
  readonly open: readonly Storage[];
}

/** Registers the after-hook (see the file comment) and returns the test file's {@link TempStores}. */
export function tempStores(): TempStores {
  const handles: Storage[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of handles.splice(0)) await s.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    keep(store, ...more) {
      handles.push(store, ...more);
      return store;
    },
    dbFile(name) {
      const dir = mkdtempSync(join(tmpdir(), `samplan-${name}-`));
      dirs.push(dir);
      return join(dir, 'samplan.db');
    },
    open: handles,
  };
}
