/**
 * The language of the sentence an HTTP answer says (an error body's `message`), from the request's
 * `Accept-Language`: of the two languages of `shared/i18n` (`Lang`), the one the client asks for.
 */
import { DEFAULT_LANG, type Lang } from '../../shared/i18n/t.js';

/** One language range of the header with its weight: `sv-SE`, `en;q=0.8`, `*;q=0.1` (RFC 9110 §12.4.2, §12.5.4). */
const RANGE = /^([a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)(?:\s*;\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/i;

/** Longer than any header a client sends for its languages: past it the rest is not read. */
const MOST_CHARS = 1000;

/** The language Samplan speaks for a range: sv or en of any region, `*` Swedish (`DEFAULT_LANG`), null for another. */
function langOfRange(range: string): Lang | null {
  if (range === '*') return DEFAULT_LANG;
  const primary = range.toLowerCase().split('-')[0];
  return primary === 'sv' || primary === 'en' ? primary : null;
}

/**
 * The language a request whose `Accept-Language` is `header` asks for: of Swedish and English (any
 * region: `sv-SE`, `en-GB`), the one the client weighs highest (`q`, 1 when not given; of equal
 * weights the first listed), `*` counting as Swedish, a range weighted `q=0` never chosen; a range
 * that is no language tag is passed over, and only the first thousand characters are read. Null
 * when the header is missing, names neither or cannot be read: the caller's default then.
 *
 * @example
 * acceptedLang('sv-SE,sv;q=0.9,en;q=0.8'); // 'sv'
 * acceptedLang('fr-FR, en;q=0.5'); // 'en'
 * acceptedLang(undefined); // null
 * acceptedLang('!!'); // null
 */
export function acceptedLang(header: string | null | undefined): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.slice(0, MOST_CHARS).split(',')) {
    const m = RANGE.exec(part.trim());
    if (!m?.[1]) continue;
    const lang = langOfRange(m[1]);
    const q = m[2] === undefined ? 1 : Number(m[2]);
    if (lang !== null && q > 0 && (best === null || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? null;
}
