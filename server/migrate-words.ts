/**
 * What `samplan migrate` says to the operator, in Swedish and English (the CLI says the one of its
 * language, `messageLang` of `cli-lang.ts`): its progress lines and its refusals. Table and column
 * names, paths and SQL are quoted as they are in both. Its refusals are thrown as `SaidError`s
 * (`shared/i18n/said-error.ts`) of these words.
 */
import { placeWords } from './history-places.js';
import type { RefusedRecord } from './migrate-refused.js';
import type { Localized } from '../shared/schema/types.js';
import { digits, numberText } from '../shared/i18n/number-words.js';

/** `done/total`, grouped by thousands as each language writes them (`4 000/12 345`, `4,000/12,345`). */
function count(done: number, total: number): Localized {
  return { sv: `${numberText(done, 'sv')}/${numberText(total, 'sv')}`, en: `${numberText(done, 'en')}/${numberText(total, 'en')}` };
}

/** The progress line of a table's copy: `update_log 4,000/12,345`. */
export function copiedWords(table: string, done: number, total: number): Localized {
  const n = count(done, total);
  return { sv: `${table} ${n.sv}`, en: `${table} ${n.en}` };
}

/** The progress line of the scan of the documents' texts: `scanned 50/120 documents`. */
export function scannedWords(done: number, total: number): Localized {
  const n = count(done, total);
  return { sv: `${n.sv} dokument genomsökta`, en: `scanned ${n.en} documents` };
}

/** The progress line of the verification of the documents' states: `verified 50/120 documents`. */
export function verifiedWords(done: number, total: number): Localized {
  const n = count(done, total);
  return { sv: `${n.sv} dokument kontrollerade`, en: `verified ${n.en} documents` };
}

/** The progress line of a source of an older schema, read through an upgraded copy at `copy`. */
export function upgradedCopyWords(from: string, version: number, current: number, copy: string): Localized {
  return {
    sv: `${from} har schemaversion ${digits(version)}, den här Samplans är ${digits(current)}: kopierar från en uppgraderad kopia, ${copy}; själva filen ändras inte.`,
    en: `${from} has schema version ${digits(version)}, this Samplan's is ${digits(current)}: migrating from an upgraded copy, ${copy}; the file itself is not changed.`,
  };
}

/** The target holds rows in the tables `held`. */
export function targetHoldsWords(held: readonly string[]): Localized {
  return { sv: `Måldatabasen har redan Samplan-data (${held.join(', ')})`, en: `The target database already holds Samplan data (${held.join(', ')})` };
}

/** The progress line of a target that holds rows: it is checked as a copy of `from` an earlier migrate made. */
export function checkingEarlierWords(held: readonly string[], from: string): Localized {
  const holds = targetHoldsWords(held);
  return {
    sv: `${holds.sv}. Kontrollerar om det är en hel kopia av ${from} från en tidigare migrate…`,
    en: `${holds.en}. Checking whether it is a whole copy of ${from} from an earlier migrate…`,
  };
}

/** A table whose row counts differ: `update_log rows 99 → 100`. */
export function rowsDifferWords(table: string, source: number, target: number): Localized {
  return { sv: `${table} rader ${numberText(source, 'sv')} → ${numberText(target, 'sv')}`, en: `${table} rows ${numberText(source, 'en')} → ${numberText(target, 'en')}` };
}

/** The refusal of a target that holds rows in `held` but is no copy of `from`: `differ` says what differs, each in both languages. */
export function notACopyWords(held: readonly string[], from: string, differ: readonly Localized[]): Localized {
  const holds = targetHoldsWords(held);
  const named = (lang: 'sv' | 'en'): string => `${differ.slice(0, 5).map((d) => d[lang]).join(', ')}${differ.length > 5 ? ', …' : ''}`;
  return {
    sv: `${holds.sv}, och den är ingen kopia av ${from}: ${numberText(differ.length, 'sv')} skiljer sig (${named('sv')}). Ingenting skrevs. Kör migrate till en tom databas (en ny, eller den här borttagen och skapad igen).`,
    en: `${holds.en}, and it is not a copy of ${from}: ${numberText(differ.length, 'en')} differ (${named('en')}). Nothing was written. Migrate into an empty database (a new one, or this one dropped and created again).`,
  };
}

/** The refusal of a column of the SQLite file PostgreSQL's table lacks: a newer Samplan wrote the file. */
export function newerColumnWords(table: string, column: string): Localized {
  return {
    sv: `SQLite-kolumnen ${table}.${column} har ingen plats i PostgreSQL: filen skrevs av en nyare Samplan. Uppgradera Samplan och kör sedan migrate; ingenting skrevs.`,
    en: `The SQLite column ${table}.${column} has no place in PostgreSQL: this file was written by a newer Samplan. Upgrade Samplan, then migrate; nothing was written.`,
  };
}

