/**
 * Message catalog: every sentence the shared code shows a person, in Swedish and English.
 * Placeholders are `{name}`; `{column}` is the column header in the reader's language.
 * Messages are written for a clinic coordinator, and say how to fix the problem.
 */
import type { Localized } from '../schema/types.js';
import { PERIOD_REFUSALS } from './period-refusals.js';

/** All messages, keyed by a stable id (also used as the problem code where one fits). */
export const MESSAGES = {
  required: {
    sv: '{column} måste fyllas i.',
    en: '{column} is required.',
  },
  type: {
    sv: '{column}: värdet har fel typ ({expected} väntades).',
    en: '{column}: the value has the wrong type ({expected} expected).',
  },
  // The words of `type` for a value read from a file, which it names (a JSON true, a list).
  'type-value': {
    sv: '{column}: {value} har fel typ ({expected} väntades).',
    en: '{column}: {value} has the wrong type ({expected} expected).',
  },
  enum: {
    sv: '{column}: "{value}" finns inte bland valen. {hint}',
    en: '{column}: "{value}" is not one of the choices. {hint}',
  },
  'not-number': {
    sv: '{column}: "{value}" är inte ett tal. Skriv t.ex. 12,5.',
    en: '{column}: "{value}" is not a number. Write e.g. 12.5.',
  },
  // One point before three digits (`1.234`): a point between thousands (1234) or a decimal point (1.234).
  'number-ambiguous': {
    sv: '{column}: "{value}" kan vara {whole} eller {decimal}: punkten kan skilja tusental eller vara decimaltecken. Skriv {whole} eller {comma}.',
    en: '{column}: "{value}" could be {whole} or {decimal}: the point may separate thousands or be a decimal point. Write {whole}, or {comma} for the decimals (a comma is read as the decimal mark).',
  },
  // The words of `not-number` in a whole-number column (Deltagare, Antal): its example is whole,
  // as "12,5" would be refused there too (`not-integer`).
  'not-whole-number': {
    sv: '{column}: "{value}" är inte ett tal. Skriv ett heltal, t.ex. 12.',
    en: '{column}: "{value}" is not a number. Write a whole number, e.g. 12.',
  },
  'formula-error': {
    sv: '{column}: cellen visar formelfelet {value} i stället för ett värde. Rätta formeln eller töm cellen.',
    en: '{column}: the cell shows the formula error {value} instead of a value. Correct the formula or empty the cell.',
  },
  // A formula in a cell of a shared table: its result is nobody's typed value (`addin/excel/sheet/formula-cells.ts`).
  'formula-not-sent': {
    sv: '{column}: cellen har en formel. Samplan delar bara värden som skrivs in, så formelns resultat skickas inte; formeln står kvar i ditt blad. Skriv in värdet om det ska delas.',
    en: '{column}: the cell holds a formula. Samplan shares only values typed in, so the formula’s result is not sent; the formula stays in your sheet. Type the value in if it is to be shared.',
  },
  // A colleague's value for a cell holding the person's formula (`addin/excel/sheet/kept-formulas.ts`):
  // the formula stays, the value stays in the plan. The value is not quoted.
  'formula-over-shared': {
    sv: '{column}: en kollega har sparat ett värde i planen för den här cellen, men cellen visar din formel, inte det delade värdet. Värdet finns kvar i planen och formeln i ditt blad; ta bort formeln så visas det delade värdet här.',
    en: '{column}: a colleague stored a value in the plan for this cell, but the cell shows your formula, not the shared value. The value stays in the plan and the formula in your sheet; remove the formula and the shared value shows here.',
  },
  // A number column's cell Excel made a date of what was typed (`1.5` in Swedish Excel is 1 May;
  // `addin/excel/sheet/percent-cells.ts`): the date's serial is no number anyone meant.
  'date-in-number': {
    sv: '{column}: Excel gjorde det du skrev till ett datum, {value}, och ett datum är inget tal: inget skickades. Svenskt Excel läser t.ex. 1.5 som 1 maj; skriv decimaltal med komma (1,5).',
    en: '{column}: Excel made what you typed a date, {value}, and a date is no number: nothing was sent. Swedish Excel reads e.g. 1.5 as 1 May; write decimals with your Excel\'s decimal separator (1,5 in Swedish Excel).',
  },
  'not-integer': {
    sv: '{column}: "{value}" är inte ett heltal.',
    en: '{column}: "{value}" is not a whole number.',
  },
  'not-date': {
    sv: '{column}: "{value}" är inte ett datum. Skriv t.ex. 2024-03-15, 15/3, 15.3.2024 eller 15 mars 2024.',
    en: '{column}: "{value}" is not a date. Write e.g. 2024-03-15, 15/3, 15.3.2024 or 15 mars 2024 (day before month).',
  },
  // A date without its year in a plan of more than one year (`plan-period.ts`): the period holds its day in several years, or in none.
  // A date refused as no date, in words saying why where the calendar lacks the day written (`29/2` in 2026, `31/4`).
  'date-no-leap-day': {
    sv: '{column}: "{value}" är 29 februari, men {years} har ingen 29 februari. Skriv 28/2 eller 1/3, eller året om det är ett skottår som avses, t.ex. 29/2 {leap}.',
    en: '{column}: "{value}" is 29 February, but there is no 29 February in {years}. Write 28/2 or 1/3, or the year if a leap year is meant, e.g. 29/2 {leap}.',
  },
  // The same in a plan whose title names its year or period: only days inside it are offered (a leap year there would have had the day).
  'date-no-leap-day-in-plan': {
    sv: '{column}: "{value}" är 29 februari, men {years} har ingen 29 februari. Skriv {instead}.',
    en: '{column}: "{value}" is 29 February, but there is no 29 February in {years}. Write {instead}.',
  },
  // A day its month lacks in the year written (`29 februari 2026`, `31/4 2026`): why, for that year, and the two days that would do.
  'date-no-such-day-in-year': {
    sv: '{column}: "{value}" finns inte: {why}. Skriv en dag som finns, t.ex. {last} eller {next}.',
    en: '{column}: "{value}" does not exist: {why}. Write a day that exists, e.g. {last} or {next}.',
  },
  'date-no-such-day': {
    sv: '{column}: "{value}" finns inte: {month} har {days}. Skriv en dag som finns, t.ex. {last}.',
    en: '{column}: "{value}" does not exist: {month} has {days}. Write a day that exists, e.g. {last}.',
  },
  'date-year-ambiguous': {
    sv: '{column}: "{value}" saknar år, och planens titel nämner {period}: det kan vara {dates}. Skriv året.',
    en: '{column}: "{value}" has no year, and the plan\'s title names {period}: it could be {dates}. Write the year.',
  },
  // A verksamhetsår of two calendar years whose months the title does not say (`Verksamhetsår 2025/26`): not guessed.
  'date-months-unknown': {
    sv: '{column}: "{value}" saknar år, och planens titel nämner {period} men inte vilka månader det går över: det kan vara {dates}. Skriv året, eller skriv månaderna i titeln, t.ex. "jul {from} – jun {to}".',
    en: '{column}: "{value}" has no year, and the plan\'s title names {period} but not which months it runs over: it could be {dates}. Write the year, or write the months in the title, e.g. "jul {from} – jun {to}".',
  },
  'date-outside-plan': {
    sv: '{column}: "{value}" saknar år och ligger utanför {period}, som planens titel nämner. Skriv året.',
    en: '{column}: "{value}" has no year and falls outside {period}, which the plan\'s title names. Write the year.',
  },
  'date-time-dropped': {
    sv: '{column}: klockslaget togs bort; datumet {value} sparades.',
    en: '{column}: the time of day was dropped; the date {value} was kept.',
  },
  'year-assumed': {
    sv: '{column}: Året saknades; tolkat som {date}. Skriv året om det ska vara ett annat.',
    en: '{column}: The year was missing; read as {date}. Write the year if it should be another.',
  },
  'percent-from-format': {
    sv: '{column}: Excel sparade {value} % som procent (en hundradel); Samplan sparade talet {value}, som det syns.',
    en: '{column}: Excel kept {value} % as a percentage (a hundredth); Samplan kept the number {value}, as shown.',
  },
  'empty-from-dash': {
    sv: '{column}: "{value}" läses som inget värde; cellen är nu tom.',
    en: '{column}: "{value}" is read as no value; the cell is now empty.',
  },
  'empty-from-missing': {
    sv: '{column}: "{value}" betyder att uppgiften saknas (så skriver SCB i sin statistik) och läses som inget värde; cellen är nu tom.',
    en: '{column}: "{value}" means the figure is missing (as Statistics Sweden writes it) and is read as no value; the cell is now empty.',
  },
  // What was trimmed around a text typed in the sheet (`shared/normalize/trim-around.ts`), said on its cell as an import says it.
  'spaces-trimmed': {
    sv: '{column}: mellanslagen före och efter texten sparades inte, så att den hittas som den står.',
    en: '{column}: the spaces before and after the text were not stored, so that it is found as it reads.',
  },
  // A cell showing spaces around a text an older binding stored without them (`agreedTrimmed`, `addin/excel/sheet/snapshot.ts`): written as stored.
  'spaces-stored-trimmed': {
    sv: '{column}: mellanslagen före och efter texten finns inte i planen (en äldre version av Samplan sparade texten utan dem); cellen visar nu det som är sparat.',
    en: '{column}: the spaces before and after the text are not in the plan (an older version of Samplan stored the text without them); the cell now shows what is stored.',
  },
  'breaks-trimmed': {
    sv: '{column}: tabbar, radbrytningar eller osynliga tecken (t.ex. ett nollbreddsmellanslag) före eller efter texten sparades inte; mellanslagen behölls.',
    en: '{column}: tabs, line breaks or invisible characters (a zero-width space, say) before or after the text were not stored; the spaces were kept.',
  },
  'empty-from-spaces': {
    sv: '{column}: cellen hade bara mellanslag eller osynliga tecken och läses som tom; cellen är nu tom.',
    en: '{column}: the cell held only spaces or invisible characters and is read as empty; the cell is now empty.',
  },
  'not-boolean': {
    sv: '{column}: "{value}" ska vara x (ja) eller tomt (nej).',
    en: '{column}: "{value}" should be x (yes) or empty (no).',
  },
  'not-period': { sv: `{column}: ${PERIOD_REFUSALS['not-period'].sv}`, en: `{column}: ${PERIOD_REFUSALS['not-period'].en}` },
  'period-is-day': { sv: `{column}: ${PERIOD_REFUSALS['period-is-day'].sv}`, en: `{column}: ${PERIOD_REFUSALS['period-is-day'].en}` },
  'period-date-ambiguous': { sv: `{column}: ${PERIOD_REFUSALS['period-date-ambiguous'].sv}`, en: `{column}: ${PERIOD_REFUSALS['period-date-ambiguous'].en}` },
  'period-unknown-kind': { sv: `{column}: ${PERIOD_REFUSALS['period-unknown-kind'].sv}`, en: `{column}: ${PERIOD_REFUSALS['period-unknown-kind'].en}` },
  'period-month-range': { sv: `{column}: ${PERIOD_REFUSALS['period-month-range'].sv}`, en: `{column}: ${PERIOD_REFUSALS['period-month-range'].en}` },
  'not-email': {
    sv: '{column}: "{value}" är ingen giltig e-postadress.',
    en: '{column}: "{value}" is not a valid email address.',
  },
  'not-phone': {
    sv: '{column}: "{value}" är inget telefonnummer. Skriv t.ex. 070-123 45 67 eller +46 70 123 45 67.',
    en: '{column}: "{value}" is not a phone number. Write e.g. 070-123 45 67 or +46 70 123 45 67.',
  },
  'not-unit': {
    sv: '{column}: "{value}" är ingen enhetskod. Använd små bokstäver, siffror och bindestreck, eller en kommunkod med fyra siffror.',
    en: '{column}: "{value}" is not a unit code. Use lower-case letters, digits and hyphens, or a four-digit municipality code.',
  },
  'not-kommun': {
    sv: '{column}: "{value}" är ingen kommunkod. Skriv kommunens fyra siffror, t.ex. 0127 (Botkyrka), eller dess namn.',
    en: '{column}: "{value}" is not a municipality code. Write the four digits, e.g. 0127 (Botkyrka), or its name.',
  },
  'unknown-kommun': {
    sv: '{column}: kommunkoden {value} finns inte i kommunlistan.',
    en: '{column}: the municipality code {value} is not in the list of municipalities.',
  },
  'too-long': {
    sv: '{column}: texten är {length} tecken, högst {max} får plats.',
    en: '{column}: the text is {length} characters; at most {max} fit.',
  },
  // A text over its column's rule (200 characters for a one-line text) but within what a cell may
  // hold (Limits.maxStringLength, 2,000): content rules are reported, not enforced, so the doc
  // holds it in full and the sheet and every colleague show it in full (code 'too-long').
  'too-long-saved': {
    sv: '{column}: texten är {length} tecken, fler än de {max} som kolumnen är tänkt för. Den sparas i sin helhet och syns så i bladet och för andra; korta den till högst {max} tecken.',
    en: '{column}: the text is {length} characters, more than the {max} the column is meant for. It is saved in full and shown in full in the sheet and to others; shorten it to at most {max} characters.',
  },
  'below-min': {
    sv: '{column}: {value} är mindre än det lägsta tillåtna, {min}.',
    en: '{column}: {value} is below the minimum, {min}.',
  },
  'above-max': {
    sv: '{column}: {value} är större än det högsta tillåtna, {max}.',
    en: '{column}: {value} is above the maximum, {max}.',
  },
  'indicator-below-min': {
    sv: '{column}: {value} är mindre än {min}, det lägsta värdet indikatorkatalogen anger för {indicator}. Värdet sparas; rätta det om det är fel.',
    en: '{column}: {value} is below {min}, the lowest value the indicator catalog gives for {indicator}. The value is saved; correct it if it is wrong.',
  },
  'indicator-above-max': {
    sv: '{column}: {value} är större än {max}, det högsta värdet indikatorkatalogen anger för {indicator}. Värdet sparas; rätta det om det är fel.',
    en: '{column}: {value} is above {max}, the highest value the indicator catalog gives for {indicator}. The value is saved; correct it if it is wrong.',
  },
  'end-before-start': {
    sv: 'Slutdatum {end} ligger före startdatum {start}.',
    en: 'End date {end} is before start date {start}.',
  },
  'not-whole-count': {
    sv: '{column}: {value} är inte ett heltal, men indikatorkatalogen räknar {indicator} i {unit}. Värdet sparas som det skrevs; rätta det om det är fel.',
    en: '{column}: {value} is not a whole number, but the indicator catalog counts {indicator} in {unit}. The value is saved as written; correct it if it is wrong.',
  },
  'min-above-max': {
    sv: 'Minsta värde {min} är större än högsta värde {max}.',
    en: 'The minimum {min} is greater than the maximum {max}.',
  },
  duplicate: {
    sv: '{column}: "{value}" finns redan på {other}. Varje rad ska vara unik här.',
    en: '{column}: "{value}" is already on {other}. Each row must be unique here.',
  },
  'unknown-partner': {
    sv: '{column}: "{value}" finns inte i samverkanslistan. Lägg till aktören där eller rätta stavningen.',
    en: '{column}: "{value}" is not in the partner list. Add the partner there or fix the spelling.',
  },
  'unknown-indicator': {
    sv: '{column}: indikatorn "{value}" finns inte i indikatorkatalogen.',
    en: '{column}: the indicator "{value}" is not in the indicator catalog.',
  },
  'unknown-unit': {
    sv: '{column}: enheten "{value}" finns inte i arbetsytan.',
    en: '{column}: the unit "{value}" is not in the workspace.',
  },
  'unknown-column': {
    sv: 'Kolumnen "{column}" hör inte till dokumenttypen och ignoreras.',
    en: 'The column "{column}" does not belong to this document kind and is ignored.',
  },
  'split-personnummer': {
    sv: '{first} och {second} bildar tillsammans ett personnummer. Personnummer får inte sparas i Samplan: ta bort eller ändra värdena.',
    en: '{first} and {second} together form a personal identity number. Identity numbers must not be stored in Samplan: remove or change the values.',
  },
  // The words of `split-personnummer` for a number over three cells (`1981` | `1218` | `9876`).
  'split-personnummer-three': {
    sv: '{first}, {second} och {third} bildar tillsammans ett personnummer. Personnummer får inte sparas i Samplan: ta bort eller ändra värdena.',
    en: '{first}, {second} and {third} together form a personal identity number. Identity numbers must not be stored in Samplan: remove or change the values.',
  },
  // The words of `split-personnummer` for a number over four cells (`81` | `12` | `18` | `9876`).
  'split-personnummer-four': {
    sv: '{first}, {second}, {third} och {fourth} bildar tillsammans ett personnummer. Personnummer får inte sparas i Samplan: ta bort eller ändra värdena.',
    en: '{first}, {second}, {third} and {fourth} together form a personal identity number. Identity numbers must not be stored in Samplan: remove or change the values.',
  },
  // The words of `split-personnummer` when the cells make a reservnummer (`22850101` | `ABC1`).
  'split-reservnummer': {
    sv: '{first} och {second} bildar tillsammans ett reservnummer. Personnummer, samordningsnummer och reservnummer får inte sparas i Samplan: ta bort eller ändra värdena.',
    en: '{first} and {second} together form a reserve identity number (reservnummer). Identity numbers must not be stored in Samplan: remove or change the values.',
  },
  // The same over three cells (`22850101` | `-` | `ABC1`, `99` | `1981` | `000010`).
  'split-reservnummer-three': {
    sv: '{first}, {second} och {third} bildar tillsammans ett reservnummer. Personnummer, samordningsnummer och reservnummer får inte sparas i Samplan: ta bort eller ändra värdena.',
    en: '{first}, {second} and {third} together form a reserve identity number (reservnummer). Identity numbers must not be stored in Samplan: remove or change the values.',
  },
  'unknown-kind': {
    sv: 'Dokumentet har en okänd typ: "{value}".',
    en: 'The document has an unknown kind: "{value}".',
  },
  'newer-schema': {
    sv: 'Dokumentet har schemaversion {version}, nyare än den här versionen av Samplan ({known}). Uppdatera Samplan.',
    en: 'The document has schema version {version}, newer than this version of Samplan ({known}). Update Samplan.',
  },
  'unknown-ref': {
    sv: '{column}: "{value}" finns inte i listan. {hint}',
    en: '{column}: "{value}" is not in the list. {hint}',
  },
  // A reference cell read while its list is not known (`addin/excel/sheet/waiting-refs.ts`).
  'ref-waiting': {
    sv: '{column}: listan har inte kommit från arbetsytan än. Det som står i cellen står kvar och läses när listan har kommit.',
    en: '{column}: the list has not arrived from the workspace yet. What the cell shows stays and is read once the list has arrived.',
  },
  'goal-suggested': {
    sv: '{column}: ifyllt som förslag från Tabell 1 i KIM-rapporten för typen "{value}". Ändra gärna.',
    en: '{column}: filled in as suggested by Table 1 of the KIM report for the type "{value}". Change it if it does not fit.',
  },
  'goal-suggested-inferred': {
    sv: '{column}: ifyllt som förslag från Tabell 1 i KIM-rapporten för typen "{value}"; var kryssen står i tabellen har tolkats ur rapportens text. Kontrollera.',
    en: '{column}: filled in as suggested by Table 1 of the KIM report for the type "{value}"; where the table puts its marks is inferred from the report\'s text. Please check.',
  },
  'goals-inferred': {
    sv: 'Härlett från aktivitetstyp: målen i {rows} är Tabell 1:s för typen, och var kryssen står i tabellen har tolkats ur KIM-rapportens text (ljuslila celler). Kontrollera dem.',
    en: 'Inferred from the activity type: the goals of {rows} are Table 1\'s for their type, and where the table puts its marks is inferred from the KIM report\'s text (light purple cells). Please check them.',
  },
} as const satisfies Record<string, Localized>;

