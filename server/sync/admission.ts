/**
 * Whether a WebSocket may open, decided before its handshake completes: the token's principal,
 * the workspace, that the document exists, and that the role may read it. The socket itself is
 * `socket.ts`; the rights it is then held to over time are `live-rights.ts`.
 */
import type { Principal } from './principal.js';
import type { DocRecord, DocRef } from '../storage/storage.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import type { SyncAuth } from './deps.js';

/** Whether a connection may open, decided before the WebSocket handshake completes. */
export type Admission =
  | {
      ok: true;
      ref: DocRef;
      principal: Principal;
      record: DocRecord;
      /**
       * `LiveRights.generation` when admission began to read. When it moved before the socket was
       * watched, a rights change may have overtaken the reads; the socket is decided again from
       * storage before its first frame is handled (`LiveRights.settle`).
       */
      since?: number;
    }
  | { ok: false; code: number; reason: string };

/** What admission reads: the token's principal, the document's record, and the read rule. */
export interface AdmissionSource {
  resolve(token: string | undefined): ReturnType<SyncAuth['resolve']>;
  record(ref: DocRef): Promise<DocRecord | null>;
  canRead: SyncAuth['canRead'];
}

/** Check the token, the workspace, that the document exists, and that the role may read it. */
export async function admit(ref: DocRef, token: string | undefined, source: AdmissionSource): Promise<Admission> {
  const result = await source.resolve(token);
  if (!result.ok) return { ok: false, code: CloseCode.unauthorized, reason: `Token ${result.reason}` };
  const { principal } = result;
  if (principal.workspace !== ref.workspace) {
    return { ok: false, code: CloseCode.forbidden, reason: 'Token is for another workspace' };
  }
  const record = await source.record(ref);
  if (!record) return { ok: false, code: CloseCode.notFound, reason: 'No such document' };
  if (!source.canRead(principal, record)) {
    return { ok: false, code: CloseCode.forbidden, reason: 'Your role does not allow this document' };
  }
  return { ok: true, ref, principal, record };
}
