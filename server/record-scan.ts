/**
 * The stored records of a store read for a personnummer (`samplan history scan` of a workspace, or
 * of all): every text a row of any table holds beside the bytes of history. On SQLite and
 * PostgreSQL that is every text column the database lists (`findStoredTexts`, `stored-texts.ts`):
 * the catalogue (a workspace's id and name, units, document records with who archived one,
 * members, tokens, removals with the removed member's name), the audit trail (who, which
 * document, the detail), the sessions of access tokens, each stored update's author, and the ids
 * of documents kept without a record, rows of a workspace with no record too. A store without it
 * (memory) has its catalogue read through its methods. Every adapter refuses such a text before it
 * writes (`record-text.ts`; the audit detail is masked, `sanitizeAuditDetail`); an older Samplan,
 * or the `sqlite3` shell, may have stored one. Each is named by its table and key (an identity
 * number in it masked) and the field; never the text.
 */
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import type { Storage } from './storage/storage.js';
import type { CliLang } from './cli-lang.js';
import type { Localized } from '../shared/schema/types.js';

/** One record field holding a personnummer. */
export interface RecordFinding {
  /** The row's workspace (masked when it holds an identity number); null for a row under none (an access token's session of no stored token, the schema's own). */
  workspace: string | null;
  /** The table as the database names it: `workspaces`, `units`, `docs`, `members`, `tokens`, `member_removals`, `audit`, … */
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
 * The record fields of `workspaces` (ids) that hold a personnummer, or of the whole store when
 * `workspaces` is null (rows under no workspace, or under one with no record, too), in table
 * order (`stored-texts.ts`). Reads only; rejects with what the store throws.
 */
export async function scanRecords(storage: Storage, workspaces: readonly string[] | null): Promise<RecordFinding[]> {
  const holds = (text: string): boolean => findPersonnummer(text) !== null;
  const masked = (text: string): string => redactPersonnummer(text, MASK);
  if (storage.findStoredTexts) {
    const hits = workspaces === null ? await storage.findStoredTexts(holds) : (await Promise.all(workspaces.map((ws) => storage.findStoredTexts?.(holds, ws) ?? []))).flat();
    return hits.map((h) => ({ workspace: h.workspace === null ? null : masked(h.workspace), table: h.table, key: masked(h.key), field: h.column }));
  }
  const found: RecordFinding[] = [];
  const note = (workspace: string, table: string, key: string, fields: Record<string, string | null | readonly string[]>): void => {
    for (const field of heldFields(fields)) found.push({ workspace: masked(workspace), table, key: masked(key), field });
  };
  const ids = workspaces ?? (await storage.listWorkspaces()).map((w) => w.id);
  for (const id of ids) {
    const ws = await storage.getWorkspace(id);
    if (ws) note(id, 'workspaces', id, { id, name: ws.name });
    for (const u of await storage.listUnits(id)) note(id, 'units', u.code, { code: u.code, name: u.name, parent: u.parent });
    for (const d of await storage.listDocs(id)) note(id, 'docs', d.doc, { doc: d.doc, title: d.title, owner_unit: d.ownerUnit, archived_by: d.archivedBy ?? null });
    for (const m of await storage.listMembers(id)) note(id, 'members', m.id, { id: m.id, name: m.name, units: m.units });
    for (const t of await storage.listTokens(id)) note(id, 'tokens', t.id, { member_id: t.memberId, label: t.label });
    for (const r of await storage.listRemovals(id)) note(id, 'member_removals', r.id, { member_id: r.id, name: r.name, removed_by: r.removedBy });
  }
  return found;
}

/** What to do about a field of its table holding one, in words for the operator, in both languages. */
function remedy(f: RecordFinding): Localized {
  const sql = (statement: string): Localized => ({
    sv: `ta bort den med sqlite3 <fil> "${statement}" (på PostgreSQL samma sats i psql), efter en säkerhetskopia`,
    en: `delete it with sqlite3 <file> "${statement}" (on PostgreSQL the same statement in psql), after a backup`,
  });
  switch (f.table) {
    case 'workspaces':
      return { sv: 'byt namn på arbetsytan på en server', en: 'rename the workspace on a server' };
    case 'units':
      return {
        sv: 'byt namn på enheten på en server (en kod eller överordnad enhet kan inte byta namn: ta bort enheten och lägg till den igen)',
        en: 'rename the unit on a server (a code or parent cannot be renamed: remove the unit and add it again)',
      };
    case 'docs':
      if (f.field === 'archived_by') {
        return {
          sv: 'återställ dokumentet från arkivet på en server (namnet på den som arkiverade det följer med), och arkivera det igen om det ska vara arkiverat',
          en: 'restore the document from the archive on a server (the name of who archived it goes with it), and archive it again if it should be',
        };
      }
      return { sv: 'byt namn på dokumentet på en server (ett id kan inte byta namn: kopiera dokumentet och ta bort det här)', en: 'rename the document on a server (an id cannot be renamed: copy the document and delete this one)' };
    case 'members':
      return { sv: 'byt namn på medlemmen på en server (ett id kan inte byta namn: ta bort medlemmen och lägg till den igen)', en: 'rename the member on a server (an id cannot be renamed: remove the member and add them again)' };
    case 'tokens':
      return { sv: 'återkalla token och skapa en ny', en: 'revoke the token and make a new one' };
    case 'member_removals':
      return { sv: 'lägg till medlemmen igen och ta bort den, eller ta bort borttagningsposten med sqlite3 eller psql', en: 'add the member again and remove them, or delete the removal with sqlite3 or psql' };
    case 'audit': {
      // The trail records what was done; no server, nor samplan history drop, changes a line of it.
      const del = sql(`DELETE FROM audit WHERE id = ${f.key}`);
      return {
        sv: `ingen server eller samplan-kommando ändrar en rad i granskningsloggen (samplan history drop lämnar den som den är): ${del.sv}`,
        en: `no server or samplan command changes an audit line (samplan history drop leaves the audit trail as it is): ${del.en}`,
      };
    }
    case 'access_token_sessions': {
      const token = f.key.split('/').at(-1) ?? '';
      const del = sql(`DELETE FROM access_token_sessions WHERE token_id = '${token}'`);
      return {
        sv: `databasen tar själv bort en sessionsrad när dess tid (until) har gått ut; för att ta bort den nu, återkalla dess token (samplan token revoke ${token}) och ${del.sv}`,
        en: `the store drops a session row by itself once its time (until) has passed; to remove it now, revoke its token (samplan token revoke ${token}) and ${del.en}`,
      };
    }
    case 'update_log':
      return f.field === 'workspace' || f.field === 'doc'
        ? {
            sv: 'id:t finns kvar i dokumentets historik: kopiera dokumentet och ta bort det här, eller ta bort dess historik med sqlite3 eller psql',
            en: "the id is kept by the document's history: copy the document and delete this one, or delete its history with sqlite3 or psql",
          }
        : { sv: 'samplan history drop av det dokumentet tar bort dess uppdateringar med deras författare', en: 'samplan history drop of that document removes its updates with their authors' };
    default:
      return { sv: 'inget samplan-kommando skriver det här fältet: ändra eller ta bort raden med sqlite3 eller psql, efter en säkerhetskopia', en: 'no samplan command writes this field: change or delete the row with sqlite3 or psql, after a backup' };
  }
}

/** One record finding as a line in `lang`: the workspace, the record, the field and what to do; never the text. */
export function recordLine(f: RecordFinding, lang: CliLang): string {
  const what = remedy(f)[lang];
  if (lang === 'sv') {
    const apart = f.table === 'update_log' ? '' : ' (inte dokumenthistorik, som samplan history drop lämnar som den är)';
    return `${f.workspace ?? 'databasen'}: ett personnummer i en sparad post, ${f.table} ${f.key}, fält ${f.field}${apart}: ${what}.`;
  }
  const apart = f.table === 'update_log' ? '' : ' (not document history, which samplan history drop leaves as it is)';
  return `${f.workspace ?? 'the store'}: a personnummer in a stored record, ${f.table} ${f.key}, field ${f.field}${apart}: ${what}.`;
}