/** Names of value types, filled into the `type` message's `{expected}`. */
export const TYPE_NAMES = {
  text: { sv: 'text', en: 'text' },
  x: { sv: 'x eller tomt', en: 'x or empty' },
} as const satisfies Record<string, Localized>;

/**
 * Short names of problem codes, for summaries such as "12 rows left out (value missing 9,
 * unknown unit 3)". Every message key has one, plus `incomplete` for a row whose keys are unusable.
 */
export const REASON_NAMES = {
  required: { sv: 'värde saknas', en: 'value missing' },
  type: { sv: 'fel typ', en: 'wrong type' },
  'type-value': { sv: 'fel typ', en: 'wrong type' },
  enum: { sv: 'inte bland valen', en: 'not one of the choices' },
  'not-number': { sv: 'inte ett tal', en: 'not a number' },
  'not-integer': { sv: 'inte ett heltal', en: 'not a whole number' },
  'date-in-number': { sv: 'datum som Excel gjorde av talet', en: 'a date Excel made of the number' },
  'not-whole-number': { sv: 'inte ett tal', en: 'not a number' },
  'number-ambiguous': { sv: 'tal som kan läsas på två sätt', en: 'a number read two ways' },
  'formula-error': { sv: 'formelfel', en: 'formula error' },
  'formula-not-sent': { sv: 'formel som inte skickas', en: 'formula not sent' },
  'formula-over-shared': { sv: 'din formel över det delade värdet', en: 'your formula over the shared value' },
  'not-date': { sv: 'inte ett datum', en: 'not a date' },
  'not-boolean': { sv: 'inte x eller tomt', en: 'not x or empty' },
  'not-period': { sv: 'okänd period', en: 'not a period' },
  'period-is-day': { sv: 'datum som inte är en period', en: 'a date that is no period' },
  'period-date-ambiguous': { sv: 'tvetydigt datum', en: 'ambiguous date' },
  'period-unknown-kind': { sv: 'ingen period i Samplan', en: 'no period of Samplan' },
  'period-month-range': { sv: 'månader som inte är en period', en: 'months that are no period' },
  'not-email': { sv: 'inte en e-postadress', en: 'not an e-mail address' },
  'not-phone': { sv: 'inte ett telefonnummer', en: 'not a phone number' },
  'not-unit': { sv: 'ogiltig enhetskod', en: 'not a unit code' },
  'not-kommun': { sv: 'ogiltig kommunkod', en: 'not a municipality code' },
  'unknown-kommun': { sv: 'okänd kommun', en: 'unknown municipality' },
  'date-no-leap-day': { sv: '29 februari utanför skottår', en: '29 February outside a leap year' },
  'date-no-leap-day-in-plan': { sv: '29 februari som planens period saknar', en: '29 February the plan\'s period lacks' },
  'date-no-such-day': { sv: 'dag som inte finns', en: 'a day that does not exist' },
  'date-no-such-day-in-year': { sv: 'dag som inte finns det året', en: 'a day that does not exist that year' },
  'date-year-ambiguous': { sv: 'datum utan år, två år möjliga', en: 'date without a year, two years possible' },
  'date-months-unknown': { sv: 'datum utan år, verksamhetsårets månader okända', en: 'date without a year, the months of the year unknown' },
  'date-outside-plan': { sv: 'datum utan år utanför planens period', en: 'date without a year outside the plan\'s period' },
  'date-time-dropped': { sv: 'klockslag borttaget', en: 'time of day dropped' },
  'year-assumed': { sv: 'år antaget', en: 'year assumed' },
  'percent-from-format': { sv: 'procent som tal', en: 'percentage as a number' },
  'empty-from-dash': { sv: 'streck som inget värde', en: 'dash as no value' },
  'empty-from-missing': { sv: '.. som saknad uppgift', en: '.. as a missing figure' },
  'spaces-trimmed': { sv: 'mellanslag runt texten', en: 'spaces around the text' },
  'spaces-stored-trimmed': { sv: 'sparat utan mellanslagen runt texten', en: 'stored without the spaces around the text' },
  'breaks-trimmed': { sv: 'osynliga tecken runt texten', en: 'invisible characters around the text' },
  'empty-from-spaces': { sv: 'bara mellanslag', en: 'spaces alone' },
  'too-long': { sv: 'för lång text', en: 'text too long' },
  'too-long-saved': { sv: 'längre text än kolumnen är tänkt för', en: 'text longer than the column is meant for' },
  'below-min': { sv: 'under minsta värde', en: 'below the minimum' },
  'above-max': { sv: 'över största värde', en: 'above the maximum' },
  'indicator-below-min': { sv: 'under indikatorns lägsta värde', en: 'below the indicator\'s minimum' },
  'indicator-above-max': { sv: 'över indikatorns högsta värde', en: 'above the indicator\'s maximum' },
  'end-before-start': { sv: 'slut före start', en: 'ends before it starts' },
  'not-whole-count': { sv: 'antal som inte är heltal', en: 'count that is not whole' },
  'min-above-max': { sv: 'min över max', en: 'min above max' },
  duplicate: { sv: 'dubblettrad', en: 'duplicate row' },
  'unknown-partner': { sv: 'okänd aktör', en: 'unknown partner' },
  'unknown-indicator': { sv: 'okänd indikator', en: 'unknown indicator' },
  'unknown-unit': { sv: 'okänd enhet', en: 'unknown unit' },
  'unknown-column': { sv: 'okänd kolumn', en: 'unknown column' },
  'split-personnummer': { sv: 'personnummer över flera celler', en: 'identity number over several cells' },
  'split-personnummer-three': { sv: 'personnummer över tre celler', en: 'identity number over three cells' },
  'split-personnummer-four': { sv: 'personnummer över fyra celler', en: 'identity number over four cells' },
  'split-reservnummer': { sv: 'reservnummer över flera celler', en: 'reserve identity number over several cells' },
  'split-reservnummer-three': { sv: 'reservnummer över tre celler', en: 'reserve identity number over three cells' },
  'unknown-kind': { sv: 'okänd dokumenttyp', en: 'unknown document kind' },
  'newer-schema': { sv: 'nyare schemaversion', en: 'newer schema version' },
  'unknown-ref': { sv: 'finns inte i listan', en: 'not in the list' },
  'ref-waiting': { sv: 'väntar på listan', en: 'waiting for the list' },
  'goal-suggested': { sv: 'mål föreslaget', en: 'goal suggested' },
  'goal-suggested-inferred': { sv: 'mål föreslaget (tolkat)', en: 'goal suggested (inferred)' },
  'goals-inferred': { sv: 'mål härlett från aktivitetstyp', en: 'goals inferred from the activity type' },
  incomplete: { sv: 'ofullständig rad', en: 'incomplete row' },
} as const satisfies Record<MessageKey | 'incomplete', Localized>;

/** A key of {@link MESSAGES}. */
export type MessageKey = keyof typeof MESSAGES;
