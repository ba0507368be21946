/**
 * The language `samplan` says a command's refusal or failure in, and an error's sentence in it.
 * Errors Samplan raises for people carry their sentence in both languages (`message` English,
 * the Swedish beside it: a `sv` field, `localized`, `words`, or an API error's
 * `details.message`); every command's last line on stderr is the one of the language chosen here.
 * Loads nothing but `node:util`, so that a mistake on the command line is said in it too.
 */
import { parseArgs } from 'node:util';
import type { Localized } from '../shared/schema/types.js';

/** A language the CLI speaks. */
export type CliLang = 'sv' | 'en';

/**
 * The language of the CLI's failure lines: `--lang sv|en` when the command line's last `--lang`
 * is one of them (a `--lang` of another value is an argument mistake the command reports);
 * else Swedish when the locale is (the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts with
 * `sv`, as `sv_SE.UTF-8` does); else English.
 *
 * @example
 * cliLang(['token', 'list', '--lang', 'sv'], {}); // 'sv'
 * cliLang(['token', 'list'], { LANG: 'sv_SE.UTF-8' }); // 'sv'
 * cliLang(['token', 'list'], { LANG: 'C.UTF-8' }); // 'en'
 */
export function cliLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliLang {
  const { tokens } = parseArgs({ args: [...argv], options: { lang: { type: 'string' } }, allowPositionals: true, strict: false, tokens: true });
  // The last --lang, as the command's own parse takes it (`parseArgs` keeps an option's last value):
  // the first would say failures in one language and import's lines in the other.
  const given = tokens.findLast((t) => t.kind === 'option' && t.name === 'lang');
  const value = given?.kind === 'option' ? given.value : undefined;
  if (value === 'sv' || value === 'en') return value;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^sv([_.@-]|$)/i.test(locale) ? 'sv' : 'en';
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
