/**
 * Request bodies that refuse a key they do not know instead of dropping it: `{"days": 3}` for
 * `expiresInDays` made a token that never expires, answered 200, because `z.object` strips unknown
 * keys without a word. {@link strictBody} is `z.strictObject` with words that name the key and, for
 * a near miss, the known key meant (`"days"` → `"expiresInDays"`); the OpenAPI description says
 * `additionalProperties: false`.
 */
import { z } from 'zod';
import type { Localized } from '../schema/types.js';

/** Levenshtein distance of `a` and `b`, stopping early past `limit` (returns `limit + 1`). */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known key `unknown` most likely stands for, or null: the same key in other case or with
 * `_`/`-` (`owner_unit`), one within two edits (`titel`), or one that holds it as a word of three
 * letters or more (`days` in `expiresInDays`).
 *
 * @example
 * nearKey('days', ['memberId', 'label', 'expiresInDays']); // 'expiresInDays'
 */
export function nearKey(unknown: string, known: readonly string[]): string | null {
  const plain = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
  const u = plain(unknown);
  let best: { key: string; score: number } | null = null;
  for (const key of known) {
    const k = plain(key);
    const score = k === u ? 0 : distance(u, k, 2) <= 2 ? distance(u, k, 2) : u.length >= 3 && (k.includes(u) || u.includes(k)) ? 3 : null;
    if (score !== null && (best === null || score < best.score || (score === best.score && key.length > best.key.length))) best = { key, score };
  }
  return best?.key ?? null;
}

/** The words after the field path (or `body`) for unknown `keys` of an object that knows `known`. */
export function unknownKeyWords(keys: readonly string[], known: readonly string[]): Localized {
  const list = keys.map((k) => `"${k}"`).join(', ');
  const near = keys.length === 1 ? nearKey(keys[0]!, known) : null;
  const knownList = known.map((k) => `"${k}"`).join(', ');
  const en = `has ${keys.length === 1 ? 'a field' : 'fields'} this request does not take: ${list}`;
  const sv = `har ${keys.length === 1 ? 'ett fält' : 'fält'} som förfrågan inte tar: ${list}`;
  return near
    ? { en: `${en}; did you mean "${near}"?`, sv: `${sv}; menade du "${near}"?` }
    : { en: `${en} (it takes ${knownList})`, sv: `${sv} (den tar ${knownList})` };
}

/**
 * The Swedish words of an `unrecognized_keys` issue made by {@link strictBody}, read back from its
 * English message (the error map of zod keeps no other data with an issue); null for another issue.
 */
export function unknownKeySwedish(issue: { code?: string; message: string }): string | null {
  if (issue.code !== 'unrecognized_keys') return null;
  const m = /^has (a field|fields) this request does not take: (.*?)(?:; did you mean "([^"]*)"\?| \(it takes (.*)\))$/.exec(issue.message);
  if (!m) return null;
  const sv = `har ${m[1] === 'a field' ? 'ett fält' : 'fält'} som förfrågan inte tar: ${m[2]}`;
  return m[3] !== undefined ? `${sv}; menade du "${m[3]}"?` : `${sv} (den tar ${m[4] ?? ''})`;
}

/**
 * `z.strictObject(shape)` whose refusal of an unknown key names it and a near miss (see
 * {@link unknownKeyWords}); `validationHook` (`server/http/errors.ts`) gives the Swedish sentence
 * through {@link unknownKeySwedish}.
 *
 * @example
 * strictBody({ title: z.string() }).safeParse({ titel: 'x' }); // issue: has a field this request does not take: "titel"; did you mean "title"?
 */
export function strictBody<S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      return unknownKeyWords(iss.keys, known).en;
    },
  });
}
