/**
 * The arguments of `=SAMPLAN.INDICATOR(...)` and `=SAMPLAN.TARGET(...)` as a person writes them,
 * or as the sheet's cells show them: an indicator or a unit by id or by name (any case and
 * spacing, as `shared/normalize/ref-lookup.ts` compares), a period as its code or in words
 * ("2025 kv 1", "Q1 2025", "mars 2025": `readPeriod`; a refusal says why, `periodOrWords`) or a
 * date cell on a month's first day (`mar-25`), kön as T/K/M or in words.
 */
import { KON_OPTIONS } from '../../shared/schema/kinds/indicator-values.js';
import { periodSerialDate } from '../../shared/normalize/excel-date.js';
import { periodOrWords } from '../../shared/normalize/period-refusal.js';
import { refKey, refLookup, type RefEntry } from '../../shared/normalize/ref-lookup.js';

/** An argument read: the id or code it names, or a sentence (Swedish, as the cell shows it) saying why not. */
export type Resolved = { id: string } | { problem: string };

/** A list whose names and ids an argument may give; see {@link nameResolver}. */
export type NameResolver = (text: string) => Resolved;

/** "A", "A eller B", "A, B eller C" with each name quoted. */
function orList(names: readonly string[]): string {
  return new Intl.ListFormat('sv-SE', { type: 'disjunction' }).format(names.map((n) => `"${n}"`));
}

/**
 * Reads an argument against `entries` (what: "indikator", "enhet", for the sentences). An id
 * (any case) wins; else a name (any case and spacing) that exactly one id carries. A name two
 * ids carry is ambiguous ("Namnet … finns för flera enheter: a, b. Ange id i stället."); text
 * that is neither gets the closest names ("Okänd enhet "Tensta vc". Menade du …?").
 *
 * @example
 * nameResolver([{ id: 'vc-tensta', name: 'Tensta vårdcentral' }], 'enhet')('TENSTA vårdcentral') // { id: 'vc-tensta' }
 */
export function nameResolver(entries: readonly RefEntry[], what: string): NameResolver {
  const ids = new Map<string, string>();
  const byName = new Map<string, Set<string>>();
  for (const e of entries) {
    if (!ids.has(refKey(e.id))) ids.set(refKey(e.id), e.id);
    const key = refKey(e.name);
    byName.set(key, (byName.get(key) ?? new Set()).add(e.id));
  }
  const lookup = refLookup(entries);
  return (text) => {
    const key = refKey(text);
    if (key === '') return { problem: `Ange ${what}` };
    const id = ids.get(key);
    if (id !== undefined) return { id };
    const named = [...(byName.get(key) ?? [])];
    if (named.length === 1) return { id: named[0] as string };
    if (named.length > 1) return { problem: `Namnet "${text.trim()}" finns för flera: ${named.join(', ')}. Ange ${what}ens id i stället.` };
    const closest = lookup.closest(text);
    const hint = closest.length > 0 ? ` Menade du ${orList(closest)}?` : '';
    return { problem: `Okänd ${what} "${text.trim()}".${hint}` };
  };
}

/**
 * A period argument as its stored code: "2025 kv 1" and "2025Q1" give `2025Q1`; a number 2025
 * gives `2025`; a date cell (its serial: Excel hands a formula the cell's number, or its digits to
 * a text parameter; `periodSerialDate`) on a month's first day gives that
 * month (`mar-25` → `202503`), as a period cell of a document reads it. A date on another day, a
 * week or a season is refused in the words every door gives (`periodOrWords`), never rounded.
 */
export function resolvePeriod(given: string | number): Resolved {
  const text = periodSerialDate(given) ?? String(given).trim();
  const read = periodOrWords(text);
  if ('code' in read) return { id: read.code };
  // A day, a slashed date read two ways, a week or a season is told as what it is.
  if (read.refusal.code !== 'not-period') return { problem: read.words.sv };
  return { problem: `Perioden "${text}" går inte att läsa. Skriv t.ex. 2025, 2025 kv 1 eller mars 2025.` };
}

/** A kön argument: empty gives T; T, K, M or Totalt, Kvinnor, Män (also in English), any case. */
export function resolveKon(text: string | null | undefined): Resolved {
  const key = refKey(text ?? '');
  if (key === '') return { id: 'T' };
  const hit = KON_OPTIONS.find((o) => refKey(o.value) === key || refKey(o.label.sv) === key || refKey(o.label.en) === key);
  return hit ? { id: hit.value } : { problem: 'Kön ska vara T, K eller M' };
}
