/**
 * `text` as every store and peer keeps it: a lone UTF-16 surrogate (a `\ud800` escape in a JSON
 * body, an OpenID claim, a cell value typed or pasted in Excel) comes back from each as U+FFFD —
 * better-sqlite3 writes its three bytes, read back as three U+FFFD; Yjs' and PostgreSQL's UTF-8
 * encoders write one; pino writes the escape itself. So a text is judged as what it becomes:
 * `850101\ud8001236` as `850101\ufffd1236`, which the personnummer guard reads as a number with a
 * mark between its parts.
 *
 * Same length as `text` (each lone surrogate replaced by one U+FFFD), so every index and span found
 * in the result holds in `text`; `text` itself when it is well formed (one regular-expression test).
 * `String.prototype.toWellFormed` does the same but is ES2024, later than the pane's webviews.
 *
 * @example
 * asWellFormed('850101\ud8001236'); // '850101\ufffd1236'
 */
export function asWellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE_ALL, '\ufffd') : text;
}

/** A high surrogate without its low one, or a low one without its high one. */
const LONE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LONE_SURROGATE = new RegExp(LONE);
const LONE_SURROGATE_ALL = new RegExp(LONE, 'g');
