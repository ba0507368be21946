import { CloseCode } from '../protocol/close-codes.js';
import type { Localized } from '../schema/types.js';
import { COMMENT_MAX_LENGTH } from '../comments/comment-schema.js';
import { BIRTH_TIME, identityRefusal, type IdentityFound } from '../i18n/personnummer-words.js';
import { redactPersonnummer } from './redact-personnummer.js';
import { textFaultWords, type TextFault, type TextKind } from './text-fault.js';
import { numberText } from '../i18n/number-words.js';

/** The advice of a refused date of birth with a clock time: re-exported where the pane's guard has always found it. */
export { BIRTH_TIME };

/** Why {@link checkUpdate} refused an update. */
export type UpdateRefusalCode =
  | 'malformed'
  | 'outside-root'
  | 'non-primitive'
  | 'unknown-column'
  | 'unknown-field'
  | 'string-too-long'
  | 'blank-title'
  | 'too-many-rows'
  | 'doc-too-large'
  | 'personnummer'
  | 'kind-change'
  | 'other-making'
  | 'comment-invalid'
  | 'bad-character'
  | 'wrong-type';

/**
 * A refused update: a stable code, a sentence for the user and the WebSocket close code. `Rest` is
 * the type of the verdict on the rest of an update refused only in some cells (`UpdateAccepted`
 * of `check-update.ts`, which names it there: this file is below it and does not import it).
 */
export interface UpdateRefused<Rest = never> {
  ok: false;
  code: UpdateRefusalCode;
  message: Localized;
  closeCode: number;
  /**
   * Set when only these parts are refused (rows by id; `meta`: the settings; `comments`: the
   * comments) and the rest of the update passed every check, personnummer included: `rest` is the
   * verdict of the rest (it may list cells of refused rows too: those rows go whole; its comments
   * are none when the comments are refused). The server may take those parts back and keep the
   * rest (`server/sync/offer-checks.ts`); anyone else refuses the update whole, as before.
   */
  only?: { rows: readonly string[]; meta: boolean; comments: boolean; rest: Rest };
}

/** Where in the document a refused value was going. Keys shown here are safe to echo. */
export type Place =
  | { at: 'meta'; key: string }
  | { at: 'cell'; column: string }
  /**
   * Two to four neighbouring cells of a row whose values hold a number only together
   * (`split-personnummer.ts`), by their headers as the person sees them (`splitHeaders`).
   */
  | { at: 'cells'; first: Localized; second: Localized; third?: Localized; fourth?: Localized }
  | { at: 'row-id' }
  | { at: 'column-name' }
  | { at: 'meta-name' }
  | { at: 'name' }
  | { at: 'bytes' }
  | { at: 'comment' };

function where(place: Place): Localized {
  switch (place.at) {
    case 'meta':
      return { sv: `dokumentfältet «${place.key}»`, en: `the document field "${place.key}"` };
    case 'cell':
      return { sv: `kolumnen «${place.column}»`, en: `column "${place.column}"` };
    case 'cells':
      if (place.third !== undefined && place.fourth !== undefined) {
        return {
          sv: `kolumnerna «${place.first.sv}», «${place.second.sv}», «${place.third.sv}» och «${place.fourth.sv}» tillsammans`,
          en: `the run of columns "${place.first.en}", "${place.second.en}", "${place.third.en}" and "${place.fourth.en}"`,
        };
      }
      if (place.third !== undefined) {
        return {
          sv: `kolumnerna «${place.first.sv}», «${place.second.sv}» och «${place.third.sv}» tillsammans`,
          en: `the run of columns "${place.first.en}", "${place.second.en}" and "${place.third.en}"`,
        };
      }
      return { sv: `kolumnerna «${place.first.sv}» och «${place.second.sv}» tillsammans`, en: `the pair of columns "${place.first.en}" and "${place.second.en}"` };
    case 'row-id':
      return { sv: 'ett rad-id', en: 'a row id' };
    case 'column-name':
      return { sv: 'ett kolumnnamn', en: 'a column name' };
    case 'meta-name':
      return { sv: 'ett fältnamn', en: 'a field name' };
    case 'name':
      return { sv: 'ett namn i ändringen', en: 'a name in the change' };
    case 'bytes':
      return { sv: 'ändringen', en: 'the change' };
    case 'comment':
      return { sv: 'kommentaren', en: 'the comment' };
  }
}

