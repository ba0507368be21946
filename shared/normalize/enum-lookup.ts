/** Matching typed enum values to stored ones, precomputed once per column, and the hint when nothing matches. */
import type { ColumnDef, Localized } from '../schema/types.js';
import { editDistance, orList } from './ref-lookup.js';

/**
 * Text as compared with a choice: NFC, trimmed, runs of whitespace as one space, no space around
 * a slash ("Promenadgrupp / Gågrupp"), lower case by Swedish rules.
 */
export function choiceKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').replace(/ ?\/ ?/g, '/').toLocaleLowerCase('sv');
}

const cache = new WeakMap<ColumnDef, ReadonlyMap<string, string>>();

/**
 * The stored value for `text` in an enum column: the stored value, a Swedish label or an English
 * label, any case and spacing ({@link choiceKey}); else one part of a label that names several
 * things with slashes ("Gågrupp" of "Promenadgrupp/Gågrupp", "Kyrka" of "Kyrka/moské/trossamfund")
 * when no other choice of the column has that part. Undefined when nothing matches.
 */
export function matchOption(column: ColumnDef, text: string): string | undefined {
  let lookup = cache.get(column);
  if (!lookup) {
    const map = new Map<string, string>();
    // Later entries must not shadow earlier ones: stored values win over labels, labels over parts.
    const add = (key: string, value: string) => {
      const k = choiceKey(key);
      if (k !== '' && !map.has(k)) map.set(k, value);
    };
    const options = column.options ?? [];
    for (const o of options) add(o.value, o.value);
    for (const o of options) add(o.label.sv, o.value);
    for (const o of options) add(o.label.en, o.value);
    const parts = new Map<string, Set<string>>();
    for (const o of options) {
      for (const label of [o.label.sv, o.label.en]) {
        const split = choiceKey(label).split('/');
        if (split.length < 2) continue;
        for (const part of split) if (part.length >= 3) parts.set(part, (parts.get(part) ?? new Set()).add(o.value));
      }
    }
    for (const [part, values] of parts) if (values.size === 1) add(part, [...values][0]!);
    lookup = map;
    cache.set(column, lookup);
  }
  return lookup.get(choiceKey(text));
}

/**
 * What to say after `"…" is not one of the choices`, in both languages: the closest labels
 * ("Menade du "Vårdcentralen"?"); else, for a short list, every label ("Välj bland "Planerad",
 * "Pågående", "Genomförd" eller "Inställd"."), as an import has no dropdown to show them; else
 * "Välj ett värde ur listan."
 */
export function choiceHint(column: ColumnDef, text: string): Localized {
  const options = column.options ?? [];
  const key = choiceKey(text);
  // Closer than for names of units: a choice list is short, and a wrong guess ("Klar" → "Planerad") misleads.
  const limit = Math.max(1, Math.floor(key.length / 4));
  const scored = key === ''
    ? []
    : options
        .map((o) => {
          const score = Math.min(
            ...[o.label.sv, o.label.en].map((label) => {
              const name = choiceKey(label);
              return name.includes(key) && key.length >= 3 ? 0 : Math.min(editDistance(key, name), editDistance(key, name.slice(0, key.length)));
            }),
          );
          return { o, score };
        })
        .filter((s) => s.score <= limit)
        .sort((a, b) => a.score - b.score)
        .slice(0, 3)
        .map((s) => s.o);
  const say = (lang: 'sv' | 'en', chosen: typeof options) => orList(chosen.map((o) => o.label[lang]), lang);
  if (scored.length > 0) return { sv: `Menade du ${say('sv', scored)}?`, en: `Did you mean ${say('en', scored)}?` };
  if (options.length > 0 && options.length <= 12) return { sv: `Välj bland ${say('sv', options)}.`, en: `Choose from ${say('en', options)}.` };
  return PICK_FROM_LIST;
}

/** The hint of a value that is not one of its column's choices when no better one is known. */
export const PICK_FROM_LIST: Localized = { sv: 'Välj ett värde ur listan.', en: 'Pick a value from the list.' };
