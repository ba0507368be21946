/**
 * How one rights round decides the open sockets from what it read (`live-rights-read.ts`): the
 * verdict on each socket, given its principal and the stored token, member and document record.
 * The round's bookkeeping (when it runs, whether it was overtaken, what `rights-fence.ts` waits
 * for) stays in `live-rights.ts`.
 */
import type { DocRecord, DocRef } from '../storage/storage.js';
import type { SyncAuth } from './deps.js';
import type { StoredRights } from './live-rights-read.js';
import type { Principal } from './principal.js';
import { principalChanged, type Reassessment } from './rights.js';

/** An open socket as the rights layer sees it. */
export interface LiveSocket {
  readonly ref: DocRef;
  /** The document's record as admitted. */
  readonly record: DocRecord;
  readonly principal: Principal;
  /** Replace the principal after a change that keeps the socket's access. */
  setPrincipal(principal: Principal): void;
  close(code: number, reason: string): void;
}

/** The verdict on `socket` given the rights `state` read from storage at `now`. */
export function verdictOf(auth: Pick<SyncAuth, 'reassess'>, socket: LiveSocket, state: StoredRights, now: Date): Reassessment {
  const { principal, ref } = socket;
  const token = state.tokens.get(principal.tokenId) ?? null;
  const member = state.members.get(`${ref.workspace}\u0000${principal.memberId}`) ?? null;
  const doc = state.docs.get(`${ref.workspace}\u0000${ref.doc}`) ?? null;
  return auth.reassess(principal, { token, member, doc }, now);
}

/** What {@link decideRound} acts through. */
export interface RoundActions {
  auth: Pick<SyncAuth, 'reassess'>;
  /** Whether the socket is still watched (it may have closed while the round read storage). */
  watched(socket: LiveSocket): boolean;
  /** Hand a document's record as read to its room (archived or restored by another process). */
  recordChanged(record: DocRecord): void;
  /** Close the socket or hand it its new principal. */
  apply(socket: LiveSocket, verdict: Reassessment): void;
}

/**
 * Decide every socket of `sockets` still watched from `state`. A verdict depends only on the
 * principal, the stored rights of its token and member, and the document: it is decided once per
 * token and document for principals of equal values (sockets of one token hold equal ones, often
 * the same object), and each document's record is handed to its room once, not once per socket.
 */
export function decideRound(sockets: readonly LiveSocket[], state: StoredRights, now: Date, act: RoundActions): void {
  const decided = new Map<string, { principal: Principal; verdict: Reassessment }>();
  const handed = new Set<string>();
  for (const socket of sockets) {
    if (!act.watched(socket)) continue;
    const docKey = `${socket.ref.workspace}\u0000${socket.ref.doc}`;
    const doc = state.docs.get(docKey) ?? null;
    // Archived or restored by another process: the room checks writes against the record now.
    if (doc && !handed.has(docKey)) {
      handed.add(docKey);
      act.recordChanged(doc);
    }
    const { principal } = socket;
    const key = `${principal.tokenId}\u0000${principal.memberId}\u0000${docKey}`;
    const known = decided.get(key);
    let verdict: Reassessment;
    if (known && (known.principal === principal || !principalChanged(known.principal, principal))) {
      verdict = known.verdict;
    } else {
      verdict = verdictOf(act.auth, socket, state, now);
      decided.set(key, { principal, verdict });
    }
    act.apply(socket, verdict);
  }
}
