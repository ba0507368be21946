import type { UnitRecord } from './storage-records.js';

/**
 * The refusal of a create-only write (`RecordStore.putWorkspace` / `putUnit` with `{ create: true }`)
 * whose record is already stored: another request created it first. Every store checks and writes
 * in one transaction, so of requests creating the same id at once exactly one stores it; the others
 * get this error and store nothing (no record, no member, no audit line).
 */
export class RecordExistsError extends Error {
  /**
   * @param what - the kind of record: a workspace, or a unit of a workspace
   * @param id - the record's id (a workspace id, or a unit code)
   */
  constructor(
    readonly what: 'workspace' | 'unit',
    readonly id: string,
  ) {
    super(`${what} ${id} is already stored`);
    this.name = 'RecordExistsError';
  }
}

/** How a create-only write is asked for: with `create`, the write refuses a stored record ({@link RecordExistsError}). */
export interface PutOptions {
  create?: boolean;
}

/**
 * How a unit is written (`RecordStore.putUnit`): `create` as {@link PutOptions}, and `check`, a rule
 * on the tree the write makes (a parent that exists, no cycle, no look-alike name). `check` is given
 * the workspace's units as stored, read in the write's transaction while no other unit write of the
 * workspace can commit (memory: the one synchronous step; SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a
 * transaction-scoped lock on the workspace's units, across processes too), so two writes at once
 * are checked one after the other, never both against the tree before either. It runs synchronously
 * and throws to refuse: the put rejects with its error and writes nothing (no unit, no audit line).
 */
export interface PutUnitOptions extends PutOptions {
  check?: (stored: readonly UnitRecord[]) => void;
}
