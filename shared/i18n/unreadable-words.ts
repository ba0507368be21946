/**
 * The words of a round's tables for a document they could not read (`shared/rounds/unreadable.ts`):
 * a unit's reading in completeness, and the roll-up's note of the units it left out.
 */
import type { Localized } from '../schema/types.js';
import type { UnitReading, UnreadableDoc } from '../rounds/unreadable.js';

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

/**
 * What a roll-up says of the units it left out because a document of theirs could not be read
 * (`names`: unit code → name; a code without one is written as it is), or null when none was. The
 * reason in brackets is each unit's own, by the codes of its documents in `unreadable`: a history
 * that is damaged, a key that is gone, a key changed by hand; when the units' reasons differ, each
 * unit is named with its reason.
 *
 * @example
 * leftOutWords(['vc-b'], new Map([['vc-b', 'Vårdcentral B']]), [{ doc: 'plan-b', kind: 'activity-plan', ownerUnit: 'vc-b', title: 'Plan', code: 'document-damaged', message }])?.sv
 * // 'Vårdcentral B är utelämnad: ett av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.'
 */
export function leftOutWords(units: readonly string[], names: ReadonlyMap<string, string>, unreadable: readonly UnreadableDoc[]): Localized | null {
  if (units.length === 0) return null;
  const nameOf = (u: string): string => names.get(u) ?? u;
  const list = units.map(nameOf).join(', ');
  const one = units.length === 1;
  const reasons = units.map((u) => reasonsOf(u, unreadable));
  const same = reasons.every((r) => r.sv === reasons[0]?.sv);
  const why: Localized = same
    ? (reasons[0] as Localized)
    : { sv: units.map((u, i) => `${nameOf(u)}: ${reasons[i]?.sv}`).join('; '), en: units.map((u, i) => `${nameOf(u)}: ${reasons[i]?.en}`).join('; ') };
  return {
    sv: `${list} ${one ? 'är utelämnad' : 'är utelämnade'}: ${one ? 'ett av dess dokument' : 'ett av deras dokument'} går inte att läsa (${why.sv}), så summorna för hela länet är utan ${one ? 'den' : 'dem'}.`,
    en: `${list} ${one ? 'is' : 'are'} left out: one of ${one ? 'its' : 'their'} documents cannot be read (${why.en}), so the county's sums are without ${one ? 'it' : 'them'}.`,
  };
}
