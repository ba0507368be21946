/**
 * One read of the rights the open sockets hold, as storage holds them now: for `LiveRights`' poll
 * rounds and its settling of a newly watched socket (`live-rights.ts`).
 */
import type { DocRecord, DocRef, MemberRecord, TokenRecord } from '../storage/storage.js';
import type { SyncRecords } from './deps.js';

/** Tokens by id, members and document records by `workspace\0id`, as storage holds them now. */
export interface StoredRights {
  tokens: Map<string, TokenRecord>;
  members: Map<string, MemberRecord>;
  docs: Map<string, DocRecord | null>;
}

/**
 * The tokens and members of every workspace with a socket in `sockets`, and the records of their
 * documents: three reads per workspace however many documents are open in it (on PostgreSQL one
 * query per open document every round crowded out the appends). Rejects with storage's error.
 */
export async function readStoredRights(storage: Pick<SyncRecords, 'getDocRecords' | 'listTokens' | 'listMembers'>, sockets: readonly { readonly ref: DocRef }[]): Promise<StoredRights> {
  const docsOf = new Map<string, Set<string>>();
  for (const { ref } of sockets) docsOf.set(ref.workspace, (docsOf.get(ref.workspace) ?? new Set()).add(ref.doc));
  const workspaces = [...docsOf.keys()];
  const [tokenLists, memberLists, records] = await Promise.all([
    Promise.all(workspaces.map((ws) => storage.listTokens(ws))),
    Promise.all(workspaces.map((ws) => storage.listMembers(ws))),
    Promise.all(workspaces.map((ws) => storage.getDocRecords(ws, [...(docsOf.get(ws) ?? [])]))),
  ]);
  const tokens = new Map<string, TokenRecord>(tokenLists.flat().map((t) => [t.id, t]));
  const members = new Map<string, MemberRecord>(memberLists.flat().map((m) => [`${m.workspace}\u0000${m.id}`, m]));
  const docs = new Map<string, DocRecord | null>(records.flat().map((d) => [`${d.workspace}\u0000${d.doc}`, d]));
  return { tokens, members, docs };
}
