/**
 * One read of the rights the open sockets hold, as storage holds them now: for `LiveRights`' poll
 * rounds and its settling of a newly watched socket (`live-rights.ts`).
 */
import type { DocRecord, DocRef, MemberRecord, TokenRecord } from '../storage/storage.js';
import type { Principal } from './principal.js';
import type { SyncRecords } from './deps.js';

/** Tokens by id, members and document records by `workspace\0id`, as storage holds them now. */
export interface StoredRights {
  tokens: Map<string, TokenRecord>;
  members: Map<string, MemberRecord>;
  docs: Map<string, DocRecord | null>;
}

/**
 * What the rights are read from: a store that reads tokens and members by id
 * (`RecordStore.getTokens`, `RecordStore.getMembers`), or one that can only list a workspace's
 * tokens or members (then read whole).
 */
export type RightsRecords = Pick<SyncRecords, 'getDocRecords'> &
  (Pick<SyncRecords, 'getTokens'> | Pick<SyncRecords, 'listTokens'>) &
  (Pick<SyncRecords, 'getMembers'> | Pick<SyncRecords, 'listMembers'>);

/**
 * The tokens of the sockets in `sockets` (by id: one row per distinct token, however many
 * sign-in sessions their workspace holds), their members (by id: one row per distinct member,
 * however many members their workspace holds), and the records of the open documents: three reads per workspace however many documents are open in it
 * (on PostgreSQL one query per open document every round crowded out the appends). A token
 * revoked, a member removed or demoted, or a record changed since admission is read as it is
 * now, so the sockets' verdicts need nothing from the change notice that started the round.
 * Rejects with storage's error.
 */
export async function readStoredRights(storage: RightsRecords, sockets: readonly { readonly ref: DocRef; readonly principal: Pick<Principal, 'tokenId' | 'memberId'> }[]): Promise<StoredRights> {
  const docsOf = new Map<string, Set<string>>();
  const tokensOf = new Map<string, Set<string>>();
  const membersOf = new Map<string, Set<string>>();
  for (const { ref, principal } of sockets) {
    docsOf.set(ref.workspace, (docsOf.get(ref.workspace) ?? new Set()).add(ref.doc));
    tokensOf.set(ref.workspace, (tokensOf.get(ref.workspace) ?? new Set()).add(principal.tokenId));
    membersOf.set(ref.workspace, (membersOf.get(ref.workspace) ?? new Set()).add(principal.memberId));
  }
  const workspaces = [...docsOf.keys()];
  const tokensIn = (ws: string): Promise<TokenRecord[]> =>
    'getTokens' in storage ? storage.getTokens(ws, [...(tokensOf.get(ws) ?? [])]) : storage.listTokens(ws);
  const membersIn = (ws: string): Promise<MemberRecord[]> =>
    'getMembers' in storage ? storage.getMembers(ws, [...(membersOf.get(ws) ?? [])]) : storage.listMembers(ws);
  const [tokenLists, memberLists, records] = await Promise.all([
    Promise.all(workspaces.map(tokensIn)),
    Promise.all(workspaces.map(membersIn)),
    Promise.all(workspaces.map((ws) => storage.getDocRecords(ws, [...(docsOf.get(ws) ?? [])]))),
  ]);
  const tokens = new Map<string, TokenRecord>(tokenLists.flat().map((t) => [t.id, t]));
  const members = new Map<string, MemberRecord>(memberLists.flat().map((m) => [`${m.workspace}\u0000${m.id}`, m]));
  const docs = new Map<string, DocRecord | null>(records.flat().map((d) => [`${d.workspace}\u0000${d.doc}`, d]));
  return { tokens, members, docs };
}
