/**
 * The text checks of `update-walk.ts`: what is wrong with a text an update writes (a
 * personnummer in it, or its length) and the refusal naming where the text goes (a row id, a
 * column name, a meta field, a cell, a comment).
 */
import { META_ROOT } from '../doc/create.js';
import { findPersonnummer, type PersonnummerMatch } from './personnummer.js';
import { refuse, type Place, type UpdateRefused } from './update-refusal.js';
import { findTextFault, NAME_MAX, trimName } from './text-fault.js';
import type { Shape } from './update-shape.js';
import type { Parent } from './update-structs.js';

/** Texts this long are remembered as scanned, so the raw-byte net (`raw-scan.ts`) does not read them again. */
export const SEEN_MIN_LENGTH = 10;

/** Where an item's key goes, for a message. */
export function namePlace(where: Parent): Place {
  if (where.at === 'root') return where.root === META_ROOT ? { at: 'meta-name' } : { at: 'row-id' };
  return { at: 'column-name' };
}

/** Where an item's value goes, for a message; keys are named only once they passed the scan. */
export function valuePlace(where: Parent): Place {
  if (where.at === 'root' && where.key !== null && where.root === META_ROOT) return { at: 'meta', key: where.key };
  if (where.at === 'child' && where.key !== null) return { at: 'cell', column: where.key };
  return { at: 'name' };
}

/** What is wrong with a text: a personnummer in it, or its length; null when nothing. */
export type TextProblem = PersonnummerMatch | typeof TOO_LONG;
export const TOO_LONG = 'too-long';
export const NAME: Place = { at: 'name' };
export const COMMENT: Place = { at: 'comment' };

/**
 * What is wrong with `text` (a personnummer in it, or more than `max` UTF-16 units), or null.
 * Texts of {@link SEEN_MIN_LENGTH} or more go into `seen`, for the raw-byte net.
 */
export function textProblem(text: string, max: number, seen: Set<string> | undefined): TextProblem | null {
  if (seen !== undefined && text.length >= SEEN_MIN_LENGTH) seen.add(text);
  const pnr = findPersonnummer(text);
  if (pnr !== null) return pnr;
  return text.length > max ? TOO_LONG : null;
}

/**
 * What is wrong with `text` that the document holds already as a key (a comment's `row`, the id
 * of a row it holds): only its length, since writing it again stores nothing new, whatever the
 * guard reads in it (a row id made before the guard read it so). Goes into `seen` as
 * {@link textProblem}'s texts do, so the raw-byte net does not read it either.
 */
export function heldTextProblem(text: string, max: number, seen: Set<string> | undefined): TextProblem | null {
  if (seen !== undefined && text.length >= SEEN_MIN_LENGTH) seen.add(text);
  return text.length > max ? TOO_LONG : null;
}

/**
 * A copy of the update `bytes` with the UTF-8 bytes of every text of `held` ({@link heldTextProblem}'s,
 * the walk let them through) written as `x`, for the raw-byte net: it reads the bytes in every
 * reading and across the bytes around a string, and would find in them the number the row id
 * holds, which the document holds already. Anything else in the bytes it reads as before.
 */
export function maskHeld(bytes: Uint8Array, held: ReadonlySet<string>): Uint8Array {
  const out = bytes.slice();
  for (const text of held) {
    const sought = new TextEncoder().encode(text);
    if (sought.length === 0) continue;
    for (let at = out.indexOf(sought[0] as number); at >= 0; at = out.indexOf(sought[0] as number, at + 1)) {
      if (sought.every((b, k) => out[at + k] === b)) out.fill(0x78, at, at + sought.length);
    }
  }
  return out;
}

/** The refusal for `problem` at `place`: a personnummer, or a text over `max` UTF-16 units. */
export function refusalOf(problem: TextProblem, place: Place, max: number): UpdateRefused {
  return problem === TOO_LONG ? refuse.stringTooLong(place, max) : refuse.personnummer(place, problem);
}

/**
 * The refusal of a new document title that is empty or only spaces (as `nameText` trims it), holding a character a name may not hold (a control
 * character, a bidirectional override, an invisible mark: `findTextFault` of `text-fault.ts`, the
 * rule every REST name follows) or longer than a name ({@link NAME_MAX}), or null. Only a value the
 * update writes is judged: a title stored before the rule stays, and the pane shows it neutralised.
 */
export function titleRefusal(key: string, shape: Shape): UpdateRefused | null {
  if (key !== 'title' || shape.is !== 'primitive' || typeof shape.value !== 'string') return null;
  // A blank title would follow into the record (title-follow.ts), where REST never writes one.
  if (trimName(shape.value) === '') return refuse.blankTitle();
  const fault = findTextFault(shape.value);
  if (fault !== null) return refuse.badCharacter({ at: 'meta', key }, fault, {});
  // The title follows into the document's record (`server/sync/title-follow.ts`), which a REST
  // rename writes at most NAME_MAX long: the socket's door is no wider.
  return shape.value.length > NAME_MAX ? refuse.stringTooLong({ at: 'meta', key }, NAME_MAX) : null;
}
