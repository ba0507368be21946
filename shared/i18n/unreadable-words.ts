/**
 * The words of a round's tables for a document they could not read (`shared/rounds/unreadable.ts`):
 * a unit's reading in completeness, and the roll-up's note of the units it left out.
 */
import type { Localized } from '../schema/types.js';
import type { UnitReading, UnreadableDoc } from '../rounds/unreadable.js';
import { numberText } from './number-words.js';

/** The words of each {@link UnitReading}, as the completeness table and the pane write them. */
export const UNIT_READING_WORDS = {
  lasbar: { sv: 'läsbar', en: 'readable' },
  olasbar: { sv: 'kan inte läsas', en: 'cannot be read' },
} as const satisfies Record<UnitReading, Localized>;

/** Why a document could not be read, by its code, as the roll-up's sentence says it in brackets. */
const REASON_WORDS = {
  'document-damaged': { sv: 'den sparade historiken är skadad', en: 'its stored history is damaged' },
  'document-keyless': { sv: 'dokumentets nyckel i databasen saknas', en: "the document's key in the database is gone" },
  'document-key-changed': { sv: 'dokumentets nyckel i databasen har ändrats för hand', en: "the document's key in the database was changed by hand" },
} as const satisfies Record<NonNullable<UnreadableDoc['code']>, Localized>;

/** The reasons of `unit`'s documents in `unreadable`, each once, in their order (no code: damaged, as older servers meant). */
function reasonsOf(unit: string, unreadable: readonly UnreadableDoc[]): Localized {
  const codes = [...new Set(unreadable.filter((d) => d.ownerUnit === unit).map((d) => d.code ?? 'document-damaged'))];
  const words = (codes.length > 0 ? codes : (['document-damaged'] as const)).map((c) => REASON_WORDS[c]);
  return { sv: words.map((w) => w.sv).join(' och '), en: words.map((w) => w.en).join(' and ') };
}

/** `names` as a list in running text: `A`, `A och B`, `A, B och C` (`and` in English). */
function listed(names: readonly string[], and: string): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1] ?? ''}`;
}

/**
 * How many unreadable documents the units left out hold, as the sentence says it, agreeing in
 * number with the units and the documents: one unit's one (`ett av dess dokument går inte att
 * läsa`), one unit's several (`2 av dess dokument går inte att läsa`), several units' one each
 * (`vardera har ett dokument som inte går att läsa`), several units' more than one each.
 */
function documentsWords(units: readonly string[], unreadable: readonly UnreadableDoc[]): Localized {
  // A unit is left out for a document of its own that cannot be read, so it counts one at least.
  const total = units.reduce((n, u) => n + Math.max(1, unreadable.filter((d) => d.ownerUnit === u).length), 0);
  if (units.length === 1) {
    return total === 1
      ? { sv: 'ett av dess dokument går inte att läsa', en: 'one of its documents cannot be read' }
      : { sv: `${numberText(total, 'sv')} av dess dokument går inte att läsa`, en: `${numberText(total, 'en')} of its documents cannot be read` };
  }
  return total === units.length
    ? { sv: 'vardera har ett dokument som inte går att läsa', en: 'each has a document that cannot be read' }
    : { sv: `${numberText(total, 'sv')} av deras dokument går inte att läsa`, en: `${numberText(total, 'en')} of their documents cannot be read` };
}

/**
 * What a roll-up says of the units it left out because a document of theirs could not be read
 * (`names`: unit code → name; a code without one is written as it is), or null when none was. The
 * reason in brackets is each unit's own, by the codes of its documents in `unreadable`: a history
 * that is damaged, a key that is gone, a key changed by hand; when the units' reasons differ, each
 * unit is named with its reason. The words agree with how many units and documents they are of.
 *
 * @example
 * leftOutWords(['vc-b'], new Map([['vc-b', 'Vårdcentral B']]), [{ doc: 'plan-b', kind: 'activity-plan', ownerUnit: 'vc-b', title: 'Plan', code: 'document-damaged', message }])?.sv
 * // 'Vårdcentral B är utelämnad: ett av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.'
 */
export function leftOutWords(units: readonly string[], names: ReadonlyMap<string, string>, unreadable: readonly UnreadableDoc[]): Localized | null {
  if (units.length === 0) return null;
  const nameOf = (u: string): string => names.get(u) ?? u;
  const one = units.length === 1;
  const reasons = units.map((u) => reasonsOf(u, unreadable));
  const same = reasons.every((r) => r.sv === reasons[0]?.sv);
  const why: Localized = same
    ? (reasons[0] as Localized)
    : { sv: units.map((u, i) => `${nameOf(u)}: ${reasons[i]?.sv}`).join('; '), en: units.map((u, i) => `${nameOf(u)}: ${reasons[i]?.en}`).join('; ') };
  const documents = documentsWords(units, unreadable);
  return {
    sv: `${listed(units.map(nameOf), 'och')} ${one ? 'är utelämnad' : 'är utelämnade'}: ${documents.sv} (${why.sv}), så summorna för hela länet är utan ${one ? 'den' : 'dem'}.`,
    en: `${listed(units.map(nameOf), 'and')} ${one ? 'is' : 'are'} left out: ${documents.en} (${why.en}), so the county's sums are without ${one ? 'it' : 'them'}.`,
  };
}
