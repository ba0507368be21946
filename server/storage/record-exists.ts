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
