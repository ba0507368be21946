/**
 * Bytes no Yjs update decodes from: a stored update damaged on the disk, for the tests of what the
 * server does with a document whose stored history does not decode (`server/sync/stored-history.ts`).
 */
export const DAMAGED_UPDATE = new Uint8Array([1, 2, 3, 250, 251, 252, 7, 7, 7]);
