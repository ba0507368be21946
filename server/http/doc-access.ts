/**
 * How the HTTP routes read and write documents. Writes go through the sync registry when there is
 * one, so they take the same persist-then-relay path as a socket edit and every live client sees
 * them; without a registry (CLI, tests) the state is read from and appended to storage directly.
 */
import * as Y from 'yjs';
import type { Principal } from '../auth/principal.js';
import type { DocRecord, DocRef, Storage, UpdateAudit, UpdateRecord } from '../storage/storage.js';
import type { Author, Refusal } from '../sync/room.js';
import type { CheckUpdate } from '../sync/deps.js';
import { AppError, sentence } from './errors.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { REFUSAL_SENTENCES } from '../../shared/protocol/notices.js';
import { roomUnavailable } from '../storage/watched.js';
import { KeylessHistoryError } from '../storage/keyless-history.js';
import { auditAlone } from '../sync/room-taken.js';
import { applyStoredHistory } from '../sync/stored-history.js';
import { deletionAmong, DOC_DELETED_LOOK_BACK, DocRecordGoneError } from '../storage/storage-records.js';
import { DOC_GONE_WORDS, type DocGone } from '../../shared/i18n/doc-gone-words.js';

/** Reading and writing documents for the HTTP side. */
export interface DocAccess {
  /** Run `fn` on the current state of a document (live when its room is loaded); an async `fn` is awaited before the doc is let go. */
  read<T>(ref: DocRef, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /**
   * Change a document: `fn` edits it through the doc model; the resulting update is persisted
   * (attributed to `memberId`) and relayed to connected clients. `audit`, the audit lines of the
   * change (an import's), are stored in the update's transaction: both, or neither (alone when
   * the change turns out to change nothing; none when it is refused). The lines are read after
   * `fn` has run, so `fn` may add a line whose counts it learns from the document it writes.
   * `record`, the document's record as the change leaves it (a rename's), is a change over the
   * stored one. With or without it, a document whose record is not stored (deleted meanwhile) is
   * not written: nothing is stored and the write rejects with {@link deletedMeanwhile}'s 404.
   */
  write(ref: DocRef, principal: Principal | null, fn: (doc: Y.Doc) => void, audit?: readonly UpdateAudit[], record?: DocRecord): Promise<void>;
  /**
   * True when `write` offers the update to the room's check (`checkUpdate`) and rejects a refused
   * one with 422 `update-refused-<code>` (`details.code`); storage alone writes what it is given.
   */
  readonly judgesWrites?: boolean;
  /** The check `write` offers an update to (the app's `checkUpdate`): an import judges its planned write by it; `checkUpdate` of `shared/validate` when unset. */
  readonly judge?: CheckUpdate;
  /** Take in what other processes stored of the document, so the next `write` follows it (a live room; storage is read afresh anyway). */
  catchUp?(ref: DocRef): Promise<void>;
  /** Resolves once what this process's live room of the document took is stored, closing no socket (`Registry.settle`); storage alone has nothing pending. */
  settle?(ref: DocRef): Promise<void>;
}

/** The subset of the sync registry the HTTP side uses. */
export interface RegistryLike {
  getDoc(ref: DocRef): Promise<Y.Doc>;
  /** `update` as bytes, or made from the live doc right before the room takes it (`Registry.submit`). */
  submit(ref: DocRef, update: Uint8Array | ((live: Y.Doc) => Uint8Array), author: Author, audit?: readonly UpdateAudit[], record?: DocRecord): Promise<{ ok: true } | Refusal>;
  /** Apply what other processes stored of the document (`Registry.catchUp`). */
  catchUp?(ref: DocRef): Promise<void>;
  /** Store what the document's loaded room took, closing nothing (`Registry.settle`). */
  settle?(ref: DocRef): Promise<void>;
}

/**
 * Doc access through the sync registry. A write is made on a private copy of the live doc as the
 * room takes it, and the difference is submitted like a socket's update: checked (with the principal's rights),
 * persisted, then relayed. A refused write becomes a 422 with the room's reason. With `current`,
 * the principal is read again just before the submit (`current-principal.ts`), so a right taken
 * away while the request was being prepared is not used; `current` throws the 401 to answer.
 * `judge` is the check the registry's rooms judge updates by (`DocAccess.judge`).
 */
export function registryDocAccess(registry: RegistryLike, current?: (principal: Principal) => Promise<Principal>, judge?: CheckUpdate): DocAccess {
  return {
    judgesWrites: true,
    ...(judge ? { judge } : {}),
    async read(ref, fn) {
      const live = await registry.getDoc(ref);
      return await fn(live);
    },
    async catchUp(ref) {
      await registry.catchUp?.(ref);
    },
    async settle(ref) {
      await registry.settle?.(ref);
    },
    async write(ref, principal, fn, audit, record) {
      // Once a reload after a failed write is done: the write waits for it rather than being refused.
      await registry.getDoc(ref);
      // Rights as they are now, not as the request arrived: reading a large import takes seconds.
      const now = principal !== null && current !== undefined ? await current(principal) : principal;
      // The change is made on a private copy of the live doc right when the room takes it (`submit`),
      // so it follows every edit taken before: a rename answered last is the title Yjs keeps, not
      // the one of the higher client id. An empty update is still offered: the room stores the
      // audit lines (and record) alone, or nothing.
      const edit = (live: Y.Doc): Uint8Array => {
        const copy = new Y.Doc();
        try {
          Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
          const before = Y.encodeStateVector(copy);
          fn(copy);
          return Y.encodeStateAsUpdate(copy, before);
        } finally {
          copy.destroy();
        }
      };
      const result = await registry.submit(ref, edit, { memberId: now?.memberId ?? null, principal: now }, audit, record);
      // Its record deleted meanwhile (another process, `samplan`): nothing of it was stored.
      if (!result.ok && result.fault instanceof DocRecordGoneError) throw deletedMeanwhile(ref, undefined, result.fault.gone);
      // Its key gone or changed by a hand under this process: refused in its words (409), as every
      // write after it is; not a reload to wait for, since trying again meets the same key.
      if (!result.ok && result.fault instanceof KeylessHistoryError) throw result.fault;
      // Worded by what made the document unavailable (a full disk, …), not the refusal's own words.
      if (!result.ok && result.closeCode === CloseCode.unavailable) throw roomUnavailable(result.fault);
      if (!result.ok && result.closeCode === CloseCode.archived) throw archivedError(ref);
      if (!result.ok) {
        // The check's own Swedish sentence when the refusal carries one (`Refusal.message`); the
        // English reason may end a sentence already, so the two are joined to end in one stop.
        const message = {
          sv:
            result.message?.sv ??
            REFUSAL_SENTENCES[result.code]?.sv ??
            (result.code === 'forbidden-doc'
              ? 'Din roll eller dina enheter ger inte längre rätt att ändra dokumentet; inget sparades.'
              : `Servern tog inte emot ändringen (${result.code}).`),
          en: sentence(`The server refused the change: ${result.reason}`),
        };
        // A right the member no longer has (a role lowered while the request was read) is a 403, as over a socket (4403).
        throw new AppError(result.closeCode === CloseCode.forbidden ? 403 : 422, `update-refused-${result.code}`, message, { code: result.code });
      }
    },
  };
}

/** The answer to a write to an archived document: 423 Locked, with the sentence (in Swedish and English in `details.message`). */
export function archivedError(ref: DocRef): AppError {
  const message = {
    sv: `Dokumentet "${ref.doc}" är arkiverat: det kan läsas men inte ändras. En administratör kan återställa det.`,
    en: `The document "${ref.doc}" is archived: it can be read, not changed. An admin can restore it.`,
  };
  return new AppError(423, 'archived', message.en, { message });
}

/**
 * The answer to a change that carried the document's record (a rename) when the document was
 * deleted between the change's read of the record and its write (`DocRecordGoneError`): 404
 * `document-deleted`, saying that nothing of the change was stored; `lost` names what the user
 * sent (a rename's new name), else "the change". `gone` as the store could tell it
 * (`DocRecordGoneError.gone`): `unknown` (no line of a deletion kept) gets words true also for a
 * document never made ("finns inte (längre)").
 */
export function deletedMeanwhile(ref: DocRef, lost: { sv: string; en: string } = { sv: 'ändringen', en: 'the change' }, gone: DocGone = 'deleted'): AppError {
  // The store found no line of a deletion (`DocRecordGoneError.gone`): words true whether it was deleted or never made.
  const message =
    gone === 'deleted'
      ? {
          sv: `Dokumentet "${ref.doc}" togs bort innan ${lost.sv} hann sparas; inget av det sparades och dokumentet förblir borttaget.`,
          en: `The document "${ref.doc}" was deleted before ${lost.en} could be saved; none of it was saved and the document stays deleted.`,
        }
      : { sv: `${DOC_GONE_WORDS.unknown.sv(ref.doc)}; inget av ${lost.sv} sparades.`, en: `${DOC_GONE_WORDS.unknown.en(ref.doc)}; none of ${lost.en} was saved.` };
  return new AppError(404, 'document-deleted', message.en, { message });
}

/** Rebuild a doc from storage: the V2 snapshot, then the V1 tail; a part that does not decode throws `DamagedHistoryError`. */
export async function loadFromStorage(storage: Storage, ref: DocRef): Promise<Y.Doc> {
  const stored = await storage.loadDoc(ref);
  const doc = new Y.Doc();
  applyStoredHistory(doc, ref, stored);
  return doc;
}

/**
 * Doc access straight on storage, for the CLI and tests where no room can be loaded at the same
 * time. It does not run `checkUpdate`; callers check rows themselves.
 */
export function storageDocAccess(storage: Storage): DocAccess {
  return {
    async read(ref, fn) {
      const doc = await loadFromStorage(storage, ref);
      try {
        return await fn(doc);
      } finally {
        doc.destroy();
      }
    },
    async write(ref, principal, fn, audit, record) {
      const memberId = principal?.memberId ?? null;
      const stored = await storage.getDocRecord(ref);
      // No record, no write (not even the audit lines of a change that changes nothing); a deletion
      // after this read is refused by the store itself (`DocRecordGoneError`, below).
      if (!stored) {
        // Deleted, or never made (a command naming a wrong id): the line of a deletion says which.
        const deleted = deletionAmong(await storage.listAudit(ref.workspace, DOC_DELETED_LOOK_BACK), ref);
        throw deletedMeanwhile(ref, undefined, deleted ? 'deleted' : 'unknown');
      }
      if (stored.archivedAt) throw archivedError(ref);
      const doc = await loadFromStorage(storage, ref);
      try {
        const before = Y.encodeStateVector(doc);
        fn(doc);
        const update = Y.encodeStateAsUpdate(doc, before);
        // An update with no structs and no deletions is 2 bytes; nothing to store but the audit lines
        // (and the record's title), as a room stores them (`auditAlone`).
        if (update.byteLength > 2) await storage.appendUpdates(ref, [{ update, memberId, ...(audit?.length ? { audit } : {}), ...(record ? { record } : {}) }]);
        else await auditAlone(Promise.resolve(), { ...(audit ? { audit } : {}), ...(record ? { record } : {}) }, storage, () => new Date());
      } catch (err) {
        // Its record deleted meanwhile: nothing of it was stored (`AppendItem.record`, `auditAlone`).
        throw err instanceof DocRecordGoneError ? deletedMeanwhile(ref, undefined, err.gone) : err;
      } finally {
        doc.destroy();
      }
    },
  };
}

/** Collect all stored updates up to `uptoSeq` (inclusive), oldest first, for history and versions. */
export async function updatesUpTo(storage: Storage, ref: DocRef, uptoSeq: number): Promise<UpdateRecord[]> {
  const out: UpdateRecord[] = [];
  const page = 500;
  let after = 0;
  for (;;) {
    const batch = await storage.listUpdates(ref, after, page);
    for (const rec of batch) {
      if (rec.seq > uptoSeq) return out;
      out.push(rec);
    }
    const last = batch[batch.length - 1];
    if (batch.length < page || !last) return out;
    after = last.seq;
  }
}
