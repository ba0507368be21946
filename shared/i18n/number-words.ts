/**
 * Numbers and seconds as Samplan's sentences write them in each language: Swedish with a decimal
 * comma and a space between thousands (`0,001 s`, `83,2 s`, `1 250`, `12 000`), as
 * `Intl.NumberFormat('sv-SE')` writes them; English with a point (`en-GB`).
 *
 * One grouping rule for every amount, in a message's value as in a figure: thousands apart from
 * four digits (`1 250`), as Språkrådet's Svenska skrivregler groups numbers (`1 200`, `1 500`,
 * `23 400`) and as a table needs to set `1 250` under `12 000`. A message's value had four digits
 * together (`1250`) while the same amount in a figure read `1 250`. A year is written together
 * (skrivreglerna: `1985`), but a year is no amount: it is written by {@link digits}, as a code, a
 * day or a version's number is. The command line's lines and refusals, and the
 * server's words that reach them, write a number through here rather than `String(n)`, `toFixed`
 * or a template's `${n}`, which write a point in Swedish too.
 */
import type { Localized } from '../schema/types.js';

/** The languages (`t.ts`'s `Lang`, which imports this file: named here from `Localized`, not imported back). */
type Lang = keyof Localized;

/** How many decimals: at most `max` (3 unless given), at least `min` (0 unless given). */
export interface Decimals {
  min?: number;
  max?: number;
}

const FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * The formatter of `lang` for `key`, made once. `signDisplay: 'negative'`: a minus only before a
 * number below zero, so −0 (`-0`, or a tiny negative rounded) is written `0`, not `−0`.
 */
function formatter(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const full = `${lang}:${key}`;
  let format = FORMATS.get(full);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { ...options, signDisplay: 'negative' });
    FORMATS.set(full, format);
  }
  return format;
}

/** The formatter of `lang` with `decimals`. */
function formatOf(lang: Lang, { min = 0, max = Math.max(3, min) }: Decimals): Intl.NumberFormat {
  return formatter(lang, `${min}:${max}`, { minimumFractionDigits: min, maximumFractionDigits: max });
}

/**
 * `n` written in `lang`, rounded to `decimals` (at most three by default). A number that is not 0
 * but that those decimals would write as 0 is written to its first significant digit instead
 * (`0,0001`, `−0,0004`), as Swedish writes a small measure, so it never reads as none; −0 is `0`.
 *
 * @example
 * numberText(0.001, 'sv'); // '0,001'
 * numberText(0.0001, 'sv'); // '0,0001'
 * numberText(83.25, 'en', { min: 1, max: 1 }); // '83.3'
 */
export function numberText(n: number, lang: Lang, decimals: Decimals = {}): string {
  const text = formatOf(lang, decimals).format(n);
  if (n === 0 || !Number.isFinite(n) || /[1-9]/.test(text)) return text;
  return formatter(lang, 'first-digit', { maximumSignificantDigits: 1 }).format(n);
}

/**
 * The decimals of `n` as its shortest form writes them (`0.25`: 2), counting those an exponent
 * moves in (`1.5e-10`: 11) and out (`1.5e+21`: 0).
 */
function decimalsOf(n: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(n)).split('e');
  return Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent));
}

/**
 * `n` in `lang` with every digit it has (its shortest form: `0.1`, not `0.1000000000000000055`),
 * as a message repeats a value a person typed or a bound a column has: `1 234,5`, `12 000`,
 * `0,0000001`, `−1,5` in Swedish, thousands apart from four digits as every amount is (see the
 * file's comment; a year is written by {@link digits}).
 *
 * @example
 * numberAsTyped(-1.5, 'sv'); // '−1,5'
 * numberAsTyped(1250, 'sv'); // '1 250'
 * numberAsTyped(1.5e-10, 'en'); // '0.00000000015'
 */
