/**
 * The catalogue records (workspaces, units, members, tokens, documents) hold ids, names, titles
 * and labels that people type. Like every string in a document they must never hold a
 * personnummer or samordningsnummer, nor a character no name may hold (a lone surrogate, a control
 * character, a bidirectional override: `shared/validate/plain-text.ts`). The HTTP routes and the CLI check them first, so the person
 * gets a sentence before anything is written; every storage adapter checks them again before a
 * record is written, as the last line of defence (like `sanitizeAuditDetail` for audit details).
 */
import { recordFieldSv } from '../../shared/i18n/field-words.js';
import { identityRefusal, type IdentityFound } from '../../shared/i18n/personnummer-words.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { findTextFault, textFaultWords, type TextKind } from '../../shared/validate/text-fault.js';
import type { DocRecord, DocRef, MemberRecord, RemovalRecord, TokenRecord, UnitRecord, WorkspaceRecord } from './storage.js';

/** A text field of a record, or a list of them (a member's units). */
export type RecordText = string | null | undefined | readonly string[];

/**
 * A record text holds an identity number. `code` is stable; the message never repeats the text.
 * The sentence is the one every refusal of an identity number uses (`identityRefusal`): a date of
 * birth with a clock time is told to write an age instead.
 */
export class IdentityInTextError extends Error {
  readonly code = 'personnummer';

  constructor(
    /** What the record is, e.g. `document`, `member`, `token`. */
    readonly record: string,
    /** The field's name as the API spells it, e.g. `title`, `name`, `label`. */
    readonly field: string,
    /** What `findPersonnummer` found there. */
    found: IdentityFound,
  ) {
    const sentence = identityRefusal({ sv: recordFieldSv(record, field), en: `the ${record}'s ${field}` }, found);
    super(sentence.en);
    this.name = 'IdentityInTextError';
    this.sv = sentence.sv;
    this.kind = found.kind;
  }

  /**
   * Which kind of number it was (`details.kind` of the 422), never the number: a client saying it
   * in words of its own names a reservnummer as one (`addin/taskpane/refusal-words.ts`).
   */
  readonly kind: IdentityFound['kind'];

  /** The same sentence in Swedish, for the pane (`details.message.sv` of the 422). */
  readonly sv: string;
}

function firstIdentity(value: RecordText): IdentityFound | null {
  if (value === null || value === undefined) return null;
  const texts: readonly string[] = typeof value === 'string' ? [value] : value;
  for (const text of texts) {
    const found = findPersonnummer(text);
    if (found) return found;
  }
  return null;
}

/**
 * Throw {@link IdentityInTextError} for the first field of `fields` that holds a personnummer in
 * any spelling; return quietly otherwise.
 *
 * @example
 * assertNoIdentity('document', { id: body.id, title: body.title }); // throws for title "Eva 850101-1236"
 */
export function assertNoIdentity(record: string, fields: Readonly<Record<string, RecordText>>): void {
  for (const [field, value] of Object.entries(fields)) {
    const found = firstIdentity(value);
    if (found) throw new IdentityInTextError(record, field, found);
  }
}

/**
 * A record text holds a character no name or text may hold (`shared/validate/plain-text.ts`: a
 * lone surrogate, a control character, a bidirectional override…). Answered 400 `text-character`;
 * the message names the field and the character (`U+202E`), never repeats the text.
 */
export class TextCharacterError extends Error {
  readonly code = 'text-character';
  /** The same sentence in Swedish. */
  readonly sv: string;

  constructor(
    readonly record: string,
    readonly field: string,
    /** The character as `U+202E`. */
    readonly character: string,
    words: { sv: string; en: string },
    /** Where it is in the field's text: 0-based UTF-16 `index`, 1-based `number` in characters. */
    readonly place: { index: number; number: number },
  ) {
    super(`The ${record}'s ${field} ${words.en}.`);
    this.name = 'TextCharacterError';
    this.sv = `${recordFieldSv(record, field)} ${words.sv}.`;
  }
}

/**
 * Throw {@link TextCharacterError} for the first field of `fields` holding a character a name (or,
 * with `kind.multiline`, a free text) may not hold; return quietly otherwise.
 */
export function assertPlainText(record: string, fields: Readonly<Record<string, RecordText>>, kind: TextKind = {}): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    for (const text of typeof value === 'string' ? [value] : value) {
      const fault = findTextFault(text, kind);
      if (fault) throw new TextCharacterError(record, field, fault.code, textFaultWords(fault, kind), { index: fault.index, number: fault.number });
    }
  }
}

/**
 * Both checks of a text people type before it is stored, for the record's `fields`:
 * {@link assertNoIdentity} first (a personnummer spelled with a lone surrogate is refused as
 * the personnummer it is, 422), then {@link assertPlainText} (which characters, 400).
 */
export function assertStorableText(record: string, fields: Readonly<Record<string, RecordText>>, kind: TextKind = {}): void {
  assertNoIdentity(record, fields);
  assertPlainText(record, fields, kind);
}

/**
 * The checks every adapter runs before writing a record: one per record type, covering each of
 * its text fields (dates, hashes and roles are the server's own and not checked).
 */
export const checkRecordText = {
  workspace: (w: WorkspaceRecord): void => assertStorableText('workspace', { id: w.id, name: w.name }),
  unit: (u: UnitRecord): void => assertStorableText('unit', { workspace: u.workspace, code: u.code, name: u.name, parent: u.parent }),
  member: (m: MemberRecord): void => assertStorableText('member', { workspace: m.workspace, id: m.id, name: m.name, units: m.units }),
  removal: (r: RemovalRecord): void => assertStorableText('member', { workspace: r.workspace, id: r.id, name: r.name, removedBy: r.removedBy }),
  token: (t: TokenRecord): void => assertStorableText('token', { workspace: t.workspace, id: t.id, memberId: t.memberId, label: t.label }),
  document: (d: DocRecord): void =>
    assertStorableText('document', { workspace: d.workspace, id: d.doc, kind: d.kind, title: d.title, ownerUnit: d.ownerUnit }),
};

/**
 * `name` when it passes the checks of a member's name ({@link assertStorableText}), else null. For
 * a name a store copies from a record it holds into another (a removed member's name into the
 * removal, `RemovalRecord.name`): a name stored before the checks refused it must neither block
 * that write (the removal of the member) nor be copied; the id then says who it was.
 */
export function keptName(name: string): string | null {
  try {
    assertStorableText('member', { name });
    return name;
  } catch (err) {
    if (err instanceof IdentityInTextError || err instanceof TextCharacterError) return null;
    throw err;
  }
}

/** How many checked document refs {@link docRefCheck} keeps before it starts over. */
const CHECKED_REFS = 10_000;

/**
 * The check of a document's workspace and id at every write keyed by them (updates, take-backs,
 * snapshots), before any row is written (SQLite's `doc_keys` too): throws as
 * {@link checkRecordText}`.document` does for the same fields. A ref that passed is remembered
 * (up to {@link CHECKED_REFS}), so a document's every commit costs one lookup, not the guard.
 */
export function docRefCheck(): (ref: DocRef) => void {
  let passed = new Map<string, Set<string>>();
  let count = 0;
  return (ref) => {
    if (passed.get(ref.workspace)?.has(ref.doc)) return;
    assertStorableText('document', { workspace: ref.workspace, id: ref.doc });
    if (count >= CHECKED_REFS) [passed, count] = [new Map(), 0];
    let docs = passed.get(ref.workspace);
    if (docs === undefined) passed.set(ref.workspace, (docs = new Set()));
    docs.add(ref.doc);
    count++;
  };
}
