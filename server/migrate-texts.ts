/**
 * What `samplan migrate` refuses to carry: catalogue records an older Samplan stored whose text the
 * guard now refuses, audit details included (a personnummer in any spelling, `shared/validate/personnummer.ts`; a lone
 * surrogate, control or bidirectional character, `shared/validate/plain-text.ts`). The copy is
 * row for row in SQL, past the storage adapters' checks, so they are looked for here, before
 * anything is written to the target. The migration refuses them rather than copying them masked:
 * masking would change a name without its owner knowing, and a refusal loses nothing (the source
 * is only read). The sentence names each record by its table and key (a key holding an identity
 * number masked) and the field, never the text itself. The texts inside documents are scanned by
 * `migrate-doc-texts.ts` and refused in the same sentence (table `document`, the field a path).
 */
import type Database from 'better-sqlite3';
import { findPersonnummer } from '../shared/validate/personnummer.js';
import { findTextFault } from '../shared/validate/text-fault.js';
import { redactPersonnummer } from '../shared/validate/redact-personnummer.js';
import { refusedDocTexts } from './migrate-doc-texts.js';
import type { RefusedRecord } from './migrate-refused.js';
import { refusedTextWords } from './migrate-words.js';
import type { Localized } from '../shared/schema/types.js';

export type { RefusedRecord } from './migrate-refused.js';

/** The text fields people typed, per table, and each table's key columns. */
const TEXTS: readonly { table: string; key: readonly string[]; fields: readonly string[]; multiline?: readonly string[] }[] = [
  { table: 'workspaces', key: ['id'], fields: ['id', 'name'] },
  { table: 'units', key: ['workspace', 'code'], fields: ['code', 'name', 'parent'] },
  { table: 'docs', key: ['workspace', 'doc'], fields: ['doc', 'title', 'owner_unit'] },
  { table: 'members', key: ['workspace', 'id'], fields: ['id', 'name', 'units'] },
  { table: 'tokens', key: ['workspace', 'id'], fields: ['member_id', 'label'] },
  { table: 'member_removals', key: ['workspace', 'member_id'], fields: ['member_id', 'name', 'removed_by'] },
  // The detail is server-composed, but of names and texts people typed (a unit renamed, a reason):
  // judged as a free text; the member and document ids as the ids they are.
  { table: 'audit', key: ['workspace', 'id'], fields: ['member_id', 'doc', 'detail'], multiline: ['detail'] },
];

/** Why `text` may not be stored, or null. Ids and codes are judged as names, as the adapters judge them. */
function reasonOf(text: string, multiline: boolean): string | null {
  if (findPersonnummer(text) !== null) return 'a personnummer';
  return findTextFault(text, { multiline })?.code ?? null;
}

/**
 * Every record of the SQLite database `source` (of the current schema) that holds a text the guard
 * refuses, in table and key order; empty when the migration may copy everything.
 */
export function refusedRecords(source: Database.Database): RefusedRecord[] {
  const refused: RefusedRecord[] = [];
  for (const { table, key, fields, multiline = [] } of TEXTS) {
    if (source.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) === undefined) continue;
    const rows = source.prepare(`SELECT ${[...new Set([...key, ...fields])].join(', ')} FROM ${table} ORDER BY ${key.join(', ')}`).all() as Record<string, unknown>[];
    for (const row of rows) {
      for (const field of fields) {
        const value = row[field];
        if (typeof value !== 'string') continue;
        const reason = reasonOf(value, multiline.includes(field));
        if (reason) refused.push({ table, key: redactPersonnummer(key.map((k) => String(row[k])).join('/'), '[personnummer]'), field, reason });
      }
    }
  }
  return refused;
}

/**
 * The migration stopped before writing anything: records hold text the guard refuses. `message` is
 * the English, `sv` the Swedish (`refusedTextWords`): the records named, and what to do.
 */
export class RefusedTextError extends Error {
  /** The sentence in Swedish. */
  readonly sv: string;

  constructor(readonly records: readonly RefusedRecord[]) {
    const words = refusedTextWords(records);
    super(words.en);
    this.name = 'RefusedTextError';
    this.sv = words.sv;
  }
}

/**
 * Throw {@link RefusedTextError} when the SQLite file `file` (of the current schema, open as
 * `source`) holds a record the guard refuses, or a document holds such a text
 * ({@link refusedDocTexts}): the catalogue's records first, then the documents'.
 */
export async function assertCopyableTexts(source: Database.Database, file: string, progress?: (line: Localized) => void): Promise<void> {
  const refused = [...refusedRecords(source), ...(await refusedDocTexts(file, progress))];
  if (refused.length > 0) throw new RefusedTextError(refused);
}
