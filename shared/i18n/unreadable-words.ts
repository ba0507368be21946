/**
 * The words of a round's tables for a document they could not read (`shared/rounds/unreadable.ts`):
 * a unit's reading in completeness, and the roll-up's note of the units it left out.
 */
import type { Localized } from '../schema/types.js';
import type { UnitReading } from '../rounds/unreadable.js';

/** The words of each {@link UnitReading}, as the completeness table and the pane write them. */
export const UNIT_READING_WORDS = {
  lasbar: { sv: 'läsbar', en: 'readable' },
  olasbar: { sv: 'kan inte läsas', en: 'cannot be read' },
} as const satisfies Record<UnitReading, Localized>;

/**
 * What a roll-up says of the units it left out because a document of theirs could not be read
 * (`names`: unit code → name; a code without one is written as it is), or null when none was.
 *
 * @example
 * leftOutWords(['vc-b'], new Map([['vc-b', 'Vårdcentral B']]))?.sv
 * // 'Vårdcentral B är utelämnad: ett av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.'
 */
export function leftOutWords(units: readonly string[], names: ReadonlyMap<string, string>): Localized | null {
  if (units.length === 0) return null;
  const list = units.map((u) => names.get(u) ?? u).join(', ');
  const one = units.length === 1;
  return {
    sv: `${list} ${one ? 'är utelämnad' : 'är utelämnade'}: ${one ? 'ett av dess dokument' : 'ett av deras dokument'} går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan ${one ? 'den' : 'dem'}.`,
    en: `${list} ${one ? 'is' : 'are'} left out: one of ${one ? 'its' : 'their'} documents cannot be read (its stored history is damaged), so the county's sums are without ${one ? 'it' : 'them'}.`,
  };
}