export function numberAsTyped(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return formatter(lang, 'as-typed:0', {}).format(n);
  const decimals = decimalsOf(n);
  if (decimals > MAX_INTL_DECIMALS) return tinyAsTyped(n, lang);
  return formatter(lang, `as-typed:${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

/**
 * The most fraction digits `Intl.NumberFormat` takes on every Node Samplan supports: 20 on Node 20
 * (V8 11.3 throws a RangeError above it), 100 from Node 22.
 */
const MAX_INTL_DECIMALS = 20;

/**
 * {@link numberAsTyped} of a number with more than {@link MAX_INTL_DECIMALS} decimals (only one
 * below 1e-4 has them: a double holds at most 17 significant digits), written from its shortest
 * form: `0,` then the zeros its exponent moves in, then its digits (`5e-324`: `0,000…0005`, 324
 * decimals), with `lang`'s decimal mark and minus sign as the formatter writes them.
 */
function tinyAsTyped(n: number, lang: Lang): string {
  const [mantissa = '0', exponent = '0'] = String(Math.abs(n)).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  // `0.0000123…` (no exponent: its zeros are in `fraction`) or `1.5e-22` (one digit before the point).
  const digits = whole === '0' ? fraction : `${'0'.repeat(-Number(exponent) - whole.length)}${whole}${fraction}`;
  const parts = formatter(lang, 'as-typed:1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).formatToParts(-0.5);
  const mark = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const minus = n < 0 ? (parts.find((p) => p.type === 'minusSign')?.value ?? '-') : '';
  return `${minus}0${mark}${digits}`;
}

/**
 * A value of unknown kind as a sentence in `lang` repeats it: a number (or a bigint) by
 * {@link numberAsTyped}, a date as its day (`2026-03-01`), anything else as `String` writes it.
 * For a bound or a choice a check reports (`issue-words.ts`), whose kind the check decides.
 *
 * @example
 * valueAsTyped(12000, 'sv'); // '12 000'
 */
export function valueAsTyped(value: unknown, lang: Lang): string {
  if (typeof value === 'number') return numberAsTyped(value, lang);
  if (typeof value === 'bigint') return formatter(lang, 'as-typed:0', {}).format(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * A number that names rather than counts (a year, a day or month, a version's or a change's
 * number, a port) as its digits, never grouped or rounded: `2026`, `#12`. For the words of
 * `shared/i18n` and the other files that build words, which write an amount by
 * {@link numberText} or {@link numberAsTyped} (`tests/architecture/number-words.test.ts`).
 *
 * @example
 * digits(2026); // '2026'
 */
export function digits(n: number): string {
  return String(n);
}

/**
 * `n` as a cell of a sheet in `lang` shows it under Excel's General format, and as typed into such
 * a sheet reads back as the same number: every digit, `lang`'s decimal mark, no grouping, a
 * hyphen-minus (`-1234,5` in Swedish, `-1234.5` in English; an exponent as JavaScript writes it,
 * `1e+21`, which Excel reads too). For a value the person wrote that Samplan offers to copy back
 * into the sheet (`Problem.copyText`) and the quote of it beside: `12.5` pasted into Swedish Excel
 * is a date or text, and `12 000` or a `−` is text in either.
 *
 * @example
 * numberAsCell(-1234.5, 'sv'); // '-1234,5'
 * numberAsCell(12.5, 'en'); // '12.5'
 */
export function numberAsCell(n: number, lang: Lang): string {
  const text = String(n);
  return lang === 'sv' ? text.replace('.', ',') : text;
}

/**
 * {@link numberAsCell} in both languages, for a sentence given as `{ sv, en }` that quotes a cell's
 * number or says what to type (`"1234,5" är inte ett heltal`, `Skriv 1234`): as typed, never grouped.
 *
 * @example
 * numberAsCellWords(1234.5); // { sv: '1234,5', en: '1234.5' }
 */
export function numberAsCellWords(n: number): Localized {
  return { sv: numberAsCell(n, 'sv'), en: numberAsCell(n, 'en') };
}

/**
 * `seconds` followed by the unit, in `lang`: `0,5 s` in Swedish, `0.5 s` in English.
 *
 * @example
 * secondsText(0.001, 'sv'); // '0,001 s'
 */
export function secondsText(seconds: number, lang: Lang, decimals: Decimals = {}): string {
  return `${numberText(seconds, lang, decimals)} s`;
}

/**
 * {@link secondsText} in both languages, for a sentence given as `{ sv, en }`.
 *
 * @example
 * secondsWords(1.5); // { sv: '1,5 s', en: '1.5 s' }
 */
export function secondsWords(seconds: number, decimals: Decimals = {}): Localized {
  return { sv: secondsText(seconds, 'sv', decimals), en: secondsText(seconds, 'en', decimals) };
}

/** A word's leading and trailing punctuation, which a number in a sentence may stand between: `(0.1)`, `600.`, `"2",`, `0.5%`. */
const WRAPPED = /^([([{"'“‘«]*)(.*?)(%?[)\]}"'”’»,.;:!?]*)$/s;

/** A plain decimal number as English writes it: no leading zero but a lone one, at most one point. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Each plain decimal number written in English in `text` (`0.1`, `600`, `-2.5`) written in `lang`,
 * with as many decimals as it was written with. A number is a whole word, bar the punctuation
 * around it (`(0.1)`, `600.`); anything joined to other characters is left as written, since
 * it is no number to reformat: a date (`2025-03-01`, `1/3`), a time (`14:05`), an id or code
 * (`vc-12`, `007`, `v2`), a version (`1.2.3`), a number grouped in English (`1,000`). Here alone a
 * number of four digits keeps them together (`3600`): the text says not whether it is an amount or
 * a year (`round 2025 kv 2`), and a year is written together (Svenska skrivregler: `1985`), while
 * `3600` for `3 600` is a spelling Swedish also meets; from five the thousands are apart. For a
 * sentence of another module's English whose numbers the Swedish repeats.
 *
 * @example
 * numbersIn('from 0.1 to 600', 'sv'); // 'from 0,1 to 600'
 * numbersIn('on 2025-03-01 at 14:05, 0.5 s', 'sv'); // 'on 2025-03-01 at 14:05, 0,5 s'
 */
export function numbersIn(text: string, lang: Lang): string {
  return text.replace(/\S+/g, (word) => {
    const [, before = '', core = '', after = ''] = WRAPPED.exec(word) ?? [];
    if (!PLAIN_NUMBER.test(core)) return word;
    const decimals = core.split('.')[1]?.length ?? 0;
    const options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: 'min2' } as const;
    return `${before}${formatter(lang, `in:${decimals}`, options).format(Number(core))}${after}`;
  });
}
