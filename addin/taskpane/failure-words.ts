/**
 * Why something failed, in the pane's words: what happened and what to do, for every kind of
 * error that can end in a view. An error's own `message` is never shown: Excel's (`RichApi.Error`)
 * is in Office's language, not the pane's; a `TypeError`, an IndexedDB `DOMException` or a quota
 * error speaks a programmer's English. Their name or code stays in brackets, so support can tell
 * them apart. The Excel codes are `OfficeExtension.ErrorCodes` / `Excel.ErrorCodes` (Microsoft's
 * office.js reference); the storage names are the DOMException names of the IndexedDB standard.
 */
import { ZodError } from 'zod';
import { fillPlaceholders } from '../../shared/i18n/placeholders.js';
import { SaidError } from '../../shared/i18n/said-error.js';
import { ApiError } from './api-client.js';
import { errorText, type Lang } from './strings.js';

type Words = Readonly<Record<Lang, string>>;

const AGAIN: Words = {
  sv: 'Försök igen; består felet, stäng Samplan-fönstret och öppna det igen.',
  en: 'Try again; if it persists, close the Samplan pane and open it again.',
};

const PAYLOAD: Words = {
  sv: 'Excel tog inte emot så mycket på en gång ({code}). Försök igen; består felet, ta med färre rader i taget.',
  en: 'Excel did not take that much at once ({code}). Try again; if it persists, take fewer rows at a time.',
};

/** Excel's refusals by code: what happened, and what to do when it is not just "try again". */
const EXCEL: Readonly<Record<string, Words>> = {
  AccessDenied: {
    sv: 'Excel tillät inte ändringen ({code}): bladet eller arbetsboken är skyddad eller bara läsbar. Ta bort skyddet (Granska → Ta bort skydd för blad) eller öppna arbetsboken för redigering, och försök igen.',
    en: 'Excel did not allow the change ({code}): the sheet or workbook is protected or read-only. Remove the protection (Review → Unprotect Sheet) or open the workbook for editing, and try again.',
  },
  InvalidOperationInCellEditMode: {
    sv: 'Excel tar inte emot ändringar medan du skriver i en cell ({code}). Tryck Retur eller Tabb, eller välj en annan cell, och försök igen.',
    en: 'Excel takes no changes while you are typing in a cell ({code}). Press Enter or Tab, or select another cell, and try again.',
  },
  ItemNotFound: {
    sv: 'Excel hittade inte bladet, tabellen eller cellen ({code}); den kan ha tagits bort eller fått ett nytt namn. Stäng dokumentet i Samplan och öppna det igen.',
    en: 'Excel did not find the sheet, table or cell ({code}); it may have been deleted or renamed. Close the document in Samplan and open it again.',
  },
  ItemAlreadyExists: {
    sv: 'Det finns redan ett blad eller en tabell med det namnet i arbetsboken ({code}). Byt namn på det som finns, eller ta bort det, och försök igen.',
    en: 'The workbook already has a sheet or table of that name ({code}). Rename or delete the one there, and try again.',
  },
  RequestPayloadSizeLimitExceeded: PAYLOAD,
  ResponsePayloadSizeLimitExceeded: PAYLOAD,
};

const EXCEL_OTHER: Words = { sv: 'Excel avvisade en begäran från Samplan ({code}).', en: 'Excel refused a request from Samplan ({code}).' };

const QUOTA: Words = {
  sv: 'Lagringen för Samplans kopia här är full ({code}), så den kunde inte sparas. Frigör utrymme (töm webbläsarens eller Offices cache) och försök igen; inget har tagits bort.',
  en: 'The storage for Samplan’s copy here is full ({code}), so it could not be saved. Free some space (clear the browser’s or Office’s cache) and try again; nothing was dropped.',
};

/** The DOMException names an IndexedDB request or transaction fails with (IndexedDB 3.0, §4). */
const STORAGE_NAMES = new Set(['UnknownError', 'InvalidStateError', 'AbortError', 'VersionError', 'NotFoundError', 'TransactionInactiveError', 'ReadOnlyError', 'ConstraintError', 'DataError', 'DataCloneError', 'InvalidAccessError']);
const STORAGE: Words = {
  sv: 'Samplans kopia i webbläsarens lagring här gick inte att läsa eller skriva ({code}).',
  en: 'Samplan’s copy in the browser storage here could not be read or written ({code}).',
};

const OTHER: Words = { sv: 'Något gick fel i Samplan-tillägget ({code}).', en: 'Something went wrong in the Samplan add-in ({code}).' };
const OTHER_NO_CODE: Words = { sv: 'Något gick fel i Samplan-tillägget.', en: 'Something went wrong in the Samplan add-in.' };

/** `words` in `lang` with `{code}` filled in. */
function fill(words: Words, lang: Lang, code: string): string {
  return fillPlaceholders(words[lang], { code });
}

/** The field `key` of `err` when it is a non-empty string, else null. */
function field(err: unknown, key: 'name' | 'code'): string | null {
  const v = typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && /^[A-Za-z_][\w.]*$/.test(v) ? v : null;
}

/** Whether `err` is one of office.js's errors (`name` `RichApi.Error`, or a code with Excel's `debugInfo`). */
function isExcelError(err: unknown): boolean {
  return field(err, 'name') === 'RichApi.Error' || (field(err, 'code') !== null && typeof err === 'object' && err !== null && 'debugInfo' in err);
}

/**
 * The pane's sentence for a failure that is not the server's: Samplan's own words of a
 * {@link SaidError}; for an answer of the wrong shape (zod), the sentence for a fault of the
 * server; for Excel's error, its code's words; for a storage error, a full store or a store that
 * failed; else a fault of the add-in. Always ends with what to do.
 *
 * @example
 * localFailureWords(Object.assign(new Error('The requested resource doesn\'t exist.'), { name: 'RichApi.Error', code: 'ItemNotFound' }), 'sv');
 * // 'Excel hittade inte bladet, tabellen eller cellen (ItemNotFound); … Stäng dokumentet i Samplan och öppna det igen.'
 */
export function localFailureWords(err: unknown, lang: Lang): string {
  if (err instanceof SaidError) return err.words[lang];
  if (err instanceof ApiError) return errorText(err.kind, lang);
  if (err instanceof ZodError) return errorText('server', lang);
  const name = field(err, 'name');
  if (isExcelError(err)) {
    const code = field(err, 'code') ?? name ?? 'RichApi.Error';
    const own = EXCEL[code];
    return own ? fill(own, lang, code) : `${fill(EXCEL_OTHER, lang, code)} ${AGAIN[lang]}`;
  }
  if (name === 'QuotaExceededError' || field(err, 'code') === 'QuotaExceededError') return fill(QUOTA, lang, 'QuotaExceededError');
  if (name && STORAGE_NAMES.has(name)) return `${fill(STORAGE, lang, name)} ${AGAIN[lang]}`;
  return `${name ? fill(OTHER, lang, name) : OTHER_NO_CODE[lang]} ${AGAIN[lang]}`;
}