/** Why a record is refused, in Swedish: `a personnummer` → `ett personnummer`; a character (`U+202E`) as it is. */
function reasonSv(reason: string): string {
  return reason === 'a personnummer' ? 'ett personnummer' : reason;
}

/** The field of a refused record in Swedish: a place of a document's history (`update 12`) in words, a path or column as it is. */
function fieldSv(record: RefusedRecord): string {
  return record.table === 'history' ? placeWords(record.field, 'sv') : record.field;
}

/** The refusal of a source whose `records` hold text the guard refuses: the first 50 named, and what to do. */
export function refusedTextWords(records: readonly RefusedRecord[]): Localized {
  const n = records.length;
  const shown = records.slice(0, 50);
  const more = n > 50 ? n - 50 : 0;
  return {
    sv: [
      `${numberText(n, 'sv')} ${n === 1 ? 'post' : 'poster'} i källan har text som Samplan nu vägrar (ett personnummer, eller ett tecken som inget namn får ha); ingenting kopierades.`,
      ...shown.map((r) => `  ${r.table} ${r.key}: ${fieldSv(r)} har ${reasonSv(r.reason)}`),
      ...(more ? [`  … och ${numberText(more, 'sv')} till`] : []),
      `Ändra dem på en server som kör mot källfilen (samplan serve --db <fil>: byt namn på dokumentet, enheten, arbetsytan eller medlemmen, återkalla token, ändra texten i dokumentet på det ställe som namnges); en rad i granskningsloggen (audit ws/<id>) eller en borttagning av en medlem (member_removals ws/<medlem>) går inte att ändra så: ta bort den ur källfilen med sqlite3 <fil> "DELETE FROM audit WHERE id = <id>" (eller "DELETE FROM member_removals WHERE workspace = '<ws>' AND member_id = '<medlem>'"). Ett dokuments sparade historik (history ws/<dokument>: en uppdatering, ögonblicksbild, kontrollpunkt eller tillbakatagning som har text som tagits bort sedan dess) ersätts med dess nuvarande innehåll av samplan history drop ws/<dokument> --db <fil> (samplan history scan --db <fil> listar dem), när dess nuvarande innehåll godtas. Kör sedan migrate igen.`,
    ].join('\n'),
    en: [
      `${numberText(n, 'en')} record${n === 1 ? '' : 's'} of the source hold${n === 1 ? 's' : ''} text Samplan now refuses (a personnummer, or a character no name may hold); nothing was copied.`,
      ...shown.map((r) => `  ${r.table} ${r.key}: ${r.field} holds ${r.reason}`),
      ...(more ? [`  … and ${numberText(more, 'en')} more`] : []),
      'Change them on a server serving the source file (samplan serve --db <file>: rename the document, unit, workspace or member, revoke the token, change the text in the document at the place named); an audit line (audit ws/<id>) or a removal of a member (member_removals ws/<member>) has no such change: take it out of the source file with sqlite3 <file> "DELETE FROM audit WHERE id = <id>" (or FROM member_removals WHERE workspace = <ws> AND member_id = <member>, quoted). A document\'s stored history (history ws/<doc>: an update, snapshot, checkpoint or take-back holding text deleted since) is replaced by its live state with samplan history drop ws/<doc> --db <file> (samplan history scan --db <file> lists them), once its live state passes. Then migrate again.',
    ].join('\n'),
  };
}

/** The marker of a table row whose counts differ, in `samplan migrate`'s table of counts. */
export const MISMATCH: Localized = { sv: 'SKILJER SIG', en: 'MISMATCH' };

/** The closing line of a verification that failed: `why` in both languages. */
export function verificationFailedWords(why: Localized): Localized {
  return { sv: `Kontrollen misslyckades: ${why.sv}.`, en: `Verification failed: ${why.en}.` };
}

/** The record lists of a workspace the verification compares, as a mismatch names them (`hbi-stockholm: members`). */
export const RECORD_LIST_WORDS = {
  units: { sv: 'enheter', en: 'units' },
  docs: { sv: 'dokumentposter', en: 'document records' },
  members: { sv: 'medlemmar', en: 'members' },
  tokens: { sv: 'token', en: 'tokens' },
  removals: { sv: 'borttagna medlemmar', en: 'member removals' },
} as const satisfies Record<string, Localized>;

/** What differs, as the verification names it (`migrate-verify.ts`), in both languages: a document (`ws/doc`) as it is. */
export function mismatchWords(name: string): Localized {
  if (name === 'audit') return { sv: 'granskningsloggen (audit)', en: 'audit' };
  if (name === 'workspaces') return { sv: 'arbetsytorna (workspaces)', en: 'workspaces' };
  const list = /^(.*): (.*)$/.exec(name);
  const words = list ? Object.values(RECORD_LIST_WORDS).find((w) => w.en === list[2]) : undefined;
  return list && words ? { sv: `${list[1]}: ${words.sv}`, en: name } : { sv: name, en: name };
}
