/**
 * The maturity scale 1–4 of seed 002: "Prövas och införs hälsofrämjande och förebyggande
 * angreppssätt i större skala i länet?"
 */
import type { ColumnOption } from '../schema/types.js';

/** The four levels; the stored value is the level's digit. */
export const MATURITY_LEVELS = [
  { value: '1', label: { sv: '1 Planering pågår', en: '1 Planning under way' } },
  { value: '2', label: { sv: '2 Förändrade angreppssätt prövas', en: '2 New approaches are being tried' } },
  {
    value: '3',
    label: {
      sv: '3 Förändrade angreppssätt visar på förbättringar och införs i större skala',
      en: '3 New approaches show improvements and are introduced at larger scale',
    },
  },
  {
    value: '4',
    label: {
      sv: '4 Förbättrade angreppssätt prövas i större skala och införs som en del av länets ordinarie samverkansarbete',
      en: "4 Improved approaches are tried at larger scale and become part of the county's regular collaboration",
    },
  },
] as const satisfies readonly ColumnOption[];