/**
 * A key as a message shows it: cut to 40 characters, then any identity number masked as
 * `[personnummer]`. Keys reach here after the personnummer check, but the cut makes a new text:
 * a key ending in eleven digits (`…85010112367`, no number) shows its first ten (`…8501011236…`).
 *
 * @example
 * shown(`${'a'.repeat(30)}85010112367`); // 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa[personnummer]…'
 */
export function shown(key: string): string {
  return redactPersonnummer(key.length > 40 ? `${key.slice(0, 40)}…` : key, '[personnummer]');
}

function refused(code: UpdateRefusalCode, message: Localized, closeCode: number = CloseCode.updateRefused): UpdateRefused {
  return { ok: false, code, message, closeCode };
}

/** What a {@link refuse.wrongType} names: a setting, a row's position, the settings or comments root. */
export type WrongType = { at: 'meta'; key: string } | { at: 'pos' } | { at: 'meta-root' } | { at: 'comments-root' };

const WRONG_TYPE = {
  meta: { sv: 'Dokumentfältet «%» har fel typ av värde.', en: 'The document field "%" has a value of the wrong type.' },
  pos: { sv: 'En rads position (_pos) måste vara en text.', en: "A row's position (_pos) must be a text." },
  'meta-root': {
    sv: 'Dokumentets inställningar är namngivna fält; ändringen skriver en lista eller en text där.',
    en: "The document's settings are named fields; the change writes a list or a text there.",
  },
  'comments-root': {
    sv: 'Kommentarerna är namngivna poster; ändringen skriver en lista eller en text där.',
    en: 'The comments are named entries; the change writes a list or a text there.',
  },
} as const;

