import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryRetention } from '../../../server/storage/retention.js';
import type { Storage } from '../../../server/storage/storage.js';
import { accessTokenContract } from './contract-access-tokens.js';
import { docGoneContract } from './contract-doc-gone.js';
import { appendAfterContract } from './contract-append-after.js';
import { appendAuditContract } from './contract-append-audit.js';
import { appendRecordContract } from './contract-append-record.js';
import { updateRecordContract } from './contract-update-record.js';
import { createOnlyContract } from './contract-create-only.js';
import { unitCheckContract } from './contract-unit-check.js';
import { docIdContract } from './contract-doc-ids.js';
import { documentContract } from './contract-documents.js';
import { made } from './made.js';
import { groupCommitContract } from './contract-group.js';
import { putFreshContract } from './contract-put-fresh.js';
import { memberOrderContract } from './contract-member-order.js';
import { recordContract } from './contract-records.js';
import { removalContract } from './contract-removals.js';
import { replaceHistoryContract } from './contract-replace-history.js';
import { takeBackContract } from './contract-take-backs.js';
import { lostHeadContract } from './contract-lost-head.js';

/** What an adapter's test file hands the contract suite for each test. */
export interface StorageFixture {
  storage: Storage;
  /** Close whatever is open and remove every trace (temp files). */
  cleanup(): Promise<void>;
  /** Close the store and open it again from the same place; absent for non-persistent stores. */
  reopen?(): Promise<Storage>;
  /** Make the store refuse every later append to document `doc` (of any workspace); for all-or-none cases. */
  refuseAppends?(doc: string): Promise<void>;
  /** Make the store refuse every later audit line (as a full or broken audit table would); for all-or-none cases. */
  refuseAudit?(): Promise<void>;
  /**
   * Remove `ref`'s head as a hand or a partial restore would (PostgreSQL: its row of `doc_heads`;
   * SQLite: its row of `doc_keys`), its other rows kept; the test then reopens the store. For the
   * lost-head cases ({@link StorageContractOptions.lostHeads}).
   */
  loseHead?(ref: { workspace: string; doc: string }): Promise<void>;
  /**
   * Set `ref`'s head to `seq`, below its newest update, as a restore of the heads older than the
   * updates would (PostgreSQL's `doc_heads`); nothing where the last sequence number is read from
   * the update rows themselves (SQLite), which no head can fall behind. For the lost-head cases.
   */
  lowerHead?(ref: { workspace: string; doc: string }, seq: number): Promise<void>;
  /**
   * Delete `ref`'s snapshot (with its fresh bytes) and or its update rows as a hand or a partial
   * restore would, its checkpoints and head kept. For the lost-head cases.
   */
  loseRows?(ref: { workspace: string; doc: string }, what: { snapshot?: boolean; updates?: boolean }): Promise<void>;
  /** Every row of every table as text (bytes as Latin-1), for scans that nothing was kept; absent for stores without tables. */
  allRows?(): Promise<string>;
}

/** Rows as text for {@link StorageFixture.allRows}: each value as a string, bytes as Latin-1. */
export function rowsText(rows: unknown[]): string {
  return rows
    .map((row) =>
      Object.values(row as Record<string, unknown>)
        .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v)))
        .join('\t'),
    )
    .join('\n');
}

/** What an adapter offers beyond the required methods, so the matching cases run. */
export interface StorageContractOptions {
  /** The store has `appendMany` (group commit); the fixture must then have `refuseAppends` and `refuseAudit`. */
  groupCommit?: boolean;
  /** The store keeps a row counting each document's updates; the fixture must then have `loseHead`, `lowerHead`, `loseRows` and `reopen`. */
  lostHeads?: boolean;
}

/** What a test may ask of the store it gets: a clock it moves, a short retention. */
export interface StorageFactoryOptions {
  clock?: () => Date;
  retention?: Partial<HistoryRetention>;
}

/** Makes a fresh, empty store per test. */
export type StorageFactory = (opts?: StorageFactoryOptions) => Promise<StorageFixture>;

