/**
 * The sync layer's view of auth ({@link SyncAuth}), answered by the same token store and policy
 * as the HTTP routes, so a socket and a request from one token get the same answers.
 */
import { authorize, canManageDoc, canRenameDoc, canWriteRow } from '../auth/policy.js';
import { reassess } from '../auth/reassess.js';
import { resolveToken } from '../auth/tokens.js';
import type { Storage } from '../storage/storage.js';
import type { SyncAuth } from '../sync/deps.js';
import type { Clock } from './context.js';

/** Build the sync layer's auth from storage and the clock. */
export function syncAuthFor(storage: Storage, clock: Clock): SyncAuth {
  return {
    resolve: (token) => resolveToken(storage, token, clock()),
    canRead: (p, doc) => authorize(p, 'read', { workspace: doc.workspace, doc }).ok,
    canWrite: (p, doc) => authorize(p, 'write', { workspace: doc.workspace, doc }).ok,
    canWriteRow: (p, doc, unit) => canWriteRow(p, doc, unit),
    canManage: (p, doc) => canManageDoc(p, doc.workspace),
    canRename: (p, doc) => canRenameDoc(p, doc),
    reassess: (p, rights, now) => reassess(p, rights, now),
  };
}
