/**
 * The catalogue records of workspaces read for a personnummer (`samplan history scan` of a
 * workspace, or of all): the texts people typed that the store keeps beside documents: a
 * workspace's id and name, each unit's code, name and parent, each document record's id, title and
 * owner unit, each member's id, name and units, each token's member and label, each removal's
 * member, name and remover. Every adapter refuses such a text before it writes (`record-text.ts`);
 * an older Samplan, or the `sqlite3` shell, may have stored one. Each record is named by its table
 * and key, a key holding an identity number masked, and the field; never the text. The audit
 * trail is not read here: its details are composed by the server (`sanitizeAuditDetail`) and the
 * store lists them only newest first, without the id a line is removed by.
 */
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import type { Storage } from './storage/storage.js';

/** One record field holding a personnummer. */
export interface RecordFinding {
  workspace: string;
  /** The table as the database names it: `workspaces`, `units`, `docs`, `members`, `tokens`, `member_removals`. */
  table: string;
  /** The record's key within its workspace (an identity number in it masked). */
  key: string;
  /** The field as the database names it (`name`, `title`, `label`, …). */
  field: string;
}

const MASK = '[personnummer]';

/** Each field of one record whose text (or one of whose texts) holds a personnummer. */
function heldFields(fields: Record<string, string | null | readonly string[]>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => (typeof value === 'string' ? [value] : (value ?? [])).some((text) => findPersonnummer(text) !== null))
    .map(([field]) => field);
}

/**
 * The record fields of `workspaces` (ids) that hold a personnummer, workspace by workspace, in the
 * order of the module comment. Reads only; rejects with what the store throws.
 */
export async function scanRecords(storage: Storage, workspaces: readonly string[]): Promise<RecordFinding[]> {
  const found: RecordFinding[] = [];
  const note = (workspace: string, table: string, key: string, fields: Record<string, string | null | readonly string[]>): void => {
    for (const field of heldFields(fields)) found.push({ workspace: redactPersonnummer(workspace, MASK), table, key: redactPersonnummer(key, MASK), field });
  };
  for (const id of workspaces) {
    const ws = await storage.getWorkspace(id);
    if (ws) note(id, 'workspaces', id, { id, name: ws.name });
    for (const u of await storage.listUnits(id)) note(id, 'units', u.code, { code: u.code, name: u.name, parent: u.parent });
    for (const d of await storage.listDocs(id)) note(id, 'docs', d.doc, { doc: d.doc, title: d.title, owner_unit: d.ownerUnit });
    for (const m of await storage.listMembers(id)) note(id, 'members', m.id, { id: m.id, name: m.name, units: m.units });
    for (const t of await storage.listTokens(id)) note(id, 'tokens', t.id, { member_id: t.memberId, label: t.label });
    for (const r of await storage.listRemovals(id)) note(id, 'member_removals', r.id, { member_id: r.id, name: r.name, removed_by: r.removedBy });
  }
  return found;
}

/** What to do about a record of `table`, in words for the operator. */
const REMEDY: Record<string, string> = {
  workspaces: 'rename the workspace on a server',
  units: 'rename the unit on a server (a code or parent cannot be renamed: remove the unit and add it again)',
  docs: 'rename the document on a server (an id cannot be renamed: copy the document and delete this one)',
  members: 'rename the member on a server (an id cannot be renamed: remove the member and add them again)',
  tokens: 'revoke the token and make a new one',
  member_removals: 'add the member again and remove them, or delete the removal with sqlite3 or psql',
};

/** One record finding as a line: the workspace, the record, the field and what to do; never the text. */
export function recordLine(f: RecordFinding): string {
  return `${f.workspace}: a personnummer in a stored record, ${f.table} ${f.key}, field ${f.field} (not document history, which samplan history drop leaves as it is): ${REMEDY[f.table] ?? 'change it on a server'}.`;
}
