/**
 * Every word catalogue of the project, walked: each text's placeholders are well formed, the
 * English text of a key has the Swedish one's placeholders, and the catalogue's look-up fills
 * them all or refuses a missing one. That the callers supply each Swedish text's placeholders is
 * the compiler's part: the look-ups type their values by the key (`shared/i18n/placeholders.ts`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aword } from '../../../addin/taskpane/adopt-strings.js';
import { astr } from '../../../addin/taskpane/account-strings.js';
import { eword } from '../../../addin/taskpane/explorer-strings.js';
import { hword } from '../../../addin/taskpane/history-strings.js';
import { pstr } from '../../../addin/taskpane/plan-strings.js';
import { refusedWord } from '../../../addin/taskpane/refused-changes-strings.js';
import { lstr } from '../../../addin/taskpane/rollup-strings.js';
import { fstr } from '../../../addin/taskpane/round-form-strings.js';
import { rstr } from '../../../addin/taskpane/rounds-strings.js';
import { str } from '../../../addin/taskpane/strings.js';
import { cword } from '../../../shared/i18n/comment-messages.js';
import { fileImportWords } from '../../../shared/i18n/file-import-words.js';
import { importProgressWords } from '../../../shared/i18n/import-progress-words.js';
import { MESSAGES } from '../../../shared/i18n/messages.js';
import { PERIOD_REFUSALS } from '../../../shared/i18n/period-refusals.js';
import { refusalSentence } from '../../../shared/i18n/refusal-words.js';
import { MissingPlaceholderError, PLACEHOLDER, placeholderNames } from '../../../shared/i18n/placeholders.js';
import { roundMessage, ROUND_MESSAGES, ROUND_WHO } from '../../../shared/i18n/round-messages.js';
import { fillLocalized, localized, type Lang } from '../../../shared/i18n/t.js';

type Texts = { readonly sv: Readonly<Record<string, string>>; readonly en: Readonly<Record<string, string>> };
/** A look-up as the walk calls it: any key, any values (the compiler checks the real callers). */
type LooseLookup = (key: string, lang: Lang, values?: Readonly<Record<string, string>>) => string;

const LOOKUPS = { aword, astr, eword, hword, pstr, refusedWord, lstr, fstr, rstr, str, cword, fileImportWords, importProgressWords, refusalSentence };

/** The two-language tables that are filled by `localized`, `fillLocalized` and `roundMessage`. */
const PAIRS = { MESSAGES, PERIOD_REFUSALS, ROUND_MESSAGES, ROUND_WHO } as const;

/** Each catalogue as its Swedish and English texts by key. */
const CATALOGUES: [string, Texts][] = [
  ...Object.entries(LOOKUPS).map(([name, lookUp]): [string, Texts] => [name, lookUp.texts as Texts]),
  ...Object.entries(PAIRS).map(([name, table]): [string, Texts] => {
    const entries = Object.entries(table as Readonly<Record<string, { sv: string; en: string }>>);
    return [name, { sv: Object.fromEntries(entries.map(([k, w]) => [k, w.sv])), en: Object.fromEntries(entries.map(([k, w]) => [k, w.en])) }];
  }),
];

/** The braces of `text` that are not part of a `{name}` placeholder. */
const strayBraces = (text: string): string[] => text.replace(PLACEHOLDER, '').match(/[{}]/g) ?? [];

/** A value for each of `names`, each its own name in brackets, so the filled text shows which went where. */
const valuesFor = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, `<${n}>`]));

describe('every message catalogue', () => {
  it('is walked: every look-up the pane and the shared code make is here, and each has words', () => {
    const files = execFileSync('git', ['ls-files', 'addin/*.ts', 'shared/*.ts'], { encoding: 'utf8' }).trim().split('\n');
    const made = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/export const (\w+) = (?:messageLookup|wordLookup)\b/g)].map((m) => m[1]));
    expect(made.sort()).toEqual(Object.keys(LOOKUPS).sort());
    for (const [name, texts] of CATALOGUES) expect(Object.keys(texts.sv).length, name).toBeGreaterThan(0);
  });

  it.each(CATALOGUES)('%s: every placeholder is a {name}, and English uses exactly the Swedish ones', (_name, texts) => {
    for (const [key, sv] of Object.entries(texts.sv)) {
      const en = texts.en[key]!;
      expect([strayBraces(sv), strayBraces(en)], key).toEqual([[], []]);
      expect(placeholderNames(en).sort(), key).toEqual(placeholderNames(sv).sort());
    }
  });
});

describe.each(Object.entries(LOOKUPS))('the look-up %s', (_name, lookUp) => {
  const call = lookUp as unknown as LooseLookup;
  const texts = lookUp.texts as Texts;

  it('fills every placeholder of every key in both languages', () => {
    for (const [key, sv] of Object.entries(texts.sv)) {
      for (const lang of ['sv', 'en'] as const) {
        const filled = call(key, lang, valuesFor(placeholderNames(sv)));
        expect(filled, key).not.toMatch(PLACEHOLDER);
        for (const n of placeholderNames(sv)) expect(filled, key).toContain(`<${n}>`);
      }
    }
  });

  it('refuses each placeholder left without a value', () => {
    for (const [key, sv] of Object.entries(texts.sv)) {
      for (const missing of placeholderNames(sv)) {
        const values = valuesFor(placeholderNames(sv).filter((n) => n !== missing));
        expect(() => call(key, 'sv', values), `${key} without {${missing}}`).toThrow(new MissingPlaceholderError(missing, sv));
      }
    }
  });
});

describe('the two-language fillers', () => {
  it('refuse each placeholder of a message left without a value', () => {
    const fillers: [string, (key: string, values: Record<string, string>) => unknown][] = [
      // Values left out on purpose, past the compiler's check of them (MessageValues).
      ['MESSAGES', (key, values) => localized(key as keyof typeof MESSAGES, values as never)],
      ['PERIOD_REFUSALS', (key, values) => fillLocalized(PERIOD_REFUSALS[key as keyof typeof PERIOD_REFUSALS], values)],
      ['ROUND_MESSAGES', (key, values) => (roundMessage as (key: string, values: Record<string, string>) => unknown)(key, values)],
    ];
    for (const [name, fill] of fillers) {
      const [, texts] = CATALOGUES.find(([n]) => n === name)!;
      for (const [key, sv] of Object.entries(texts.sv)) {
        const names = placeholderNames(sv);
        expect(fill(key, valuesFor(names)), key).toEqual({ sv: expect.not.stringMatching(PLACEHOLDER), en: expect.not.stringMatching(PLACEHOLDER) });
        for (const missing of names) expect(() => fill(key, valuesFor(names.filter((n) => n !== missing))), `${key} without {${missing}}`).toThrow(MissingPlaceholderError);
      }
    }
  });
});