const ref = { workspace: 'hbi-stockholm', doc: 'plan-husby' };
const other = { workspace: 'hbi-stockholm', doc: 'plan-rinkeby' };
const u = (...values: number[]): Uint8Array => new Uint8Array(values);
const plain = (list: Uint8Array[]): number[][] => list.map((b) => Array.from(b));

/**
 * The one storage contract. Every adapter calls this from its own test file; a backend is done
 * when the whole suite passes against it.
 */
export function runStorageContract(name: string, make: StorageFactory, options: StorageContractOptions = {}): void {
  describe(`storage contract: ${name}`, () => {
    let fx: StorageFixture;
    let s: Storage;
    beforeEach(async () => {
      fx = await make();
      s = fx.storage;
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    documentContract(() => s, make);
    appendAfterContract(() => s);

    describe('documents and records together', () => {
      it('marks the document record as updated when updates are appended', async () => {
        const old = '2000-01-01T00:00:00.000Z';
        await s.putDocRecord({ ...ref, kind: 'activity-plan', title: 'Husby', ownerUnit: 'husby', createdAt: old, updatedAt: old });
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
        const rec = await s.getDocRecord(ref);
        expect(rec?.createdAt).toBe(old);
        expect(rec && rec.updatedAt > old).toBe(true);
      });

      it('deletes a document: record, updates, snapshot and history', async () => {
        await made(s, ref, other);
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }, { update: u(2), memberId: null }]);
        await s.compact(ref, u(7), 1);
        await s.appendUpdates(other, [{ update: u(5), memberId: null }]);
        await s.deleteDoc(ref);
        expect(await s.getDocRecord(ref)).toBeNull();
        expect(await s.loadDoc(ref)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
        expect(await s.listUpdates(ref, 0, 10)).toEqual([]);
        expect(await s.listCheckpoints(ref)).toEqual([]);
        expect(await s.getCheckpoint(ref, 1)).toBeNull();
        expect(plain((await s.loadDoc(other)).updates)).toEqual([[5]]);
      });
    });

    describe('listStoredDocs', () => {
      it('lists every document with a record or history, by workspace then id, a deleted one no longer', async () => {
        const rounds = { workspace: 'hbi-stockholm', doc: '~rounds' };
        const elsewhere = { workspace: 'hbi-goteborg', doc: 'plan-angered' };
        const empty = { workspace: 'hbi-stockholm', doc: 'plan-tom' };
        await made(s, ref, other, empty, elsewhere);
        await s.appendUpdates(ref, [{ update: u(1), memberId: null }]);
        await s.appendUpdates(other, [{ update: u(2), memberId: null }]);
        await s.appendUpdates(rounds, [{ update: u(3), memberId: null }]);
        await s.appendUpdates(elsewhere, [{ update: u(4), memberId: null }]);
        await s.deleteDoc(other);
        const sorted = [ref, empty, rounds].sort((a, b) => (a.doc < b.doc ? -1 : 1));
        expect(await s.listStoredDocs('hbi-stockholm')).toEqual(sorted);
        expect(await s.listStoredDocs()).toEqual([elsewhere, ...sorted]);
        expect(await s.listStoredDocs('hbi-malmo')).toEqual([]);
      });
    });

    recordContract(() => ({ fx, s }));
    removalContract(() => ({ fx, s }));
    accessTokenContract(() => ({ fx, s }));
    docGoneContract(() => ({ fx, s }), options);
    memberOrderContract(() => s);
    docIdContract(() => ({ fx, s }));
    if (options.groupCommit) groupCommitContract(() => ({ fx, s }));
    if (options.lostHeads) lostHeadContract(() => ({ fx, s }));
    takeBackContract(() => ({ fx, s }), options);
    appendAuditContract(() => ({ fx, s }), options);
    appendRecordContract(() => ({ fx, s }), options);
    updateRecordContract(() => ({ fx, s }));
    replaceHistoryContract(() => ({ fx, s }));
    putFreshContract(() => ({ fx, s }));
    createOnlyContract(() => ({ fx, s }));
    unitCheckContract(() => ({ fx, s }));
  });
}