/** The refusals, one builder per code. */
export const refuse = {
  malformed: (detail: Localized): UpdateRefused =>
    refused(
      'malformed',
      { sv: `Ändringen kunde inte läsas: ${detail.sv}.`, en: `The change could not be read: ${detail.en}.` },
      CloseCode.badFrame,
    ),
  outsideRoot: (): UpdateRefused =>
    refused('outside-root', {
      sv: 'Ändringen skriver utanför dokumentets metadata, rader och kommentarer.',
      en: "The change writes outside the document's metadata, rows and comments.",
    }),
  nonPrimitive: (place: Place): UpdateRefused => {
    const w = where(place);
    return refused('non-primitive', {
      sv: `Ändringen skriver ett sammansatt värde i ${w.sv}; bara text, tal, sant/falskt och tomt är tillåtet.`,
      en: `The change writes a composite value to ${w.en}; only text, numbers, true/false and empty are allowed.`,
    });
  },
  unknownColumn: (column: string, kind: string | undefined): UpdateRefused =>
    refused(
      'unknown-column',
      kind === undefined
        ? { sv: 'Dokumentet saknar typ, så inga celler kan skrivas.', en: 'The document has no kind, so no cells can be written.' }
        : {
            sv: `Kolumnen «${shown(column)}» finns inte i dokumenttypen ${kind}.`,
            en: `Column "${shown(column)}" does not exist in document kind ${kind}.`,
          },
    ),
  unknownField: (key: string): UpdateRefused =>
    refused('unknown-field', {
      sv: `Dokumentet har inget fält «${shown(key)}».`,
      en: `The document has no field "${shown(key)}".`,
    }),
  stringTooLong: (place: Place, limit: number): UpdateRefused => {
    const w = where(place);
    return refused('string-too-long', {
      sv: `Texten i ${w.sv} är längre än ${numberText(limit, 'sv')} tecken.`,
      en: `The text in ${w.en} is longer than ${numberText(limit, 'en')} characters.`,
    });
  },
  /** A document title with nothing but spaces, or empty: a REST rename or creation refuses it too (`nameText`). */
  blankTitle: (): UpdateRefused =>
    refused('blank-title', {
      sv: 'Dokumentets titel är tom eller bara mellanslag; skriv minst ett tecken.',
      en: "The document's title is empty or only spaces; write at least one character.",
    }),
  kindChange: (from: string, to: string): UpdateRefused =>
    refused('kind-change', {
      sv: `Dokumenttypen kan inte ändras (från ${shown(from)} till ${shown(to)}); skapa ett nytt dokument i stället.`,
      en: `The document kind cannot be changed (from ${shown(from)} to ${shown(to)}); create a new document instead.`,
    }),
  otherMaking: (): UpdateRefused =>
    refused(
      'other-making',
      {
        sv: 'Kopian hör till ett borttaget dokument med samma id; ett nytt dokument har skapats i dess ställe. Inget från kopian togs emot.',
        en: 'The document was deleted and made again under its id; this copy is of the deleted one and was not taken in',
      },
      CloseCode.replaced,
    ),
  /** A setting or a row's position of the wrong type, or a list or text where the settings or comments map belongs. */
  wrongType: (what: WrongType): UpdateRefused => {
    const w = WRONG_TYPE[what.at === 'meta' ? 'meta' : what.at];
    const key = what.at === 'meta' ? shown(what.key) : '';
    return refused('wrong-type', { sv: w.sv.replace('%', key), en: w.en.replace('%', key) });
  },
  badComment: (): UpdateRefused =>
    refused('comment-invalid', {
      sv: `En kommentar måste ha en text på 1–${numberText(COMMENT_MAX_LENGTH, 'sv')} tecken, en författare och en tidpunkt.`,
      en: `A comment needs a text of 1–${numberText(COMMENT_MAX_LENGTH, 'en')} characters, an author and a time.`,
    }),
  commentUnknownRow: (): UpdateRefused =>
    refused('comment-invalid', {
      sv: 'Kommentaren gäller en rad som aldrig har funnits i dokumentet.',
      en: 'The comment is about a row the document has never had.',
    }),
  commentFixed: (): UpdateRefused =>
    refused('comment-invalid', {
      sv: 'Bara texten i en kommentar kan ändras; raden, författaren och tidpunkten ligger fast.',
      en: "Only a comment's text can be changed; its row, author and time stay as they are.",
    }),
  /**
   * A title or a comment holding a character a name or a text may not hold (a control character,
   * a bidirectional override, see `plain-text.ts`), named as `U+202E`:
   * `Kommentaren innehåller U+202E (höger-till-vänster-åsidosättning) som tecken nr 10, vilket inte får finnas i en text.`
   */
  badCharacter: (place: Place, fault: TextFault, kind: TextKind): UpdateRefused => {
    const w = where(place);
    const words = textFaultWords(fault, kind);
    return refused('bad-character', {
      sv: `${w.sv.charAt(0).toUpperCase()}${w.sv.slice(1)} ${words.sv}.`,
      en: `${w.en.charAt(0).toUpperCase()}${w.en.slice(1)} ${words.en}.`,
    });
  },
  tooManyRows: (limit: number): UpdateRefused =>
    refused(
      'too-many-rows',
      { sv: `Dokumentet skulle få fler än ${numberText(limit, 'sv')} rader.`, en: `The document would have more than ${numberText(limit, 'en')} rows.` },
      CloseCode.tooLarge,
    ),
  docTooLarge: (limit: number): UpdateRefused => {
    const mib = Math.round((limit / 1024 / 1024) * 10) / 10;
    return refused(
      'doc-too-large',
      { sv: `Dokumentet skulle bli större än ${numberText(mib, 'sv')} MiB.`, en: `The document would grow beyond ${numberText(mib, 'en')} MiB.` },
      CloseCode.tooLarge,
    );
  },
  /**
   * A personnummer, samordningsnummer or reservnummer `found` at `place` (`findPersonnummer`'s match): with a
   * hint on how to write a phone number when it may be one, and on what to write instead when it
   * is a date of birth with a clock time (`birthDate`, refused by decision whatever its check digit).
   */
  personnummer: (place: Place, found: { kind: IdentityFound['kind']; phoneLike: boolean; birthDate?: true }): UpdateRefused => {
    return refused('personnummer', identityRefusal(where(place), found));
  },
};
