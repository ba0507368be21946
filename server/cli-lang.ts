/**
 * The language `samplan` speaks in, and an error's sentence in it.
 * Errors Samplan raises for people carry their sentence in both languages (`message` English,
 * the Swedish beside it: a `sv` field, `localized`, `words`, or an API error's
 * `details.message`); every line a command prints for a person, and its last line on stderr, is
 * in the language chosen here ({@link messageLang}, the one rule).
 * Loads nothing but `node:util`, so that a mistake on the command line is said in it too.
 */
import { parseArgs } from 'node:util';
import type { Localized } from '../shared/schema/types.js';

/** A language the CLI speaks. */
export type CliLang = 'sv' | 'en';

/**
 * The one rule for the language `samplan` speaks in, every line of every command and every
 * refusal or failure: `given` (`--lang`) when it is sv or en; else the locale, the first set of
 * `LC_ALL`, `LC_MESSAGES`, `LANG`, when it starts with `sv` (`sv_SE.UTF-8`) or `en` (`en_GB`);
 * else Swedish, the language of the coordinators the lines are for: a server's `C.UTF-8` or
 * `POSIX`, or no locale at all, says nothing of its reader's language.
 *
 * @example
 * messageLang(undefined, { LANG: 'en_US.UTF-8' }); // 'en'
 * messageLang(undefined, { LANG: 'C.UTF-8' }); // 'sv'
 * messageLang('en', { LANG: 'sv_SE.UTF-8' }); // 'en'
 */
export function messageLang(given: string | undefined, env: Readonly<Record<string, string | undefined>>): CliLang {
  if (given === 'sv' || given === 'en') return given;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^en([_.@-]|$)/i.test(locale) ? 'en' : 'sv';
}

/**
 * The language of the CLI's lines and failures ({@link messageLang}) for the command line `argv`:
 * its last `--lang` (a `--lang` of another value is an argument mistake the command reports, in
 * the locale's language).
 *
 * @example
 * cliLang(['token', 'list', '--lang', 'sv'], {}); // 'sv'
 * cliLang(['token', 'list'], { LANG: 'en_GB.UTF-8' }); // 'en'
 * cliLang(['token', 'list'], { LANG: 'C.UTF-8' }); // 'sv'
 */
export function cliLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliLang {
  const { tokens } = parseArgs({ args: [...argv], options: { lang: { type: 'string' } }, allowPositionals: true, strict: false, tokens: true });
  // The last --lang, as the command's own parse takes it (`parseArgs` keeps an option's last value):
  // the first would say failures in one language and import's lines in the other.
  const given = tokens.findLast((t) => t.kind === 'option' && t.name === 'lang');
  return messageLang(given?.kind === 'option' ? given.value : undefined, env);
}

/**
 * The same text in both languages: what holds no words to translate (a command line, a name, a
 * driver's or the system's own words, quoted as they are).
 *
 * @example both('samplan backup <fil>'); // { sv: 'samplan backup <fil>', en: 'samplan backup <fil>' }
 */
export function both(text: string): Localized {
  return { sv: text, en: text };
}

/** A line in both languages, said in `lang`: `say(lang)({ sv: '…', en: '…' })`. */
export function say(lang: CliLang): (words: Localized) => string {
  return (words) => words[lang];
}

/** `value` when it is a sentence in both languages. */
function localized(value: unknown): Localized | null {
  const v = value as { sv?: unknown; en?: unknown } | null | undefined;
  return typeof v?.sv === 'string' && typeof v.en === 'string' ? { sv: v.sv, en: v.en } : null;
}

/**
 * The sentence of `err` in `lang`: its Swedish when `lang` is sv and it carries one (a `sv`
 * field beside its English `message`, `localized` or `words` in both languages, an API error's
 * `details.message`); otherwise its `message` (the English, or the one language it has).
 */
export function sentenceOf(err: unknown, lang: CliLang): string {
  const e = err as { message?: unknown; sv?: unknown; localized?: unknown; words?: unknown; details?: { message?: unknown } | null } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const both = localized(e?.localized) ?? localized(e?.words) ?? localized(e?.details?.message) ?? (typeof e?.sv === 'string' ? { sv: e.sv, en: message } : null);
  return both ? both[lang] : message;
}
